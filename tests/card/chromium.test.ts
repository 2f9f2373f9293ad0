/**
 * Share cards through real Chromium: the PNG has the right size, every asset
 * the page asks for is served, the text stays inside the 60 px safe margins
 * and no title is clipped.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { createBrowserManager, type BrowserManager } from '../../src/browser/index.js'
import { cardFormat } from '../../src/formats/card/index.js'
import type { BrowserSession, ScreenshotOptions } from '../../src/formats/types.js'
import { createTemplateRenderer } from '../../src/render/index.js'
import { demoPack, fakeContext, figure, finding, site, TEMPLATES } from '../social/helpers.js'

const blocked: unknown[] = []
let manager: BrowserManager | undefined

afterAll(async () => {
  await manager?.close()
})

interface Layout {
  width: number
  height: number
  outside: string[]
  clipped: string[]
}

/** Everything inside `.card` that leaves the safe area, and boxes that hide overflowing content (a clamped title). */
function measure(): Layout {
  const safe = 60
  const outside: string[] = []
  const clipped: string[] = []
  const width = document.documentElement.clientWidth
  const height = document.documentElement.clientHeight
  for (const element of Array.from(document.querySelectorAll('.card *'))) {
    const box = element.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) continue
    if (box.left < safe - 0.5 || box.top < safe - 0.5 || box.right > width - safe + 0.5 || box.bottom > height - safe + 0.5) {
      outside.push(`${element.className}: ${Math.round(box.left)},${Math.round(box.top)}-${Math.round(box.right)},${Math.round(box.bottom)}`)
    }
    const hides = element instanceof HTMLElement && getComputedStyle(element).overflow !== 'visible'
    if (hides && (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)) {
      clipped.push(element.className)
    }
  }
  return { width, height, outside, clipped }
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

describe('share cards in Chromium', () => {
  it('renders 1200x630 and 1080x1080 cards inside the safe area', async () => {
    manager = createBrowserManager({ onBlockedRequest: (event) => blocked.push(event) })
    const layouts: Array<{ label: string; layout: Layout }> = []
    const session: BrowserSession = {
      pdf: (html, options) => manager!.pdf(html, options),
      evaluate: (html, options, fn) => manager!.evaluate(html, options, fn),
      withDocument: (html, options, steps) => manager!.withDocument(html, options, steps),
      async screenshot(html, options: ScreenshotOptions) {
        layouts.push({ label: options.label, layout: await manager!.evaluate(html, options, measure) })
        return manager!.screenshot(html, options)
      },
    }
    const templates = createTemplateRenderer({ builtinDir: TEMPLATES, globals: { site: site() } })
    const logo = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"><rect width="96" height="48" fill="#1d6f6a"/></svg>')
    const context = fakeContext({ templates, browser: session, formats: { card: { square: true } }, files: { 'logo.svg': logo } })
    const pack = demoPack({ theme: { accent: '#1d6f6a', logo: 'logo.svg' } })
    pack.findings.push(
      finding({
        id: 'lang',
        title: 'Tilläggsisolering av fasader sänker värmebehovet i äldre flerbostadshus med en femtedel – men bara om ventilationen också justeras',
        figures: [{ ...figure('1\u00a0234\u00a0lägenheter', 'i 38 flerbostadshus ingick i studien', 1234), unit: 'lägenheter' }],
      }),
    )
    const jobs = await cardFormat.planPack(pack, context)
    const files = (await Promise.all(jobs.map((job) => job.run()))).flat()

    expect(files).toHaveLength(8)
    for (const file of files) {
      const size = pngSize(file.contents as Uint8Array)
      expect(size, file.path).toEqual(file.path.endsWith('-square.png') ? { width: 1080, height: 1080 } : { width: 1200, height: 630 })
    }
    expect(blocked).toEqual([])
    expect(context.messages).toEqual([])
    for (const { label, layout } of layouts) {
      expect(layout.outside, label).toEqual([])
      expect(layout.clipped, label).toEqual([])
    }
  })
})
