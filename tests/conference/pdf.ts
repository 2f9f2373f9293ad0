/**
 * Reading PDFs back in tests: pdf-lib for the structure (page sizes,
 * metadata, outline), poppler for text and fonts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib'
import { poppler } from './context.js'

export interface PdfFacts {
  pages: number
  sizes: Array<{ width: number; height: number }>
  title?: string
  author?: string
  subject?: string
  keywords?: string
  creator?: string
  lang?: string
  tagged: boolean
  outline: boolean
  /** Bookmark titles, depth first. */
  outlineTitles: string[]
  /** Text of each page (pdftotext -layout off), soft hyphens removed, whitespace collapsed. */
  text: string[]
  /** Rows of pdffonts: name and whether it is embedded. */
  fonts: Array<{ name: string; embedded: boolean }>
}

function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = []
  const visit = (parent: PDFDict): void => {
    let item = parent.lookup(PDFName.of('First'))
    while (item instanceof PDFDict) {
      const title = item.lookup(PDFName.of('Title'))
      if (title instanceof PDFString || title instanceof PDFHexString) titles.push(title.decodeText())
      visit(item)
      item = item.lookup(PDFName.of('Next'))
    }
  }
  const root = doc.catalog.lookup(PDFName.of('Outlines'))
  if (root instanceof PDFDict) visit(root)
  return titles
}

/**
 * Soft hyphens out: Chromium keeps every U+00AD of the printed HTML in the
 * PDF's text, and pdftotext prints them (inside words, and before the hyphen
 * it draws where a line breaks: `fastighets\u00ad\u2010` + newline + `ägare`).
 * A line broken at a soft hyphen is joined into one word again.
 */
export const dehyphenate = (text: string): string => text.replace(/\u00ad(?:[-\u2010]?[^\S\n]*\n\s*)?/g, '')

const collapse = (text: string): string => dehyphenate(text).replace(/\s+/g, ' ').trim()

/** Everything the tests check about a PDF. */
export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  const lang = doc.catalog.lookup(PDFName.of('Lang'))
  const markInfo = doc.catalog.lookup(PDFName.of('MarkInfo'))
  const folder = await mkdtemp(path.join(os.tmpdir(), 'sprid-pdf-'))
  try {
    const file = path.join(folder, 'file.pdf')
    await writeFile(file, bytes)
    const pages = doc.getPageCount()
    const text: string[] = []
    for (let page = 1; page <= pages; page++) {
      text.push(collapse(await poppler('pdftotext', file, ['-f', String(page), '-l', String(page)])))
    }
    const fonts = (await poppler('pdffonts', file))
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const columns = line.trim().split(/\s+/)
        // name type... encoding emb sub uni object ID: emb is the 5th column from the end.
        return { name: columns[0]!, embedded: columns[columns.length - 5] === 'yes' }
      })
    return {
      pages,
      sizes: doc.getPages().map((page) => page.getSize()),
      title: doc.getTitle(),
      author: doc.getAuthor(),
      subject: doc.getSubject(),
      keywords: doc.getKeywords(),
      creator: doc.getCreator(),
      lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
      tagged: markInfo instanceof PDFDict && String(markInfo.get(PDFName.of('Marked'))) === 'true',
      outline: doc.catalog.has(PDFName.of('Outlines')),
      outlineTitles: outlineTitles(doc),
      text,
      fonts,
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/** All pages' text in one string. */
export const allText = (facts: PdfFacts): string => facts.text.join(' ')

/** Text as pdftotext gives it for a string written in HTML (whitespace collapsed). */
export const plain = (text: string): string => collapse(text)
