/**
 * The deck and the handout in the preview: built as paged HTML (no PDFs, no
 * browser in the rebuild loop), shown page by page by Paged.js in real
 * Chromium with the same pages and table of contents as the PDF, and the
 * PDF printed when its link is followed.
 */
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import type { Browser, Frame, Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preview, type PreviewServer } from '../../src/preview/index.js'
import { launchBrowser } from '../web/browser.js'
import { createProject, FINDING_B } from './helpers.js'

const exec = promisify(execFile)

const CROWDED = `---
title: Långa sammanfattningar behöver mindre text på bilden
summary: ${'Labben prövade många olika sätt att samla grannar, föreningar och bolagets personal kring samma frågor under två år. '.repeat(5).trim()}
date: 2020-04-01
tags: [boende]
evidence: moderate
---

Texten är lång med flit.
`

let project: Awaited<ReturnType<typeof createProject>>
let server: PreviewServer
let browser: Browser

beforeAll(async () => {
  project = await createProject(['web', 'conference', 'handout'])
  // A summary too long for a slide at its roomiest type size.
  await writeFile(path.join(project.root, 'findings', 'lang.md'), CROWDED)
  // An audience that gets the same findings on the web only.
  await writeFile(path.join(project.root, 'findings', 'audiences', 'webb.md'), '---\nname: Webb\nselect: { tags: [boende] }\nformats: [web]\n---\n\nBara webben.\n')
  server = await preview(project.root, { date: '2026-01-01', port: 0 })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await project?.remove()
})

const url = (file: string) => new URL(file, server.url).href

/** Run `fn` on a new tab, closed afterwards. */
async function inTab<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage()
  try {
    return await fn(page)
  } finally {
    await page.close()
  }
}

/** Open `file` (when given) in its paged view and wait until Paged.js has laid it out. */
async function openPaged(page: Page | Frame, file?: string): Promise<number> {
  if (file !== undefined) await page.goto(url(file), { waitUntil: 'load' })
  await page.waitForSelector('html[data-sprid-pages]', { timeout: 30_000 })
  return Number(await page.$eval('html', (html) => html.getAttribute('data-sprid-pages')))
}

const tocNumbers = (page: Page | Frame) =>
  page.$$eval('[data-toc-page]', (boxes) => boxes.map((box) => Number(box.textContent)))

async function fetchPdf(file: string, init?: RequestInit) {
  const response = await fetch(url(`__sprid/pdf/${file}`), init)
  const bytes = new Uint8Array(await response.arrayBuffer())
  const header = (name: string) => response.headers.get(name)
  return { status: response.status, type: header('content-type'), print: header('x-sprid-print'), bytes, text: Buffer.from(bytes).toString('utf8') }
}

/** The numbers at the end of the lines of a PDF page's text (a table of contents' page column). */
async function pageNumbersOn(pdf: Uint8Array, page: number): Promise<number[]> {
  const file = path.join(project.root, 'toc.pdf')
  await writeFile(file, pdf)
  const { stdout } = await exec('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'])
  return stdout.split('\n').flatMap((line) => /\S.*\s(\d+)\s*$/.exec(line)?.slice(1).map(Number) ?? [])
}

describe('the preview build', () => {
  it('writes the deck, its notes and the handout as paged HTML, and no PDF', () => {
    const paths = server.last.result!.outputs.map((entry) => entry.path)
    expect(paths).toEqual(expect.arrayContaining(['boende/conference.html', 'boende/conference-notes.html', 'boende/handout.html']))
    expect(paths.filter((file) => file.endsWith('.pdf'))).toEqual([])
  })

  it('links each paged file and its PDF from the index', async () => {
    const index = await (await fetch(url('__sprid/'))).text()
    expect(index).toContain('href="/boende/handout.html?paged"')
    expect(index).toContain('href="/__sprid/pdf/boende/handout.pdf"')
    expect(index).toContain('href="/boende/conference.html?paged"')
    expect(index).toContain('href="/__sprid/pdf/boende/conference-notes.pdf"')
  })
})

describe('paged HTML', () => {
  it('shows the handout with the pages and table of contents of its PDF', () =>
    inTab(async (page) => {
      const pages = await openPaged(page, 'boende/handout.html?paged')
      const toc = await tocNumbers(page)
      expect(toc.length).toBe(5)
      expect(toc.every((n) => n > 1 && n <= pages)).toBe(true)
      expect(await page.$eval('#sprid-paged-bar a', (a) => a.getAttribute('href'))).toBe('/__sprid/pdf/boende/handout.pdf')

      const pdf = await fetchPdf('boende/handout.pdf')
      expect(pdf.status).toBe(200)
      expect(pdf.type).toBe('application/pdf')
      expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(pages)
      // The contents are on page 2; its last number is the footer's "Sida 2 av N".
      expect((await pageNumbersOn(pdf.bytes, 2)).slice(0, toc.length)).toEqual(toc)
    }), 120_000)

  it('shows the deck with the pages of its PDF, fitted, and the running footer of the notes', () =>
    inTab(async (page) => {
      const pages = await openPaged(page, 'boende/conference.html?paged')
      expect(await page.$$eval('.pagedjs_page', (sheets) => sheets.length)).toBe(pages)
      // Fitted before paging: the crowded slide stepped down, and no slide's text is cut off.
      const fits = await page.$$eval('[data-fit]', (slides) => slides.map((slide) => Number(slide.getAttribute('data-fit'))))
      expect(Math.max(...fits)).toBeGreaterThan(0)
      const clipped = await page.$$eval('[data-fit-box]', (boxes) => boxes.filter((box) => box.scrollHeight > box.clientHeight + 1).length)
      expect(clipped).toBe(0)
      const pdf = await fetchPdf('boende/conference.pdf')
      expect(pdf.status).toBe(200)
      expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(pages)

      // Paged.js draws the notes' running footer in margin boxes, the page counters in their generated content.
      const notes = await openPaged(page, 'boende/conference-notes.html?paged')
      const footers = await page.$$eval('.pagedjs_margin-bottom-right.hasContent .pagedjs_margin-content', (boxes) =>
        boxes.map((box) => getComputedStyle(box, '::after').content),
      )
      expect(footers.length).toBe(notes)
      expect(footers[0]).toBe('"Sida " counter(page) " av " counter(pages)')
    }), 120_000)

  it("scrolls each frame of the side-by-side view to the finding's own page, and not the view itself", () =>
    inTab(async (page) => {
      await page.setViewport({ width: 1400, height: 900 })
      await page.goto(url('__sprid/finding/matbara-mal'), { waitUntil: 'load' })
      // The frames load lazily, once laid out.
      const pagedFrames = () => page.frames().filter((frame) => frame.url().includes('?paged#finding-matbara-mal'))
      await page.waitForFunction(() => document.querySelectorAll('iframe.paged').length === 2)
      await expect.poll(() => pagedFrames().length, { timeout: 10_000 }).toBe(2)
      const frames = pagedFrames()
      expect(frames.map((frame) => new URL(frame.url()).pathname).sort()).toEqual(['/boende/conference.html', '/boende/handout.html'])
      for (const frame of frames) {
        await openPaged(frame)
        const shown = await frame.evaluate(() => document.elementFromPoint(innerWidth / 2, 40)?.closest('.pagedjs_page')?.textContent ?? '')
        expect(shown.replace(/\u00ad/g, ''), frame.url()).toContain('Mätbara mål hjälper')
      }
      expect(await page.evaluate(() => scrollY)).toBe(0)
    }), 120_000)
})

describe('PDFs on demand', () => {
  it('answers from the build cache, byte for byte, after the preview rebuilt meanwhile', async () => {
    const first = await fetchPdf('boende/conference-notes.pdf')
    expect(first.status).toBe(200)
    // A change that leaves the pack as it was: the preview builds again (without PDFs), the PDF's cache entry stays.
    const file = path.join(project.root, 'findings', 'motesplatser.md')
    await writeFile(file, `${await readFile(file, 'utf8')}\n`)
    const rebuilt = await server.rebuild()
    expect(rebuilt.ok).toBe(true)
    expect(rebuilt.result!.upToDate).toBe(false)
    const second = await fetchPdf('boende/conference-notes.pdf')
    expect(second.print).toBe('cached')
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0)
  }, 120_000)

  it('prints only the PDFs of formats an audience gets, and only when asked with GET from the preview', async () => {
    for (const file of ['webb/handout.pdf', 'nope/handout.pdf', 'boende/constructor', 'boende/handout.html', 'boende/web.pdf', 'boende/handout.pdf/more', '..%2F..%2Fhandout.pdf', 'boende/%2E%2E']) {
      expect((await fetchPdf(file)).status, file).toBe(404)
    }
    expect((await fetchPdf('boende/%E0%A4%A')).status).toBe(400)
    expect((await fetchPdf('boende/handout.pdf', { method: 'HEAD' })).status).toBe(405)
    expect((await fetchPdf('boende/handout.pdf', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
  })

  it('shows the problems that stop a print, with their place, and prints again once fixed', async () => {
    const file = path.join(project.root, 'findings', 'matbara-mal.md')
    const good = await readFile(file, 'utf8')
    await writeFile(file, FINDING_B.replace('evidence: moderate', 'evidence: <b>maybe</b>'))
    try {
      const failed = await fetchPdf('boende/handout.pdf')
      expect(failed.status).toBe(500)
      expect(failed.type).toContain('text/html')
      expect(failed.text).toContain('findings/matbara-mal.md:6')
      expect(failed.text).toContain('&lt;b&gt;maybe&lt;/b&gt;')
    } finally {
      await writeFile(file, good)
    }
    expect((await fetchPdf('boende/handout.pdf')).status).toBe(200)
  }, 120_000)
})

describe('a build without the web format', () => {
  it('writes the fonts the paged HTML loads itself, so pages break as in the PDF', async () => {
    const bare = await createProject(['handout'])
    const only = await preview(bare.root, { date: '2026-01-01', port: 0 })
    try {
      const font = only.last.result!.outputs.find((entry) => entry.path === 'assets/fonts/inter-latin-400-normal.woff2')
      expect(font?.format).toBe('handout')
      const served = await fetch(new URL(font!.path, only.url))
      expect(served.headers.get('content-type')).toBe('font/woff2')
      const expected = await readFile(fileURLToPath(import.meta.resolve('@fontsource/inter/files/inter-latin-400-normal.woff2')))
      expect(Buffer.compare(Buffer.from(await served.arrayBuffer()), expected)).toBe(0)
    } finally {
      await only.close()
      await bare.remove()
    }
  }, 60_000)
})
