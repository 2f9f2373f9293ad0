/**
 * `sprid preview`: build into a temporary folder, serve it on 127.0.0.1,
 * rebuild on every change and reload the open pages. A failed build leaves
 * the last good output served (the build is atomic) and shows its errors in
 * an overlay until a build succeeds again. The deck and the handout are
 * built as paged HTML, so no PDF printing slows a rebuild down; their PDFs are
 * printed when asked for (`print.ts`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import createDebug from 'debug'
import { build, type BuildOptions, type BuildResult } from '../build.js'
import { loadConfig } from '../config/load.js'
import { UsageError } from '../errors.js'
import { listMatrix, type Matrix } from '../list.js'
import { loadProject } from '../content/load.js'
import { createLoadMemo } from '../content/memo.js'
import type { ManifestEntry } from '../output/index.js'
import { createEventHub } from './events.js'
import { openBrowser } from './open.js'
import { overlayHtml } from './overlay.js'
import { PREVIEW_BASE, type PagesData } from './pages.js'
import { problemOfError, problemsOf, type PreviewProblem } from './problems.js'
import { createPdfPrinter } from './print.js'
import { createBuildQueue } from './queue.js'
import { createPreviewServer, listen } from './server.js'
import { watchProject, type Watcher } from './watch.js'

const debug = createDebug('sprid:preview')

export interface PreviewOptions extends Omit<BuildOptions, 'out' | 'pdf' | 'onProgress' | 'signal'> {
  /** Aborting it closes the preview as `close()` does: wire Ctrl-C to it. */
  signal?: AbortSignal
  /** The port to listen on; when it is taken, the next free one (up to 20 further). `0` takes any free port. @default 4321 */
  port?: number
  /**
   * The address to listen on. Only loopback by default: set it (`0.0.0.0`,
   * a LAN address) to show the preview to other machines on purpose.
   * @default '127.0.0.1'
   */
  host?: string
  /** Open the preview index in the default browser once the first build is done. @default false */
  open?: boolean
  /** Wait this long after the last change before rebuilding, in milliseconds. @default 30 */
  debounce?: number
  /** Called after every build, the first one included (for the terminal). */
  onBuild?: (build: PreviewBuild) => void
}

/** One build of the preview. */
export interface PreviewBuild {
  /** True when the build succeeded and its output is being served. */
  ok: boolean
  /** `undefined` when the build threw (a broken config, no browser for PDFs). */
  result?: BuildResult
  /** What the build threw. */
  error?: unknown
  /** The errors shown in the overlay; empty when `ok`. */
  problems: readonly PreviewProblem[]
  /** Project-relative files whose change started this build; empty for the first one. */
  changed: readonly string[]
  /** Output files added, changed or removed by this build; open pages reload only when there are any. */
  outputsChanged: number
  /** The number of builds that changed the output so far; a page older than this reloads. */
  version: number
  elapsedMs: number
}

export interface PreviewServer {
  /** Where the build folder is served, e.g. `http://127.0.0.1:4321/`. */
  url: string
  /** The preview index: every pack and format, e.g. `http://127.0.0.1:4321/__sprid/`. */
  indexUrl: string
  port: number
  host: string
  /** The temporary build folder being served; removed by `close()`. */
  outDir: string
  /** The last build that finished. */
  readonly last: PreviewBuild
  /** Build now, as if a file had changed (after the running build, if any). */
  rebuild(): Promise<PreviewBuild>
  /** Stop watching, stop a running build (and its browser), close the server and every connection, and remove the build folder. */
  close(): Promise<void>
  /** Resolves once the preview is closed (by `close()` or the `signal`). */
  readonly closed: Promise<void>
}

export const DEFAULT_PORT = 4321
export const DEFAULT_HOST = '127.0.0.1'

/** Start previewing the project at `root`. Resolves once the first build has finished and the server listens. */
export async function preview(root: string, options: PreviewOptions): Promise<PreviewServer> {
  const { port: wantedPort = DEFAULT_PORT, host: wantedHost, open = false, debounce, onBuild, signal, ...buildOptions } = options
  signal?.throwIfAborted()
  const host = wantedHost ?? DEFAULT_HOST
  const projectRoot = path.resolve(root)
  const base = await mkdtemp(path.join(os.tmpdir(), 'sprid-preview-'))
  const outDir = path.join(base, 'site')

  // Folders a change in which is no reason to build: the output (a `sprid build` next to
  // the preview), the cache (written by every build) and the preview's own folder.
  let ignored: string[] = [base]
  const ignoreFoldersOf = (config: { out: string; cache: string }) => {
    ignored = [base, config.out, config.cache]
  }
  await loadConfig(projectRoot, buildOptions).then(ignoreFoldersOf, () => ignoreFoldersOf({ out: path.join(projectRoot, 'dist'), cache: path.join(projectRoot, '.sprid-cache') }))

  let version = 0
  let problems: readonly PreviewProblem[] = []
  let pages: PagesData | undefined
  let last: PreviewBuild | undefined
  let controller: AbortController | undefined
  let closing: Promise<void> | undefined

  const events = createEventHub()
  const printer = createPdfPrinter({ root: projectRoot, folder: path.join(base, 'pdf'), options: buildOptions })
  // A save changes one file: what the last build made of the others is reused.
  const memo = createLoadMemo()

  const runBuild = async (changed: readonly string[]): Promise<PreviewBuild> => {
    const started = performance.now()
    const abort = new AbortController()
    controller = abort
    if (signal?.aborted) abort.abort(signal.reason)
    let outcome: PreviewBuild
    try {
      const result = await build(projectRoot, { ...buildOptions, memo, out: outDir, pdf: false, signal: abort.signal })
      ignoreFoldersOf(result.project.config)
      let outputsChanged = 0
      if (result.ok) {
        outputsChanged = countChanged(pages?.outputs, result.outputs)
        if (outputsChanged > 0) version++
        problems = []
        pages = { title: result.project.config.title, outDir, outputs: result.outputs, matrix: await matrixOf(result, pages) }
        events.broadcast({ type: 'ok', version, changed: outputsChanged })
        // Nothing to see when no output changed (a whitespace edit, an unrelated file).
        if (outputsChanged > 0) events.broadcast({ type: 'reload', version, changed: outputsChanged })
      } else {
        problems = await problemsOf(result.files, projectRoot)
        events.broadcast({ type: 'error', messages: problems, html: overlayHtml(problems) })
      }
      outcome = { ok: result.ok, result, problems, changed, outputsChanged, version, elapsedMs: elapsed(started) }
    } catch (error) {
      outcome = { ok: false, error, problems: [problemOfError(error, projectRoot)], changed, outputsChanged: 0, version, elapsedMs: elapsed(started) }
      if (!closing && !abort.signal.aborted) {
        debug('build threw: %O', error)
        problems = outcome.problems
        events.broadcast({ type: 'error', messages: problems, html: overlayHtml(problems) })
      }
    } finally {
      if (controller === abort) controller = undefined
    }
    debug('build %s in %d ms (%d changed)', outcome.ok ? 'ok' : 'failed', outcome.elapsedMs, changed.length)
    last = outcome
    if (!closing && !abort.signal.aborted) onBuild?.(outcome)
    return outcome
  }

  const queue = createBuildQueue({ debounce, run: runBuild })
  const server = createPreviewServer({
    outDir,
    state: () => ({ version, problems, pages }),
    idle: () => queue.idle(),
    events,
    anyHost: wantedHost !== undefined && !isLoopbackAddress(wantedHost),
    print: (audience, file) => printer.print(audience, file),
  })
  let watcher: Watcher | undefined
  let resolveClosed!: () => void
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve))

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      controller?.abort()
      await watcher?.close()
      await Promise.all([queue.close(), printer.close()])
      events.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await rm(base, { recursive: true, force: true })
      signal?.removeEventListener('abort', onAbort)
      debug('closed')
      resolveClosed()
    })())

  // While starting, an abort stops the first build and the steps below clean up; once started, it closes.
  let started = false
  const onAbort = () => {
    if (started) void close()
    else controller?.abort()
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  const stopIfAborted = () => {
    if (signal?.aborted) throw signal.reason
  }

  try {
    const port = await listen(server, wantedPort, host)
    stopIfAborted()
    const [first, watching] = await Promise.all([
      queue.build(),
      watchProject({
        root: projectRoot,
        ignored: () => ignored,
        onChange: (file) => queue.change(file),
        onError: (error) => debug('watcher: %O', error),
      }),
    ])
    watcher = watching
    stopIfAborted()
    // Wrong flags (an unknown audience or format) are not fixed by editing files.
    if (first.error instanceof UsageError) throw first.error
    const url = `http://${urlHost(host)}:${port}/`
    const indexUrl = new URL(PREVIEW_BASE, url).href
    if (open) openBrowser(indexUrl)
    started = true
    return {
      url,
      indexUrl,
      port,
      host,
      outDir,
      get last() {
        return last!
      },
      rebuild: () => queue.build(),
      close,
      closed,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** Output files added, changed or removed between two builds. */
function countChanged(before: readonly ManifestEntry[] | undefined, after: readonly ManifestEntry[]): number {
  if (!before) return after.length
  const old = new Map(before.map((entry) => [entry.path, entry.sha256]))
  let changed = 0
  for (const entry of after) {
    if (old.get(entry.path) !== entry.sha256) changed++
    old.delete(entry.path)
  }
  return changed + old.size
}

/**
 * Who gets which finding. A build with nothing to do skips loading the
 * project (its `project` is empty): the last matrix still holds then.
 */
async function matrixOf(result: BuildResult, last: PagesData | undefined): Promise<Matrix> {
  if (!result.upToDate) return listMatrix(result.project)
  if (last) return last.matrix
  const { config, date, drafts } = result.project
  return listMatrix(await loadProject(config.root, { config, date, drafts }))
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started)
}

function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

/** The host for URLs: a wildcard address is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
