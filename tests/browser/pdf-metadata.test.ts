import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { metadataDate, stampPdfMetadata, xmpPacket } from '../../src/browser/index.js'

/** Chromium's way of writing a date: `D:YYYYMMDDHHmmSS+00'00'`. */
const chromiumDate = (date: Date) => `D:${date.toISOString().slice(0, 19).replace(/\D/g, '')}+00'00'`

/** Chromium's /Creator: its user agent, which names the operating system. */
const USER_AGENT = 'Mozilla/5.0 \\(X11; Linux x86_64\\) HeadlessChrome/153.0.0.0'

/** A small PDF the way Chromium makes them: Info first, its user agent, its own producer and "now" as dates. */
async function chromiumLike(now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.addPage([420, 595]).drawText('Hej')
  doc.setProducer('Skia/PDF m153')
  const info = doc.getInfoDict()
  info.set(PDFName.of('Creator'), PDFString.of(USER_AGENT))
  info.set(PDFName.of('CreationDate'), PDFString.of(chromiumDate(now)))
  info.set(PDFName.of('ModDate'), PDFString.of(chromiumDate(now)))
  return await doc.save({ useObjectStreams: false })
}

const meta = {
  title: 'Boende & <unga>',
  author: 'Sprid',
  subject: 'Fynd',
  keywords: ['boende', 'unga'],
  lang: 'sv',
  creator: 'sprid 0.1.0',
  date: 1_740_787_200, // SOURCE_DATE_EPOCH for 2025-03-01
}

describe('stampPdfMetadata', () => {
  it('makes PDFs made at different times byte-identical', async () => {
    const a = await stampPdfMetadata(await chromiumLike(new Date('2026-01-01T10:00:00Z')), meta)
    const b = await stampPdfMetadata(await chromiumLike(new Date('2026-05-05T12:34:56Z')), meta)
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0)
  })

  it("appends an update to Chromium's bytes, with its print dates pinned to the build's date and its user agent blanked", async () => {
    const source = await chromiumLike(new Date('2026-05-05T12:34:56Z'))
    const stamped = Buffer.from(await stampPdfMetadata(source, meta))
    const original = Buffer.from(source)
      .toString('latin1')
      .replaceAll("D:20260505123456+00'00'", "D:20250301000000+00'00'")
      .replace(`(${USER_AGENT})`, `(${' '.repeat(USER_AGENT.length)})`)
    expect(Buffer.from(source).toString('latin1')).toContain(`/Creator (${USER_AGENT})`)
    expect(stamped.subarray(0, source.length).toString('latin1')).toBe(original)
    expect(stamped.toString('latin1').match(/%%EOF/g)).toHaveLength(2)
  })

  it("writes a PDF anew when one of its dates is not in Chromium's form, so no old date stays in the file", async () => {
    const make = async (now: Date) => {
      const doc = await PDFDocument.create({ updateMetadata: false })
      doc.addPage([420, 595])
      doc.getInfoDict().set(PDFName.of('CreationDate'), PDFString.of(chromiumDate(now)))
      doc.getInfoDict().set(PDFName.of('ModDate'), PDFString.of(`D:${now.toISOString().slice(0, 19).replace(/\D/g, '')}Z`))
      return await doc.save({ useObjectStreams: false })
    }
    const a = Buffer.from(await stampPdfMetadata(await make(new Date('2026-05-05T12:34:56Z')), meta))
    const b = Buffer.from(await stampPdfMetadata(await make(new Date('2026-06-06T01:02:03Z')), meta))
    expect(a.toString('latin1').match(/%%EOF/g)).toHaveLength(1)
    expect(a.equals(b)).toBe(true)
  })

  it('writes anything that is not dated like Chromium anew, dropping its dates', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false })
    doc.addPage([420, 595])
    doc.setCreationDate(new Date('2026-05-05T12:34:56Z'))
    const stamped = Buffer.from(await stampPdfMetadata(await doc.save({ useObjectStreams: false }), meta)).toString('latin1')
    expect(stamped.match(/%%EOF/g)).toHaveLength(1)
    expect(stamped).not.toContain('20260505')
  })

  it('sets Info, /Lang, viewer title, XMP and a content-hash /ID', async () => {
    const stamped = await stampPdfMetadata(await chromiumLike(new Date()), meta)
    const doc = await PDFDocument.load(stamped, { updateMetadata: false })
    expect(doc.getTitle()).toBe('Boende & <unga>')
    expect(doc.getAuthor()).toBe('Sprid')
    expect(doc.getSubject()).toBe('Fynd')
    expect(doc.getKeywords()).toBe('boende unga')
    expect(doc.getCreator()).toBe('sprid 0.1.0')
    expect(doc.getProducer()).toBe('Skia/PDF m153')
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-03-01T00:00:00.000Z')
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-03-01T00:00:00.000Z')
    expect((doc.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe('sv')
    expect(String(doc.catalog.lookup(PDFName.of('ViewerPreferences')))).toContain('/DisplayDocTitle true')

    const xmp = doc.catalog.lookup(PDFName.of('Metadata'))
    expect(xmp).toBeInstanceOf(PDFRawStream)
    const text = new TextDecoder().decode((xmp as PDFRawStream).contents)
    expect(text).toContain('<rdf:li xml:lang="x-default">Boende &#38; &#60;unga&#62;</rdf:li>')
    expect(text).toContain('<xmp:CreateDate>2025-03-01T00:00:00Z</xmp:CreateDate>')
    expect(text).toContain('<dc:language><rdf:Bag><rdf:li>sv</rdf:li></rdf:Bag></dc:language>')

    const id = doc.context.trailerInfo.ID as PDFArray
    const first = (id.get(0) as PDFHexString).asString()
    expect(first).toMatch(/^[0-9a-f]{32}$/)
    expect((id.get(1) as PDFHexString).asString()).toBe(first)
  })

  it('changes the /ID when the content changes', async () => {
    const idOf = async (bytes: Uint8Array) => {
      const doc = await PDFDocument.load(bytes)
      return ((doc.context.trailerInfo.ID as PDFArray).get(0) as PDFHexString).asString()
    }
    const a = await stampPdfMetadata(await chromiumLike(new Date()), meta)
    const b = await stampPdfMetadata(await chromiumLike(new Date()), { ...meta, title: 'Annat' })
    expect(await idOf(a)).not.toBe(await idOf(b))
  })

  it('accepts Date, ISO strings and epoch seconds, and rejects nonsense', () => {
    expect(metadataDate('2025-03-01').toISOString()).toBe('2025-03-01T00:00:00.000Z')
    expect(metadataDate(0).toISOString()).toBe('1970-01-01T00:00:00.000Z')
    expect(metadataDate(new Date(5)).getTime()).toBe(5)
    expect(() => metadataDate('yesterday')).toThrow(/Invalid PDF metadata date/)
  })

  it('writes an XMP packet without optional fields when they are missing', () => {
    const xmp = xmpPacket({ date: new Date(0), producer: 'p' })
    expect(xmp).not.toContain('dc:title')
    expect(xmp).toContain('<xmp:CreatorTool>sprid</xmp:CreatorTool>')
    expect(xmp.startsWith('<?xpacket begin=')).toBe(true)
  })
})
