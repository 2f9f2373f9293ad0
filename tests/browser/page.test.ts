/**
 * `withPage` with a real Chromium: pages opened side by side all stay
 * visible, so a screenshot never has to be forced out of a hidden tab (slow,
 * can hang past the watchdog, or copy a blank surface under load).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findBrowser, launchBrowser, loadPage, withPage, type LaunchedBrowser } from '../../src/browser/index.js'

let launched: LaunchedBrowser

beforeAll(async () => {
  launched = await launchBrowser(await findBrowser(), { env: process.env })
}, 120_000)

afterAll(async () => {
  await launched?.close()
})

const card = (text: string) =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${text}</title></head><body><h1>${text}</h1></body></html>`

const options = { label: 'boende/cards/a.png', assets: [], viewport: { width: 1200, height: 630 }, timeout: 30_000 }

describe('withPage', () => {
  it('keeps an older page visible while a newer one is open', async () => {
    const visibility = () => document.visibilityState
    await withPage(launched.browser, async (first) => {
      await loadPage(first, card('Första'), options)
      await withPage(launched.browser, async (second) => {
        await loadPage(second, card('Andra'), options)
        // As tabs of one window, `first` would be hidden by now.
        expect(await first.evaluate(visibility)).toBe('visible')
        expect(await second.evaluate(visibility)).toBe('visible')
      })
    })
  })
})
