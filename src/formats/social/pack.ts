/**
 * An audience's posts: every finding of its pack on every platform its
 * profile asks for, composed under each platform's rules.
 */
import { resolveLabels, type Labels } from '../../render/labels.js'
import type { RenderMessage } from '../types.js'
import type { FindingView, Pack } from '../../tailor/view.js'
import { cardAlt, cardPath } from '../card/image.js'
import { composePost, composeThread, type ComposedPost, type Layout, type PartKind, type PostParts } from './compose.js'
import { mergeHashtags } from './hashtags.js'
import { socialLabels } from './labels.js'
import { findingUrl, type SocialOptions } from './options.js'
import type { SocialFile, SocialPost } from './outputs.js'
import { DEFAULT_PLATFORMS, resolvePlatforms, type PlatformId, type PlatformRules } from './platforms.js'

/** A platform's layout (given the finding, for templates that show more of it) and the parts its template marks as wanted. */
export interface PlatformLayout {
  layout: (parts: PostParts, finding: FindingView) => string | Promise<string>
  wanted: readonly PartKind[]
}

export interface SocialSettings {
  /** The profile's validated `formats.social`. */
  options?: SocialOptions
  /** @default resolvePlatforms() */
  rules?: PlatformRules
  /** The site's base URL; without it posts have no link. */
  baseUrl?: string
  /** Config `social.utm_campaign`: used when the profile sets none. @default the audience id */
  campaign?: string
  /** Whether share cards are made for this audience (and a square one for Instagram). @default { square: false } */
  cards?: false | { square: boolean }
  /** The label table of the pack's language (with the project's overrides): `social.example`, `card.alt_figure`. @default resolveLabels(pack.lang) */
  labels?: Labels
  /** The layout of a platform's posts. @default the built-in layout, nothing wanted */
  layout?(platform: PlatformId): PlatformLayout | Promise<PlatformLayout>
}

export interface ComposedSocial {
  file: SocialFile
  platforms: PlatformId[]
  messages: RenderMessage[]
}

/** Compose every post of `pack`. Pure apart from what `settings.layout` does. */
export async function composeSocial(pack: Pack, settings: SocialSettings = {}): Promise<ComposedSocial> {
  const options = settings.options ?? {}
  const rules = settings.rules ?? resolvePlatforms()
  const labels = socialLabels(pack.lang)
  const table = settings.labels ?? resolveLabels(pack.lang)
  const example = table['social.example'] ?? labels.example
  const audience = pack.audience
  const platforms = [...new Set(options.platforms ?? DEFAULT_PLATFORMS)]
  const campaign = options.utm_campaign ?? settings.campaign ?? audience.id
  const cards = settings.cards ?? { square: false }
  const baseUrl = settings.baseUrl?.replace(/\/+$/, '') || undefined
  const messages: RenderMessage[] = []
  const posts: SocialPost[] = []

  if (!baseUrl && pack.findings.length > 0) {
    messages.push({
      severity: 'warning',
      ruleId: 'social-no-link',
      message: `Posts for \`${audience.id}\` have no link: set \`baseUrl\` in the config to link each post to its finding's page`,
      file: audience.file,
    })
  }

  for (const platform of platforms) {
    const rule = rules[platform]
    const { layout, wanted } = settings.layout ? await settings.layout(platform) : { layout: undefined, wanted: [] }
    for (const finding of pack.findings) {
      const url = findingUrl(baseUrl, audience.id, finding.id, platform, campaign)
      const input = {
        label: finding.example ? example : undefined,
        hook: finding.social.hook?.trim() || finding.summary,
        figure: finding.keyFigure && { formatted: finding.keyFigure.formatted, label: finding.keyFigure.label },
        url,
        linkText: options.link_text ?? labels.linkText,
        hashtags: mergeHashtags(finding.social.hashtags, options.hashtags),
      }
      const findingLayout: Layout | undefined = layout && ((parts) => layout(parts, finding))
      const composeOptions = { rule, layout: findingLayout, wanted, lang: finding.lang }
      const composed: ComposedPost[] =
        options.thread && rule.threads ? await composeThread(input, composeOptions) : [await composePost(input, composeOptions)]

      const image = cards
        ? (() => {
            const path = cardPath(finding.id, cards.square && platform === 'instagram')
            return { path, alt: cardAlt(finding, pack.lang, table), url: baseUrl ? `${baseUrl}/${audience.id}/${path}` : null }
          })()
        : null
      composed.forEach((post, i) => {
        const notes: string[] = []
        if (!url) notes.push(labels.noLink)
        if (!post.fits) notes.push(`${labels.overLimit}: ${post.length} > ${post.limit}`)
        posts.push({
          finding: finding.id,
          platform,
          thread: post.thread ?? null,
          text: post.text,
          length: post.length,
          limit: post.limit,
          fits: post.fits,
          url: url ?? null,
          hashtags: post.parts.hashtags,
          image: i === 0 ? image : null,
          dropped: post.dropped,
          notes,
        })
        messages.push(...postMessages(finding, rule.name, post))
      })
    }
  }
  return { file: { version: 1, audience: audience.id, posts }, platforms, messages }
}

function postMessages(finding: FindingView, platform: string, post: ComposedPost): RenderMessage[] {
  const messages: RenderMessage[] = []
  const where = post.thread ? ` (post ${post.thread.index}/${post.thread.total})` : ''
  if (!post.fits) {
    messages.push({
      severity: 'warning',
      ruleId: 'social-too-long',
      message: `${platform} post for \`${finding.id}\`${where} counts ${post.length}, over the limit of ${post.limit}, even with every optional part left out`,
      file: finding.file,
    })
  }
  for (const dropped of post.dropped.filter((d) => d.wanted)) {
    const what = dropped.part === 'hashtag' ? `hashtag ${dropped.value}` : dropped.part === 'figure' ? 'the key figure' : 'the hook'
    messages.push({
      severity: 'warning',
      ruleId: 'social-wanted-dropped',
      message: `${platform} post for \`${finding.id}\`${where} fits its limit of ${post.limit} only with ${what} ${dropped.reason === 'shortened' ? 'shortened' : 'left out'}, which the template marks as wanted`,
      file: finding.file,
    })
  }
  return messages
}
