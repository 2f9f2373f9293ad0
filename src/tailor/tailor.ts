/**
 * Tailor: derive one audience's pack by pure transforms on a copy of each
 * finding's tree (audience blocks, depth, notes, figures, sections,
 * glossary), then render sanitized HTML and plain text for the view model.
 */
import { toString } from 'mdast-util-to-string'
import type { List, Root, RootContent } from 'mdast'
import type { Project, SourceAudience, SourceFinding } from '../content/load.js'
import { UsageError } from '../errors.js'
import { toHtml, type HtmlOptions } from '../markdown/html.js'
import { splitSections, type Section } from '../markdown/sections.js'
import { collapseSpace, toPlainText } from '../markdown/text.js'
import { remarkAudience } from '../markdown/plugins/remark-audience.js'
import { remarkDepth } from '../markdown/plugins/remark-depth.js'
import { remarkNotes } from '../markdown/plugins/remark-notes.js'
import { remarkFigures } from '../markdown/plugins/remark-figures.js'
import { explainText, remarkGlossary } from '../markdown/plugins/remark-glossary.js'
import { decide, type Decision } from './select.js'
import { formatFigure } from './figures.js'
import type { AudienceView, Depth, FigureView, FindingView, Pack, SectionView } from './view.js'

/** Words a minute for reading-time estimates. */
const WORDS_PER_MINUTE = 200

const FOOTNOTE_LABELS: Record<string, Pick<HtmlOptions, 'footnoteLabel' | 'footnoteBackLabel'>> = {
  sv: { footnoteLabel: 'Fotnoter', footnoteBackLabel: 'Tillbaka till texten' },
  en: { footnoteLabel: 'Footnotes', footnoteBackLabel: 'Back to content' },
}

/** The pack of `audienceId`. Throws `UsageError` (listing the known ids) for an unknown id. */
export function tailor(project: Project, audienceId: string): Pack {
  const audience = project.audiences.find((a) => a.id === audienceId)
  if (!audience) {
    throw new UsageError(`Unknown audience \`${audienceId}\`; known: ${project.audiences.map((a) => a.id).join(', ') || '(none)'}`)
  }
  const decisions = decide(project, audience).filter((d) => d.included)
  return tailorDecisions(project, audience, decisions)
}

/** Tailor already-decided findings (lets `check` reuse its decisions). */
export function tailorDecisions(project: Project, audience: SourceAudience, decisions: readonly Decision[]): Pack {
  const context: TailorContext = { html: htmlOptions(project, audience.lang), aliases: project.config.sectionAliases }
  const key = memoKey(audience, context)
  return {
    audience: audienceView(audience, context.html),
    findings: decisions.map((d) => {
      const translation = d.translation ?? 'native'
      return key === undefined
        ? tailorFinding(d.source!, audience, translation, context)
        : memoized(d.source!, audience, `${translation}\0${key}`, () => tailorFinding(d.source!, audience, translation, context))
    }),
    lang: audience.lang,
    date: project.date,
  }
}

/**
 * Tailored findings by source data, audience data and the rest of their
 * inputs. Tailoring is pure and the preview keeps the data of unchanged
 * files between builds (the load memo), so a save re-tailors only what it
 * changed. Weak maps: nothing is kept longer than its source.
 */
const tailored = new WeakMap<object, WeakMap<object, Map<string, FindingView>>>()

function memoized(source: SourceFinding, audience: SourceAudience, key: string, tailorIt: () => FindingView): FindingView {
  let byAudience = tailored.get(source.data)
  if (!byAudience) tailored.set(source.data, (byAudience = new WeakMap()))
  let byKey = byAudience.get(audience.data)
  if (!byKey) byAudience.set(audience.data, (byKey = new Map()))
  const fullKey = `${source.id}\0${source.file}\0${source.lang}\0${key}`
  let view = byKey.get(fullKey)
  if (!view) byKey.set(fullKey, (view = tailorIt()))
  return view
}

/**
 * What tailoring reads besides the two files, as a string; `undefined` (do
 * not memoize) with project rehype plugins, whose behaviour no key can capture.
 */
function memoKey(audience: SourceAudience, { html, aliases }: TailorContext): string | undefined {
  if (html.rehypePlugins?.length) return undefined
  return JSON.stringify([audience.id, audience.lang, html.allowHtml === true, html.footnoteLabel, html.footnoteBackLabel, [...aliases]])
}

function htmlOptions(project: Project, lang: string): HtmlOptions {
  return {
    allowHtml: project.config.markdown.allowHtml,
    rehypePlugins: project.config.markdown.rehypePlugins,
    ...(FOOTNOTE_LABELS[lang] ?? FOOTNOTE_LABELS.en),
  }
}

export function audienceView(audience: SourceAudience, html: HtmlOptions): AudienceView {
  const intro = structuredClone(audience.intro)
  const data = audience.data
  return {
    id: audience.id,
    name: data.name,
    lang: audience.lang,
    description: data.description,
    internal: data.internal === true,
    depth: data.depth ?? 'standard',
    theme: { accent: data.theme?.accent ?? '#1d5e8c', logo: data.theme?.logo },
    cta: data.cta,
    introHtml: toHtml(intro, html),
    introText: toPlainText(intro),
    file: audience.file,
  }
}

/** What tailoring needs from the project: HTML options and section aliases. */
export interface TailorContext {
  html: HtmlOptions
  aliases: ReadonlyMap<string, string>
}

/** Tailor one finding for one audience. Pure: the source tree is not touched. */
export function tailorFinding(
  source: SourceFinding,
  audience: SourceAudience,
  translation: FindingView['translation'],
  { html, aliases }: TailorContext,
): FindingView {
  const data = source.data
  const depth: Depth = audience.data.depth ?? 'standard'
  const figures = Object.entries(data.figures ?? {}).map(([id, figure]) => formatFigure(id, figure, audience.lang))
  const figureMap = new Map<string, FigureView>(figures.map((f) => [f.id, f]))

  const tree = structuredClone(source.tree)
  const notes: RootContent[] = []
  remarkAudience({ audience: audience.id })(tree)
  remarkDepth({ depth })(tree)
  remarkNotes({ collect: (content) => notes.push(...content) })(tree)
  remarkFigures({ figures: figureMap })(tree)
  const notesTree: Root = { type: 'root', children: notes }
  remarkFigures({ figures: figureMap })(notesTree)

  const glossary = { glossary: audience.data.glossary ?? {}, explained: new Set<string>() }
  const summary = explainText(data.summary, glossary)

  const split = splitSections(tree, aliases)
  const kept = depth === 'brief' ? [] : keepSections(split.sections, audience.data.sections)
  const intro: Root = { type: 'root', children: depth === 'brief' ? [] : split.intro }
  remarkGlossary(glossary)(intro)
  const sectionTrees = kept.map((section) => {
    const body: Root = { type: 'root', children: section.children }
    remarkGlossary(glossary)(body)
    return { section, body }
  })

  const sections: SectionView[] = sectionTrees.map(({ section, body }) => ({
    key: section.key,
    heading: section.heading,
    slug: section.slug,
    html: toHtml(body, html),
    text: toPlainText(body),
  }))
  const introHtml = toHtml(intro, html)
  const bodyHtml = [introHtml, ...sections.map((s) => `<h2 id="${s.slug}">${escapeHtml(s.heading)}</h2>\n${s.html}`)]
    .filter(Boolean)
    .join('\n')
  const text = [data.title, summary, toPlainText(intro), ...sections.flatMap((s) => [s.heading, s.text])]
    .filter(Boolean)
    .join('\n')

  const questionsSection = sectionTrees.find((s) => s.section.key === 'questions')
  const recommendationsSection = sectionTrees.find((s) => s.section.key === 'recommendations')
  return {
    id: source.id,
    title: data.title,
    summary,
    lang: source.lang,
    date: data.date,
    authors: data.authors ?? [],
    source: data.source,
    tags: data.tags ?? [],
    evidence: data.evidence,
    example: data.example === true,
    status: data.status ?? 'published',
    figures,
    keyFigure: figures[0],
    quote: data.quote,
    questions: [...(data.questions ?? []), ...listItems(questionsSection?.body)],
    recommendations: listItems(recommendationsSection?.body),
    image: data.image !== undefined ? { path: imagePath(source.file, data.image), alt: data.image_alt ?? '' } : undefined,
    social: { hook: data.social?.hook, hashtags: data.social?.hashtags ?? [] },
    sections,
    html: bodyHtml,
    text,
    notes: { html: toHtml(notesTree, html), text: toPlainText(notesTree) },
    readingMinutes: Math.max(1, Math.round(text.split(/\s+/).length / WORDS_PER_MINUTE)),
    file: source.file,
    translation,
  }
}

/** Keep the sections an audience asks for, in its order; all of them when it asks for none. */
export function keepSections(sections: readonly Section[], wanted: readonly string[] | undefined): Section[] {
  if (wanted === undefined) return [...sections]
  return wanted.flatMap((key) => sections.filter((s) => s.key === key))
}

/** Plain-text items of the first list in a tree. */
function listItems(tree: Root | undefined): string[] {
  const list = tree?.children.find((node): node is List => node.type === 'list')
  return list ? list.children.map((item) => collapseSpace(toString(item, { includeHtml: false }))).filter(Boolean) : []
}

function imagePath(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1)
  for (const part of target.split('/')) {
    if (part === '..') parts.pop()
    else if (part !== '.' && part !== '') parts.push(part)
  }
  return parts.join('/')
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
