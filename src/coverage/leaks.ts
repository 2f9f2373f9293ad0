/**
 * The leak guard: after rendering and before the output folder is swapped
 * in, scan every produced file for findings its readers may not receive.
 *
 * Selection already keeps held-back findings out of packs; this is the
 * second line for what selection cannot see: a project template that
 * hard-codes a sentence, a format that reads the wrong pack, a cached file
 * from an older build. It looks at what the build actually wrote:
 *
 * - the manifest: an entry whose `finding` is held back from its audience;
 * - paths: `<audience>/<finding-id>/…`, `<audience>/cards/<finding-id>.png`;
 * - text: the title, summary and social hook of every held-back finding
 *   (every language variant), in HTML and XML (text, attribute values,
 *   JSON-LD), JSON, Markdown, CSV and PDF text (pages, bookmarks, document
 *   information; read with pdf-lib, no poppler needed). PNG and fonts are
 *   checked by path and manifest only.
 *
 * A file under `<audience>/` (or whose manifest entry names the audience)
 * belongs to that audience: every finding held back from it (draft,
 * internal, embargoed, restricted by `audiences:`) must be absent. Files
 * shared by every pack (`index.html`, `sitemap.xml`, assets, the report)
 * must not name a held-back finding that is in no pack of the build.
 * Findings left out only by an audience's selection (tags, evidence) are
 * not secrets and are not looked for.
 */
import createDebug from 'debug'
import { toString } from 'mdast-util-to-string'
import type { Root } from 'mdast'
import type { Point } from 'unist'
import type { FindingEntry, Project, SourceFinding } from '../content/load.js'
import { report } from '../content/messages.js'
import type { FormatId, RenderMessage } from '../formats/types.js'
import type { FileMeta } from '../output/manifest.js'
import { stableHash } from '../output/hash.js'
import { decide, type Decision, type Exclusion } from '../tailor/select.js'
import { extractPdfText, pdfTextString } from './pdf-text.js'
import { KIND_NAMES, kindOf, kindOfBytes, normalize, textOf, type TextKind } from './text.js'

const debug = createDebug('sprid:leaks')

/** Exclusions that mean "may not receive", as opposed to "did not select". */
export const SENSITIVE_REASONS: ReadonlySet<Exclusion> = new Set<Exclusion>(['draft', 'internal', 'embargoed', 'restricted'])

/**
 * Needles shorter than this (letters and digits) are not looked for in text:
 * a two-word title would match ordinary prose. Ids are still checked in
 * paths and the manifest.
 */
export const MIN_NEEDLE_LENGTH = 10

/** Names of sprid's own output files and folders: an id equal to one is not looked for in paths. */
const LAYOUT_NAMES: ReadonlySet<string> = new Set([
  'index', 'feed', 'social', 'cards', 'conference', 'conference-notes', 'handout', 'assets', 'img', 'fonts', 'report', 'manifest', 'sitemap',
])

export interface LeakScanOptions {
  project: Pick<Project, 'findings' | 'audiences' | 'date' | 'drafts' | 'config'>
  /** Every audience's decisions (`check(project).decisions`); computed with `decide` when omitted. */
  decisions?: ReadonlyMap<string, readonly Decision[]>
  /** The files of this build: the output writer's `entries()` before commit, or `manifest.json`'s `outputs`. */
  outputs: readonly (FileMeta & { path: string })[]
  /** Read a produced file by its output path (posix, relative to the output folder). */
  readOutput(path: string): Promise<Uint8Array>
  /** The audiences this build made packs for. @default every audience of the project */
  audiences?: readonly string[]
  /** Files read at once. @default 8 */
  concurrency?: number
  /** What earlier scans found in files of the same content: those files are not read again. */
  memo?: LeakMemo
}

/** The needles found in one file, or why its text could not be read. */
export type FileHits = { found: string[]; kind: TextKind } | { error: string }

/**
 * Scan results by file content and needles, kept between builds (in the
 * build cache): an unchanged output with an unchanged set of needles is not
 * read or normalized again, which is most of a rebuild's scan.
 */
export interface LeakMemo {
  get(key: string): FileHits | undefined
  set(key: string, hits: FileHits): void
  /** The entries this scan used, to store for the next one. */
  used(): Record<string, FileHits>
}

export function createLeakMemo(stored: Readonly<Record<string, FileHits>> = {}): LeakMemo {
  const used: Record<string, FileHits> = {}
  return {
    get(key) {
      const hits = Object.hasOwn(stored, key) ? stored[key] : used[key]
      if (hits) used[key] = hits
      return hits
    },
    set(key, hits) {
      used[key] = hits
    },
    used: () => used,
  }
}

/** Where a held-back finding was seen. */
export type LeakKind = 'manifest' | 'path' | 'title' | 'summary' | 'hook'

export interface Leak {
  finding: string
  /** The finding's file whose text was found (the base file for manifest and path leaks), project-relative. */
  file: string
  /** The audience that may not receive it; `null` for files every audience shares. */
  audience: string | null
  /** The output file, relative to the output folder. */
  output: string
  format: FormatId | null
  kind: LeakKind
  /** How the file was read, e.g. `PDF text`. */
  via: string
  /** Why the audience may not receive it. */
  reason: Exclusion
  detail: string
}

export interface SkippedOutput {
  path: string
  reason: string
}

export interface LeakScan {
  /** Sorted by finding, audience, output. */
  leaks: Leak[]
  /** Files whose text could not be read (they were still checked by path and manifest). */
  skipped: SkippedOutput[]
  /** Files looked at. */
  scanned: number
}

interface Needle {
  text: string
  kind: Exclude<LeakKind, 'manifest' | 'path'>
  source: SourceFinding
}

interface Forbidden {
  entry: FindingEntry
  reason: Exclusion
  detail: string
  needles: Needle[]
}

/** A set of files with the same readers: one audience, or everyone (`null`). */
interface Scope {
  audience: string | null
  forbidden: Forbidden[]
  /** Hash of the needles looked for: part of a file's memo key. */
  key: string
}

/** Scan the produced files for findings their readers may not receive. */
export async function findLeaks(options: LeakScanOptions): Promise<LeakScan> {
  const { project } = options
  const built = new Set(options.audiences ?? project.audiences.map((a) => a.id))
  const decisions = (id: string): readonly Decision[] => {
    const known = options.decisions?.get(id)
    if (known) return known
    const audience = project.audiences.find((a) => a.id === id)
    return audience ? decide(project, audience) : []
  }
  const entries = new Map(project.findings.map((entry) => [entry.id, entry]))
  const known = new Set(project.audiences.map((a) => a.id))
  const needlesOf = memo((entry: FindingEntry) => needles(entry))

  const scopes = new Map<string | null, Scope>()
  const scopeOf = (audience: string | null): Scope => {
    let scope = scopes.get(audience)
    if (scope) return scope
    scope = makeScope(audience)
    scopes.set(audience, scope)
    return scope
  }
  const makeScope = (audience: string | null): Scope => {
    const forbidden: Forbidden[] = []
    let allowed: Set<string>
    if (audience !== null) {
      const list = decisions(audience)
      allowed = new Set(list.filter((d) => d.included).map((d) => d.finding))
      for (const d of list) {
        if (d.included || !d.reason || !SENSITIVE_REASONS.has(d.reason)) continue
        const entry = entries.get(d.finding)
        if (entry) forbidden.push({ entry, reason: d.reason, detail: d.detail ?? d.reason, needles: [] })
      }
    } else {
      // Shared files: a finding in any pack of this build may be named; a held-back one in none may not.
      allowed = new Set()
      const heldBy = new Map<string, Decision>()
      for (const audienceId of built) {
        for (const d of decisions(audienceId)) {
          if (d.included) allowed.add(d.finding)
          else if (d.reason && SENSITIVE_REASONS.has(d.reason) && !heldBy.has(d.finding)) heldBy.set(d.finding, d)
        }
      }
      for (const [id, d] of heldBy) {
        const entry = entries.get(id)
        if (entry && !allowed.has(id)) forbidden.push({ entry, reason: d.reason!, detail: `${sharedDetail(d)}, and in no pack of this build`, needles: [] })
      }
    }
    // A sentence an allowed finding also contains cannot tell the two apart: leave it out (and say so).
    const haystack = allowedText(project, [...allowed].map((id) => entries.get(id)).filter((e): e is FindingEntry => e !== undefined), audience)
    for (const item of forbidden) {
      item.needles = needlesOf(item.entry).filter((needle) => {
        if (!haystack.includes(needle.text)) return true
        debug('not looking for the %s of %s in %s: allowed text has it too', needle.kind, item.entry.id, audience ?? 'shared files')
        return false
      })
    }
    return { audience, forbidden, key: stableHash(forbidden.map((item) => item.needles.map((needle) => needle.text))) }
  }

  const leaks: Leak[] = []
  const skipped: SkippedOutput[] = []
  const textCache = new Map<string, Promise<{ text: string; kind: TextKind } | { error: string }>>()
  const readText = (output: FileMeta & { path: string; sha256?: string }) => {
    const key = output.sha256 ?? output.path
    let cached = textCache.get(key)
    if (!cached) {
      cached = readNormalized(output.path, options.readOutput)
      textCache.set(key, cached)
    }
    return cached
  }

  /** The needles of `scopesOfFile` that the file's text contains. */
  const hitsOf = async (output: FileMeta & { path: string; sha256?: string }, scopesOfFile: readonly Scope[]): Promise<FileHits> => {
    const key = output.sha256 && stableHash([output.sha256, ...scopesOfFile.map((scope) => scope.key)])
    const known = key ? options.memo?.get(key) : undefined
    if (known) return known
    const read = await readText(output)
    const needles = scopesOfFile.flatMap((scope) => scope.forbidden.flatMap((item) => item.needles.map((needle) => needle.text)))
    const hits = 'error' in read ? read : { found: [...new Set(needles.filter((text) => read.text.includes(text)))], kind: read.kind }
    if (key) options.memo?.set(key, hits)
    return hits
  }

  const scanOne = async (output: FileMeta & { path: string }) => {
    const scopesOfFile = fileScopes(output, known).map(scopeOf)
    if (scopesOfFile.every((scope) => scope.forbidden.length === 0)) return
    const read = await hitsOf(output, scopesOfFile)
    if ('error' in read) skipped.push({ path: output.path, reason: read.error })
    for (const scope of scopesOfFile) {
      for (const item of scope.forbidden) {
        const base = { finding: item.entry.id, audience: scope.audience, output: output.path, format: output.format, reason: item.reason, detail: item.detail }
        if (output.finding === item.entry.id) {
          leaks.push({ ...base, file: item.entry.base.file, kind: 'manifest', via: 'manifest entry' })
        }
        if (!LAYOUT_NAMES.has(item.entry.id) && pathNames(output.path, scope.audience).has(item.entry.id)) {
          leaks.push({ ...base, file: item.entry.base.file, kind: 'path', via: 'file path' })
        }
        if ('error' in read) continue
        const hit = item.needles.find((needle) => read.found.includes(needle.text))
        if (hit) leaks.push({ ...base, file: hit.source.file, kind: hit.kind, via: KIND_NAMES[read.kind] })
      }
    }
  }

  const queue = [...options.outputs]
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, async () => {
    for (let output = queue.shift(); output !== undefined; output = queue.shift()) await scanOne(output)
  })
  await Promise.all(workers)

  leaks.sort((a, b) => cmp(a.finding, b.finding) || cmp(a.audience ?? '', b.audience ?? '') || cmp(a.output, b.output) || cmp(a.kind, b.kind))
  skipped.sort((a, b) => cmp(a.path, b.path))
  debug('scanned %d files: %d leaks, %d unreadable', options.outputs.length, leaks.length, skipped.length)
  return { leaks, skipped, scanned: options.outputs.length }
}

/** Why a finding is held back, said without naming one audience: `internal`, `a draft`, `embargoed until …`. */
function sharedDetail(decision: Decision): string {
  switch (decision.reason) {
    case 'draft':
      return 'a draft'
    case 'internal':
      return 'internal'
    default:
      return decision.detail ?? decision.reason ?? 'held back'
  }
}

/** The audiences whose readers get `output`: its manifest audience and its first folder; none means shared. */
function fileScopes(output: FileMeta & { path: string }, known: ReadonlySet<string>): (string | null)[] {
  const scopes = new Set<string>()
  if (output.audience !== null && known.has(output.audience)) scopes.add(output.audience)
  const first = output.path.split('/')[0]!
  if (output.path.includes('/') && known.has(first)) scopes.add(first)
  return scopes.size === 0 ? [null] : [...scopes]
}

/** Folder names and the file stem below the audience's folder: `boende/cards/x-square.png` → cards, x, x-square. */
function pathNames(file: string, audience: string | null): Set<string> {
  const segments = file.split('/')
  if (audience !== null && segments[0] === audience) segments.shift()
  const names = new Set(segments.slice(0, -1))
  const last = segments[segments.length - 1] ?? ''
  const stem = last.replace(/\.[^.]+$/, '')
  names.add(last)
  names.add(stem)
  names.add(stem.replace(/-square$/, ''))
  return names
}

async function readNormalized(
  file: string,
  readOutput: (path: string) => Promise<Uint8Array>,
): Promise<{ text: string; kind: TextKind } | { error: string }> {
  let bytes: Uint8Array
  try {
    bytes = await readOutput(file)
  } catch (error) {
    return { error: `cannot read it (${message(error)})` }
  }
  const kind = kindOf(file) ?? kindOfBytes(bytes)
  if (kind === 'binary') return { text: '', kind }
  if (kind === 'pdf') {
    try {
      return { text: normalize(pdfTextString(await extractPdfText(bytes))), kind }
    } catch (error) {
      return { error: `cannot read its PDF text (${message(error)})` }
    }
  }
  return { text: normalize(textOf(kind, bytes)), kind }
}

/** The distinctive sentences of a finding, in every language it has. */
function needles(entry: FindingEntry): Needle[] {
  const out: Needle[] = []
  const seen = new Set<string>()
  for (const source of [entry.base, ...entry.variants.values()]) {
    const candidates: [Needle['kind'], string | undefined][] = [
      ['title', source.data.title],
      ['summary', source.data.summary],
      ['hook', source.data.social?.hook],
    ]
    for (const [kind, value] of candidates) {
      const text = normalize(value ?? '')
      if (text.length < MIN_NEEDLE_LENGTH || seen.has(text)) continue
      seen.add(text)
      out.push({ text, kind, source })
    }
  }
  return out
}

/** Everything the readers of a scope may legitimately read: their findings, their profile, the site. */
function allowedText(project: LeakScanOptions['project'], allowed: readonly FindingEntry[], audience: string | null): string {
  const parts: string[] = []
  const add = (...texts: string[]) => parts.push(...texts.map(normalize))
  add(project.config.title, project.config.organisation ?? '')
  for (const entry of allowed) {
    for (const source of [entry.base, ...entry.variants.values()]) {
      add(source.data.title, source.data.summary, source.data.social?.hook ?? '', source.data.quote?.text ?? '')
      add(...Object.values(source.data.figures ?? {}).map((figure) => figure.label))
      parts.push(treeText(source.tree))
    }
  }
  for (const profile of project.audiences) {
    if (audience !== null && profile.id !== audience) continue
    add(profile.data.name, profile.data.description ?? '', profile.data.cta?.text ?? '')
    parts.push(treeText(profile.intro))
  }
  // `|` cannot occur in normalized text, so nothing matches across two parts.
  return parts.join('|')
}

/**
 * The text of a body, once per tree: every scope reads every allowed body,
 * and the preview's builds share the trees of unchanged files.
 */
const treeTexts = new WeakMap<Root, string>()
function treeText(tree: Root): string {
  let text = treeTexts.get(tree)
  if (text === undefined) {
    text = normalize(toString(tree))
    treeTexts.set(tree, text)
  }
  return text
}

/**
 * Put every leak on the file of its finding as an error (rule `leak`), one
 * message per finding, audience and format, naming the output files.
 * Unreadable files go to `other` as warnings (rule `leak-scan`).
 *
 * @returns the number of errors reported.
 */
export function reportLeaks(
  project: Pick<Project, 'findings'>,
  scan: LeakScan,
  other?: (message: RenderMessage) => void,
): number {
  const groups = new Map<string, Leak[]>()
  for (const leak of scan.leaks) {
    const key = `${leak.file}\0${leak.finding}\0${leak.audience ?? ''}\0${leak.format ?? ''}`
    const group = groups.get(key)
    if (group) group.push(leak)
    else groups.set(key, [leak])
  }
  let count = 0
  for (const group of groups.values()) {
    const first = group[0]!
    const entry = project.findings.find((f) => f.id === first.finding)
    const source = entry && [entry.base, ...entry.variants.values()].find((s) => s.file === first.file)
    if (!entry || !source) continue
    report(source.vfile, 'error', 'leak', leakMessage(group), placeOf(source, group))
    count++
  }
  for (const skip of scan.skipped) {
    other?.({ severity: 'warning', ruleId: 'leak-scan', message: `Could not scan \`${skip.path}\` for leaks: ${skip.reason}; it was checked by path and manifest only` })
  }
  return count
}

const KIND_WORDS: Readonly<Record<LeakKind, string>> = {
  manifest: 'is listed as its finding in the manifest',
  path: 'is named in the file path',
  title: 'title',
  summary: 'summary',
  hook: 'social hook',
}

const SHOWN = 6

function leakMessage(group: readonly Leak[]): string {
  const first = group[0]!
  const format = first.format === null ? '' : `${first.format} `
  const who = first.audience === null ? `${format}files every audience shares` : `the ${format}outputs of audience \`${first.audience}\``
  const byOutput = new Map<string, Leak[]>()
  for (const leak of group) byOutput.set(leak.output, [...(byOutput.get(leak.output) ?? []), leak])
  const items = [...byOutput].map(([output, leaks]) => {
    const what = leaks.map((l) => (l.kind === 'manifest' || l.kind === 'path' ? KIND_WORDS[l.kind] : `${KIND_WORDS[l.kind]} in ${l.via}`))
    return `\`${output}\` (${[...new Set(what)].join('; ')})`
  })
  const shown = items.slice(0, SHOWN).join(', ')
  const more = items.length > SHOWN ? `, and ${items.length - SHOWN} more` : ''
  return `Leak: \`${first.finding}\` is ${first.detail}, so it must not reach ${who}, but it appears in ${shown}${more}`
}

function placeOf(source: SourceFinding, group: readonly Leak[]): Point {
  const kinds = new Set(group.map((l) => l.kind))
  if (kinds.has('title')) return source.pointOf(['title'])
  if (kinds.has('summary')) return source.pointOf(['summary'])
  if (kinds.has('hook')) return source.pointOf(['social', 'hook'])
  const reason = group[0]!.reason
  const data = source.data
  if (reason === 'embargoed' && data.embargo_until !== undefined) return source.pointOf(['embargo_until'])
  if (reason === 'restricted' && data.audiences !== undefined) return source.pointOf(['audiences'])
  if (data.status !== undefined) return source.pointOf(['status'])
  return { line: 1, column: 1 }
}

function memo<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>()
  return (key) => {
    if (!cache.has(key)) cache.set(key, fn(key))
    return cache.get(key)!
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
