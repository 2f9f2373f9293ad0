/**
 * The view model: what every output format receives. Plain data only (no
 * trees, no classes), so templates, workers and tests can all use it as is.
 * Every field is documented in the README under "The view model".
 */

export type Lang = 'sv' | 'en' | (string & {})
export type Evidence = 'strong' | 'moderate' | 'emerging'
export type Depth = 'brief' | 'standard' | 'full'
export type Status = 'published' | 'draft' | 'internal' | 'embargoed'

/** A named key figure, written once in front matter, shown identically everywhere. */
export interface FigureView {
  id: string
  value: number | string
  unit?: string
  label: string
  source?: string
  /** Value and unit formatted for the pack's language, e.g. `1 234 st` or `12,5 %`. */
  formatted: string
}

/** One H2 section of a finding, after tailoring. */
export interface SectionView {
  /** Canonical role (`background`, `method`, `results`, `recommendations`, `questions`) or the heading's slug. */
  key: string
  heading: string
  /** Anchor id, unique within the finding. */
  slug: string
  /** Sanitized HTML of the section body (without its heading). */
  html: string
  /** Plain text of the section body. */
  text: string
}

export interface QuoteView {
  text: string
  by?: string
}

export interface SourceView {
  lab?: string
  organisation?: string
  report?: string
}

export interface ImageView {
  /** Path of the image file relative to the project root (posix). */
  path: string
  alt: string
}

/** A finding as one audience receives it. */
export interface FindingView {
  id: string
  title: string
  summary: string
  lang: Lang
  /** `YYYY-MM-DD`, kept as written. */
  date?: string
  authors: string[]
  source?: SourceView
  tags: string[]
  evidence?: Evidence
  /** Illustrative content: every output says so. */
  example: boolean
  status: Status
  figures: FigureView[]
  /** The first figure, shown as the finding's hero number. */
  keyFigure?: FigureView
  quote?: QuoteView
  /** Discussion questions: front matter `questions` plus the items of a `questions` section. */
  questions: string[]
  /** Items of the first list in the `recommendations` section (plain text). */
  recommendations: string[]
  image?: ImageView
  social: { hook?: string; hashtags: string[] }
  /** Sections kept for this audience, in the order of its `sections` (document order when it names none). Empty at depth `brief`. */
  sections: SectionView[]
  /** Sanitized HTML of the whole tailored body. */
  html: string
  /** Plain text of everything this audience reads (title, summary, body). */
  text: string
  /** Speaker notes from `:::notes` blocks: only the conference format shows them. */
  notes: { html: string; text: string }
  /** Estimated reading time of `text`, in whole minutes (at least 1). */
  readingMinutes: number
  /** Source file relative to the project root (posix), for messages. */
  file: string
  /** How the language was met: the finding's own language, an `.en.md`-style variant, or a fallback. */
  translation: 'native' | 'variant' | 'fallback'
}

export interface ThemeView {
  /** CSS colour, checked for contrast. */
  accent: string
  /** Logo path relative to the project root. */
  logo?: string
}

export interface AudienceView {
  id: string
  name: string
  lang: Lang
  description?: string
  internal: boolean
  depth: Depth
  theme: ThemeView
  cta?: { text: string; url?: string }
  /** Introduction (the profile's body) as sanitized HTML and text. */
  introHtml: string
  introText: string
  /** Source file relative to the project root (posix). */
  file: string
}

/** One audience's pack: what every format renders. */
export interface Pack {
  audience: AudienceView
  findings: FindingView[]
  lang: Lang
  /** The build date, `YYYY-MM-DD`. */
  date: string
}
