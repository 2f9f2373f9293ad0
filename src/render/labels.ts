/**
 * Every piece of text sprid's templates write themselves, in Swedish and
 * English. Templates read them with `{{ 'nav.home' | label }}`; a project
 * changes or adds labels with the config `labels: { sv: { ... }, en: { ... } }`.
 *
 * Placeholders are `{name}`, filled by keyword arguments:
 * `{{ 'handout.page_of' | label: n: 2, total: 8 }}`. A key with `.one` /
 * `.other` variants is chosen by `Intl.PluralRules` from the `count` argument:
 * `{{ 'pack.count' | label: count: 3 }}` -> `3 resultat`.
 */
import { formatNumber, pluralCategory } from './intl.js'

const en = {
  // Page furniture
  'a11y.skip_link': 'Skip to main content',
  'a11y.opens_feed': 'Atom feed',
  'nav.home': 'Home',
  'nav.breadcrumb': 'Breadcrumb',
  'nav.pack': 'All findings',
  'nav.pagination': 'More findings',
  'nav.previous': 'Previous',
  'nav.next': 'Next',
  'nav.back_to_top': 'Back to top',

  // Landing page
  'site.intro': 'Research findings, packaged for the people who will use them.',
  'site.packs_heading': 'Choose your audience',
  'site.empty': 'There is nothing published here yet.',

  // Pack home
  'pack.eyebrow': 'Findings for',
  'pack.findings_heading': 'Findings',
  'pack.count.one': '{count} finding',
  'pack.count.other': '{count} findings',
  'pack.empty': 'No findings have been selected for this audience yet.',
  'pack.updated': 'Updated {date}',
  'pack.feed': 'Follow new findings (Atom feed)',
  'pack.feed_title': '{audience} – {site}',
  'pack.internal': 'For internal use',

  // Finding
  'finding.summary': 'Summary',
  'finding.key_figures': 'Key figures',
  'finding.recommendations': 'Recommendations',
  'finding.questions': 'Discussion questions',
  'finding.quote': 'Quote',
  'finding.about': 'About this finding',
  'finding.source': 'Source',
  'finding.lab': 'Research group',
  'finding.organisation': 'Organisation',
  'finding.report': 'Report',
  'finding.published': 'Published',
  'finding.authors': 'Authors',
  'finding.tags': 'Topics',
  'finding.evidence': 'Evidence',
  'finding.read_more': 'Read more',
  'finding.read_more_about': 'Read more: {title}',
  'finding.reading_time': '{n} min read',
  'finding.fallback': 'This finding is not yet available in English and is shown in its original language.',
  'finding.contents': 'On this page',
  'finding.image': 'Image',
  'finding.in_language': 'In {language}',

  // Key figures
  'figure.source': 'Source: {source}',

  // Illustrative content
  'example.badge': 'Example',
  'example.note': 'Illustrative example – the figures are not measured.',

  // Evidence levels
  'evidence.label': 'Evidence',
  'evidence.strong': 'Strong evidence',
  'evidence.moderate': 'Moderate evidence',
  'evidence.emerging': 'Emerging evidence',
  'evidence.strong.description': 'Several studies point the same way.',
  'evidence.moderate.description': 'Supported by some studies; more are needed.',
  'evidence.emerging.description': 'Early results; treat them with caution.',

  // Status
  'status.published': 'Published',
  'status.draft': 'Draft',
  'status.internal': 'Internal',
  'status.embargoed': 'Embargoed',

  // Footer
  'footer.published_by': 'Published by {organisation}',
  'footer.updated': 'Last updated {date}',
  'footer.generated': 'Made with {generator}',
  'footer.feed': 'Atom feed',

  // Share cards and metadata
  'card.alt': '{title}',
  'card.alt_figure': '{title} – {figure} {label}',
  'meta.separator': ' – ',

  // Call to action
  'cta.heading': 'What you can do next',

  // Training handout
  'handout.cover': 'Training material',
  'handout.prepared_for': 'Prepared for {audience}',
  'handout.contents': 'Contents',
  'handout.takeaways': 'What you will take away',
  'handout.checklist': 'Checklist',
  'handout.questions': 'Discussion questions',
  'handout.notes': 'Notes',
  'handout.page': 'Page',
  'handout.of': 'of',
  'handout.page_of': 'Page {n} of {total}',

  // Conference deck
  'conference.agenda': 'Agenda',
  'conference.thanks': 'Thank you!',
  'conference.questions': 'Questions?',
  'conference.contact': 'Contact',
  'conference.scan': 'Scan to read more',
  'conference.slide_of': '{n} / {total}',
  'conference.speaker_notes': 'Speaker notes',
  'conference.evidence': 'The evidence',

  // Social posts
  'social.read_more': 'Read more',
  'social.example': 'Example',
}

/** The label keys every language has. */
export type LabelKey = keyof typeof en

const sv = {
  'a11y.skip_link': 'Hoppa till innehållet',
  'a11y.opens_feed': 'Atom-flöde',
  'nav.home': 'Startsida',
  'nav.breadcrumb': 'Du är här',
  'nav.pack': 'Alla resultat',
  'nav.pagination': 'Fler resultat',
  'nav.previous': 'Föregående',
  'nav.next': 'Nästa',
  'nav.back_to_top': 'Till början av sidan',

  'site.intro': 'Forskningsresultat, sammanställda för dem som ska använda dem.',
  'site.packs_heading': 'Välj målgrupp',
  'site.empty': 'Här finns inget publicerat än.',

  'pack.eyebrow': 'Resultat för',
  'pack.findings_heading': 'Resultat',
  'pack.count.one': '{count} resultat',
  'pack.count.other': '{count} resultat',
  'pack.empty': 'Inga resultat har valts ut för den här målgruppen än.',
  'pack.updated': 'Uppdaterad {date}',
  'pack.feed': 'Följ nya resultat (Atom-flöde)',
  'pack.feed_title': '{audience} – {site}',
  'pack.internal': 'För internt bruk',

  'finding.summary': 'Sammanfattning',
  'finding.key_figures': 'Nyckeltal',
  'finding.recommendations': 'Rekommendationer',
  'finding.questions': 'Diskussionsfrågor',
  'finding.quote': 'Citat',
  'finding.about': 'Om resultatet',
  'finding.source': 'Källa',
  'finding.lab': 'Forskargrupp',
  'finding.organisation': 'Organisation',
  'finding.report': 'Rapport',
  'finding.published': 'Publicerad',
  'finding.authors': 'Författare',
  'finding.tags': 'Ämnen',
  'finding.evidence': 'Underlag',
  'finding.read_more': 'Läs mer',
  'finding.read_more_about': 'Läs mer: {title}',
  'finding.reading_time': '{n} min läsning',
  'finding.fallback': 'Det här resultatet finns inte på svenska än och visas på originalspråket.',
  'finding.contents': 'På den här sidan',
  'finding.image': 'Bild',
  'finding.in_language': 'På {language}',

  'figure.source': 'Källa: {source}',

  'example.badge': 'Exempel',
  'example.note': 'Illustrativt exempel – siffrorna är inte uppmätta.',

  'evidence.label': 'Underlag',
  'evidence.strong': 'Starkt underlag',
  'evidence.moderate': 'Måttligt underlag',
  'evidence.emerging': 'Begränsat underlag',
  'evidence.strong.description': 'Flera studier pekar åt samma håll.',
  'evidence.moderate.description': 'Stöds av några studier; fler behövs.',
  'evidence.emerging.description': 'Tidiga resultat; tolka dem med försiktighet.',

  'status.published': 'Publicerad',
  'status.draft': 'Utkast',
  'status.internal': 'Internt',
  'status.embargoed': 'Under embargo',

  'footer.published_by': 'Publicerad av {organisation}',
  'footer.updated': 'Senast uppdaterad {date}',
  'footer.generated': 'Skapad med {generator}',
  'footer.feed': 'Atom-flöde',

  'card.alt': '{title}',
  'card.alt_figure': '{title} – {figure} {label}',
  'meta.separator': ' – ',

  'cta.heading': 'Så kan du gå vidare',

  'handout.cover': 'Utbildningsmaterial',
  'handout.prepared_for': 'Framtaget för {audience}',
  'handout.contents': 'Innehåll',
  'handout.takeaways': 'Det här får du med dig',
  'handout.checklist': 'Checklista',
  'handout.questions': 'Diskussionsfrågor',
  'handout.notes': 'Anteckningar',
  'handout.page': 'Sida',
  'handout.of': 'av',
  'handout.page_of': 'Sida {n} av {total}',

  'conference.agenda': 'Agenda',
  'conference.thanks': 'Tack!',
  'conference.questions': 'Frågor?',
  'conference.contact': 'Kontakt',
  'conference.scan': 'Skanna för att läsa mer',
  'conference.slide_of': '{n} / {total}',
  'conference.speaker_notes': 'Talarmanus',
  'conference.evidence': 'Underlaget',

  'social.read_more': 'Läs mer',
  'social.example': 'Exempel',
} satisfies Record<LabelKey, string>

/** A language's resolved label table. */
export type Labels = Readonly<Record<string, string>>

/** Label overrides per language, as in the config: `{ sv: { 'nav.home': 'Start' } }`. */
export type LabelOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>

/** sprid's own label tables. Other languages fall back to English. */
export const builtinLabels: Readonly<Record<'sv' | 'en', Readonly<Record<LabelKey, string>>>> = Object.freeze({
  sv: Object.freeze(sv),
  en: Object.freeze(en),
})

/** Every built-in label key, sorted. */
export const labelKeys: readonly LabelKey[] = Object.freeze((Object.keys(en) as LabelKey[]).sort())

/**
 * The label table for `lang`: sprid's table for the language (its primary
 * subtag: `sv-FI` uses `sv`; unknown languages use English), then the
 * project's overrides for the primary subtag, then for the exact tag.
 * Overrides may also add keys for a project's own templates.
 */
export function resolveLabels(lang: string, overrides: LabelOverrides = {}): Labels {
  const primary = primarySubtag(lang)
  const base = primary === 'sv' || primary === 'en' ? builtinLabels[primary] : builtinLabels.en
  const table: Record<string, string> = Object.create(null) as Record<string, string>
  Object.assign(table, base)
  const own = (key: string) => (Object.hasOwn(overrides, key) ? overrides[key] : undefined)
  if (primary !== lang) Object.assign(table, own(primary))
  Object.assign(table, own(lang))
  return Object.freeze(table)
}

/** `sv-SE` -> `sv`. */
export function primarySubtag(lang: string): string {
  return lang.split('-')[0]!.toLowerCase()
}

/**
 * Fill `{name}` placeholders in `text` from `values`. Unknown placeholders
 * are kept as written, so a missing argument shows instead of vanishing.
 */
export function interpolate(text: string, values: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{([a-zA-Z0-9_]+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) && values[name] !== undefined && values[name] !== null ? String(values[name]) : match,
  )
}

/**
 * Look up `key` in `labels`, choosing a plural variant (`key.one`,
 * `key.other`, ...) by `values.count` when there is one, and fill placeholders.
 * Returns `undefined` for an unknown key.
 */
export function formatLabel(
  labels: Labels,
  lang: string,
  key: string,
  values: Readonly<Record<string, unknown>> = {},
): string | undefined {
  let text: string | undefined
  const count = values.count
  if (typeof count === 'number') {
    const category = pluralCategory(count, lang)
    text = labels[`${key}.${category}`] ?? labels[`${key}.other`]
  }
  text ??= labels[key]
  if (text === undefined) return undefined
  const formatted: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(values)) {
    // Up to three decimals: Intl's own default for numbers.
    formatted[name] = typeof value === 'number' ? formatNumber(value, lang, 3) : value
  }
  return interpolate(text, formatted)
}
