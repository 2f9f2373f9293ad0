/**
 * `sprid build`: load -> check -> tailor -> render -> write, composed here
 * and nowhere else. Formats plan jobs; the output stage runs them through
 * the cache into a temporary folder that replaces the output folder only
 * when everything succeeded.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import createDebug from 'debug'
import { loadProject, type LoadOptions, type Project } from './content/load.js'
import { loadConfig, type ResolvedConfig } from './config/load.js'
import { toJsonReport } from './report/json.js'
import { fingerprint, referencedFiles, replay, saveRecord, upToDate } from './up-to-date.js'
import { countMessages, report } from './content/messages.js'
import { check } from './check/check.js'
import { EXIT, SpridError, UsageError } from './errors.js'
import { formats as registry, FORMAT_ORDER } from './formats/index.js'
import { sharedAssetJobs, type DeclaredAssets } from './formats/shared-assets.js'
import type { BrowserSession, Format, FormatContext, FormatId, RenderJob, RenderMessage, SiteView } from './formats/types.js'
import type { Pack } from './tailor/view.js'
import type { FileHits } from './coverage/index.js'
import { hashFolders, openCache, prepareOutput, recordJobMessage, runJobs, sha256, stableHash, type JobProgress, type ManifestEntry, type PlannedJob } from './output/index.js'
import { createTemplateRenderer, findUnusedOverrides } from './render/index.js'
import { TemplateError } from './render/errors.js'
import { version, packageRoot } from './version.js'

const debug = createDebug('sprid:build')

/** Cache namespace of the leak scan's results, per output folder. */
const LEAK_MEMO = 'leak-scan'

export interface BuildOptions extends LoadOptions {
  /** Only these audiences. @default every audience */
  audiences?: readonly string[]
  /** Only these formats. @default every format each audience asks for */
  formats?: readonly FormatId[]
  /**
   * Leave out audiences marked `internal: true`, for an output folder that is
   * published (GitHub Pages): their packs hold what only staff may read.
   * @default false
   */
  publicOnly?: boolean
  /**
   * Print the paged formats to PDF. When false, the conference deck and the
   * handout are written as their paged HTML only (`conference.html`,
   * `conference-notes.html`, `handout.html`), with no browser for them (share
   * cards still need one): the preview does this and prints a PDF only when
   * it is asked for.
   * @default true
   */
  pdf?: boolean
  /** Use and update the incremental cache. @default true */
  cache?: boolean
  /** Environment for finding Chromium (`CHROME_PATH`, ...). @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /** Jobs (and browser pages) at once. @default the number of cores */
  concurrency?: number
  onProgress?: (progress: JobProgress) => void
  signal?: AbortSignal
}

export interface BuildResult {
  /** False when content or render errors stopped the build; the output folder is then untouched. */
  ok: boolean
  files: readonly VFile[]
  errors: number
  warnings: number
  outDir: string
  outputs: readonly ManifestEntry[]
  /** Files written per format. */
  perFormat: Partial<Record<FormatId, number>>
  /** Jobs served from the cache and jobs run. */
  cached: number
  ran: number
  elapsedMs: number
  /** True when nothing changed since the last build into the same folder, so nothing was done. */
  upToDate: boolean
  project: Project
}

const BUILTIN_TEMPLATES = fileURLToPath(new URL('templates/', packageRoot))
const CODE_DIR = fileURLToPath(new URL('.', import.meta.url))

/**
 * sprid's own code is part of every cache key: a changed renderer must not
 * reuse old outputs, released or not. Hashed once per process: the code that
 * runs is the code that was loaded.
 */
let codeHash: Promise<string> | undefined
const codeHashOnce = () => (codeHash ??= hashFolders([CODE_DIR]))

/** Build the project at `root`. Content problems are returned as messages; other failures throw typed errors. */
export async function build(root: string, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const config = await loadConfig(root, options)
  const elapsed = () => Math.round(performance.now() - started)
  const codeHash = await codeHashOnce()
  // Each input folder is read once per build (the demo's templates are the built-in ones).
  const folderHashes = new Map<string, Promise<string>>()
  const hashFolder = (folder: string) => {
    const key = path.resolve(folder)
    if (!folderHashes.has(key)) folderHashes.set(key, hashFolders([key]))
    return folderHashes.get(key)!
  }
  const hashOf = async (folders: readonly string[]) => stableHash(await Promise.all(folders.map(hashFolder)))
  const cache =
    options.cache === false
      ? undefined
      : openCache({
          dir: config.cache,
          version,
          templatesHash: await hashOf([BUILTIN_TEMPLATES, config.templates]),
          configHash: configHash(config, options.date),
          salt: codeHash,
        })
  const inputs = {
    version,
    code: codeHash,
    audiences: options.audiences ?? null,
    formats: options.formats ?? null,
    publicOnly: options.publicOnly === true,
    pdf: options.pdf !== false,
    drafts: options.drafts === true,
    date: options.date,
    baseUrl: config.baseUrl ?? null,
    browser: config.browser ?? null,
  }
  // Hashed before loading: a file edited during the build makes the next build run again.
  const foldersHash = await hashOf([findingsFolder(config), BUILTIN_TEMPLATES, config.templates])
  const fingerprintOf = (extra: readonly string[]) => fingerprint(config, foldersHash, inputs, extra)

  const unchanged = cache && (await upToDate(cache, config, fingerprintOf))
  debug('config, cache and fingerprint at %d ms', elapsed())
  if (unchanged) {
    debug('up to date: nothing to do (%d ms)', elapsed())
    const files = replay(unchanged, config.root)
    const project = emptyProject(config, options)
    return { ok: true, files, ...countMessages(files), outDir: config.out, outputs: unchanged.outputs, perFormat: perFormat(unchanged.outputs), cached: unchanged.outputs.length, ran: 0, elapsedMs: elapsed(), upToDate: true, project }
  }

  const project = await loadProject(root, { ...options, config })
  debug('loaded %d findings at %d ms', project.findings.length, elapsed())
  const extraFiles = referencedFiles(project)
  const buildFingerprint = await fingerprintOf(extraFiles)
  debug('fingerprinted at %d ms', elapsed())
  const checked = check(project)
  debug('checked and tailored in %d ms', elapsed())
  const files = [...project.files]
  const result = (ok: boolean, extra: Partial<BuildResult> = {}): BuildResult => ({
    ok,
    files,
    ...countMessages(files),
    outDir: project.config.out,
    outputs: [],
    perFormat: {},
    cached: 0,
    ran: 0,
    elapsedMs: elapsed(),
    upToDate: false,
    project,
    ...extra,
  })
  if (checked.errors > 0) return result(false)

  const packs = selectPacks(project, checked.packs, options)
  const wanted = selectFormats(options.formats)
  const site = siteView(project)
  const templateFile = (file: string) => templateVFile(files, project, file)

  // The demo project's templates/ is sprid's own: then there is nothing to override.
  const projectTemplates = samePath(project.config.templates, BUILTIN_TEMPLATES) ? undefined : project.config.templates
  const templates = createTemplateRenderer({
    builtinDir: BUILTIN_TEMPLATES,
    projectDir: projectTemplates,
    globals: { site },
    labels: project.config.labels,
  })
  for (const unused of projectTemplates ? await findUnusedOverrides(BUILTIN_TEMPLATES, projectTemplates) : []) {
    report(templateFile(path.join(projectTemplates!, unused)), 'warning', 'unused-override', 'This template replaces no built-in file of that name, so it is never used')
  }

  // One browser per build, created on first use. The promise is shared so jobs
  // asking at the same time never start a second one.
  let browser: Promise<{ session(): Promise<BrowserSession>; close(): Promise<void> }> | undefined
  const context = (packsOfFormat: readonly Pack[]): FormatContext => ({
    site,
    packs: packsOfFormat,
    templates,
    pdf: options.pdf !== false,
    browser: async () => {
      browser ??= import('./browser/manager.js').then(({ createBrowserManager }) =>
        createBrowserManager({ browser: project.config.browser, env: options.env, concurrency: options.concurrency }),
      )
      return (await browser).session()
    },
    // Messages of a running job are stored with its cache entry and replayed on a hit.
    formatOptions: (format, audienceId) => project.audiences.find((a) => a.id === audienceId)?.formats.get(format),
    social: project.config.social,
    readProjectFile: (file) => readProjectFile(project, file),
    report: (message) => {
      if (!recordJobMessage(message)) reportRender(files, project, message)
    },
  })

  const output = await prepareOutput({
    outDir: project.config.out,
    projectRoot: project.config.root,
    protectedPaths: protectedPaths(project),
    version,
  })
  try {
    const planned: PlannedJob[] = []
    const declared: DeclaredAssets[] = []
    for (const id of wanted) {
      const format: Format = registry[id]
      const packsOfFormat = packs.filter((pack) => audienceFormats(project, pack).has(id))
      if (packsOfFormat.length === 0) continue
      const formatContext = context(packsOfFormat)
      const jobs: RenderJob[] = [...((await format.planSite?.(formatContext)) ?? [])]
      for (const pack of packsOfFormat) jobs.push(...(await format.planPack(pack, formatContext)))
      planned.push(...jobs.map((job) => ({ format: id, job })))
      declared.push({ format: id, files: (await format.siteAssets?.(formatContext)) ?? [] })
    }
    planned.push(...sharedAssetJobs(declared))
    debug('planned %d jobs at %d ms', planned.length, elapsed())

    const { results, failures } = await runJobs(planned, {
      output,
      cache,
      concurrency: options.concurrency,
      onProgress: options.onProgress,
      signal: options.signal,
    })
    for (const outcome of [...results, ...failures]) {
      for (const message of outcome.messages) reportRender(files, project, message)
    }
    // A missing browser is not a content problem: it keeps its own exit code.
    const fatal = failures.find((f) => f.error instanceof SpridError && f.error.exitCode !== EXIT.CONTENT)
    if (fatal) throw fatal.error
    for (const failure of failures) reportFailure(files, project, failure.label, failure.error, templateFile)

    // Coverage report and leak guard: after rendering, before anything is visible.
    const { coverageReport, createLeakMemo, findLeaks, reportLeaks, REPORT_HTML, REPORT_JSON } = await import('./coverage/index.js')
    const builtAudiences = packs.map((pack) => pack.audience.id)
    const coverage = coverageReport({ project, decisions: checked.decisions, outputs: output.entries(), files, audiences: builtAudiences, formats: wanted })
    await output.write({ path: REPORT_JSON, contents: coverage.json })
    await output.write({ path: REPORT_HTML, contents: coverage.html })
    debug('rendered at %d ms', elapsed())
    // The scanner's own code is part of the key: a changed scanner scans everything again.
    const leakMemoKey = { out: config.out, code: codeHash }
    const leakMemo = createLeakMemo(await cache?.getJSON<Record<string, FileHits>>(LEAK_MEMO, leakMemoKey))
    const scan = await findLeaks({
      project,
      decisions: checked.decisions,
      audiences: builtAudiences,
      outputs: output.entries(),
      readOutput: (file) => readFile(path.join(output.tempDir, ...file.split('/'))),
      concurrency: options.concurrency,
      memo: leakMemo,
    })
    reportLeaks(project, scan, (message) => reportRender(files, project, message))
    debug('scanned for leaks at %d ms', elapsed())

    const counts = countMessages(files)
    if (counts.errors > 0) {
      await output.abort()
      return result(false)
    }
    const committed = await output.commit()
    debug('committed at %d ms', elapsed())
    if (cache) {
      await cache.putJSON(LEAK_MEMO, leakMemoKey, leakMemo.used())
      // Only a build of everything knows what is no longer used; one without PDFs
      // (the preview's) would drop the PDFs that `sprid build` and on-demand prints reuse.
      if (!options.audiences && !options.formats && !options.publicOnly && options.pdf !== false) await cache.prune()
      await saveRecord(cache, config, {
        fingerprint: buildFingerprint,
        extraFiles,
        manifest: sha256(await readFile(path.join(config.out, 'manifest.json'))),
        outputs: committed.manifest.outputs,
        report: toJsonReport(files),
      })
    }
    return result(true, {
      outputs: committed.manifest.outputs,
      perFormat: perFormat(committed.manifest.outputs),
      cached: results.filter((r) => r.cached).length,
      ran: results.filter((r) => !r.cached).length,
    })
  } catch (error) {
    await output.abort()
    throw error
  } finally {
    await (await browser)?.close()
  }
}

function selectPacks(project: Project, packs: ReadonlyMap<string, Pack>, options: Pick<BuildOptions, 'audiences' | 'publicOnly'>): Pack[] {
  const ids = options.audiences
  const known = project.audiences.map((a) => a.id)
  const internal = new Set(project.audiences.filter((a) => a.data.internal === true).map((a) => a.id))
  for (const id of ids ?? []) {
    if (!known.includes(id)) throw new UsageError(`Unknown audience \`${id}\`; known: ${known.join(', ') || '(none)'}`)
    if (options.publicOnly && internal.has(id)) throw new UsageError(`Audience \`${id}\` is internal, and --public leaves internal audiences out`)
  }
  return known
    .filter((id) => (ids === undefined || ids.includes(id)) && !(options.publicOnly && internal.has(id)))
    .map((id) => packs.get(id)!)
}

function selectFormats(ids: readonly string[] | undefined): FormatId[] {
  for (const id of ids ?? []) {
    if (!(FORMAT_ORDER as readonly string[]).includes(id)) {
      throw new UsageError(`Unknown format \`${id}\`; known: ${FORMAT_ORDER.join(', ')}`)
    }
  }
  return FORMAT_ORDER.filter((id) => ids === undefined || ids.includes(id))
}

/** The formats an audience's profile asks for. */
export function audienceFormats(project: Project, pack: Pack): ReadonlyMap<FormatId, Readonly<Record<string, unknown>>> {
  return project.audiences.find((a) => a.id === pack.audience.id)!.formats
}

export function siteView(project: Project): SiteView {
  const { config } = project
  return {
    title: config.title,
    organisation: config.organisation,
    baseUrl: config.baseUrl,
    lang: config.lang,
    date: project.date,
    generator: `sprid ${version}`,
  }
}

function perFormat(outputs: readonly ManifestEntry[]): Partial<Record<FormatId, number>> {
  const counts: Partial<Record<FormatId, number>> = {}
  for (const entry of outputs) {
    if (entry.format === null) continue
    const format = entry.format as FormatId
    counts[format] = (counts[format] ?? 0) + 1
  }
  return counts
}

/** A project with nothing loaded, for results of builds that had nothing to do. */
function emptyProject(config: Readonly<ResolvedConfig>, options: BuildOptions): Project {
  return { config, findings: [], audiences: [], files: [], date: options.date, drafts: options.drafts === true }
}

/** Everything in the config that can change an output (plugins count by their source). */
function configHash(config: Readonly<ResolvedConfig>, date: string): string {
  return stableHash(
    JSON.parse(
      JSON.stringify({ user: config.user, date }, (_key, value: unknown) =>
        typeof value === 'function' ? value.toString() : value,
      ),
    ),
  )
}

/** The folder the findings glob starts in. */
function findingsFolder(config: Readonly<ResolvedConfig>): string {
  return path.join(config.root, config.findings.split(/[*{]/)[0] ?? 'findings')
}

/** Folders a build must never replace: findings, templates, cache. */
function protectedPaths(project: Project): string[] {
  const { config } = project
  return [findingsFolder(config), config.templates, config.cache]
}

/** Read a project file named relative to the root; refuses paths that leave it. */
async function readProjectFile(project: Project, file: string): Promise<Uint8Array> {
  const absolute = path.resolve(project.config.root, file)
  if (path.relative(project.config.root, absolute).startsWith('..')) throw new Error(`\`${file}\` is outside the project`)
  return readFile(absolute)
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b)
}

function templateVFile(files: VFile[], project: Project, file: string): VFile {
  const relative = path.isAbsolute(file) ? path.relative(project.config.root, file).split(path.sep).join('/') : file
  let vfile = files.find((f) => f.path === relative)
  if (!vfile) {
    vfile = new VFile({ path: relative, cwd: project.config.root })
    files.push(vfile)
  }
  return vfile
}

function reportRender(files: VFile[], project: Project, message: RenderMessage): void {
  const file = templateVFile(files, project, message.file ?? 'sprid')
  const place = message.line !== undefined ? { line: message.line, column: message.column ?? 1 } : undefined
  report(file, message.severity, message.ruleId, message.message, place)
}

function reportFailure(
  files: VFile[],
  project: Project,
  label: string,
  error: unknown,
  templateFile: (file: string) => VFile,
): void {
  if (error instanceof TemplateError) {
    report(templateFile(error.file), 'error', 'template', `${error.message} (while rendering ${label})`, error.line ? { line: error.line, column: error.column ?? 1 } : undefined)
    return
  }
  const reason = error instanceof Error ? error.message : String(error)
  reportRender(files, project, { severity: 'error', ruleId: 'render', message: `${label}: ${reason}` })
  debug('job %s failed: %O', label, error)
}
