/**
 * The demo project (the repository root), built for real, then scanned: no
 * false leaks, and, as a control that the scan can see, every finding's
 * title is found in the PDFs, pages and posts of the audiences that get it.
 * The coverage report of that build is checked for content, determinism,
 * redaction, and with the W3C Nu checker and axe-core.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { check, type CheckResult } from '../../src/check/check.js'
import { coverageReport, extractPdfText, findLeaks, normalize, pdfTextString, textOf } from '../../src/coverage/index.js'
import { axePages, vnu } from '../helpers/validators.js'
import { launchBrowser } from '../web/browser.js'
import { serve } from '../web/server.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
let out: string
let result: BuildResult
let checked: CheckResult

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'sprid-coverage-demo-'))
  result = await build(root, { date: '2026-01-01', out: path.join(out, 'dist'), cache: false, env: process.env })
  expect(result.ok).toBe(true)
  checked = check(result.project)
}, 300_000)

afterAll(async () => {
  await rm(out, { recursive: true, force: true })
})

const read = (file: string) => readFile(path.join(result.outDir, file))

describe('the leak scan on the demo build', () => {
  it('finds no leak in any of its files', async () => {
    const scan = await findLeaks({ project: result.project, decisions: checked.decisions, outputs: result.outputs, readOutput: read })
    expect(scan.scanned).toBe(result.outputs.length)
    expect(scan.skipped).toEqual([])
    expect(scan.leaks).toEqual([])
  })

  it('sees every included title in the PDFs, pages and posts of each audience (the scan is not blind)', async () => {
    const paths = new Set(result.outputs.map((o) => o.path))
    let checks = 0
    for (const [id, pack] of checked.packs) {
      const texts = new Map<string, string>()
      for (const file of [`${id}/handout.pdf`, `${id}/conference.pdf`, `${id}/social.json`]) {
        if (!paths.has(file)) continue
        const bytes = await read(file)
        texts.set(file, normalize(file.endsWith('.pdf') ? pdfTextString(await extractPdfText(bytes)) : textOf('json', bytes)))
      }
      for (const finding of pack.findings) {
        const title = normalize(finding.title)
        for (const [file, text] of texts) {
          expect(text.includes(title), `${finding.id} in ${file}`).toBe(true)
          checks++
        }
        const page = normalize(textOf('html', await read(`${id}/${finding.id}/index.html`)))
        expect(page.includes(title), `${finding.id} in its page`).toBe(true)
      }
    }
    expect(checks).toBeGreaterThan(40)
  })
})

describe('the coverage report of the demo build', () => {
  const report = () => coverageReport({ project: result.project, decisions: checked.decisions, outputs: result.outputs, files: result.files })

  it('is the same every time, with no date but the build date', () => {
    const first = report()
    expect(report().json).toBe(first.json)
    expect(report().html).toBe(first.html)
    expect(first.report.date).toBe('2026-01-01')
    // No clock time anywhere: only the build date.
    expect(first.json).not.toMatch(/T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|GMT/)
    expect(first.html).not.toMatch(/T\d{2}:\d{2}|\d{2}:\d{2}:\d{2}|GMT/)
  })

  it('has the matrix with reasons and files, translations, and leaves out the draft held back from everyone', () => {
    const { report: data, html, json } = report()
    const intern = data.findings.find((f) => f.id === 'overlamning')!
    expect(intern.cells.intern).toMatchObject({ included: true })
    expect(intern.cells.boende).toEqual({ included: false, reason: 'internal', detail: 'internal, and this audience is not' })
    const fyra = data.findings.find((f) => f.id === 'fyra-labb')!
    expect(fyra.languages).toEqual(['sv', 'en'])
    expect(fyra.cells.forskare).toMatchObject({ included: true, translation: 'variant', lang: 'en' })
    expect(fyra.cells.ledning).toMatchObject({ included: true, formats: { web: ['ledning/fyra-labb/index.html'], card: ['ledning/cards/fyra-labb.png'], conference: ['ledning/conference-notes.pdf', 'ledning/conference.pdf'] } })
    // spridningsplan is a draft: in no pack, so not named in a file that may be published.
    expect(data.withheld).toEqual({ count: 1, reasons: { draft: 1 }, messages: 0 })
    expect(data.findings.some((f) => f.id === 'spridningsplan')).toBe(false)
    expect(json).not.toContain('spridningsplan')
    expect(html).not.toContain('spridningsplan')
    expect(data.audiences.find((a) => a.id === 'boende')!.formats.find((f) => f.id === 'conference')!.status).toBe('not-requested')
  })

  it('passes the Nu HTML checker and axe-core (WCAG 2.1 AA, light and dark)', async () => {
    const dir = path.join(out, 'report')
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'report.html'), report().html)
    expect(await vnu([path.join(dir, 'report.html')])).toEqual([])
    let browser: Browser | undefined
    const server = await serve(dir)
    try {
      browser = await launchBrowser()
      const results = await axePages(browser, server.origin, ['report.html'])
      expect(results.flatMap((r) => r.violations.map((v) => `${r.scheme}: ${v}`))).toEqual([])
    } finally {
      await browser?.close()
      await server.close()
    }
  })
})
