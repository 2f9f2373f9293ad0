/**
 * The coverage report (`report.json`, `report.html` in the output folder):
 * who got what in this build. The audience × finding matrix with the reason
 * for every exclusion and the files each included finding went into, per
 * format; the formats each audience asked for and got; which findings exist
 * in which languages and which audiences fall back; every warning with its
 * place. Built from the same decisions as `sprid list` and the manifest
 * entries of the build, so it never disagrees with either.
 *
 * Deterministic: sorted, no timestamps but the build date. The output
 * folder is usually published, so by default a finding that is held back
 * (draft, internal, embargoed, restricted) and in no pack of the build is
 * not named: it is only counted, and messages on its files are only counted.
 */
import type { VFile } from 'vfile'
import type { Project } from '../content/load.js'
import { FORMAT_IDS } from '../content/schema.js'
import type { FormatId } from '../formats/types.js'
import type { FileMeta } from '../output/manifest.js'
import { decide, type Decision, type Exclusion } from '../tailor/select.js'
import { version } from '../version.js'
import { renderReportHtml } from './html.js'
import { SENSITIVE_REASONS } from './leaks.js'

/** The report's file names in the output folder. */
export const REPORT_JSON = 'report.json'
export const REPORT_HTML = 'report.html'

export interface CoverageOptions {
  project: Pick<Project, 'config' | 'findings' | 'audiences' | 'date' | 'drafts'>
  /** Every audience's decisions (`check(project).decisions`); computed with `decide` when omitted. */
  decisions?: ReadonlyMap<string, readonly Decision[]>
  /** The files of this build (the output writer's `entries()` before commit). */
  outputs: readonly (FileMeta & { path: string })[]
  /** Every file with its messages (`BuildResult.files`). */
  files: readonly VFile[]
  /** Audiences this build made packs for. @default every audience */
  audiences?: readonly string[]
  /** Formats this build made. @default every format */
  formats?: readonly FormatId[]
  /**
   * Leave out held-back findings that are in no pack of this build (count them only).
   * @default true
   */
  redact?: boolean
}

/** How an audience's format went in this build. */
export type FormatStatus = 'built' | 'not-requested' | 'not-built'

export interface AudienceCoverage {
  id: string
  name: string
  lang: string
  internal: boolean
  /** False when the build was limited to other audiences (`--audience`). */
  built: boolean
  /** Findings in the pack. */
  included: number
  excluded: number
  /** Included findings in another language than the audience's. */
  fallbacks: number
  formats: { id: FormatId; status: FormatStatus; files: number }[]
}

export type CoverageCell =
  | {
      included: true
      translation: 'native' | 'variant' | 'fallback'
      /** The language the audience gets the finding in. */
      lang: string
      /** Per format: the files about this finding, or the pack files it is part of (deck, handout, posts). */
      formats: Partial<Record<FormatId, string[]>>
    }
  | { included: false; reason: Exclusion; detail: string }

export interface FindingCoverage {
  id: string
  title: string
  file: string
  status: string
  example: boolean
  /** The finding's own language first, then its variants. */
  languages: string[]
  /** By audience id, for every audience. */
  cells: Record<string, CoverageCell>
}

export interface ReportMessage {
  file: string
  line: number | null
  column: number | null
  severity: 'error' | 'warning'
  ruleId: string | null
  message: string
}

export interface CoverageReport {
  version: 1
  generator: string
  /** The build date, `YYYY-MM-DD`. */
  date: string
  site: { title: string; organisation: string | null; lang: string }
  build: { audiences: string[]; formats: FormatId[]; drafts: boolean }
  audiences: AudienceCoverage[]
  findings: FindingCoverage[]
  /** Held-back findings in no pack of this build, left out of `findings` (see `redact`). */
  withheld: { count: number; reasons: Partial<Record<Exclusion, number>>; messages: number }
  translations: {
    /** Every language of a finding or an audience. */
    languages: string[]
    findings: { id: string; lang: string; variants: string[]; fallbackFor: string[] }[]
    audiences: { id: string; lang: string; native: number; variant: number; fallback: string[] }[]
  }
  messages: { errors: number; warnings: number; items: ReportMessage[] }
}

/** Build the report. `json` and `html` are the files to write as `report.json` and `report.html`. */
export function coverageReport(options: CoverageOptions): { report: CoverageReport; json: string; html: string } {
  const report = coverageData(options)
  return { report, json: `${JSON.stringify(report, null, 2)}\n`, html: renderReportHtml(report) }
}

/** The report's data, without serializing it. */
export function coverageData(options: CoverageOptions): CoverageReport {
  const { project } = options
  const redact = options.redact ?? true
  const builtAudiences = project.audiences.map((a) => a.id).filter((id) => options.audiences === undefined || options.audiences.includes(id))
  const builtFormats = FORMAT_IDS.filter((id) => options.formats === undefined || options.formats.includes(id))
  const decisionsOf = new Map<string, readonly Decision[]>()
  for (const audience of project.audiences) decisionsOf.set(audience.id, options.decisions?.get(audience.id) ?? decide(project, audience))
  const outputs = [...options.outputs].sort((a, b) => cmp(a.path, b.path))

  const inSomePack = new Set<string>()
  for (const id of builtAudiences) for (const d of decisionsOf.get(id) ?? []) if (d.included) inSomePack.add(d.finding)
  const withheldIds = new Set<string>()
  const withheldReasons: Partial<Record<Exclusion, number>> = {}
  if (redact) {
    for (const entry of project.findings) {
      if (inSomePack.has(entry.id)) continue
      const held = [...decisionsOf.values()].flat().find((d) => d.finding === entry.id && !d.included && d.reason && SENSITIVE_REASONS.has(d.reason))
      if (!held) continue
      withheldIds.add(entry.id)
      withheldReasons[held.reason!] = (withheldReasons[held.reason!] ?? 0) + 1
    }
  }
  const withheldFiles = new Set(
    project.findings.filter((e) => withheldIds.has(e.id)).flatMap((e) => [e.base.file, ...[...e.variants.values()].map((v) => v.file)]),
  )

  const audiences: AudienceCoverage[] = project.audiences.map((audience) => {
    const list = decisionsOf.get(audience.id) ?? []
    const built = builtAudiences.includes(audience.id)
    const files = outputs.filter((o) => o.audience === audience.id)
    return {
      id: audience.id,
      name: audience.data.name,
      lang: audience.lang,
      internal: audience.data.internal === true,
      built,
      included: list.filter((d) => d.included).length,
      excluded: list.filter((d) => !d.included && !withheldIds.has(d.finding)).length,
      fallbacks: list.filter((d) => d.included && d.translation === 'fallback').length,
      formats: FORMAT_IDS.map((id) => ({
        id,
        status: !audience.formats.has(id) ? 'not-requested' : built && builtFormats.includes(id) ? 'built' : 'not-built',
        files: files.filter((o) => o.format === id).length,
      })),
    }
  })

  const findings: FindingCoverage[] = project.findings
    .filter((entry) => !withheldIds.has(entry.id))
    .map((entry) => {
      const cells: Record<string, CoverageCell> = {}
      for (const audience of project.audiences) {
        const d = decisionsOf.get(audience.id)?.find((x) => x.finding === entry.id)
        if (!d) continue
        if (!d.included) {
          cells[audience.id] = { included: false, reason: d.reason!, detail: d.detail ?? d.reason! }
          continue
        }
        cells[audience.id] = {
          included: true,
          translation: d.translation ?? 'native',
          lang: d.source?.lang ?? entry.base.lang,
          formats: cellFormats(outputs, audience.id, entry.id, audience.formats),
        }
      }
      return {
        id: entry.id,
        title: entry.base.data.title,
        file: entry.base.file,
        status: entry.base.data.status ?? 'published',
        example: entry.base.data.example === true,
        languages: [entry.base.lang, ...[...entry.variants.keys()].sort(cmp)],
        cells,
      }
    })

  const languages = new Set<string>()
  for (const f of findings) for (const lang of f.languages) languages.add(lang)
  for (const a of audiences) languages.add(a.lang)
  const translations: CoverageReport['translations'] = {
    languages: [...languages].sort(cmp),
    findings: findings.map((f) => ({
      id: f.id,
      lang: f.languages[0]!,
      variants: f.languages.slice(1),
      fallbackFor: Object.entries(f.cells)
        .filter(([, cell]) => cell.included && cell.translation === 'fallback')
        .map(([id]) => id),
    })),
    audiences: project.audiences.map((audience) => {
      const included = (decisionsOf.get(audience.id) ?? []).filter((d) => d.included)
      return {
        id: audience.id,
        lang: audience.lang,
        native: included.filter((d) => d.translation === 'native').length,
        variant: included.filter((d) => d.translation === 'variant').length,
        fallback: included.filter((d) => d.translation === 'fallback').map((d) => d.finding),
      }
    }),
  }

  const items: ReportMessage[] = []
  let withheldMessages = 0
  let errors = 0
  let warnings = 0
  for (const file of options.files) {
    for (const m of file.messages) {
      const severity = m.fatal === true ? 'error' : 'warning'
      if (severity === 'error') errors++
      else warnings++
      if (withheldFiles.has(file.path)) {
        withheldMessages++
        continue
      }
      items.push({ file: file.path, line: m.line ?? null, column: m.column ?? null, severity, ruleId: m.ruleId ?? null, message: m.reason })
    }
  }
  items.sort((a, b) => cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || cmp(a.ruleId ?? '', b.ruleId ?? '') || cmp(a.message, b.message))

  return {
    version: 1,
    generator: `sprid ${version}`,
    date: project.date,
    site: { title: project.config.title, organisation: project.config.organisation ?? null, lang: project.config.lang },
    build: { audiences: builtAudiences, formats: builtFormats, drafts: project.drafts },
    audiences,
    findings,
    withheld: { count: withheldIds.size, reasons: withheldReasons, messages: withheldMessages },
    translations,
    messages: { errors, warnings, items },
  }
}

/**
 * The files an included finding went into, per format the audience gets:
 * files about the finding itself (its page, its card), else the pack's files
 * of that format (deck, handout, posts), which hold every finding of the pack.
 */
function cellFormats(
  outputs: readonly (FileMeta & { path: string })[],
  audience: string,
  finding: string,
  formats: ReadonlyMap<FormatId, unknown>,
): Partial<Record<FormatId, string[]>> {
  const result: Partial<Record<FormatId, string[]>> = {}
  for (const format of FORMAT_IDS) {
    if (!formats.has(format)) continue
    const ofFormat = outputs.filter((o) => o.audience === audience && o.format === format)
    const own = ofFormat.filter((o) => o.finding === finding)
    const perFinding = ofFormat.some((o) => o.finding !== null)
    result[format] = (own.length > 0 || perFinding ? own : ofFormat).map((o) => o.path)
  }
  return result
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
