/**
 * Stamp a PDF from Chromium with sprid's metadata, reproducibly: the Info
 * dictionary, an XMP packet, `/Lang`, fixed CreationDate/ModDate and a
 * document /ID that is a hash of the content. Two builds of the same input
 * give the same bytes. The tagged structure and outline Chromium wrote are
 * kept (pdf-lib re-serialises every object, it drops none).
 */
import { createHash } from 'node:crypto'
import { ParseSpeeds, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib'

export interface PdfMetadata {
  title?: string
  author?: string
  subject?: string
  keywords?: readonly string[]
  /** BCP 47 language of the document, written to the catalog's `/Lang`. */
  lang?: string
  /** The application that made the source, e.g. `sprid 0.1.0`. @default 'sprid' */
  creator?: string
  /** The PDF producer. @default kept from Chromium (`Skia/PDF m…`) */
  producer?: string
  /**
   * CreationDate and ModDate: a `Date`, an ISO date string (`2025-03-01`), or
   * seconds since the epoch (like `SOURCE_DATE_EPOCH`).
   */
  date: Date | string | number
}

/** Turn the `date` option into a `Date`. */
export function metadataDate(date: PdfMetadata['date']): Date {
  const value = typeof date === 'number' ? new Date(date * 1000) : new Date(date)
  if (Number.isNaN(value.getTime())) throw new TypeError(`Invalid PDF metadata date: ${String(date)}`)
  return value
}

const xml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A deterministic XMP packet mirroring the Info dictionary. */
export function xmpPacket(meta: Omit<PdfMetadata, 'date'> & { date: Date; producer: string }): string {
  const iso = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const alt = (value: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${xml(value)}</rdf:li></rdf:Alt>`
  const fields = [
    meta.title === undefined ? '' : `<dc:title>${alt(meta.title)}</dc:title>`,
    meta.author === undefined ? '' : `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    meta.subject === undefined ? '' : `<dc:description>${alt(meta.subject)}</dc:description>`,
    meta.lang === undefined ? '' : `<dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    '<dc:format>application/pdf</dc:format>',
    meta.keywords?.length ? `<pdf:Keywords>${xml(meta.keywords.join(', '))}</pdf:Keywords>` : '',
    `<pdf:Producer>${xml(meta.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${xml(meta.creator ?? 'sprid')}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${iso}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${iso}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${iso}</xmp:MetadataDate>`,
  ].filter(Boolean)
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    ...fields,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n')
}

/**
 * pdf-lib yields to the event loop every 50 objects by default (a timer
 * each time: seconds of waiting for a PDF of some hundred pages); a build
 * has nothing to run meanwhile that could not wait for one save.
 */
const save = (doc: PDFDocument): Promise<Uint8Array> =>
  doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity })

/** Stands in for the /ID while the document is saved: as long as a real one. */
const PLACEHOLDER_ID = '0'.repeat(32)

/**
 * Save `doc` with a document /ID derived from its content: it is saved once
 * with a placeholder /ID, the bytes (placeholder included) are hashed, and
 * the placeholder's two hex strings at the end of the file (the trailer
 * comes last) are overwritten in place by the hash. Same length, so no
 * offset moves.
 */
async function saveWithContentId(doc: PDFDocument): Promise<Uint8Array> {
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(PLACEHOLDER_ID), PDFHexString.of(PLACEHOLDER_ID)])
  const bytes = Buffer.from(await save(doc))
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, PLACEHOLDER_ID.length)
  const placeholder = `<${PLACEHOLDER_ID}>`
  for (let at = bytes.length, n = 0; n < 2; n += 1) {
    at = bytes.lastIndexOf(placeholder, at - 1, 'latin1')
    if (at < 0) throw new Error('pdf-lib did not write the document /ID')
    bytes.write(`<${digest}>`, at, 'latin1')
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * Set Info metadata, XMP, `/Lang`, fixed dates and a content-hash /ID, after
 * `edit` (e.g. mending the outline) when given: one load and one save.
 * Pure: the same bytes and metadata always give the same output.
 */
export async function stampPdfMetadata(
  bytes: Uint8Array,
  metadata: PdfMetadata,
  edit?: (doc: PDFDocument) => void | Promise<void>,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
  await edit?.(doc)
  const date = metadataDate(metadata.date)
  const producer = metadata.producer ?? doc.getProducer() ?? 'sprid'

  if (metadata.title !== undefined) doc.setTitle(metadata.title, { showInWindowTitleBar: true })
  if (metadata.author !== undefined) doc.setAuthor(metadata.author)
  if (metadata.subject !== undefined) doc.setSubject(metadata.subject)
  if (metadata.keywords !== undefined) doc.setKeywords([...metadata.keywords])
  doc.setCreator(metadata.creator ?? 'sprid')
  doc.setProducer(producer)
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  if (metadata.lang !== undefined) doc.catalog.set(PDFName.of('Lang'), PDFString.of(metadata.lang))

  // Replace whatever XMP there was (its dates would differ between builds).
  const xmp = doc.context.stream(
    new TextEncoder().encode(xmpPacket({ ...metadata, date, producer })),
    { Type: 'Metadata', Subtype: 'XML' },
  )
  const previous = doc.catalog.get(PDFName.of('Metadata'))
  if (previous instanceof PDFRef) doc.context.assign(previous, xmp)
  else doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp))

  return await saveWithContentId(doc)
}
