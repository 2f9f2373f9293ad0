/**
 * Stamp a PDF from Chromium with sprid's metadata, reproducibly: the Info
 * dictionary, an XMP packet, `/Lang`, fixed CreationDate/ModDate and a
 * document /ID that is a hash of the content. Two builds of the same input
 * give the same bytes.
 *
 * `@libpdf/core` reads only the objects asked for and appends what changed
 * as an incremental update: Chromium's bytes (pages, fonts, tagged
 * structure, outline) are kept as they are, not parsed and written again,
 * which took most of the time on a deck of some hundred pages. It is
 * loaded on first use.
 */
import { createHash } from 'node:crypto'
import type { PDF } from '@libpdf/core'
import { debugBrowser } from './debug.js'

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

/** Stands in for the /ID while the document is saved: as long as a real one. */
const PLACEHOLDER_ID = '0'.repeat(32)

/**
 * Give the saved `bytes` a document /ID derived from their content: they
 * were saved with a placeholder /ID, the bytes (placeholder included) are
 * hashed, and the placeholder's two hex strings in the last trailer are
 * overwritten in place by the hash. Same length, so no offset moves.
 */
function writeContentId(bytes: Buffer): Buffer {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, PLACEHOLDER_ID.length)
  const placeholder = `<${PLACEHOLDER_ID}>`
  for (let at = bytes.length, n = 0; n < 2; n += 1) {
    at = bytes.lastIndexOf(placeholder, at - 1, 'latin1')
    if (at < 0) throw new Error('The PDF was saved without its document /ID')
    bytes.write(`<${digest}>`, at, 'latin1')
  }
  return bytes
}

/** `date` the way Chromium writes its Info dates: `D:YYYYMMDDHHmmSS+00'00'`. */
const chromiumDate = (date: Date): string =>
  `D:${date.toISOString().replace(/\.\d{3}Z$/, '').replace(/\D/g, '')}+00'00'`

/** The index of the `)` that closes the literal string opening at `open` (its `(`), or -1: escapes and balanced parentheses allowed. */
function literalStringEnd(text: string, open: number): number {
  let depth = 0
  for (let at = open; at < text.length; at++) {
    const char = text[at]
    if (char === '\\') at += 1
    else if (char === '(') depth += 1
    else if (char === ')' && --depth === 0) return at
  }
  return -1
}

/**
 * Chromium stamps the moment of printing into its Info dictionary, and its
 * user agent as /Creator, which names the operating system. An incremental
 * update leaves that dictionary in the file under the new one. So, in
 * `bytes` itself and at the same length (no offset moves): its
 * CreationDate and ModDate become `date`, and its /Creator spaces. False,
 * with nothing changed, when the dictionary is not where and how Chromium
 * writes it (the last trailer's /Info, an `obj` at a line start, every date
 * `D:YYYYMMDDHHmmSS+HH'mm'`).
 */
function pinChromiumInfo(bytes: Buffer, date: Date): boolean {
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024))
  const info = [...tail.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)].at(-1)
  if (!info) return false
  const header = new RegExp(`(?:^|[\\r\\n])${info[1]} ${info[2]} obj\\b`).exec(bytes.toString('latin1', 0, Math.min(bytes.length, 4096)))
  if (!header) return false
  const start = header.index
  const end = bytes.indexOf('endobj', start, 'latin1')
  if (end < 0) return false
  const object = bytes.toString('latin1', start, end)
  const stamp = chromiumDate(date)
  const dates = [...object.matchAll(/\/(?:CreationDate|ModDate)\s*\((D:\d{14}[+\-Z]\d\d'\d\d'?)\)/g)]
  // Every date in it, or the one left as it was would differ between builds.
  const keys = object.match(/\/(?:CreationDate|ModDate)\b/g)?.length ?? 0
  if (dates.length === 0 || dates.length !== keys || dates.some((match) => match[1]!.length !== stamp.length)) return false
  for (const match of dates) {
    bytes.write(stamp, start + match.index + match[0].lastIndexOf('(') + 1, 'latin1')
  }
  const creator = /\/Creator\s*\(/.exec(object)
  const open = creator ? creator.index + creator[0].length - 1 : -1
  const close = open < 0 ? -1 : literalStringEnd(object, open)
  if (close > open + 1) bytes.fill(0x20, start + open + 1, start + close)
  return true
}

/**
 * Set Info metadata, XMP, `/Lang`, fixed dates and a content-hash /ID, after
 * `edit` (e.g. mending the outline) when given: one lazy load and one save.
 * A PDF from Chromium gets an incremental update with its own Info
 * pinned; anything else is written anew. Pure: the same bytes and metadata
 * always give the same output.
 */
export async function stampPdfMetadata(
  bytes: Uint8Array,
  metadata: PdfMetadata,
  edit?: (doc: PDF) => void | Promise<void>,
): Promise<Uint8Array> {
  const { PDF, PdfArray, PdfName, PdfStream, PdfString } = await import('@libpdf/core')
  const date = metadataDate(metadata.date)
  const source = Buffer.from(bytes)
  const incremental = pinChromiumInfo(source, date)
  if (!incremental) debugBrowser('PDF not dated the way Chromium dates it: written anew (slower)')
  const doc = await PDF.load(source)
  await edit?.(doc)
  const producer = metadata.producer ?? doc.getProducer() ?? 'sprid'

  if (metadata.title !== undefined) doc.setTitle(metadata.title, { showInWindowTitleBar: true })
  if (metadata.author !== undefined) doc.setAuthor(metadata.author)
  if (metadata.subject !== undefined) doc.setSubject(metadata.subject)
  if (metadata.keywords !== undefined) doc.setKeywords([...metadata.keywords])
  doc.setCreator(metadata.creator ?? 'sprid')
  doc.setProducer(producer)
  doc.setCreationDate(date)
  doc.setModificationDate(date)
  if (metadata.lang !== undefined) doc.setLanguage(metadata.lang)

  // A new XMP packet in place of any there was (its dates would differ between builds).
  const xmp = new TextEncoder().encode(xmpPacket({ ...metadata, date, producer }))
  doc.getCatalog().set('Metadata', doc.register(PdfStream.fromDict({ Type: PdfName.of('Metadata'), Subtype: PdfName.of('XML') }, xmp)))

  doc.context.info.trailer.set('ID', PdfArray.of(PdfString.fromHex(PLACEHOLDER_ID), PdfString.fromHex(PLACEHOLDER_ID)))
  // Streams stay as Chromium compressed them; XMP stays readable.
  return writeContentId(Buffer.from(await doc.save({ incremental, compressStreams: false })))
}
