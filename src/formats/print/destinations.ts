/**
 * Where things ended up in a PDF from Chromium. Chromium writes a named
 * destination for every element that a link in the same document points at
 * (`<a href="#id">` -> `/Dests << /id [page /XYZ x y 0] >>`), so a
 * table of contents can learn its page numbers from a first print.
 * `pdf-lib` is loaded on first use.
 */
import type { PDFDict, PDFDocument, PDFObject, PDFRef } from 'pdf-lib'

type PdfLib = typeof import('pdf-lib')

function nameOf(lib: PdfLib, key: PDFObject): string | undefined {
  if (key instanceof lib.PDFName) return key.decodeText()
  if (key instanceof lib.PDFString || key instanceof lib.PDFHexString) return key.decodeText()
  return undefined
}

/** The page ref of a destination value (`[ref /XYZ ...]` or `<< /D [ref ...] >>`). */
function pageRefOf(lib: PdfLib, doc: PDFDocument, value: PDFObject | undefined): PDFRef | undefined {
  let dest = value instanceof lib.PDFRef ? doc.context.lookup(value) : value
  if (dest instanceof lib.PDFDict) dest = dest.lookup(lib.PDFName.of('D'))
  if (dest instanceof lib.PDFArray) {
    const first = dest.get(0)
    return first instanceof lib.PDFRef ? first : undefined
  }
  return undefined
}

function walkNameTree(lib: PdfLib, node: PDFDict | undefined, into: Map<string, PDFObject>, depth = 0): void {
  if (!node || depth > 32) return
  const names = node.lookup(lib.PDFName.of('Names'))
  if (names instanceof lib.PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = nameOf(lib, names.lookup(i) as PDFObject)
      if (key !== undefined) into.set(key, names.get(i + 1))
    }
  }
  const kids = node.lookup(lib.PDFName.of('Kids'))
  if (kids instanceof lib.PDFArray) {
    for (let i = 0; i < kids.size(); i++) walkNameTree(lib, kids.lookup(i, lib.PDFDict), into, depth + 1)
  }
}

/**
 * The 1-based page of every named destination in `pdf`: the ids of elements
 * that links point at. Reads both the catalog's `/Dests` dictionary (what
 * Chromium writes) and a `/Names /Dests` name tree.
 */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const lib = await import('pdf-lib')
  // Parsed in one go: pdf-lib otherwise waits for a timer every 100 objects.
  const doc = await lib.PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: lib.ParseSpeeds.Fastest })
  const pageIndex = new Map<string, number>()
  doc.getPages().forEach((page, index) => pageIndex.set(page.ref.toString(), index + 1))
  const raw = new Map<string, PDFObject>()
  const dests = doc.catalog.lookup(lib.PDFName.of('Dests'))
  if (dests instanceof lib.PDFDict) {
    for (const [key, value] of dests.entries()) raw.set(key.decodeText(), value)
  }
  const names = doc.catalog.lookup(lib.PDFName.of('Names'))
  if (names instanceof lib.PDFDict) {
    const tree = names.lookup(lib.PDFName.of('Dests'))
    walkNameTree(lib, tree instanceof lib.PDFDict ? tree : undefined, raw)
  }
  const pages = new Map<string, number>()
  for (const [name, value] of raw) {
    const ref = pageRefOf(lib, doc, value)
    const page = ref && pageIndex.get(ref.toString())
    if (page !== undefined) pages.set(name, page)
  }
  return pages
}
