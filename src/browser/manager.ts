/**
 * One browser per build. `createBrowserManager()` finds Chromium, launches it
 * on first use, runs PDF, screenshot and measuring jobs on a bounded number of
 * pages at once (each page given back in `finally`: kept open for the next
 * job after a success, closed otherwise; all of them go with the browser),
 * relaunches once when the browser crashes during a job, and stops every
 * job with a watchdog.
 */
import os from 'node:os'
import type { Page } from 'puppeteer-core'
import { SpridError } from '../errors.js'
import type {
  BrowserSession,
  PageOptions,
  PdfOptions,
  PrintOptions,
  ScreenshotOptions,
} from '../formats/types.js'
import { debugBrowser } from './debug.js'
import { BrowserJobError, BrowserLaunchError } from './errors.js'
import { findBrowser, nodeFinderContext, type BrowserChoice } from './finder.js'
import type { FinderContext } from './finders/types.js'
import { launchBrowser, type LaunchedBrowser } from './launch.js'
import {
  closePage,
  createPagePool,
  loadPage,
  withPage,
  type BlockedRequest,
  type PagePool,
} from './page.js'
import { stampPdfMetadata, type PdfMetadata } from './pdf-metadata.js'

export interface BrowserManagerOptions {
  /**
   * Browser executable from `--browser PATH` or config `browser`.
   * @default found by the finders
   */
  browser?: string
  /**
   * Environment used to find the browser (`PUPPETEER_EXECUTABLE_PATH`,
   * `CHROME_PATH`, `PATH`...) and given to the browser process.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>
  /** Pages open at once. @default the number of CPU cores (at least 1) */
  concurrency?: number
  /** Watchdog base for one job in milliseconds (a job's own `timeout` wins). @default 30_000 */
  timeout?: number
  /** Watchdog milliseconds added per page of the `pages` hint. @default 2_000 */
  timeoutPerPage?: number
  /** Milliseconds to wait for the browser to start. @default 30_000 */
  launchTimeout?: number
  /** More Chromium flags. @default [] */
  args?: readonly string[]
  /**
   * Kill the browser on SIGINT, SIGTERM, SIGHUP and process exit while it
   * runs (then re-raise the signal, or set exit code 130/143 when the
   * program has its own handlers). @default true
   */
  handleSignals?: boolean
  /** Relaunches allowed after crashes over the manager's life. @default 3 */
  maxRelaunches?: number
  /**
   * Called when a page asks for something sprid does not serve (outside URL,
   * missing asset, navigation). @default none: blocked quietly
   */
  onBlockedRequest?: (event: BlockedRequest) => void
  /** The machine the finders look at (tests). @default nodeFinderContext({ env }) */
  finderContext?: FinderContext
}

export interface BrowserPdfOptions extends PdfOptions {
  /** When given, the PDF is stamped with {@link stampPdfMetadata} (deterministic dates and /ID). */
  metadata?: PdfMetadata
}

/** What the manager is doing, for tests, progress and `sprid doctor`. */
export interface BrowserStatus {
  /** The browser found, once looked for. */
  found?: BrowserChoice
  /** Process id of the running browser. */
  pid?: number
  /** Its temporary profile folder (removed on close). */
  userDataDir?: string
  /** Browsers launched so far (1 + relaunches). */
  launches: number
  running: boolean
  closed: boolean
  /**
   * Pages in use by jobs right now, the most in use at once, and pages
   * opened so far (the rest were reused).
   */
  pages: { open: number; peak: number; created: number }
}

export interface BrowserManager extends BrowserSession {
  /** Launch the browser (once) and return the session formats use. */
  session(): Promise<BrowserSession>
  /** Close the browser and remove its profile. Safe to call more than once. */
  close(): Promise<void>
  status(): BrowserStatus
  pdf(html: string, options: BrowserPdfOptions): Promise<Uint8Array>
  screenshot(html: string, options: ScreenshotOptions): Promise<Uint8Array>
  /**
   * Run `fn` in the loaded page from outside (CDP) and return its
   * (serialisable) result. Page JavaScript stays off, so inside `fn` page
   * timers, `requestAnimationFrame` and some DOM callbacks (such as
   * `FontFaceSet.forEach`) never run: keep `fn` synchronous and iterate with
   * `for…of` or `Array.from`.
   */
  evaluate<T>(html: string, options: PageOptions, fn: () => T): Promise<T>
}

interface Instance {
  launched: LaunchedBrowser
  /** Its pages, kept open between jobs. */
  pool: PagePool
  dead: boolean
  /** Rejects when the browser disconnects (crash, kill, close). */
  disconnected: Promise<never>
}

class WatchdogTimeout extends Error {}

/** What a job's work gets besides its page. */
interface JobControl {
  /** The job's watchdog in milliseconds. */
  timeout: number
  /** Aborted when the job is given up (watchdog, crash). */
  signal: AbortSignal
  /** Wait for `wait()` off the watchdog's clock: time queued behind other jobs is not the job's. */
  offWatchdog<T>(wait: () => Promise<T>): Promise<T>
}

/**
 * A job's watchdog: `expired` rejects with {@link WatchdogTimeout} once the
 * job has run `ms`, not counting time inside `offWatchdog`. `stop()` for good.
 * Exported for its tests.
 */
export function createWatchdog(ms: number) {
  let left = ms
  let since = 0
  let stopped = false
  // Waits off the clock at this moment: the clock runs only when there are none (they may overlap).
  let paused = 0
  let timer: NodeJS.Timeout | undefined
  let fire!: (error: Error) => void
  const expired = new Promise<never>((_, reject) => {
    fire = reject
  })
  expired.catch(() => {})
  const resume = (): void => {
    if (stopped || --paused > 0) return
    since = Date.now()
    timer = setTimeout(() => fire(new WatchdogTimeout()), left)
  }
  const pause = (): void => {
    if (paused++ > 0) return
    clearTimeout(timer)
    left -= Date.now() - since
  }
  paused = 1
  resume()
  return {
    expired,
    async offWatchdog<T>(wait: () => Promise<T>): Promise<T> {
      pause()
      try {
        return await wait()
      } finally {
        resume()
      }
    },
    stop(): void {
      stopped = true
      clearTimeout(timer)
    },
  }
}

const DEFAULT_VIEWPORT = { width: 1280, height: 800 }

/** Messages puppeteer gives when the page or browser went away under a job. */
const CRASH = new RegExp(
  'Target closed|Session closed|Connection closed|detached|crashed|browser has disconnected' +
    '|WebSocket is not open',
  'i',
)

const isTimeout = (error: unknown): boolean =>
  error instanceof WatchdogTimeout || (error as Error).name === 'TimeoutError'

/**
 * Print what `page` shows: backgrounds on, CSS page size, tagged, with an
 * outline, unless `options` say otherwise.
 */
function print(page: Page, options: PrintOptions, timeout: number): Promise<Uint8Array> {
  return page.pdf({
    printBackground: true,
    preferCSSPageSize: options.preferCSSPageSize ?? true,
    tagged: options.tagged ?? true,
    outline: options.outline ?? true,
    waitForFonts: true,
    timeout: timeout + 1_000,
  })
}

/** Resolve true when `promise` settles within `ms`, false otherwise. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

function createLimiter(limit: number) {
  let active = 0
  const queue: Array<() => void> = []
  return {
    /** Wait for a turn; rejects (leaving the queue) when `signal` aborts first. */
    async acquire(signal?: AbortSignal): Promise<void> {
      signal?.throwIfAborted()
      if (active < limit) {
        active += 1
        return
      }
      await new Promise<void>((resolve, reject) => {
        const turn = (): void => {
          signal?.removeEventListener('abort', leave)
          resolve()
        }
        const leave = (): void => {
          queue.splice(queue.indexOf(turn), 1)
          reject(signal?.reason)
        }
        queue.push(turn)
        signal?.addEventListener('abort', leave, { once: true })
      })
    },
    release(): void {
      const next = queue.shift()
      if (next) next()
      else active -= 1
    },
  }
}

const duration = (ms: number): string =>
  ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`

const defaultConcurrency = (): number =>
  Math.max(
    1,
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
  )

/** Create the build's browser manager. Nothing starts until the first job or `session()`. */
export function createBrowserManager(options: BrowserManagerOptions = {}): BrowserManager {
  const env = options.env ?? process.env
  const context = options.finderContext ?? nodeFinderContext({ env })
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency()))
  const slots = createLimiter(concurrency)
  // Chromium draws no frames for a tab in the background, so a screenshot of
  // one can come back blank: each screenshot brings its tab to the front
  // first, one at a time (puppeteer serialises screenshots anyway). Waiting
  // for a turn is off the watchdog's clock; each holder has its own watchdog.
  const front = createLimiter(1)
  const baseTimeout = options.timeout ?? 30_000
  const perPage = options.timeoutPerPage ?? 2_000
  const maxLaunches = 1 + (options.maxRelaunches ?? 3)

  let found: BrowserChoice | undefined
  let current: Instance | undefined
  let launching: Promise<Instance> | undefined
  let fatal: unknown
  let launches = 0
  let closed = false
  const pages = { open: 0, peak: 0, created: 0 }

  function drop(instance: Instance): void {
    instance.dead = true
    if (current === instance) current = undefined
    instance.launched.kill()
  }

  async function start(): Promise<Instance> {
    if (launches >= maxLaunches) {
      throw new BrowserLaunchError(
        `The browser crashed ${launches} times in this build; giving up. ` +
          'Run `sprid doctor`, or try another browser with `--browser PATH`.',
        { path: found?.path ?? '' },
      )
    }
    found ??= await findBrowser({ browser: options.browser, context })
    const launched = await launchBrowser(found, {
      env,
      timeout: options.launchTimeout,
      args: options.args,
      handleSignals: options.handleSignals,
    })
    launches += 1
    let reject!: (error: Error) => void
    const disconnected = new Promise<never>((_, r) => {
      reject = r
    })
    disconnected.catch(() => {})
    const pool = createPagePool(launched.browser, concurrency, () => (pages.created += 1))
    const instance: Instance = { launched, pool, dead: false, disconnected }
    launched.browser.once('disconnected', () => {
      debugBrowser('browser (pid %d) disconnected', launched.pid)
      reject(new Error('The browser has disconnected (crashed or was killed).'))
      // After a crash: kill what is left and remove the profile (close() does that itself).
      if (!instance.dead) drop(instance)
    })
    if (closed) {
      await launched.close()
      throw new SpridError('The browser manager was closed.')
    }
    current = instance
    return instance
  }

  async function instance(): Promise<Instance> {
    if (fatal) throw fatal
    if (closed) throw new SpridError('The browser manager was closed.')
    if (current && !current.dead) return current
    launching ??= start()
      .catch((error: unknown) => {
        // Not found or does not start: the same would happen for every job.
        if (!(error instanceof BrowserLaunchError && /crashed \d+ times/.test(error.message))) {
          fatal = error
        }
        throw error
      })
      .finally(() => {
        launching = undefined
      })
    return launching
  }

  async function attempt<T>(
    target: Instance,
    kind: string,
    html: string,
    job: PageOptions,
    timeout: number,
    work: (page: Page, control: JobControl) => Promise<T>,
  ): Promise<T> {
    let page: Page | undefined
    const abandon = new AbortController()
    const watchdog = createWatchdog(timeout)
    const { signal } = abandon
    const control: JobControl = { timeout, signal, offWatchdog: watchdog.offWatchdog }
    let onPageCrash!: (error: Error) => void
    const pageCrashed = new Promise<never>((_, reject) => {
      onPageCrash = reject
    })
    pageCrashed.catch(() => {})
    const run = withPage(
      target.pool,
      async (p) => {
        signal.throwIfAborted()
        const crashed = (error: Error) => onPageCrash(error)
        p.on('error', crashed)
        try {
          await loadPage(p, html, {
            label: job.label,
            assets: job.assets,
            viewport: job.viewport ?? DEFAULT_VIEWPORT,
            // Puppeteer's own timeouts sit just past the watchdog, which names the job.
            timeout: timeout + 1_000,
            onBlockedRequest: options.onBlockedRequest,
          })
          return await work(p, control)
        } finally {
          p.off('error', crashed)
        }
      },
      {
        // A page the job gave up on, or of a browser that is gone, is never reused.
        reusable: () => !signal.aborted && !target.dead,
        onOpen(p) {
          page = p
          pages.open += 1
          pages.peak = Math.max(pages.peak, pages.open)
        },
        onClose() {
          pages.open -= 1
        },
      },
    )
    run.catch(() => {})
    try {
      return await Promise.race([run, watchdog.expired, pageCrashed, target.disconnected])
    } catch (error) {
      await windUp(target, run, page, abandon, error)
      if (!isTimeout(error)) throw error
      throw new BrowserJobError(
        `the ${kind} did not finish within ${duration(timeout)} (watchdog). ` +
          'The page may be very large or wait for something that never loads; ' +
          'raise the `timeout` option if it is just large.',
        { label: job.label, reason: 'timeout', cause: error },
      )
    } finally {
      watchdog.stop()
    }
  }

  /**
   * Let a job that ended in `error` (watchdog, crash, its own failure) wind
   * up before anything retries or moves on, so no retry overlaps it: closing
   * the page aborts what it was doing (withPage closes a page that opens
   * later). A job that does not wind up within seconds means the browser
   * hangs: drop it.
   */
  async function windUp(
    target: Instance,
    run: Promise<unknown>,
    page: Page | undefined,
    abandon: AbortController,
    error: unknown,
  ): Promise<void> {
    abandon.abort(error)
    if (page) void closePage(page)
    if (!(await settlesWithin(run, 5_000))) drop(target)
  }

  async function runJob<T>(
    kind: string,
    html: string,
    job: PageOptions,
    work: (page: Page, control: JobControl) => Promise<T>,
  ): Promise<T> {
    const timeout = job.timeout ?? baseTimeout + perPage * Math.max(0, job.pages ?? 0)
    await slots.acquire()
    try {
      for (let tries = 0; ; tries += 1) {
        const target = await instance()
        try {
          return await attempt(target, kind, html, job, timeout, work)
        } catch (error) {
          if (error instanceof BrowserJobError) throw error
          const browserGone = target.dead || !target.launched.browser.connected
          const crashed = browserGone || CRASH.test((error as Error).message ?? '')
          if (browserGone) drop(target)
          if (crashed && tries === 0 && !closed) {
            debugBrowser('%s: %s crashed (%s); retrying', job.label, kind, (error as Error).message)
            continue
          }
          if (error instanceof SpridError) throw error
          const message = (error as Error).message
          throw new BrowserJobError(
            closed
              ? `the browser was closed while making the ${kind}`
              : crashed
                ? `the browser crashed while making the ${kind}, again after a retry: ${message}`
                : `the ${kind} failed: ${message}`,
            { label: job.label, reason: crashed ? 'crash' : 'error', cause: error },
          )
        }
      }
    } finally {
      slots.release()
    }
  }

  const manager: BrowserManager = {
    async session() {
      await instance()
      return manager
    },

    async pdf(html, job) {
      const bytes = await runJob('PDF', html, job, (page, { timeout }) => print(page, job, timeout))
      return job.metadata ? await stampPdfMetadata(bytes, job.metadata) : bytes
    },

    async withDocument(html, job, steps) {
      return await runJob('PDF', html, job, (page, { timeout }) =>
        steps({
          // Puppeteer's types cannot follow a generic `arg` through serialisation.
          evaluate: async <A, T>(fn: (arg: A) => T, arg?: A) =>
            (await page.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as T,
          pdf: (options = {}) => print(page, options, timeout),
        }),
      )
    },

    async screenshot(html, job) {
      return await runJob('screenshot', html, job, async (page, { signal, offWatchdog }) => {
        await offWatchdog(() => front.acquire(signal))
        try {
          await page.bringToFront()
          return await page.screenshot({
            type: 'png',
            omitBackground: false,
            captureBeyondViewport: false,
          })
        } finally {
          front.release()
        }
      })
    },

    async evaluate<T>(html: string, job: PageOptions, fn: () => T): Promise<T> {
      return (await runJob('measurement', html, job, (page) => page.evaluate(fn))) as T
    },

    async close() {
      closed = true
      await launching?.catch(() => {})
      const instance = current
      current = undefined
      if (instance) {
        instance.dead = true
        await instance.launched.close()
      }
    },

    status() {
      return {
        found,
        pid: current?.launched.pid,
        userDataDir: current?.launched.userDataDir,
        launches,
        running: Boolean(current && !current.dead),
        closed,
        pages: { ...pages },
      }
    },
  }
  return manager
}
