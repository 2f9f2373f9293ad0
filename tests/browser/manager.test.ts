/**
 * Integration tests with a real Chromium (whatever the finders pick on this
 * machine: Debian's chromium in CI, @sparticuz/chromium otherwise). One
 * browser for the whole file.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  BrowserJobError,
  createBrowserManager,
  type BlockedRequest,
  type BrowserManager,
} from '../../src/browser/index.js'
import { createWatchdog } from '../../src/browser/manager.js'
import { dotPng, hasTool, interWoff2, pngSize } from './helpers.js'

const blocked: BlockedRequest[] = []
let manager: BrowserManager
let launchMs = 0

beforeAll(async () => {
  manager = createBrowserManager({ concurrency: 2, onBlockedRequest: (e) => blocked.push(e) })
  const started = Date.now()
  await manager.session()
  launchMs = Date.now() - started
  const { found, pid } = manager.status()
  console.info(`browser: ${found?.path} (${found?.source}), pid ${pid}, launched in ${launchMs} ms`)
}, 120_000)

afterAll(async () => {
  await manager?.close()
})

const doc = (body: string, head = '') =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Test</title>${head}</head><body>${body}</body></html>`

const fontFace = `<base href="https://sprid.local/"><style>
@font-face { font-family: "Test Inter"; src: url("fonts/inter-400.woff2") format("woff2"); }
body { font-family: "Test Inter", sans-serif; }
@page { size: A5; margin: 15mm; }
h1 { break-before: page; }
h1:first-of-type { break-before: auto; }
</style>`

const report = doc(
  ['Boende', 'Metod', 'Resultat']
    .map((h) => `<h1>${h}</h1><h2>Del ${h}</h2><p>Åtta små öar i ${h.toLowerCase()}.</p>`)
    .join(''),
  fontFace,
)

const metadata = {
  title: 'Boende för unga — konferens',
  author: 'Sprid Research',
  subject: 'Fynd om boende',
  keywords: ['boende', 'unga'],
  lang: 'sv-SE',
  creator: 'sprid 0.1.0',
  date: '2025-03-01T00:00:00Z',
}

describe('pdf()', () => {
  let first: Uint8Array
  let pdfMs = 0

  beforeAll(async () => {
    const started = Date.now()
    first = await manager.pdf(report, {
      label: 'boende/conference',
      assets: [interWoff2],
      metadata,
    })
    pdfMs = Date.now() - started
    console.info(`3-page PDF in ${pdfMs} ms (${first.length} bytes)`)
  }, 120_000)

  it('uses the CSS page size and breaks', async () => {
    const pdf = await PDFDocument.load(first)
    expect(pdf.getPageCount()).toBe(3)
    const { width, height } = pdf.getPage(0).getSize()
    // A5 is 148 × 210 mm.
    expect(width).toBeCloseTo((148 / 25.4) * 72, 0)
    expect(height).toBeCloseTo((210 / 25.4) * 72, 0)
  })

  it('is stamped with metadata and keeps the tags and the outline', async () => {
    const pdf = await PDFDocument.load(first, { updateMetadata: false })
    expect(pdf.getTitle()).toBe(metadata.title)
    expect(pdf.getAuthor()).toBe(metadata.author)
    expect(pdf.getCreator()).toBe('sprid 0.1.0')
    expect(pdf.getCreationDate()?.toISOString()).toBe('2025-03-01T00:00:00.000Z')
    expect(pdf.getModificationDate()?.toISOString()).toBe('2025-03-01T00:00:00.000Z')
    const catalog = pdf.catalog
    expect((catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe('sv-SE')
    expect(catalog.lookup(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFDict)
    expect(catalog.lookup(PDFName.of('MarkInfo'))).toBeInstanceOf(PDFDict)
    const outlines = catalog.lookup(PDFName.of('Outlines'), PDFDict)
    expect(outlines.get(PDFName.of('First'))).toBeDefined()
    expect(catalog.lookup(PDFName.of('Metadata'))).toBeDefined()
  })

  it('is byte-identical across runs', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100)) // Chromium's own dates tick
    const second = await manager.pdf(report, {
      label: 'boende/conference',
      assets: [interWoff2],
      metadata,
    })
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0)
  })

  it.skipIf(!hasTool('pdfinfo'))('passes pdfinfo and pdffonts: title, tagged, fonts embedded', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sprid-pdf-test-'))
    try {
      const file = path.join(dir, 'report.pdf')
      writeFileSync(file, first)
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      expect(info).toMatch(/^Title:\s+Boende för unga — konferens$/m)
      expect(info).toMatch(/^Tagged:\s+yes$/m)
      expect(info).toMatch(/^Pages:\s+3$/m)
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      const rows = fonts.trim().split('\n').slice(2)
      expect(rows.length).toBeGreaterThan(0)
      // The asset font was served from memory and embedded.
      expect(fonts).toMatch(/Inter/)
      for (const row of rows) expect(row).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('hardening', () => {
  it('blocks outside URLs and serves assets from memory', async () => {
    blocked.length = 0
    const html = doc(
      `<img class="ext" src="https://example.com/x.png">
       <img class="own" src="img/dot.png">
       <img class="missing" src="img/missing.png">
       <img class="data" src="data:image/png;base64,${Buffer.from(dotPng.contents).toString('base64')}">
       <p>Text</p>`,
      fontFace,
    )
    const result = await manager.evaluate(
      html,
      { label: 'boende/hardening', assets: [interWoff2, dotPng] },
      () => ({
        ext: (document.querySelector('img.ext') as HTMLImageElement).naturalWidth,
        own: (document.querySelector('img.own') as HTMLImageElement).naturalWidth,
        missing: (document.querySelector('img.missing') as HTMLImageElement).naturalWidth,
        data: (document.querySelector('img.data') as HTMLImageElement).naturalWidth,
        // FontFaceSet.forEach needs page JavaScript; iterating does not.
        fonts: Array.from(document.fonts as unknown as Iterable<FontFace>).map(
          (f) => `${f.family}:${f.status}`,
        ),
        inter: document.fonts.check('16px "Test Inter"'),
      }),
    )
    expect(result).toEqual({
      ext: 0,
      own: 1,
      missing: 0,
      data: 1,
      fonts: ['Test Inter:loaded'],
      inter: true,
    })
    expect(blocked).toContainEqual(
      expect.objectContaining({ label: 'boende/hardening', url: 'https://example.com/x.png', reason: 'csp' }),
    )
    expect(blocked).toContainEqual(
      expect.objectContaining({ url: 'https://sprid.local/img/missing.png', reason: 'missing-asset' }),
    )
  })

  // page.test.ts checks the status (204) of such navigations, to any URL.
  it.each(['https://example.com/', 'https://sprid.local/img/dot.png'])(
    'answers a navigation away to %s with 204 No Content, so the page stays',
    async (url) => {
      blocked.length = 0
      const refresh = `<meta http-equiv="refresh" content="0;url=${url}">`
      const where = await manager.withDocument(
        doc('<p>stay</p>', refresh),
        { label: 'boende/refresh', assets: [dotPng] },
        async (page) => {
          await expect
            .poll(() => blocked.map((e) => `${e.reason} ${e.url}`))
            .toContain(`navigation ${url}`)
          // Answered by now: CDP keeps the order of messages.
          return await page.evaluate(
            () => `${location.href} ${document.body.textContent}`,
            undefined,
          )
        },
      )
      expect(where).toBe('about:blank stay')
    },
  )

  it('keeps JavaScript off in the page, while evaluate still works', async () => {
    const title = await manager.evaluate(
      doc('<p id="p">static</p><script>document.title = "ran"; document.getElementById("p").textContent = "ran"</script>'),
      { label: 'boende/js', assets: [] },
      () => `${document.title}/${document.getElementById('p')?.textContent}`,
    )
    expect(title).toBe('Test/static')
  })

  it('puts the CSP meta first in <head>', async () => {
    const csp = await manager.evaluate(doc('<p>x</p>'), { label: 'boende/csp', assets: [] }, () =>
      document.head.firstElementChild?.getAttribute('content'),
    )
    expect(csp).toContain("default-src 'none'")
  })
})

describe('screenshot()', () => {
  it('is a PNG of exactly the viewport', async () => {
    const png = await manager.screenshot(
      doc('<h1 style="margin:0;background:#c00;height:2000px">Kort</h1>', fontFace),
      { label: 'boende/card', assets: [interWoff2], viewport: { width: 1200, height: 630 } },
    )
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 })
  })

  it('waits for its turn at the front outside its watchdog', async () => {
    const events: BlockedRequest[] = []
    const front = createBrowserManager({ concurrency: 2, onBlockedRequest: (e) => events.push(e) })
    try {
      // Two pages open and idle first: opening one also waits for running screenshots.
      const warm = (label: string) => front.evaluate(doc('<p>x</p>'), { label, assets: [] }, () => 1)
      await Promise.all([warm('warm/1'), warm('warm/2')])
      expect(front.status().pages.created).toBe(2)
      // Seconds of PNG encoding: 16 million pixels of noise that hardly compress.
      const noise = `<style>body { margin: 0; height: 100vh;
        background:
          repeating-radial-gradient(circle at 17% 31%, #f00 0 1px, #0f0 1px 2px, #00f 2px 3px),
          repeating-conic-gradient(from 3deg at 61% 47%, #ff0 0 0.7deg, #0ff 0 1.3deg);
        background-blend-mode: difference; filter: blur(0.4px) hue-rotate(37deg) }</style>`
      const big = front.screenshot(doc('<img src="https://sprid.local/loaded.png">', noise), {
        label: 'front/big',
        assets: [],
        viewport: { width: 4000, height: 4000 },
      })
      // Its page asked for the image, so it is about to take its turn; let it.
      await expect.poll(() => events.map((e) => e.label)).toContain('front/big')
      await new Promise((resolve) => setTimeout(resolve, 200))
      const started = Date.now()
      const small = await front.screenshot(doc('<p>x</p>'), {
        label: 'front/small',
        assets: [],
        viewport: { width: 200, height: 100 },
        timeout: 1_000,
      })
      expect(pngSize(small)).toEqual({ width: 200, height: 100 })
      // It was queued longer than its own watchdog, and still not killed.
      expect(Date.now() - started).toBeGreaterThan(1_000)
      expect(pngSize(await big)).toEqual({ width: 4000, height: 4000 })
    } finally {
      await front.close()
    }
  })
})

describe('concurrency', () => {
  it('runs many jobs through a bounded pool and closes every page', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) =>
      manager.evaluate(doc(`<p>${i}</p>`), { label: `job/${i}`, assets: [] }, () =>
        document.body.textContent?.trim(),
      ),
    )
    expect(await Promise.all(jobs)).toEqual(['0', '1', '2', '3', '4', '5'])
    const { launches, pages } = manager.status()
    expect(launches).toBe(1)
    expect(pages.peak).toBe(2) // concurrency: 2
    expect(pages.open).toBe(0)
  })

  it('closes the page when a job fails, and says which job', async () => {
    const error = await manager
      .evaluate(doc('<p>x</p>'), { label: 'boende/broken', assets: [] }, () => {
        throw new Error('measure failed')
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrowserJobError)
    expect(error).toMatchObject({ label: 'boende/broken', reason: 'error', exitCode: 1 })
    expect((error as Error).message).toMatch(/^boende\/broken: the measurement failed: .*measure failed/)
    expect(manager.status().pages.open).toBe(0)
  })
})

describe('page reuse', () => {
  it('loads the next job into a page that is already open, with nothing of the last job left', async () => {
    const created = manager.status().pages.created
    const font = { path: 'assets/fonts/only-job-one.woff2', contents: new Uint8Array([0, 1, 0, 0]), type: 'font/woff2' }
    const first = await manager.evaluate(doc('<p>one</p>'), { label: 'reuse/1', assets: [font], viewport: { width: 300, height: 200 } }, () => innerWidth)
    blocked.length = 0
    const second = await manager.evaluate(
      doc('<p>two</p>', '<link rel="preload" as="font" type="font/woff2" crossorigin href="https://sprid.local/assets/fonts/only-job-one.woff2">'),
      { label: 'reuse/2', assets: [] },
      () => `${innerWidth} ${document.body.textContent?.trim()}`,
    )
    expect(first).toBe(300)
    // The default viewport again, and the first job's asset is not served to the second.
    expect(second).toBe('1280 two')
    await expect.poll(() => blocked.map((e) => `${e.label} ${e.reason}`)).toContain('reuse/2 missing-asset')
    expect(manager.status().pages.created - created).toBeLessThanOrEqual(1)
  })

})

describe('page reuse, one page at a time', () => {
  // Its own manager: what other tests leave idle in the shared pool does not count.
  const oneBlocked: BlockedRequest[] = []
  let one: BrowserManager

  beforeAll(async () => {
    one = createBrowserManager({ concurrency: 1, onBlockedRequest: (e) => oneBlocked.push(e) })
    await one.session()
  }, 120_000)

  afterAll(async () => {
    await one?.close()
  })

  it('never reuses the page of a failed job', async () => {
    await one.evaluate(doc('<p>x</p>'), { label: 'reuse/ok', assets: [] }, () => 1)
    const created = one.status().pages.created
    await one
      .evaluate(doc('<p>x</p>'), { label: 'reuse/broken', assets: [] }, () => {
        throw new Error('broken')
      })
      .catch(() => {})
    await one.evaluate(doc('<p>x</p>'), { label: 'reuse/ok', assets: [] }, () => 1)
    await one.evaluate(doc('<p>x</p>'), { label: 'reuse/ok', assets: [] }, () => 1)
    // The broken job took the idle page and closed it; the next job opened one,
    // the one after reused it.
    expect(one.status().pages.created - created).toBe(1)
    expect(one.status().pages.open).toBe(0)
  })

  it("reports a job's CSP violation once on a page reused from earlier jobs", async () => {
    const violation = doc('<img src="https://example.com/x.png"><p>x</p>')
    await one.evaluate(violation, { label: 'csp/1', assets: [] }, () => 1)
    const created = one.status().pages.created
    await one.evaluate(violation, { label: 'csp/2', assets: [] }, () => 1)
    expect(one.status().pages.created).toBe(created) // the same page
    // Console messages arrive before the job's last CDP answer.
    const reports = oneBlocked.filter((e) => e.label === 'csp/2')
    expect(reports).toEqual([
      expect.objectContaining({ reason: 'csp', url: 'https://example.com/x.png' }),
    ])
  })
})

describe('launch', () => {
  it('started within a reasonable time', () => {
    expect(launchMs).toBeLessThan(30_000)
    expect(manager.status().running).toBe(true)
  })
})

describe('errors', () => {
  it('names the job when the watchdog fires, and the browser keeps working', async () => {
    const error = await manager
      .pdf(report, { label: 'boende/slow', assets: [interWoff2], timeout: 1 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrowserJobError)
    expect((error as BrowserJobError).reason).toBe('timeout')
    expect((error as Error).message).toMatch(/^boende\/slow: the PDF did not finish within 1 ms \(watchdog\)/)
    const ok = await manager.evaluate(doc('<p>ok</p>'), { label: 'after', assets: [] }, () => 1 + 1)
    expect(ok).toBe(2)
    expect(manager.status().launches).toBe(1)
  })
})

describe('the job watchdog', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  const settled = async (promise: Promise<unknown>): Promise<boolean> => {
    let done = false
    promise.then(
      () => (done = true),
      () => (done = true),
    )
    await vi.advanceTimersByTimeAsync(0)
    return done
  }

  it('does not count time spent off its clock, even in waits that overlap', async () => {
    vi.useFakeTimers()
    const watchdog = createWatchdog(1_000)
    await vi.advanceTimersByTimeAsync(400)
    const wait = (ms: number) => watchdog.offWatchdog(() => new Promise((resolve) => setTimeout(resolve, ms)))
    const first = wait(5_000)
    await vi.advanceTimersByTimeAsync(1_000)
    const second = wait(5_000)
    await vi.advanceTimersByTimeAsync(4_000)
    await first
    // The second wait still runs: the clock stays stopped.
    await vi.advanceTimersByTimeAsync(900)
    expect(await settled(watchdog.expired)).toBe(false)
    await vi.advanceTimersByTimeAsync(100)
    await second
    // 400 ms before the waits, none during them: 600 ms are left.
    await vi.advanceTimersByTimeAsync(599)
    expect(await settled(watchdog.expired)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await expect(watchdog.expired).rejects.toThrow()
  })

  it('leaves no timer behind once stopped', async () => {
    vi.useFakeTimers()
    const watchdog = createWatchdog(1_000)
    const waits = [1, 2].map(() => watchdog.offWatchdog(() => new Promise((resolve) => setTimeout(resolve, 100))))
    await vi.advanceTimersByTimeAsync(100)
    await Promise.all(waits)
    watchdog.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})
