/**
 * Pages: every browser use goes through {@link withPage}, which in
 * `finally` gives the page back to its {@link PagePool} (kept for the next
 * job after a success, closed after a failure). {@link loadPage} puts HTML in
 * with `setContent` (never a file:// URL), JavaScript off, the CSP injected,
 * and request interception that answers `ASSET_ORIGIN` URLs from memory,
 * navigations with 204 and aborts the rest.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer-core'
import type { Asset } from '../formats/types.js'
import { assetPathOf, injectCsp } from './csp.js'
import { debugPage } from './debug.js'

/** Something a page tried to load that sprid does not serve. */
export interface BlockedRequest {
  /** The job label, e.g. `boende/conference`. */
  label: string
  url: string
  /**
   * `csp`: the Content-Security-Policy refused it (outside host, script);
   * `outside`: not on `ASSET_ORIGIN`, aborted by interception;
   * `missing-asset`: on `ASSET_ORIGIN` but not among the job's assets (404);
   * `navigation`: the page tried to leave (meta refresh, link target), any
   * URL: answered "204 No Content", so it stays.
   */
  reason: 'csp' | 'outside' | 'missing-asset' | 'navigation'
  /** `image`, `stylesheet`, `font`... when known. */
  resourceType?: string
}

export interface LoadPageOptions {
  label: string
  assets: readonly Asset[]
  viewport: { width: number; height: number }
  /** Milliseconds for `setContent` and fonts. */
  timeout: number
  onBlockedRequest?: (event: BlockedRequest) => void
}

/**
 * Pages kept open between jobs, at most `size`: opening a page starts a
 * renderer process, which costs more than loading the next document into a
 * page that is already open. A page goes back only after a job that went
 * well; an idle page that crashes or closes leaves the pool; a reused page
 * gets a fresh document and {@link loadPage} resets everything a job sets.
 */
export interface PagePool {
  /** An idle page on a fresh `about:blank` document, or a new page. */
  acquire(): Promise<Page>
  /** Keep `page` for the next job when `reusable` and there is room; close it otherwise. */
  release(page: Page, reusable: boolean): Promise<void>
}

/** Milliseconds a reused page gets to load a fresh `about:blank`. */
const RESET_TIMEOUT = 5_000

/**
 * Put a fresh document in a reused page: `setContent` writes into the
 * current one, whose CSP `<meta>` policies would stay and add up. False when
 * the page cannot (it crashed meanwhile).
 */
async function resetPage(page: Page): Promise<boolean> {
  try {
    await page.goto('about:blank', { waitUntil: 'load', timeout: RESET_TIMEOUT })
    return true
  } catch (error) {
    debugPage('could not reset a reused page: %s', (error as Error).message)
    return false
  }
}

export function createPagePool(
  browser: Browser,
  size: number,
  onCreate: () => void = () => {},
): PagePool {
  // Each idle page with the listener that drops it when it crashes or closes.
  const idle = new Map<Page, () => void>()

  function take(page: Page): void {
    const discard = idle.get(page)
    if (!discard) return
    idle.delete(page)
    page.off('error', discard)
    page.off('close', discard)
  }

  // The most recently used (a Map keeps insertion order).
  const newest = (): Page | undefined => [...idle.keys()].at(-1)

  function keep(page: Page): void {
    const discard = (): void => {
      take(page)
      void closePage(page)
    }
    idle.set(page, discard)
    page.on('error', discard)
    page.on('close', discard)
  }

  return {
    async acquire() {
      for (let page = newest(); page; page = newest()) {
        take(page)
        if (!page.isClosed() && (await resetPage(page))) return page
        await closePage(page)
      }
      const page = await browser.newPage()
      onCreate()
      return page
    },
    async release(page, reusable) {
      const keepable = browser.connected && !page.isClosed() && !closing.has(page)
      if (reusable && idle.size < size && keepable) keep(page)
      else await closePage(page)
    },
  }
}

/**
 * Take a page from `pool`, run `fn`, and give the page back whatever
 * happens: kept for the next job after a success (unless `reusable()` says
 * no), closed after a failure.
 */
export async function withPage<T>(
  pool: PagePool,
  fn: (page: Page) => Promise<T>,
  hooks: {
    onOpen?: (page: Page) => void
    onClose?: (page: Page) => void
    reusable?: () => boolean
  } = {},
): Promise<T> {
  const page = await pool.acquire()
  hooks.onOpen?.(page)
  let succeeded = false
  try {
    const result = await fn(page)
    succeeded = true
    return result
  } finally {
    await pool.release(page, succeeded && (hooks.reusable?.() ?? true))
    hooks.onClose?.(page)
  }
}

const closing = new WeakMap<Page, Promise<boolean>>()

/**
 * Close a page once (later calls share the first), giving up after `ms`.
 * Resolves false only when closing hangs (the browser is stuck); errors mean
 * the page or browser is already gone, which counts as closed.
 */
export function closePage(page: Page, ms = 5_000): Promise<boolean> {
  let pending = closing.get(page)
  if (!pending) {
    pending = close(page, ms)
    closing.set(page, pending)
  }
  return pending
}

async function close(page: Page, ms: number): Promise<boolean> {
  if (page.isClosed()) return true
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      page.close().then(
        () => true,
        (error: Error) => {
          debugPage('page already gone: %s', error.message)
          return true
        },
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => {
          debugPage('page.close() took over %d ms', ms)
          resolve(false)
        }, ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

const CSP_VIOLATION =
  /(?:Refused to load the|Loading the) ([\w -]+?) '([^']+)'.*Content Security Policy/s

/**
 * True for the page trying to leave its document (meta refresh, link
 * target). `setContent` and the pool's `about:blank` reset never come
 * through interception, so every such request is the page's own doing.
 */
function isPageNavigation(request: HTTPRequest): boolean {
  return request.isNavigationRequest() && request.frame()?.parentFrame() === null
}

function answer(
  request: HTTPRequest,
  assets: ReadonlyMap<string, Asset>,
  options: LoadPageOptions,
): void {
  const url = request.url()
  const done = (promise: Promise<void>) =>
    promise.catch((error: Error) =>
      debugPage('%s: could not answer %s: %s', options.label, url, error.message),
    )
  const block = (reason: BlockedRequest['reason']) => {
    debugPage('%s: blocked %s (%s)', options.label, url, reason)
    const resourceType = request.resourceType()
    options.onBlockedRequest?.({ label: options.label, url, reason, resourceType })
  }
  if (isPageNavigation(request)) {
    // "204 No Content" leaves the page where it is, whatever the URL: an
    // asset would replace the document, and aborting would commit an error
    // page and detach the job's page from puppeteer.
    block('navigation')
    void done(request.respond({ status: 204, body: '' }))
    return
  }
  if (url.startsWith('data:')) {
    void done(request.continue())
    return
  }
  const assetPath = assetPathOf(url)
  if (assetPath === undefined) {
    block('outside')
    void done(request.abort('blockedbyclient'))
    return
  }
  const asset = assets.get(assetPath)
  if (!asset) {
    block('missing-asset')
    void done(
      request.respond({ status: 404, contentType: 'text/plain', body: `No asset ${assetPath}` }),
    )
    return
  }
  void done(
    request.respond({
      status: 200,
      contentType: asset.type,
      body: asset.contents,
      headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
    }),
  )
}

/**
 * Prepare `page` and load `html` into it: JavaScript off, viewport at
 * device scale 1, assets from memory, CSP first in `<head>`, then wait for
 * `load` and `document.fonts.ready`.
 */
export async function loadPage(page: Page, html: string, options: LoadPageOptions): Promise<void> {
  const assets = new Map(options.assets.map((asset) => [asset.path.replace(/^\/+/, ''), asset]))
  // A page from the pool still answers the last job's requests and messages.
  page.removeAllListeners('request')
  page.removeAllListeners('console')
  page.setDefaultTimeout(options.timeout)
  await page.setJavaScriptEnabled(false)
  await page.setViewport({ ...options.viewport, deviceScaleFactor: 1 })
  await page.setRequestInterception(true)
  page.on('request', (request) => answer(request, assets, options))
  page.on('console', (message) => {
    const match = CSP_VIOLATION.exec(message.text())
    if (!match) return
    debugPage('%s: CSP blocked %s', options.label, match[2])
    options.onBlockedRequest?.({
      label: options.label,
      url: match[2]!,
      reason: 'csp',
      resourceType: match[1],
    })
  })
  await page.setContent(injectCsp(html), { waitUntil: 'load', timeout: options.timeout })
  // Force a layout first: fonts start loading only once text needs them, and
  // `fonts.ready` resolves at once if nothing is loading yet.
  await page.evaluate(() => {
    void document.body?.offsetHeight
    return document.fonts.ready.then(() => undefined)
  })
}
