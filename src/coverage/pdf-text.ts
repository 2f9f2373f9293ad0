/**
 * Text of a PDF, for the leak scan, without poppler: pdf-lib parses the file
 * (it reads object streams and decodes Flate), this module walks each page's
 * content stream (and the form XObjects it draws), maps the shown glyph
 * codes to Unicode through each font's `ToUnicode` CMap (WinAnsi/Latin-1 for
 * simple fonts without one) and adds the document information (title,
 * subject, keywords) and the bookmark titles, which readers show too.
 *
 * Chromium's PDFs (Skia) use Type0 fonts with Identity-H encoding and a
 * ToUnicode CMap, position words with `Td` rather than space glyphs, and
 * draw every page's text in its content stream: all of that is covered.
 * Word breaks are approximated (a space at every text positioning); the
 * leak scan compares letters only, so that does not matter.
 *
 * Printed packs are hyphenated with soft hyphens (U+00AD), and Chromium keeps
 * them in the PDF's text: they are removed here. Where a line broke at one,
 * Chromium draws a hyphen (`-` or U+2010) at the line end; `normalize` drops
 * it with the line break, so `kvar-` + `teret` is read as `kvarteret`.
 */
import {
  decodePDFRawStream,
  ParseSpeeds,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib'

const SOFT_HYPHEN = '\u00ad'

/** Limits that keep a hostile or broken PDF from taking the build down. */
const MAX_FORM_DEPTH = 8
const MAX_OUTLINE_ITEMS = 10_000
const MAX_TEXT = 20_000_000

export interface PdfText {
  /** Title, author, subject, keywords. */
  info: string[]
  /** Bookmark titles. */
  outline: string[]
  /** Text shown on each page, in content-stream order. */
  pages: string[]
}

/** Read the text of a PDF. Throws when pdf-lib cannot parse the file at all. */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  // Parsed in one go: pdf-lib otherwise waits for a timer every 100 objects.
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: ParseSpeeds.Fastest })
  const info = [doc.getTitle(), doc.getAuthor(), doc.getSubject(), doc.getKeywords(), doc.getProducer(), doc.getCreator()].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  )
  const fonts = new Map<PDFDict, Font>()
  let budget = MAX_TEXT
  const pages = doc.getPages().map((page) => {
    const out: string[] = []
    const resources = page.node.Resources()
    const contents = page.node.Contents()
    const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []
    const bytesOf = streams.map((ref) => streamBytes(doc, ref)).filter((b): b is Uint8Array => b !== undefined)
    const joined = concat(bytesOf)
    runContent(doc, joined, resources, fonts, out, 0)
    const text = out.join('').replaceAll(SOFT_HYPHEN, '')
    budget -= text.length
    if (budget < 0) throw new Error('PDF text exceeds the scan limit')
    return text
  })
  return { info, outline: outlineTitles(doc), pages }
}

/** All of a PDF's text as one string. */
export function pdfTextString(text: PdfText): string {
  return [...text.info, ...text.outline, ...text.pages].join('\n')
}

function lookup(doc: PDFDocument, object: PDFObject | undefined): PDFObject | undefined {
  return object instanceof PDFRef ? doc.context.lookup(object) : object
}

function streamBytes(doc: PDFDocument, object: PDFObject | undefined): Uint8Array | undefined {
  const stream = lookup(doc, object)
  if (!(stream instanceof PDFRawStream)) return undefined
  try {
    return decodePDFRawStream(stream).decode()
  } catch {
    // An unsupported filter (DCT, JBIG2: images) holds no text.
    return undefined
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const length = chunks.reduce((sum, c) => sum + c.length + 1, 0)
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
    out[offset++] = 0x0a
  }
  return out
}

function textOfPdfString(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText()
  return undefined
}

function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = []
  const outlines = lookup(doc, doc.catalog.get(PDFName.of('Outlines')))
  if (!(outlines instanceof PDFDict)) return titles
  const seen = new Set<PDFObject>()
  const stack: (PDFObject | undefined)[] = [outlines.get(PDFName.of('First'))]
  while (stack.length > 0 && seen.size < MAX_OUTLINE_ITEMS) {
    const ref = stack.pop()
    const item = lookup(doc, ref)
    if (!(item instanceof PDFDict) || seen.has(item)) continue
    seen.add(item)
    const title = textOfPdfString(lookup(doc, item.get(PDFName.of('Title'))))?.replaceAll(SOFT_HYPHEN, '')
    if (title) titles.push(title)
    stack.push(item.get(PDFName.of('Next')), item.get(PDFName.of('First')))
  }
  return titles
}

// ---------------------------------------------------------------------------
// Fonts

interface Font {
  /** Bytes per character code. */
  width: 1 | 2
  /** Code -> Unicode text, from ToUnicode. */
  map: Map<number, string>
  /** Single-byte fonts without a mapping for a code fall back to WinAnsi. */
  simple: boolean
}

/** WinAnsiEncoding's differences from Latin-1 in 0x80–0x9F. */
const WIN_ANSI: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹',
  0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™',
  0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
}

function fontOf(doc: PDFDocument, dict: PDFDict, cache: Map<PDFDict, Font>): Font {
  const cached = cache.get(dict)
  if (cached) return cached
  const subtype = lookup(doc, dict.get(PDFName.of('Subtype')))
  const type0 = subtype instanceof PDFName && subtype.asString() === '/Type0'
  const font: Font = { width: type0 ? 2 : 1, map: new Map(), simple: !type0 }
  const cmap = streamBytes(doc, dict.get(PDFName.of('ToUnicode')))
  if (cmap) parseCMap(latin1(cmap), font)
  cache.set(dict, font)
  return font
}

function latin1(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return out
}

function hexToNumber(hex: string): number {
  return Number.parseInt(hex || '0', 16)
}

/** UTF-16BE hex (a CMap destination) to a string. */
function utf16(hex: string): string {
  const units: number[] = []
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16))
  if (hex.length % 4 === 2) units.push(Number.parseInt(hex.slice(-2), 16))
  return String.fromCharCode(...units)
}

/** Read `bfchar` and `bfrange` mappings (and the code width from `codespacerange`). */
function parseCMap(source: string, font: Font): void {
  const space = /begincodespacerange([\s\S]*?)endcodespacerange/.exec(source)
  const first = space && /<([0-9a-fA-F]+)>/.exec(space[1]!)
  if (first) font.width = first[1]!.length > 2 ? 2 : 1
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of block[1]!.matchAll(/<([0-9a-fA-F]*)>\s*<([0-9a-fA-F]*)>/g)) {
      font.map.set(hexToNumber(pair[1]!), utf16(pair[2]!))
    }
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of block[1]!.matchAll(/<([0-9a-fA-F]*)>\s*<([0-9a-fA-F]*)>\s*(?:<([0-9a-fA-F]*)>|\[([^\]]*)\])/g)) {
      const low = hexToNumber(range[1]!)
      const high = Math.min(hexToNumber(range[2]!), low + 0xffff)
      if (range[3] !== undefined) {
        const base = range[3]
        // The last UTF-16 unit counts up through the range.
        const prefix = base.slice(0, -4)
        const start = hexToNumber(base.slice(-4))
        for (let code = low; code <= high; code++) {
          font.map.set(code, utf16(prefix + (start + code - low).toString(16).padStart(4, '0')))
        }
      } else {
        const targets = [...range[4]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => utf16(m[1]!))
        targets.forEach((target, index) => {
          if (low + index <= high) font.map.set(low + index, target)
        })
      }
    }
  }
}

function decodeShown(bytes: Uint8Array, font: Font | undefined): string {
  if (!font) return latin1(bytes)
  let out = ''
  if (font.width === 2) {
    for (let i = 0; i + 1 < bytes.length; i += 2) out += font.map.get((bytes[i]! << 8) | bytes[i + 1]!) ?? ''
    return out
  }
  for (const byte of bytes) {
    const mapped = font.map.get(byte)
    out += mapped ?? (font.simple ? (WIN_ANSI[byte] ?? String.fromCharCode(byte)) : '')
  }
  return out
}

// ---------------------------------------------------------------------------
// Content streams

type Operand = number | string | Uint8Array | { name: string } | Operand[] | null

/** A minimal content-stream lexer: numbers, strings, names, arrays, dictionaries, operators. */
function* tokens(data: Uint8Array): Generator<{ operator: string } | { operand: Operand }> {
  const length = data.length
  let i = 0
  const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00
  const isDelimiter = (c: number) =>
    c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25
  const stack: Operand[][] = []
  const emit = function* (operand: Operand): Generator<{ operand: Operand }> {
    const top = stack[stack.length - 1]
    if (top) top.push(operand)
    else yield { operand }
  }
  while (i < length) {
    const c = data[i]!
    if (isSpace(c)) {
      i++
    } else if (c === 0x25) {
      while (i < length && data[i] !== 0x0a && data[i] !== 0x0d) i++
    } else if (c === 0x28) {
      const out: number[] = []
      let depth = 1
      i++
      while (i < length && depth > 0) {
        const ch = data[i]!
        if (ch === 0x5c) {
          const next = data[i + 1]
          i += 2
          if (next === undefined) break
          if (next >= 0x30 && next <= 0x37) {
            let octal = next - 0x30
            for (let k = 0; k < 2 && data[i]! >= 0x30 && data[i]! <= 0x37; k++) octal = octal * 8 + (data[i++]! - 0x30)
            out.push(octal & 0xff)
          } else if (next === 0x0d || next === 0x0a) {
            if (next === 0x0d && data[i] === 0x0a) i++
          } else {
            out.push(({ 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c } as Record<number, number>)[next] ?? next)
          }
          continue
        }
        if (ch === 0x28) depth++
        if (ch === 0x29 && --depth === 0) {
          i++
          break
        }
        out.push(ch)
        i++
      }
      yield* emit(Uint8Array.from(out))
    } else if (c === 0x3c && data[i + 1] === 0x3c) {
      stack.push([])
      i += 2
    } else if (c === 0x3e && data[i + 1] === 0x3e) {
      const dict = stack.pop() ?? []
      i += 2
      yield* emit(dict)
    } else if (c === 0x3c) {
      let hex = ''
      i++
      while (i < length && data[i] !== 0x3e) {
        const ch = data[i++]!
        if (!isSpace(ch)) hex += String.fromCharCode(ch)
      }
      i++
      if (hex.length % 2 === 1) hex += '0'
      const bytes = new Uint8Array(hex.length / 2)
      for (let k = 0; k < bytes.length; k++) bytes[k] = Number.parseInt(hex.slice(k * 2, k * 2 + 2), 16) || 0
      yield* emit(bytes)
    } else if (c === 0x5b) {
      stack.push([])
      i++
    } else if (c === 0x5d) {
      const array = stack.pop() ?? []
      i++
      yield* emit(array)
    } else if (c === 0x2f) {
      let name = ''
      i++
      while (i < length && !isSpace(data[i]!) && !isDelimiter(data[i]!)) name += String.fromCharCode(data[i++]!)
      yield* emit({ name: name.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))) })
    } else if (isDelimiter(c)) {
      i++ // Stray `)`, `>`, `{`, `}`.
    } else {
      let word = ''
      while (i < length && !isSpace(data[i]!) && !isDelimiter(data[i]!)) word += String.fromCharCode(data[i++]!)
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield* emit(Number(word))
      else if (word === 'true' || word === 'false' || word === 'null') yield* emit(null)
      else if (stack.length > 0) stack[stack.length - 1]!.push(null)
      else if (word === 'BI') {
        // Inline image: skip its data up to `EI` between white space.
        let j = i
        while (j < length && !(isSpace(data[j - 1]!) && data[j] === 0x45 && data[j + 1] === 0x49 && (j + 2 >= length || isSpace(data[j + 2]!)))) j++
        i = j + 2
      } else yield { operator: word }
    }
  }
}

function runContent(
  doc: PDFDocument,
  data: Uint8Array,
  resources: PDFDict | undefined,
  fonts: Map<PDFDict, Font>,
  out: string[],
  depth: number,
): void {
  const fontDicts = dictOf(doc, resources?.get(PDFName.of('Font')))
  const xobjects = dictOf(doc, resources?.get(PDFName.of('XObject')))
  let font: Font | undefined
  const saved: (Font | undefined)[] = []
  let operands: Operand[] = []
  const show = (operand: Operand | undefined) => {
    if (operand instanceof Uint8Array) out.push(decodeShown(operand, font))
  }
  for (const token of tokens(data)) {
    if ('operand' in token) {
      operands.push(token.operand)
      continue
    }
    switch (token.operator) {
      case 'q':
        saved.push(font)
        break
      case 'Q':
        font = saved.pop() ?? font
        break
      case 'Tf': {
        const name = operands[0]
        const dict = name && typeof name === 'object' && 'name' in name ? lookup(doc, fontDicts?.get(PDFName.of(name.name))) : undefined
        font = dict instanceof PDFDict ? fontOf(doc, dict, fonts) : undefined
        break
      }
      case 'Tj':
        show(operands[0])
        break
      case "'":
        out.push('\n')
        show(operands[0])
        break
      case '"':
        out.push('\n')
        show(operands[2])
        break
      case 'TJ': {
        const array = operands[0]
        if (Array.isArray(array)) {
          for (const item of array) {
            if (typeof item === 'number') {
              if (item < -200) out.push(' ')
            } else show(item)
          }
        }
        break
      }
      case 'Td':
      case 'TD':
      case 'Tm':
        out.push(' ')
        break
      case 'T*':
      case 'ET':
        out.push('\n')
        break
      case 'Do': {
        const name = operands[0]
        if (depth >= MAX_FORM_DEPTH || !name || typeof name !== 'object' || !('name' in name)) break
        const xobject = lookup(doc, xobjects?.get(PDFName.of(name.name)))
        if (!(xobject instanceof PDFRawStream)) break
        const subtype = xobject.dict.get(PDFName.of('Subtype'))
        if (!(subtype instanceof PDFName) || subtype.asString() !== '/Form') break
        const inner = streamBytes(doc, xobject)
        const own = lookup(doc, xobject.dict.get(PDFName.of('Resources')))
        if (inner) runContent(doc, inner, own instanceof PDFDict ? own : resources, fonts, out, depth + 1)
        break
      }
      default:
        break
    }
    operands = []
  }
}

function dictOf(doc: PDFDocument, object: PDFObject | undefined): PDFDict | undefined {
  const value = lookup(doc, object)
  return value instanceof PDFDict ? value : undefined
}
