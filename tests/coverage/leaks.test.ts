/**
 * The leak guard on crafted outputs: an internal and an embargoed finding,
 * held back from a public audience, injected into each kind of file that
 * audience receives (web HTML, PDF text, social posts, a card's manifest
 * entry, the manifest), as a buggy template or format would. The real
 * build with template overrides is in build.test.ts.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { check } from '../../src/check/check.js'
import type { Project } from '../../src/content/load.js'
import { createLeakMemo, extractPdfText, findLeaks, normalize, reportLeaks, type FileHits, type Leak, type LeakMemo } from '../../src/coverage/index.js'
import { sha256 } from '../../src/output/hash.js'
import type { FormatId } from '../../src/formats/types.js'
import { audience, finding, messages, projectOf } from '../spine/helpers.js'
import { hyphenateHtml } from '../../src/formats/print/index.js'
import { testBrowser } from '../conference/context.js'

const SECRET = 'Hemliga planen för kvarteret Eken'
const SECRET_SUMMARY = 'Bolaget tänker riva två hus i kvarteret nästa år.'
const EMBARGO = 'Hyrorna höjs med sju procent i januari'

const files = {
  'sprid.config.json': JSON.stringify({ title: 'Testbolaget', lang: 'sv', organisation: 'Testbolaget AB' }),
  'findings/audiences/boende.md': audience('name: Boende\nformats: [web, social, card, handout, conference]'),
  'findings/audiences/intern.md': audience('name: Internt\ninternal: true'),
  'findings/publicerad.md': finding('title: Mötesplatser behöver en ägare\nsummary: En mötesplats lever när någon äger den.', 'Text.\n'),
  'findings/hemlig.md': finding(`title: ${SECRET}\nsummary: ${SECRET_SUMMARY}\nstatus: internal`, 'Internt.\n'),
  'findings/hojning.md': finding(`title: ${EMBARGO}\nsummary: Beskedet kommer i december.\nstatus: embargoed\nembargo_until: "2027-01-01"`, 'Text.\n'),
}

interface Crafted {
  path: string
  contents: string | Uint8Array
  audience?: string | null
  format?: FormatId | null
  finding?: string | null
}

async function scan(project: Project, crafted: readonly Crafted[]) {
  const byPath = new Map(crafted.map((c) => [c.path, typeof c.contents === 'string' ? new TextEncoder().encode(c.contents) : c.contents]))
  const outputs = crafted.map((c) => ({
    path: c.path,
    audience: c.audience === undefined ? (c.path.includes('/') ? c.path.split('/')[0]! : null) : c.audience,
    format: c.format ?? null,
    finding: c.finding ?? null,
  }))
  return findLeaks({
    project,
    decisions: check(project).decisions,
    outputs,
    readOutput: async (file) => {
      const found = byPath.get(file)
      if (!found) throw new Error(`ENOENT: ${file}`)
      return found
    },
  })
}

const page = (body: string) => `<!doctype html><html lang="sv"><head><title>Boende</title></head><body>${body}</body></html>`

async function pdfWith(lines: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const pdfPage = doc.addPage([595, 842])
  lines.forEach((line, index) => pdfPage.drawText(line, { x: 40, y: 780 - index * 20, size: 12, font }))
  return doc.save()
}

const summaryOf = (leaks: readonly Leak[]) => leaks.map((l) => `${l.output} ${l.finding} ${l.kind} ${l.via}`)

describe('findLeaks', () => {
  it('finds an internal finding in every kind of output of an audience that may not receive it', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { leaks, skipped } = await scan(project, [
      // Web: the title as text, hyphenated and upper-cased by CSS does not matter; and in an attribute.
      { path: 'boende/index.html', format: 'web', contents: page(`<h2>${SECRET.toUpperCase()}</h2>`) },
      { path: 'boende/publicerad/index.html', format: 'web', finding: 'publicerad', contents: page(`<img src="x.png" alt="Hemliga planen f&ouml;r kvarteret Eken">`) },
      // PDF text (a handout printed from a buggy template).
      { path: 'boende/handout.pdf', format: 'handout', contents: await pdfWith(['Innehåll', 'Hemliga planen för kvar-', 'teret Eken']) },
      // Social posts: the summary in JSON (escaped), Markdown and CSV.
      { path: 'boende/social.json', format: 'social', contents: JSON.stringify({ posts: [{ text: SECRET_SUMMARY }] }).replace('ä', '\\u00e4') },
      { path: 'boende/social.md', format: 'social', contents: `## Bluesky\n\n\`\`\`text\n${SECRET_SUMMARY}\n\`\`\`\n` },
      { path: 'boende/social.csv', format: 'social', contents: `text,link\n"${SECRET_SUMMARY}",\n` },
      // A share card made for it: the PNG cannot be read, its manifest entry and name can.
      { path: 'boende/cards/hemlig.png', format: 'card', finding: 'hemlig', contents: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
      // A manifest entry naming it (a page written for the wrong audience).
      { path: 'boende/hemlig/index.html', format: 'web', finding: 'hemlig', contents: page('<p>Tom sida</p>') },
    ])
    expect(skipped).toEqual([])
    expect(summaryOf(leaks.filter((l) => l.finding === 'hemlig'))).toEqual([
      'boende/cards/hemlig.png hemlig manifest manifest entry',
      'boende/cards/hemlig.png hemlig path file path',
      'boende/handout.pdf hemlig title PDF text',
      'boende/hemlig/index.html hemlig manifest manifest entry',
      'boende/hemlig/index.html hemlig path file path',
      'boende/index.html hemlig title HTML',
      'boende/publicerad/index.html hemlig title HTML',
      'boende/social.csv hemlig summary CSV',
      'boende/social.json hemlig summary JSON',
      'boende/social.md hemlig summary Markdown',
    ])
    for (const leak of leaks) expect(leak).toMatchObject({ audience: 'boende', reason: 'internal', file: 'findings/hemlig.md' })
  })

  it('finds an embargoed finding, and is quiet about what the audience may receive', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { leaks } = await scan(project, [
      { path: 'boende/feed.xml', format: 'web', contents: `<feed><entry><content type="html">&lt;p&gt;${EMBARGO}&lt;/p&gt;</content></entry></feed>` },
      // Its own findings, the site's title and the profile: not leaks.
      { path: 'boende/publicerad/index.html', format: 'web', finding: 'publicerad', contents: page('<h1>Mötesplatser behöver en ägare</h1><p>Testbolaget AB</p>') },
      // The internal audience may read the internal finding.
      { path: 'intern/hemlig/index.html', format: 'web', finding: 'hemlig', contents: page(`<h1>${SECRET}</h1>`) },
      { path: 'intern/handout.pdf', format: 'handout', contents: await pdfWith([SECRET]) },
    ])
    expect(summaryOf(leaks)).toEqual(['boende/feed.xml hojning title XML'])
    expect(leaks[0]).toMatchObject({ reason: 'embargoed', detail: 'embargoed until 2027-01-01' })
  })

  it('does not name a finding in no pack in files every audience shares, but allows one some pack has', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { leaks } = await scan(project, [
      { path: 'index.html', format: 'web', audience: null, contents: page(`<p>${SECRET}</p><p>${EMBARGO}</p>`) },
      { path: 'sitemap.xml', format: 'web', audience: null, contents: '<urlset><url><loc>https://example.org/intern/hemlig/</loc></url></urlset>' },
    ])
    // The internal finding is in the internal pack of this build; the embargoed one is in none.
    expect(summaryOf(leaks)).toEqual(['index.html hojning title HTML'])
    expect(leaks[0]!.audience).toBeNull()
  })

  it('treats every audience not built as absent: the internal finding may not be named in shared files of a public-only build', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const decisions = check(project).decisions
    const { leaks } = await findLeaks({
      project,
      decisions,
      audiences: ['boende'],
      outputs: [{ path: 'index.html', audience: null, format: 'web', finding: null }],
      readOutput: async () => new TextEncoder().encode(page(SECRET)),
    })
    expect(summaryOf(leaks)).toEqual(['index.html hemlig title HTML'])
  })

  it('does not look for a sentence an allowed finding shares, nor for very short titles', async () => {
    const project = await projectOf(
      {
        ...files,
        // Same summary as a published finding (copied): it cannot tell them apart.
        'findings/kopia.md': finding('title: Ett internt utkast om ägarskap\nsummary: En mötesplats lever när någon äger den.\nstatus: internal'),
        'findings/kort.md': finding('title: Kort\nsummary: Ja.\nstatus: internal'),
      },
      { date: '2026-01-01' },
    )
    const { leaks } = await scan(project, [{ path: 'boende/index.html', format: 'web', contents: page('<p>En mötesplats lever när någon äger den.</p><p>Kort</p><p>Ja.</p>') }])
    expect(leaks).toEqual([])
  })

  it('reports a file it cannot read, and still checks it by path and manifest', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { leaks, skipped } = await scan(project, [{ path: 'boende/handout.pdf', format: 'handout', finding: 'hemlig', contents: 'not a pdf' }])
    expect(skipped).toEqual([{ path: 'boende/handout.pdf', reason: expect.stringContaining('cannot read its PDF text') }])
    expect(summaryOf(leaks)).toEqual(['boende/handout.pdf hemlig manifest manifest entry'])
  })
})

describe('findLeaks on hyphenated print', () => {
  const manager = testBrowser()
  afterAll(async () => {
    await manager.close()
  })

  it('finds a title that Chromium printed with soft hyphens and broke across lines', async () => {
    // A narrow column, as in a handout's figure caption: the title has to break inside words.
    const html = await hyphenateHtml(
      `<!doctype html><html lang="sv"><head><style>@page { size: A6; margin: 10mm } body { font: 12pt sans-serif } p { width: 15mm; hyphens: manual }</style></head><body><p>${SECRET_SUMMARY}</p><p>${SECRET}</p></body></html>`,
      'sv',
    )
    expect(html).toContain(`kvar\u00adte\u00adret`)
    const pdf = await (await manager.session()).pdf(html, { label: 'hyphenated', assets: [], preferCSSPageSize: true })
    const text = await extractPdfText(pdf)
    // It really broke inside words: Chromium drew hyphens at line ends (`kvarte-` + `ret`), the only hyphens on the page.
    expect(text.pages[0]!.match(/[-\u2010]\s*\n/g)?.length).toBeGreaterThanOrEqual(2)
    expect(text.pages.join('')).not.toContain('\u00ad')
    expect(normalize(text.pages.join(' '))).toContain(normalize(SECRET))

    const project = await projectOf(files, { date: '2026-01-01' })
    const { leaks } = await scan(project, [{ path: 'boende/handout.pdf', format: 'handout', contents: pdf }])
    expect(summaryOf(leaks)).toEqual(['boende/handout.pdf hemlig title PDF text'])
  })
})

describe('findLeaks with a memo', () => {
  it('reads only files whose content or needles it has not seen, and finds the same leaks', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const decisions = check(project).decisions
    const outputs = [
      { path: 'boende/index.html', contents: page(`<h2>${SECRET}</h2>`) },
      { path: 'boende/publicerad/index.html', contents: page('<p>Mötesplatser behöver en ägare</p>') },
    ].map((o) => ({ ...o, bytes: new TextEncoder().encode(o.contents) }))
    const run = async (memo: LeakMemo, list = outputs) => {
      const read: string[] = []
      const result = await findLeaks({
        project,
        decisions,
        outputs: list.map((o) => ({ path: o.path, audience: 'boende', format: 'web' as const, finding: null, sha256: sha256(o.bytes) })),
        readOutput: async (file) => {
          read.push(file)
          return list.find((o) => o.path === file)!.bytes
        },
        memo,
      })
      return { read: read.sort(), leaks: summaryOf(result.leaks) }
    }
    const memo = createLeakMemo()
    const first = await run(memo)
    expect(first.read).toEqual(['boende/index.html', 'boende/publicerad/index.html'])
    expect(first.leaks).toEqual(['boende/index.html hemlig title HTML'])

    // A later build (the memo as stored in the cache): nothing changed, nothing read, the same leak.
    const stored = createLeakMemo(JSON.parse(JSON.stringify(memo.used())) as Record<string, FileHits>)
    expect(await run(stored)).toEqual({ read: [], leaks: first.leaks })

    // One page changed: only it is read.
    const changed = outputs.map((o) => (o.path === 'boende/publicerad/index.html' ? { ...o, bytes: new TextEncoder().encode(page(`<p>${SECRET_SUMMARY}</p>`)) } : o))
    const third = await run(createLeakMemo(stored.used()), changed)
    expect(third.read).toEqual(['boende/publicerad/index.html'])
    expect(third.leaks).toEqual(['boende/index.html hemlig title HTML', 'boende/publicerad/index.html hemlig summary HTML'])
  })
})

describe('reportLeaks', () => {
  it('puts one error (rule leak) per finding, audience and format on the finding file, at the field that matched, naming the outputs', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const scanned = await scan(project, [
      { path: 'boende/index.html', format: 'web', contents: page(SECRET) },
      { path: 'boende/publicerad/index.html', format: 'web', finding: 'publicerad', contents: page(SECRET) },
      { path: 'boende/handout.pdf', format: 'handout', contents: await pdfWith([SECRET]) },
      { path: 'boende/cards/hemlig.png', format: 'card', finding: 'hemlig', contents: new Uint8Array(4) },
      { path: 'boende/conference.pdf', format: 'conference', contents: 'broken' },
    ])
    const other: string[] = []
    const count = reportLeaks(project, scanned, (m) => other.push(`${m.severity} ${m.ruleId} ${m.message}`))
    expect(count).toBe(3)
    const file = project.files.find((f) => f.path === 'findings/hemlig.md')!
    const leaks = file.messages.filter((m) => m.ruleId === 'leak')
    expect(leaks.every((m) => m.fatal === true)).toBe(true)
    // At the title for text matches, at `status` when only the manifest or a path gave it away.
    expect(leaks.map((m) => `${m.line}:${m.column}`)).toEqual(['4:9', '2:8', '2:8'])
    expect(leaks.map((m) => m.reason)).toEqual([
      'Leak: `hemlig` is internal, and this audience is not, so it must not reach the card outputs of audience `boende`, but it appears in `boende/cards/hemlig.png` (is listed as its finding in the manifest; is named in the file path)',
      'Leak: `hemlig` is internal, and this audience is not, so it must not reach the handout outputs of audience `boende`, but it appears in `boende/handout.pdf` (title in PDF text)',
      'Leak: `hemlig` is internal, and this audience is not, so it must not reach the web outputs of audience `boende`, but it appears in `boende/index.html` (title in HTML), `boende/publicerad/index.html` (title in HTML)',
    ])
    expect(other).toEqual([expect.stringMatching(/^warning leak-scan Could not scan `boende\/conference\.pdf`/)])
  })
})
