/**
 * The training handout: the HTML that goes into Chromium (golden file), the
 * table of contents' two prints, and the PDF read back with pdf-lib and poppler.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTemplateRenderer } from '../../src/render/index.js'
import * as handout from '../../src/formats/handout/index.js'
import { handoutFormat, prepareHandout, printHandout } from '../../src/formats/handout/index.js'
import type { OutputFile } from '../../src/formats/types.js'
import type { BrowserManager } from '../../src/browser/manager.js'
import { testBrowser, testContext, unhyphenated } from '../conference/context.js'
import { englishPack, excluded, pack, site, sommarjobb } from '../conference/fixtures.js'
import { expectGolden } from '../conference/golden.js'
import { loadImages } from '../../src/formats/print/index.js'
import { allText, plain, readPdf, type PdfFacts } from '../conference/pdf.js'

const fileOf = (files: OutputFile[], path: string): OutputFile => {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no file ${path}`)
  return file
}
const bytes = (file: OutputFile): Uint8Array => {
  if (typeof file.contents === 'string') throw new Error(`${file.path} is text`)
  return file.contents
}
const text = (file: OutputFile): string => {
  if (typeof file.contents !== 'string') throw new Error(`${file.path} is binary`)
  return file.contents
}

describe('handout: public API', () => {
  it('exports these names', () => {
    expect(Object.keys(handout).sort()).toEqual([
      'MAX_PASSES',
      'NOTES_ID',
      'NOTES_PAGES',
      'TAKEAWAYS_ID',
      'handoutFormat',
      'handoutPaths',
      'prepareHandout',
      'printHandout',
      'renderHandout',
      'renderHandoutHtml',
    ])
    expect(handoutFormat.id).toBe('handout')
  })
})

describe('handout: HTML for Chromium', () => {
  it('matches the golden file (first print, before page numbers)', async () => {
    const context = testContext(site, [pack])
    const document = await prepareHandout(pack, context, await loadImages(context, [pack.audience.theme.logo]))
    await expectGolden(new URL('./golden/handout.html', import.meta.url), document.html)
  })

  it('has a checklist item per recommendation and every discussion question', async () => {
    const html = unhyphenated((await prepareHandout(pack, testContext(site, [pack]))).html)
    const recommendations = pack.findings.flatMap((f) => f.recommendations)
    expect(html.match(/class="checklist__item"/g)).toHaveLength(recommendations.length)
    for (const question of pack.findings.flatMap((f) => f.questions)) expect(html).toContain(question)
    expect(html).not.toContain(excluded.title)
    expect(html).not.toContain('Zebrafink') // speaker notes are for the deck only
  })
})

describe('handout: paged HTML instead of a PDF', () => {
  it('writes handout.html with the assets on disk and no page numbers yet, without asking for a browser', async () => {
    const context = testContext(site, [pack], undefined, { pdf: false })
    const [job] = await handoutFormat.planPack(pack, context)
    expect(job!.label).toBe(`${pack.audience.id}/handout.html`)
    const files = await job!.run()
    expect(files.map((file) => file.path)).toEqual([`${pack.audience.id}/handout.html`])
    const html = String(files[0]!.contents)
    expect(html).not.toContain('sprid.local')
    expect(html).toMatch(/src: url\("\.\.\/assets\/fonts\/[^"]+\.woff2"\)/)
    expect(html.match(/<span class="toc__page" data-toc-page="[^"]+"><\/span>/g)).toHaveLength(pack.findings.length + 2)
    for (const finding of pack.findings) expect(unhyphenated(html)).toContain(finding.title)
  })
})

describe('handout: PDF', () => {
  let manager: BrowserManager
  let files: OutputFile[]
  let pdf: PdfFacts

  beforeAll(async () => {
    manager = testBrowser()
    const context = testContext(site, [pack], manager)
    const [job] = await handoutFormat.planPack(pack, context)
    expect(job!.label).toBe('ledning/handout.pdf')
    files = await job!.run()
    expect(context.messages).toEqual([])
    pdf = await readPdf(bytes(fileOf(files, 'ledning/handout.pdf')))
  })

  afterAll(async () => {
    await manager?.close()
  })

  it('writes handout.html and handout.pdf', () => {
    expect(files.map((f) => f.path)).toEqual(['ledning/handout.html', 'ledning/handout.pdf'])
    expect(files.every((f) => f.format === 'handout' && f.audience === 'ledning')).toBe(true)
  })

  it('is A4 portrait, with cover, contents, a page per finding and notes pages', () => {
    for (const size of pdf.sizes) {
      expect(size.width).toBeCloseTo(595.3, 0)
      expect(size.height).toBeCloseTo(841.9, 0)
    }
    // 1 cover + 1 contents + 4 findings + 2 notes pages; a long finding may take two.
    expect(pdf.pages).toBeGreaterThanOrEqual(8)
    expect(pdf.pages).toBeLessThanOrEqual(10)
  })

  it('carries the metadata', () => {
    expect(pdf.title).toBe('Bostadsbolagens ledning – Allmännyttans innovationslabb')
    expect(pdf.author).toBe('Sveriges Allmännytta')
    expect(pdf.subject).toBe('Bostadsbolagens ledning')
    expect(pdf.keywords).toContain('partnerskap')
    expect(pdf.creator).toBe('sprid 0.1.0')
    expect(pdf.lang).toBe('sv')
    expect(pdf.tagged).toBe(true)
    expect(pdf.outline).toBe(true)
  })

  it('shows every finding of the pack and nothing else', () => {
    const all = allText(pdf)
    for (const finding of pack.findings) {
      expect(all).toContain(plain(finding.title))
      expect(all).toContain(plain(finding.summary).slice(0, 60))
    }
    expect(all).not.toContain('Styrgruppens')
    expect(all).not.toContain('Xylofonord')
    expect(all).not.toContain('Zebrafink')
    expect(all).toContain('Det här får du med dig')
    expect(all).toMatch(/CHECKLISTA/i)
    expect(all).toMatch(/DISKUSSIONSFRÅGOR/i)
    expect(all).toMatch(/ANTECKNINGAR/i)
    const example = pdf.text.findIndex((page, i) => i > 1 && page.includes(plain(sommarjobb.title)))
    expect(pdf.text[example]).toMatch(/EXEMPEL/i)
  })

  it('has bookmarks named like its headings', () => {
    expect(pdf.outlineTitles.slice(0, 3)).toEqual(['Allmännyttans innovationslabb', 'Innehåll', 'Det här får du med dig'])
    for (const finding of pack.findings) expect(pdf.outlineTitles).toContain(finding.title)
    expect(pdf.outlineTitles).toContain('Checklista')
    expect(pdf.outlineTitles.at(-1)).toBe('Anteckningar')
  })

  it('numbers its contents with the pages the sections start on', () => {
    const contents = pdf.text[1]!
    expect(contents).toContain('Innehåll')
    pack.findings.forEach((finding, index) => {
      const page = pdf.text.findIndex((pageText, i) => i > 1 && pageText.includes(plain(finding.title))) + 1
      expect(page).toBeGreaterThan(2)
      expect(contents).toContain(`${index + 1} ${plain(finding.title)} ${page}`)
    })
    const notesPage = pdf.text.findIndex((pageText, i) => i > 2 && /^Anteckningar/.test(pageText)) + 1
    expect(contents).toMatch(new RegExp(`Anteckningar ${notesPage}\\b`))
  })

  it('has a running footer in Swedish, not on the cover', () => {
    expect(pdf.text[0]).not.toContain('Sida')
    expect(pdf.text[1]).toContain(`Sida 2 av ${pdf.pages}`)
    expect(pdf.text.at(-1)).toContain(`Sida ${pdf.pages} av ${pdf.pages}`)
  })

  it('embeds its fonts (Inter, Source Serif 4)', () => {
    expect(pdf.fonts.every((font) => font.embedded)).toBe(true)
    expect(pdf.fonts.some((font) => font.name.includes('Inter'))).toBe(true)
    expect(pdf.fonts.some((font) => font.name.includes('SourceSerif4'))).toBe(true)
  })

  it('writes handout.html as printed, with fonts and logo from ../assets/', async () => {
    const html = text(fileOf(files, 'ledning/handout.html'))
    expect(html).toMatch(/<img class="cover__logo" src="\.\.\/assets\/img\/logo\.[0-9a-f]{8}\.svg"/)
    expect(html).toMatch(/^<!doctype html>\n<html lang="sv">/)
    expect(html).toContain('src: url("../assets/fonts/inter-latin-400-normal.woff2")')
    expect(html).not.toContain('sprid.local')
    // The table of contents carries the numbers of the final print.
    expect(html).toMatch(/<span class="toc__page" data-toc-page="[^"]+">3<\/span>/)
    for (const finding of pack.findings) expect(unhyphenated(html)).toContain(finding.title)
  })

  it('needs two prints for its table of contents', async () => {
    const context = testContext(site, [pack], manager)
    const document = await prepareHandout(pack, context)
    const result = await printHandout(document, await context.browser(), 'test')
    expect(result.passes).toBe(2)
    expect(result.document.data.handout.toc.every((entry) => typeof entry.page === 'number')).toBe(true)
  })

  it("warns when a project's handout.liquid has no boxes for the contents' page numbers", async () => {
    const projectDir = await mkdtemp(path.join(os.tmpdir(), 'sprid-handout-templates-'))
    try {
      const builtin = await readFile(new URL('../../templates/handout/handout.liquid', import.meta.url), 'utf8')
      await mkdir(path.join(projectDir, 'handout'))
      await writeFile(path.join(projectDir, 'handout', 'handout.liquid'), builtin.replaceAll(/ data-toc-page="[^"]*"/g, ''))
      const context = { ...testContext(site, [pack], manager), templates: createTemplateRenderer({ projectDir, globals: { site } }) }
      const [job] = await handoutFormat.planPack(pack, context)
      await job!.run()
      expect(context.messages.map((message) => [message.severity, message.ruleId])).toEqual([['warning', 'handout-toc-pages']])
      expect(context.messages[0]!.message).toContain('data-toc-page="{{ entry.id }}"')
      // Nothing to number: no draft print.
      const result = await printHandout(await prepareHandout(pack, context), await context.browser(), 'test')
      expect(result.passes).toBe(1)
    } finally {
      await rm(projectDir, { recursive: true, force: true })
    }
  })

  it('gives the same bytes when built again', async () => {
    const context = testContext(site, [pack], manager)
    const [job] = await handoutFormat.planPack(pack, context)
    const again = await job!.run()
    expect(Buffer.from(bytes(fileOf(again, 'ledning/handout.pdf'))).equals(Buffer.from(bytes(fileOf(files, 'ledning/handout.pdf'))))).toBe(true)
    expect(text(fileOf(again, 'ledning/handout.html'))).toBe(text(fileOf(files, 'ledning/handout.html')))
  })

  it('speaks English for an English pack', async () => {
    const context = testContext(site, [englishPack], manager)
    const [job] = await handoutFormat.planPack(englishPack, context)
    const output = await job!.run()
    const facts = await readPdf(bytes(fileOf(output, 'researchers/handout.pdf')))
    expect(facts.lang).toBe('en')
    expect(facts.text[0]).toMatch(/training material/i)
    expect(facts.text[1]).toContain('Contents')
    expect(facts.text[1]).toContain('What you will take away')
    expect(facts.text[1]).toContain(`Page 2 of ${facts.pages}`)
    expect(allText(facts)).toContain(plain(englishPack.findings[0]!.title))
  })
})
