/**
 * Mend the bookmarks Chromium writes. Its outline titles come from laid-out
 * text: a heading that wraps loses the space at each line break
 * ("fickfler grannar"), and with web fonts some one-word headings come out
 * twice ("InnehållInnehåll"), and `text-transform` shows ("CHECKLISTA").
 * Each title is replaced by the heading of the printed HTML that has the
 * same letters. `pdf-lib` is loaded on first use.
 */
import type { PDFDict, PDFDocument } from 'pdf-lib'
import type { PdfMetadata } from '../../browser/pdf-metadata.js'

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' }

/** Plain text of an HTML fragment (tags dropped, entities decoded, soft hyphens removed, whitespace collapsed). */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16))
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
      return ENTITIES[name.toLowerCase()] ?? entity
    })
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The text of every `<h1>`–`<h6>` in `html`, in document order. */
export function headingTexts(html: string): string[] {
  return [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi)].map((match) => htmlText(match[2]!))
}

const key = (text: string): string => text.replace(/\s+/g, '').toLocaleLowerCase()

/**
 * Set each outline title of `doc` that matches a heading of `html` (ignoring
 * whitespace and case, or doubled) to that heading's text. Nothing changes
 * when there is no outline or nothing to mend.
 */
export async function mendOutline(doc: PDFDocument, html: string): Promise<void> {
  const lib = await import('pdf-lib')
  const outlines = doc.catalog.lookup(lib.PDFName.of('Outlines'))
  if (!(outlines instanceof lib.PDFDict)) return
  const headings = new Map<string, string>()
  for (const text of headingTexts(html)) if (!headings.has(key(text))) headings.set(key(text), text)

  const visit = (parent: PDFDict, depth: number): void => {
    let item = parent.lookup(lib.PDFName.of('First'))
    let guard = 0
    while (item instanceof lib.PDFDict && depth < 32 && guard++ < 100_000) {
      const title = item.lookup(lib.PDFName.of('Title'))
      if (title instanceof lib.PDFString || title instanceof lib.PDFHexString) {
        const current = title.decodeText()
        const k = key(current)
        const half = k.length % 2 === 0 && k.slice(0, k.length / 2) === k.slice(k.length / 2) ? k.slice(0, k.length / 2) : undefined
        const heading = headings.get(k) ?? (half === undefined ? undefined : headings.get(half))
        if (heading !== undefined && heading !== current) item.set(lib.PDFName.of('Title'), lib.PDFHexString.fromText(heading))
      }
      visit(item, depth + 1)
      item = item.lookup(lib.PDFName.of('Next'))
    }
  }
  visit(outlines, 0)
}

/**
 * The PDF that goes out: `pdf` from Chromium with its outline mended from
 * `html` and sprid's metadata stamped, in one pdf-lib load and save (pdf-lib
 * is loaded on first use).
 */
export async function finishPdf(pdf: Uint8Array, html: string, metadata: PdfMetadata): Promise<Uint8Array> {
  const { stampPdfMetadata } = await import('../../browser/pdf-metadata.js')
  return await stampPdfMetadata(pdf, metadata, (doc) => mendOutline(doc, html))
}
