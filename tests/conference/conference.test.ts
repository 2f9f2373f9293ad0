/**
 * The conference deck: its outline, the HTML that goes into Chromium
 * (golden files), and the PDFs Chromium makes from it, read back with
 * pdf-lib and poppler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as conference from '../../src/formats/conference/index.js'
import { conferenceFormat, deckImageFiles, planSlides, prepareDeck, printDeck, measureSlides, showSlideSizes, slideSizes, MAX_BULLETS } from '../../src/formats/conference/index.js'
import { loadImages } from '../../src/formats/print/index.js'
import type { OutputFile } from '../../src/formats/types.js'
import type { BrowserManager } from '../../src/browser/manager.js'
import { testBrowser, testContext, unhyphenated } from './context.js'
import { excluded, notesTexts, pack, site, sommarjobb, tooLong } from './fixtures.js'
import { expectGolden } from './golden.js'
import { allText, plain, readPdf, type PdfFacts } from './pdf.js'

const bytesOf = (files: OutputFile[], path: string): Uint8Array => {
  const file = files.find((f) => f.path === path)
  if (!file || typeof file.contents === 'string') throw new Error(`no PDF ${path}`)
  return file.contents
}

describe('conference: public API', () => {
  it('exports these names', () => {
    expect(Object.keys(conference).sort()).toEqual([
      'AGENDA_PER_SLIDE',
      'FIT_LEVELS',
      'FIT_MINIMUM',
      'MAX_BULLETS',
      'SLIDE',
      'applyFits',
      'conferenceFormat',
      'deckImageFiles',
      'deckPaths',
      'measureSlides',
      'overflowMessage',
      'planSlides',
      'prepareDeck',
      'printDeck',
      'renderConference',
      'renderConferenceHtml',
      'showSlideSizes',
      'slideSizes',
    ])
    expect(conferenceFormat.id).toBe('conference')
  })
})

describe('conference: paged HTML instead of PDFs', () => {
  it('writes the deck and its notes as HTML with the assets on disk, without asking for a browser', async () => {
    // No browser manager: asking for one throws.
    const context = testContext(site, [pack], undefined, { pdf: false })
    const [job] = await conferenceFormat.planPack(pack, context)
    expect(job!.label).toBe('ledning/conference.html')
    expect(job!.inputs).toMatchObject({ pdf: false })
    const files = await job!.run()
    expect(files.map((file) => file.path)).toEqual(['ledning/conference.html', 'ledning/conference-notes.html'])
    const [deck, notes] = files.map((file) => String(file.contents))
    for (const html of [deck!, notes!]) {
      expect(html).not.toContain('sprid.local')
      expect(html).toMatch(/src: url\("\.\.\/assets\/fonts\/[^"]+\.woff2"\)/)
    }
    expect(deck).toMatch(/<img src="\.\.\/assets\/img\/foljeforskning\.[0-9a-f]{8}\.svg"/)
    expect(unhyphenated(deck!)).toContain(pack.findings[0]!.title)
    expect(deck).not.toContain(excluded.title)
  })
})

describe('conference: outline', () => {
  const slides = planSlides(pack)

  it('has a title, an agenda, one to three slides per finding and a closing slide', () => {
    expect(slides.map((s) => s.kind)).toEqual([
      'title',
      'agenda',
      'finding', 'recommendations', 'quote', // motesplatser: figure, 4 recommendations, quote
      'finding', 'recommendations', // partnerskap
      'finding', 'recommendations', // sommarjobb
      'finding', // foljeforskning: summary only
      'closing',
    ])
    expect(slides.map((s) => s.n)).toEqual(slides.map((_, i) => i + 1))
    for (const finding of pack.findings) {
      const count = slides.filter((s) => s.finding?.id === finding.id).length
      expect(count).toBeGreaterThanOrEqual(1)
      expect(count).toBeLessThanOrEqual(3)
    }
  })

  it('shows at most three recommendations a slide', () => {
    const recommendations = slides.filter((s) => s.kind === 'recommendations')
    for (const slide of recommendations) expect(slide.bullets!.length).toBeLessThanOrEqual(MAX_BULLETS)
    expect(recommendations[0]!.hiddenBullets).toBe(1)
  })

  it('shares a long agenda evenly over several slides', () => {
    const many = (length: number) => ({ ...pack, findings: Array.from({ length }, (_, i) => ({ ...sommarjobb, id: `f${i}` })) })
    const agenda = planSlides(many(7)).filter((s) => s.kind === 'agenda')
    expect(agenda.map((s) => s.agenda!.length)).toEqual([4, 3])
    expect(agenda[1]!.part).toEqual({ index: 2, count: 2 })
    expect(agenda[1]!.agenda![0]!.number).toBe(5)
    const lengths = (n: number) => planSlides(many(n)).filter((s) => s.kind === 'agenda').map((s) => s.agenda!.length)
    expect(lengths(5)).toEqual([5])
    expect(lengths(6)).toEqual([3, 3])
    expect(lengths(11)).toEqual([4, 4, 3])
    expect(lengths(0)).toEqual([])
  })
})

describe('conference: HTML for Chromium', () => {
  it('matches the golden files (deck and speaker notes)', async () => {
    const context = testContext(site, [pack])
    const document = await prepareDeck(pack, context, await loadImages(context, deckImageFiles(pack)))
    await expectGolden(new URL('./golden/deck.html', import.meta.url), document.html)
    const notes = await context.templates.render('conference', 'notes.liquid', document.data)
    await expectGolden(new URL('./golden/notes.html', import.meta.url), notes)
  })

  it('shows the logo and, for a finding without a key figure, its image; serves both from memory', async () => {
    const context = testContext(site, [pack])
    const images = await loadImages(context, [...deckImageFiles(pack), 'findings/images/missing.png'])
    expect([...images.keys()].sort()).toEqual(['findings/images/foljeforskning.svg', 'findings/images/logo.svg'])
    const { html, assets, data } = await prepareDeck(pack, context, images)
    const image = data.deck.slides.find((s) => s.finding?.id === 'foljeforskning' && s.kind === 'finding')!.image!
    expect(image.src).toMatch(/^https:\/\/sprid\.local\/assets\/img\/foljeforskning\.[0-9a-f]{8}\.svg$/)
    expect(image.alt).toContain('Fyra cirklar')
    expect(html).toContain(`<img src="${image.src}"`)
    expect(data.deck.logo!.src).toMatch(/\/assets\/img\/logo\.[0-9a-f]{8}\.svg$/)
    expect(assets.some((a) => a.path === 'assets/img/' + image.src.split('/').pop())).toBe(true)
    // Findings with a key figure keep the figure as their evidence.
    expect(data.deck.slides.filter((s) => s.image)).toHaveLength(1)
    // The images' content is part of the job's inputs (the cache key).
    const [job] = await conferenceFormat.planPack(pack, context)
    expect((job!.inputs as { images: Array<[string, string]> }).images.map(([file]) => file)).toEqual([
      'findings/images/foljeforskning.svg',
      'findings/images/logo.svg',
    ])
  })

  it('leaves the QR code out without a baseUrl, and keeps notes off the slides', async () => {
    const context = testContext({ ...site, baseUrl: undefined }, [pack])
    const { html, data } = await prepareDeck(pack, context)
    expect(data.deck.qr).toBeUndefined()
    expect(html).not.toContain('class="qr')
    for (const note of notesTexts) expect(html).not.toContain(note.slice(0, 30))
    expect(html).not.toContain(excluded.title)
  })
})

describe('conference: PDF', () => {
  let manager: BrowserManager
  let files: OutputFile[]
  let deck: PdfFacts
  let notes: PdfFacts
  let messages: ReturnType<typeof testContext>['messages']

  beforeAll(async () => {
    manager = testBrowser()
    const context = testContext(site, [pack], manager)
    const [job] = await conferenceFormat.planPack(pack, context)
    expect(job!.label).toBe('ledning/conference.pdf')
    files = await job!.run()
    messages = context.messages
    deck = await readPdf(bytesOf(files, 'ledning/conference.pdf'))
    notes = await readPdf(bytesOf(files, 'ledning/conference-notes.pdf'))
  })

  afterAll(async () => {
    await manager?.close()
  })

  it('writes the deck and the speaker notes', () => {
    expect(files.map((f) => f.path)).toEqual(['ledning/conference.pdf', 'ledning/conference-notes.pdf'])
    expect(files.every((f) => f.format === 'conference' && f.audience === 'ledning')).toBe(true)
    expect(messages).toEqual([])
  })

  it('has one 16:9 page per slide (338.67 x 190.5 mm)', () => {
    expect(deck.pages).toBe(planSlides(pack).length)
    for (const size of deck.sizes) {
      expect(size.width).toBeCloseTo(960, 0)
      expect(size.height).toBeCloseTo(540, 0)
    }
  })

  it('carries the metadata', () => {
    expect(deck.title).toBe('Bostadsbolagens ledning – Allmännyttans innovationslabb')
    expect(deck.author).toBe('Sveriges Allmännytta')
    expect(deck.subject).toBe('Bostadsbolagens ledning')
    expect(deck.keywords).toContain('mötesplatser')
    expect(deck.creator).toBe('sprid 0.1.0')
    expect(deck.lang).toBe('sv')
    expect(deck.tagged).toBe(true)
    expect(deck.outline).toBe(true)
    expect(notes.title).toBe('Talarmanus: Bostadsbolagens ledning – Allmännyttans innovationslabb')
    // A bookmark per slide, named by its headline.
    expect(deck.outlineTitles[0]).toBe('Allmännyttans innovationslabb')
    expect(deck.outlineTitles).toContain(pack.findings[0]!.title)
    expect(deck.outlineTitles).toContain('Agenda')
  })

  it('shows every finding of the pack and nothing else', () => {
    const text = allText(deck)
    for (const finding of pack.findings) expect(text).toContain(plain(finding.title))
    expect(text).not.toContain('Styrgruppens')
    expect(text).not.toContain('Xylofonord')
  })

  it('keeps speaker notes out of the deck and puts them in the notes PDF', () => {
    const text = allText(deck)
    const notesText = allText(notes)
    for (const note of notesTexts) {
      expect(text).not.toContain(plain(note).slice(0, 40))
      expect(notesText).toContain(plain(note).slice(0, 40))
    }
    expect(notesText).not.toContain('Zebrafink')
    expect(notes.sizes[0]!.width).toBeCloseTo(595, 0)
  })

  it('has a title slide, a footer with slide numbers, the example label and the closing QR code', () => {
    expect(deck.text[0]).toContain('Allmännyttans innovationslabb')
    expect(deck.text[0]).toContain('14 mars 2025')
    expect(deck.text[0]).not.toContain('1 / 11')
    expect(deck.text[2]).toContain('Sveriges Allmännytta')
    expect(deck.text[2]).toContain('3 / 11')
    const example = deck.text.findIndex((page) => page.includes(plain(sommarjobb.title)))
    expect(deck.text[example]).toMatch(/EXEMPEL/i)
    const closing = deck.text.at(-1)!
    expect(closing).toContain('Tack!')
    expect(closing).toContain(pack.audience.cta!.text)
    expect(closing).toContain('example.org/labb/ledning')
  })

  it('embeds its fonts (Inter)', () => {
    expect(deck.fonts.length).toBeGreaterThan(0)
    expect(deck.fonts.every((font) => font.embedded)).toBe(true)
    expect(deck.fonts.some((font) => font.name.includes('Inter'))).toBe(true)
    expect(notes.fonts.every((font) => font.embedded)).toBe(true)
  })

  it('gives the same bytes when built again', async () => {
    const context = testContext(site, [pack], manager)
    const [job] = await conferenceFormat.planPack(pack, context)
    const again = await job!.run()
    for (const path of ['ledning/conference.pdf', 'ledning/conference-notes.pdf']) {
      expect(Buffer.from(bytesOf(again, path)).equals(Buffer.from(bytesOf(files, path)))).toBe(true)
    }
  })

  it('prints the measured page exactly as the deck drawn at its final sizes', async () => {
    const crowded = { ...pack, findings: [tooLong, pack.findings[1]!] }
    const context = testContext(site, [crowded], manager)
    const printed = await printDeck(await prepareDeck(crowded, context), manager, context, { deck: 'deck', notes: 'notes' })
    const sizes = () =>
      Array.from(document.querySelectorAll<HTMLElement>('.slide[data-fit]')).map(
        (slide) => `${slide.id} ${slide.getAttribute('data-fit')} ${slide.style.getPropertyValue('--zoom').trim()}`,
      )
    // The page printed: the first HTML, measured, with the final sizes set.
    const measured = await manager.withDocument(printed.document.html, { label: 'measured', assets: [] }, async (page) => {
      await page.evaluate(measureSlides, undefined)
      await page.evaluate(showSlideSizes, slideSizes(printed.document.data.deck.slides))
      return await page.evaluate(sizes, undefined)
    })
    const drawn = await manager.evaluate(await context.templates.render('conference', 'deck.liquid', printed.document.data), { label: 'drawn', assets: [] }, sizes)
    expect(measured).toEqual(drawn)
    expect(drawn.some((line) => !line.endsWith(' 0 '))).toBe(true)
    expect(printed.overflows.length).toBeGreaterThan(0)
  })

  it('shrinks a slide with too much text and warns at the finding', async () => {
    const crowded = { ...pack, findings: [tooLong, pack.findings[1]!] }
    const context = testContext(site, [crowded], manager)
    const [job] = await conferenceFormat.planPack(crowded, context)
    const output = await job!.run()
    const overflow = context.messages.filter((m) => m.ruleId === 'overflow')
    expect(overflow.length).toBeGreaterThanOrEqual(2)
    for (const message of overflow.filter((m) => m.file === tooLong.file)) {
      expect(message).toMatchObject({ severity: 'warning', line: 1 })
      expect(message.message).toMatch(/^Slide \d+ of ledning\/conference\.pdf \((finding|recommendations)\) has too much text/)
    }
    expect(overflow.some((m) => m.file === tooLong.file && m.message.includes('(finding)'))).toBe(true)
    expect(overflow.some((m) => m.file === tooLong.file && m.message.includes('(recommendations)'))).toBe(true)
    // The other finding fits.
    expect(overflow.some((m) => m.file === pack.findings[1]!.file)).toBe(false)
    // Shrunk, not spilled onto extra pages, and not cut off.
    const facts = await readPdf(bytesOf(output, 'ledning/conference.pdf'))
    expect(facts.pages).toBe(planSlides(crowded).length)
    const last = plain(tooLong.recommendations.at(-1)!).split(' ').slice(-4).join(' ')
    expect(allText(facts)).toContain(last)
  })
})
