/**
 * The page pool and `loadPage` on a real Chromium, below the manager: one
 * browser for the file, a fresh pool per test.
 */
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createPagePool,
  findBrowser,
  launchBrowser,
  loadPage,
  nodeFinderContext,
  type BlockedRequest,
  type LaunchedBrowser,
  type LoadPageOptions,
} from '../../src/browser/index.js'
import { dotPng } from './helpers.js'

let launched: LaunchedBrowser

beforeAll(async () => {
  const found = await findBrowser({ context: nodeFinderContext({ env: process.env }) })
  launched = await launchBrowser(found, { env: process.env, handleSignals: false })
}, 120_000)

afterAll(async () => {
  await launched?.close()
})

const doc = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`

const options = (blocked: BlockedRequest[] = []): LoadPageOptions => ({
  label: 'page/test',
  assets: [dotPng],
  viewport: { width: 200, height: 100 },
  timeout: 10_000,
  onBlockedRequest: (event) => blocked.push(event),
})

/** Wait for `page` to emit `event` once. */
const once = (page: Page, event: 'error' | 'close') =>
  new Promise<void>((resolve) => page.once(event, () => resolve()))

describe('createPagePool()', () => {
  it('drops an idle page whose renderer crashed instead of handing it out', async () => {
    const pool = createPagePool(launched.browser, 1)
    const crashed = await pool.acquire()
    await pool.release(crashed, true)
    const error = once(crashed, 'error')
    void crashed.goto('chrome://crash').catch(() => {})
    await error
    // Closed by the pool on the crash, not only when the next job asks.
    await expect.poll(() => crashed.isClosed()).toBe(true)
    const next = await pool.acquire()
    try {
      expect(next).not.toBe(crashed)
    } finally {
      await next.close()
    }
  })

  it('forgets an idle page closed from outside, making room for the next', async () => {
    const pool = createPagePool(launched.browser, 1)
    const first = await pool.acquire()
    const second = await pool.acquire()
    await pool.release(first, true)
    const closed = once(first, 'close')
    await first.close()
    await closed
    await pool.release(second, true)
    expect(second.isClosed()).toBe(false)
    const next = await pool.acquire()
    expect(next).toBe(second)
    await next.close()
  })
})

describe('loadPage()', () => {
  it('reports a CSP violation once on a reused page, not once per earlier document', async () => {
    const pool = createPagePool(launched.browser, 1)
    const violation = doc('<img src="https://example.com/x.png"><p>x</p>')
    const counts: number[] = []
    const pages = new Set<Page>()
    for (let job = 0; job < 3; job += 1) {
      const blocked: BlockedRequest[] = []
      const page = await pool.acquire()
      pages.add(page)
      await loadPage(page, violation, options(blocked))
      await pool.release(page, true)
      counts.push(blocked.filter((event) => event.reason === 'csp').length)
    }
    expect(pages.size).toBe(1)
    expect(counts).toEqual([1, 1, 1])
    await [...pages][0]!.close()
  })

  it.each([
    ['an outside URL', 'https://example.com/'],
    ['an asset', 'https://sprid.local/img/dot.png'],
    ['a missing asset', 'https://sprid.local/nothing.html'],
  ])('answers a navigation to %s with 204 and the page stays', async (_, url) => {
    const blocked: BlockedRequest[] = []
    const page = await launched.browser.newPage()
    try {
      const navigation = page.waitForResponse(
        (response) => response.request().isNavigationRequest(),
        { timeout: 5_000 },
      )
      const refresh = `<meta http-equiv="refresh" content="0;url=${url}">`
      await loadPage(page, doc('<p>stay</p>', refresh), options(blocked))
      const response = await navigation
      expect(response.url()).toBe(url)
      expect(response.status()).toBe(204)
      expect(blocked).toEqual([expect.objectContaining({ url, reason: 'navigation' })])
      expect(page.url()).toBe('about:blank')
      expect(await page.evaluate(() => document.body.textContent)).toBe('stay')
    } finally {
      await page.close()
    }
  })
})
