/**
 * Who gets what: for one audience, decide for every finding whether it is in
 * the pack, and if not, why. `sprid list` prints these decisions; the tailor
 * uses the included ones in the audience's order.
 */
import type { FindingEntry, Project, SourceAudience, SourceFinding } from '../content/load.js'
import { EVIDENCE_LEVELS } from '../content/schema.js'

export type Exclusion =
  | 'draft'
  | 'internal'
  | 'embargoed'
  | 'restricted'
  | 'not-listed'
  | 'excluded'
  | 'tags'
  | 'all-tags'
  | 'exclude-tags'
  | 'evidence'

export interface Decision {
  finding: string
  audience: string
  included: boolean
  /** Why the finding is left out. */
  reason?: Exclusion
  /** A sentence for people, e.g. "embargoed until 2026-12-01". */
  detail?: string
  /** For included findings: how the audience's language is met. */
  translation?: 'native' | 'variant' | 'fallback'
  /** The file the audience receives (variant or base). */
  source?: SourceFinding
}

/** The file an audience receives: the variant in its language, else the base. */
export function pickSource(entry: FindingEntry, lang: string): { source: SourceFinding; translation: 'native' | 'variant' | 'fallback' } {
  if (entry.base.lang === lang) return { source: entry.base, translation: 'native' }
  const variant = entry.variants.get(lang)
  if (variant) return { source: variant, translation: 'variant' }
  return { source: entry.base, translation: 'fallback' }
}

const evidenceRank = (level: string | undefined): number =>
  level === undefined ? -1 : EVIDENCE_LEVELS.indexOf(level as (typeof EVIDENCE_LEVELS)[number])

/** Why `entry` may not reach `audience` at all (status and restriction), if it may not. */
export function heldBack(
  entry: FindingEntry,
  audience: SourceAudience,
  project: Pick<Project, 'date' | 'drafts'>,
): Pick<Decision, 'reason' | 'detail'> | undefined {
  const held = heldBackBy(entry.base.data, audience, project)
  if (held) return held
  // The audience receives the translation, which may be stricter than its base
  // (`status: internal` only in `x.en.md`): its status and restriction count too.
  const { source } = pickSource(entry, audience.lang)
  if (source === entry.base) return undefined
  const variant = heldBackBy(source.data, audience, project)
  return variant && { reason: variant.reason, detail: `${variant.detail} (set in \`${source.file}\`)` }
}

function heldBackBy(
  data: SourceFinding['data'],
  audience: SourceAudience,
  project: Pick<Project, 'date' | 'drafts'>,
): Pick<Decision, 'reason' | 'detail'> | undefined {
  const status = data.status ?? 'published'
  if (status === 'draft' && !project.drafts) return { reason: 'draft', detail: 'draft (build with --drafts to include it)' }
  if (status === 'internal' && audience.data.internal !== true) return { reason: 'internal', detail: 'internal, and this audience is not' }
  // A future `embargo_until` holds the finding back even without `status: embargoed`:
  // forgetting the status must not publish early.
  if (data.embargo_until !== undefined && project.date < data.embargo_until) {
    return { reason: 'embargoed', detail: `embargoed until ${data.embargo_until}` }
  }
  if (data.audiences !== undefined && !data.audiences.includes(audience.id)) {
    return { reason: 'restricted', detail: `restricted to ${data.audiences.join(', ')}` }
  }
  return undefined
}

/** The audience's selection rules, in the order they are documented. */
function notSelected(entry: FindingEntry, audience: SourceAudience): Pick<Decision, 'reason' | 'detail'> | undefined {
  const select = audience.data.select ?? {}
  const data = entry.base.data
  const tags = new Set((data.tags ?? []).map((t) => t.toLowerCase()))
  if (select.findings !== undefined && !select.findings.includes(entry.id)) return { reason: 'not-listed', detail: 'not in select.findings' }
  if (select.exclude?.includes(entry.id)) return { reason: 'excluded', detail: 'in select.exclude' }
  if (select.tags !== undefined && !select.tags.some((t) => tags.has(t.toLowerCase()))) {
    return { reason: 'tags', detail: `has none of the tags ${select.tags.join(', ')}` }
  }
  if (select.all_tags !== undefined && !select.all_tags.every((t) => tags.has(t.toLowerCase()))) {
    return { reason: 'all-tags', detail: `lacks some of the tags ${select.all_tags.join(', ')}` }
  }
  const excluded = select.exclude_tags?.find((t) => tags.has(t.toLowerCase()))
  if (excluded !== undefined) return { reason: 'exclude-tags', detail: `has the excluded tag ${excluded}` }
  if (select.min_evidence !== undefined && evidenceRank(data.evidence) < evidenceRank(select.min_evidence)) {
    return { reason: 'evidence', detail: `evidence ${data.evidence ?? 'unknown'} is below ${select.min_evidence}` }
  }
  return undefined
}

/** Decide every finding for one audience; included decisions come in the audience's order. */
export function decide(project: Pick<Project, 'findings' | 'date' | 'drafts'>, audience: SourceAudience): Decision[] {
  const decisions = project.findings.map((entry): Decision => {
    const out = heldBack(entry, audience, project) ?? notSelected(entry, audience)
    if (out) return { finding: entry.id, audience: audience.id, included: false, ...out }
    const { source, translation } = pickSource(entry, audience.lang)
    return {
      finding: entry.id,
      audience: audience.id,
      included: true,
      translation,
      source,
      ...(translation === 'fallback' ? { detail: `no ${audience.lang} translation; gets ${entry.base.lang}` } : {}),
    }
  })
  const included = decisions.filter((d) => d.included)
  const excluded = decisions.filter((d) => !d.included)
  return [...sortFindings(included, audience), ...excluded]
}

function sortFindings(decisions: Decision[], audience: SourceAudience): Decision[] {
  const select = audience.data.select
  const order = audience.data.order ?? (select?.findings ? 'explicit' : 'date')
  const data = (d: Decision) => d.source!.data
  const byDate = (a: Decision, b: Decision) => (data(b).date ?? '').localeCompare(data(a).date ?? '')
  const byTitle = (a: Decision, b: Decision) => data(a).title.localeCompare(data(b).title, audience.lang)
  const sorted = [...decisions]
  switch (order) {
    case 'explicit': {
      const position = (d: Decision) => select?.findings?.indexOf(d.finding) ?? -1
      return sorted.sort((a, b) => position(a) - position(b))
    }
    case 'title':
      return sorted.sort(byTitle)
    case 'evidence':
      return sorted.sort((a, b) => evidenceRank(data(b).evidence) - evidenceRank(data(a).evidence) || byDate(a, b) || byTitle(a, b))
    default:
      return sorted.sort((a, b) => byDate(a, b) || byTitle(a, b))
  }
}
