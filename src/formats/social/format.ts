/**
 * The `social` format: for each audience, `social.json`, `social.md` and
 * `social.csv` with a post per finding and platform.
 *
 * Posts are composed while planning (it is quick text work, and so `check`
 * and every build see the same warnings); the job only hands over the files.
 */
import type { Format, FormatContext, OutputFile, RenderJob, TemplateRenderer } from '../types.js'
import type { FindingView, Pack } from '../../tailor/view.js'
import { PART_KINDS, type PartKind, type PostParts } from './compose.js'
import { formatOptionsOf, labelsOf, projectContext } from './context.js'
import { socialLabels } from './labels.js'
import { socialOptionsSchema, type SocialOptions } from './options.js'
import { socialCsv, socialJson, socialMarkdown } from './outputs.js'
import { composeSocial, type PlatformLayout } from './pack.js'
import { platformOverridesSchema, resolvePlatforms, type PlatformId, type PlatformOverrides } from './platforms.js'

export const socialFormat: Format = {
  id: 'social',
  async planPack(pack, context) {
    const audience = pack.audience
    const raw = formatOptionsOf(context, 'social', audience.id)
    if (raw === undefined) return []
    const parsed = socialOptionsSchema.safeParse(raw)
    if (!parsed.success) {
      context.report({
        severity: 'error',
        ruleId: 'invalid-options',
        message: `\`formats.social\` of \`${audience.id}\`: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`,
        file: audience.file,
      })
      return []
    }
    const options: SocialOptions = parsed.data
    const project = projectContext(context)
    const overrides = platformOverrides(project.social?.platforms, context)
    const card = formatOptionsOf(context, 'card', audience.id)

    let composed: Awaited<ReturnType<typeof composeSocial>>
    try {
      composed = await composeSocial(pack, {
        options,
        rules: resolvePlatforms(overrides),
        baseUrl: context.site.baseUrl,
        campaign: project.social?.utm_campaign,
        cards: card === undefined ? false : { square: card.square === true },
        labels: labelsOf(context.templates, pack.lang),
        layout: (platform) => templateLayout(context.templates, platform, pack),
      })
    } catch (error) {
      // A broken platform template is a problem at the template's place, not a crash of the build.
      const place = error as { file?: unknown; line?: unknown; column?: unknown; reason?: unknown; ruleId?: unknown }
      if (typeof place.file !== 'string') throw error
      context.report({
        severity: 'error',
        ruleId: typeof place.ruleId === 'string' ? place.ruleId : 'template',
        message: `Social posts of \`${audience.id}\`: ${typeof place.reason === 'string' ? place.reason : (error as Error).message}`,
        file: place.file,
        line: typeof place.line === 'number' ? place.line : undefined,
        column: typeof place.column === 'number' ? place.column : undefined,
      })
      return []
    }
    const { file, platforms, messages } = composed
    for (const message of messages) context.report(message)

    const titles = new Map(pack.findings.map((f) => [f.id, f.title]))
    const labels = socialLabels(pack.lang)
    const files: OutputFile[] = [
      { path: `${audience.id}/social.json`, contents: socialJson(file) },
      { path: `${audience.id}/social.md`, contents: socialMarkdown(file, { audienceName: audience.name, titles, platforms, labels, lang: pack.lang }) },
      { path: `${audience.id}/social.csv`, contents: socialCsv(file) },
    ].map((f) => ({ ...f, audience: audience.id, format: 'social' as const, finding: null }))

    const job: RenderJob = {
      label: `${audience.id}/social`,
      audience: audience.id,
      finding: null,
      // The files are already made: they are their own cache key.
      inputs: files.map((f) => [f.path, f.contents]),
      run: async () => files,
    }
    return [job]
  },
}

/** Config `social.platforms`, validated; a problem is reported and the built-in rules are used. */
function platformOverrides(raw: unknown, context: FormatContext): PlatformOverrides {
  if (raw === undefined) return {}
  const parsed = platformOverridesSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  context.report({
    severity: 'error',
    ruleId: 'invalid-config',
    message: `Config \`social.platforms\`: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(platforms)'}: ${i.message}`).join('; ')}`,
  })
  return {}
}

/** The template of `platform` as a layout: `templates/social/<platform>.liquid`, overridable per project. */
export async function templateLayout(templates: TemplateRenderer, platform: PlatformId, pack: Pack): Promise<PlatformLayout> {
  const name = `${platform}.liquid`
  let wanted: PartKind[] = []
  try {
    wanted = wantedParts(new TextDecoder().decode(await templates.readFile('social', name)))
  } catch {
    // Without the source there is nothing to declare; `render` reports a missing template.
  }
  const audience = { id: pack.audience.id, name: pack.audience.name, lang: pack.audience.lang }
  return {
    wanted,
    layout: async (parts: PostParts, finding: FindingView) =>
      unescapeHtml(
        await templates.render('social', name, {
          ...parts,
          audience,
          finding: { id: finding.id, title: finding.title, summary: finding.summary, tags: finding.tags, date: finding.date, example: finding.example },
        }),
      ),
  }
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#34;': '"' }

/**
 * Undo the renderer's HTML escaping: posts are plain text. sprid's renderer
 * escapes every output (LiquidJS `escape`: `& < > " '`), and one pass over
 * exactly those entities is its inverse. A template's own literal text should
 * therefore not contain these entities.
 */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#34);/g, (entity) => ENTITIES[entity] ?? entity)
}

/**
 * Parts a template marks as wanted, in a Liquid comment anywhere in it:
 * `{% comment %} wanted: figure, hashtags {% endcomment %}`.
 */
export function wantedParts(source: string): PartKind[] {
  const wanted = new Set<PartKind>()
  for (const comment of source.matchAll(/\{%-?\s*comment\s*-?%\}([\s\S]*?)\{%-?\s*endcomment\s*-?%\}/g)) {
    for (const line of comment[1]!.matchAll(/\bwanted\s*:\s*([^\n]*)/gi)) {
      for (const word of line[1]!.split(/[\s,]+/)) {
        if ((PART_KINDS as readonly string[]).includes(word)) wanted.add(word as PartKind)
      }
    }
  }
  return PART_KINDS.filter((k) => wanted.has(k))
}
