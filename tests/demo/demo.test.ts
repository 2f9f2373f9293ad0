/**
 * The demo project (the repository root), built as a user builds it:
 * `sprid build` in-process, then every output checked with real tools.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import twitter from 'twitter-text'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../src/cli.js'
import { destinationPages, findingAnchor } from '../../src/formats/print/index.js'
import { launchBrowser } from '../web/browser.js'
import { serve } from '../web/server.js'
import { axePages, vnu } from '../helpers/validators.js'
import type { Browser } from 'puppeteer-core'

const exec = promisify(execFile)
const root = fileURLToPath(new URL('../../', import.meta.url))

interface Manifest {
  sprid: string
  outputs: { path: string; audience: string | null; format: string | null; finding: string | null; bytes: number; sha256: string }[]
}

async function buildDemo(out: string, ...flags: string[]) {
  let stderr = ''
  const code = await run(['build', root, '--out', out, '--date', '2026-01-01', '--ci', ...flags], {
    cwd: root,
    env: { ...process.env, CI: 'true' },
    stdout: { write: () => true },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  })
  return { code, stderr }
}

let out: string
let manifest: Manifest
let browser: Browser
const paths = (predicate: (p: string) => boolean) => manifest.outputs.map((o) => o.path).filter(predicate)

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'sprid-demo-'))
  const { code, stderr } = await buildDemo(path.join(out, 'dist'))
  expect(stderr).toContain('Built')
  expect(code, stderr).toBe(0)
  manifest = JSON.parse(await readFile(path.join(out, 'dist', 'manifest.json'), 'utf8'))
  browser = await launchBrowser()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await rm(out, { recursive: true, force: true })
})

describe('the demo build', () => {
  it('lists every file in the manifest with its real size and hash', async () => {
    expect(manifest.outputs.length).toBeGreaterThan(100)
    for (const entry of manifest.outputs) {
      const bytes = await readFile(path.join(out, 'dist', entry.path))
      expect(bytes.length, entry.path).toBe(entry.bytes)
      expect(createHash('sha256').update(bytes).digest('hex'), entry.path).toBe(entry.sha256)
    }
    const formats = new Set(manifest.outputs.map((o) => o.format))
    for (const format of ['web', 'conference', 'handout', 'social', 'card']) expect(formats).toContain(format)
  })

  it('is byte-identical when built again from scratch', async () => {
    const again = path.join(out, 'again')
    const { code, stderr } = await buildDemo(again, '--no-cache')
    expect(code, stderr).toBe(0)
    expect(await readFile(path.join(again, 'manifest.json'), 'utf8')).toBe(await readFile(path.join(out, 'dist', 'manifest.json'), 'utf8'))
  }, 300_000)

  it("names each finding's first slide and handout page alike (finding-<id>), so links land on them", async () => {
    const title = /^title: (.+)$/m.exec(await readFile(path.join(root, 'findings', 'partnerskap.md'), 'utf8'))![1]!
    const pageText = async (file: string, number: number) =>
      (await exec('pdftotext', ['-f', String(number), '-l', String(number), path.join(out, 'dist', 'ledning', `${file}.pdf`), '-'])).stdout
        .replace(/\u00ad/g, '')
        .replace(/\s+/g, ' ')
    const pages: Record<string, number> = {}
    for (const file of ['conference', 'handout']) {
      const page = (await destinationPages(await readFile(path.join(out, 'dist', 'ledning', `${file}.pdf`)))).get(findingAnchor('partnerskap'))
      expect(page, file).toBeGreaterThan(1)
      pages[file] = page!
      expect(await pageText(file, page!), `${file}.pdf page ${page}`).toContain(title)
    }
    // The handout's section starts there: the page before is another finding's.
    expect(await pageText('handout', pages.handout! - 1)).not.toContain(title)
  })

  it('passes the W3C Nu HTML checker with 0 errors on every HTML file', async () => {
    const files = paths((p) => p.endsWith('.html')).map((p) => path.join(out, 'dist', p))
    expect(files.length).toBeGreaterThan(50)
    const messages = await vnu(files)
    expect(messages.map((m) => `${path.relative(out, fileURLToPath(m.url))}:${m.lastLine}: ${m.message}`)).toEqual([])
  }, 300_000)

  it('has 0 axe-core violations (WCAG 2.1 A and AA) on every web page', async () => {
    const server = await serve(path.join(out, 'dist'))
    try {
      const pages = paths((p) => p.endsWith('index.html'))
      const results = await axePages(browser, server.origin, pages)
      expect(results.length).toBe(pages.length * 2)
      for (const { file, scheme, violations } of results) expect(violations, `${file} (${scheme})`).toEqual([])
    } finally {
      await server.close()
    }
  }, 300_000)

  it('keeps every social post within its platform limit, counted the platform’s way', async () => {
    const graphemes = (text: string) => [...new Intl.Segmenter('sv', { granularity: 'grapheme' }).segment(text)].length
    const urls = /https?:\/\/\S+/g
    const count: Record<string, (text: string) => number> = {
      x: (text) => twitter.parseTweet(text).weightedLength,
      bluesky: graphemes,
      mastodon: (text) => graphemes(text.replace(urls, 'x'.repeat(23))),
      linkedin: (text) => text.length,
    }
    const limits: Record<string, number> = { x: 280, bluesky: 300, mastodon: 500, linkedin: 3000 }
    const files = paths((p) => p.endsWith('social.json'))
    expect(files.length).toBeGreaterThan(0)
    let posts = 0
    for (const file of files) {
      const social = JSON.parse(await readFile(path.join(out, 'dist', file), 'utf8')) as { posts: { platform: string; text: string; url: string | null }[] }
      for (const post of social.posts) {
        posts++
        const counter = count[post.platform]
        if (counter) expect(counter(post.text), `${file} ${post.platform}`).toBeLessThanOrEqual(limits[post.platform]!)
        if (post.url) expect(post.text).toContain(post.url.split('?')[0])
      }
    }
    expect(posts).toBeGreaterThan(20)
  })

  it('writes 16:9 decks and A4 handouts that name their findings and nothing else', async () => {
    const matrix = JSON.parse(
      await new Promise<string>((resolve) => {
        let text = ''
        void run(['list', root, '--json', '--date', '2026-01-01'], { cwd: root, env: {}, stdout: { write: (c: string) => (text += c) }, stderr: { write: () => true } }).then(() => resolve(text))
      }),
    ) as { findings: { id: string; title: string; cells: Record<string, { included: boolean }> }[] }
    for (const [kind, ratio] of [['conference', 16 / 9], ['handout', 210 / 297]] as const) {
      for (const file of paths((p) => p.endsWith(`/${kind}.pdf`))) {
        const audience = file.split('/')[0]!
        const pdf = await PDFDocument.load(await readFile(path.join(out, 'dist', file)))
        const { width, height } = pdf.getPage(0).getSize()
        expect(width / height, file).toBeCloseTo(ratio, 2)
        expect(pdf.getTitle(), file).toBeTruthy()
        const { stdout: text } = await exec('pdftotext', ['-layout', path.join(out, 'dist', file), '-'])
        const flat = text.replace(/\s+/g, ' ').toLowerCase()
        for (const finding of matrix.findings) {
          const cell = finding.cells[audience]
          if (!cell || finding.id === 'spridningsplan') continue
          // Titles are in their language; the English pack's titles differ from these Swedish ones.
          if (audience === 'forskare') continue
          const title = finding.title.replace(/\s+/g, ' ').toLowerCase().slice(0, 30)
          if (cell.included) expect(flat, `${file}: ${finding.id}`).toContain(title)
          else expect(flat, `${file}: ${finding.id}`).not.toContain(title)
        }
      }
    }
  })

  it('embeds every font in every PDF', async () => {
    for (const file of paths((p) => p.endsWith('.pdf'))) {
      const { stdout } = await exec('pdffonts', [path.join(out, 'dist', file)])
      const rows = stdout.split('\n').slice(2).filter(Boolean)
      expect(rows.length, file).toBeGreaterThan(0)
      for (const row of rows) expect(row, file).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/)
    }
  })
})
