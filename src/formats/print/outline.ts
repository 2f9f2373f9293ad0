/**
 * Mend the bookmarks Chromium writes. Its outline titles come from laid-out
 * text: a heading that wraps loses the space at each line break
 * ("fickfler grannar"), and with web fonts some one-word headings come out
 * twice ("InnehållInnehåll"), and `text-transform` shows ("CHECKLISTA").
 * Each title is replaced by the heading of the printed HTML that has the
 * same letters. `@libpdf/core` is loaded on first use.
 */
import type { PDF, PdfDict } from '@libpdf/core'
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
export async function mendOutline(doc: PDF, html: string): Promise<void> {
  const { PdfDict, PdfString } = await import('@libpdf/core')
  const resolve = (ref: Parameters<PDF['getObject']>[0]) => doc.getObject(ref)
  const outlines = doc.getCatalog().getDict('Outlines', resolve)
  if (!outlines) return
  const headings = new Map<string, string>()
  for (const text of headingTexts(html)) if (!headings.has(key(text))) headings.set(key(text), text)

  const visit = (parent: PdfDict, depth: number): void => {
    let item = parent.getDict('First', resolve)
    let guard = 0
    while (item instanceof PdfDict && depth < 32 && guard++ < 100_000) {
      const title = item.getString('Title', resolve)
      if (title) {
        const current = title.asString()
        const k = key(current)
        const half = k.length % 2 === 0 && k.slice(0, k.length / 2) === k.slice(k.length / 2) ? k.slice(0, k.length / 2) : undefined
        const heading = headings.get(k) ?? (half === undefined ? undefined : headings.get(half))
        if (heading !== undefined && heading !== current) item.set('Title', PdfString.fromString(heading))
      }
      visit(item, depth + 1)
      item = item.getDict('Next', resolve)
    }
  }
  visit(outlines, 0)
}

/**
 * The PDF that goes out: `pdf` from Chromium with its outline mended from
 * `html` and sprid's metadata stamped, in one load and save.
 */
export async function finishPdf(pdf: Uint8Array, html: string, metadata: PdfMetadata): Promise<Uint8Array> {
  const { stampPdfMetadata } = await import('../../browser/pdf-metadata.js')
  return await stampPdfMetadata(pdf, metadata, (doc) => mendOutline(doc, html))
}
