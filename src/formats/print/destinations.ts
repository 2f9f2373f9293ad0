/**
 * Where things ended up in a PDF from Chromium. Chromium writes a named
 * destination for every element that a link in the same document points at
 * (`<a href="#id">` -> `/Dests << /id [page /XYZ x y 0] >>`), so a
 * table of contents can learn its page numbers from a first print.
 * `@libpdf/core` is loaded on first use and reads only the catalog, the
 * destinations and the page tree.
 */
import type { PDF, PdfDict, PdfObject } from '@libpdf/core'

type Lib = typeof import('@libpdf/core')
type Resolve = Parameters<PdfDict['get']>[1]

/** The text of a name-tree key or a `/Dests` key. */
function nameOf(lib: Lib, key: PdfObject | undefined): string | undefined {
  if (key instanceof lib.PdfName) return key.value
  if (key instanceof lib.PdfString) return key.asString()
  return undefined
}

/** The page ref (as `n g R`) of a destination value: `[ref /XYZ ...]` or `<< /D [ref ...] >>`. */
function pageRefOf(lib: Lib, doc: PDF, value: PdfObject | undefined): string | undefined {
  let dest = value instanceof lib.PdfRef ? (doc.getObject(value) ?? undefined) : value
  if (dest instanceof lib.PdfDict) dest = dest.get('D', (ref) => doc.getObject(ref))
  const first = dest instanceof lib.PdfArray ? dest.at(0) : undefined
  return first instanceof lib.PdfRef ? first.toString() : undefined
}

function walkNameTree(lib: Lib, resolve: Resolve, node: PdfDict | undefined, into: Map<string, PdfObject>, depth = 0): void {
  if (!node || depth > 32) return
  const names = node.getArray('Names', resolve)
  if (names) {
    for (let i = 0; i + 1 < names.length; i += 2) {
      const key = nameOf(lib, names.at(i, resolve))
      const value = names.at(i + 1)
      if (key !== undefined && value !== undefined) into.set(key, value)
    }
  }
  const kids = node.getArray('Kids', resolve)
  if (kids) {
    for (let i = 0; i < kids.length; i++) {
      const kid = kids.at(i, resolve)
      walkNameTree(lib, resolve, kid instanceof lib.PdfDict ? kid : undefined, into, depth + 1)
    }
  }
}

/**
 * The 1-based page of every named destination in `pdf`: the ids of elements
 * that links point at. Reads both the catalog's `/Dests` dictionary (what
 * Chromium writes) and a `/Names /Dests` name tree.
 */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const lib = await import('@libpdf/core')
  const doc = await lib.PDF.load(pdf)
  const resolve: Resolve = (ref) => doc.getObject(ref)
  const pageIndex = new Map<string, number>()
  doc.getPages().forEach((page, index) => pageIndex.set(page.ref.toString(), index + 1))
  const raw = new Map<string, PdfObject>()
  const catalog = doc.getCatalog()
  const dests = catalog.getDict('Dests', resolve)
  if (dests) {
    for (const [key, value] of dests) raw.set(key.value, value)
  }
  walkNameTree(lib, resolve, catalog.getDict('Names', resolve)?.getDict('Dests', resolve), raw)
  const pages = new Map<string, number>()
  for (const [name, value] of raw) {
    const ref = pageRefOf(lib, doc, value)
    const page = ref === undefined ? undefined : pageIndex.get(ref)
    if (page !== undefined) pages.set(name, page)
  }
  return pages
}
