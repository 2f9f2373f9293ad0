import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { metadataDate, stampPdfMetadata, xmpPacket } from '../../src/browser/index.js'

/** A small PDF the way Chromium makes them: its own producer and "now" as dates. */
async function chromiumLike(now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.addPage([420, 595]).drawText('Hej')
  doc.setCreator('Chromium')
  doc.setProducer('Skia/PDF m153')
  doc.setCreationDate(now)
  doc.setModificationDate(now)
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
    // Stamping is idempotent.
    expect(Buffer.compare(Buffer.from(await stampPdfMetadata(a, meta)), Buffer.from(a))).toBe(0)
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
