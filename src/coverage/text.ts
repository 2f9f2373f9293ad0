/**
 * Text of produced files, for the leak scan: what a reader (or a crawler)
 * can get out of a file, reduced to a form in which the same sentence looks
 * the same whatever format it was written in.
 *
 * `normalize` keeps only letters and digits, case-folded (NFKC first), so
 * markup, entities, escapes, CSV quoting, Markdown syntax, line breaks,
 * hyphenation, `text-transform: uppercase` and PDF glyph positioning do not
 * hide a sentence. Needles are whole titles and summaries, so dropping
 * punctuation costs no precision that matters.
 */
import path from 'node:path'

/** How a file's text is read. */
export type TextKind = 'html' | 'xml' | 'json' | 'markdown' | 'csv' | 'text' | 'pdf' | 'binary'

const KINDS: Readonly<Record<string, TextKind>> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.xml': 'xml',
  '.svg': 'xml',
  '.rss': 'xml',
  '.atom': 'xml',
  '.json': 'json',
  '.webmanifest': 'json',
  '.jsonld': 'json',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.csv': 'csv',
  '.txt': 'text',
  '.css': 'text',
  '.js': 'text',
  '.mjs': 'text',
  '.ics': 'text',
  '.vtt': 'text',
  '.pdf': 'pdf',
  '.png': 'binary',
  '.jpg': 'binary',
  '.jpeg': 'binary',
  '.gif': 'binary',
  '.webp': 'binary',
  '.avif': 'binary',
  '.ico': 'binary',
  '.woff': 'binary',
  '.woff2': 'binary',
  '.ttf': 'binary',
  '.otf': 'binary',
  '.zip': 'binary',
}

/** The kind of `file` by its extension; unknown extensions are sniffed by `kindOfBytes`. */
export function kindOf(file: string): TextKind | undefined {
  return KINDS[path.posix.extname(file).toLowerCase()]
}

/** For unknown extensions: text unless the first 8 KiB hold a NUL byte. */
export function kindOfBytes(bytes: Uint8Array): TextKind {
  const head = bytes.subarray(0, 8192)
  if (head.length >= 5 && String.fromCharCode(...head.subarray(0, 5)) === '%PDF-') return 'pdf'
  return head.includes(0) ? 'binary' : 'text'
}

/** Human names of kinds, for messages. */
export const KIND_NAMES: Readonly<Record<TextKind, string>> = {
  html: 'HTML',
  xml: 'XML',
  json: 'JSON',
  markdown: 'Markdown',
  csv: 'CSV',
  text: 'text',
  pdf: 'PDF text',
  binary: 'binary file',
}

const DROP = /[^\p{L}\p{N}]+/gu

/** Letters and digits only, NFKC, lower case: `Fler  mötes-\nplatser!` → `flermötesplatser`. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFC').replace(DROP, '')
}

/** Named character references sprid's templates, rehype and hand-written templates plausibly use. */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', deg: '°',
  plusmn: '±', times: '×', divide: '÷', minus: '−', frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³',
  ordf: 'ª', ordm: 'º', micro: 'µ', iexcl: '¡', iquest: '¿', uml: '¨', acute: '´', cedil: '¸', macr: '¯', not: '¬',
  thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', zwj: '\u200d', zwnj: '\u200c', lrm: '\u200e', rlm: '\u200f',
  dagger: '†', Dagger: '‡', permil: '‰', larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', check: '✓',
  szlig: 'ß', oelig: 'œ', OElig: 'Œ', scaron: 'š', Scaron: 'Š', zcaron: 'ž', Zcaron: 'Ž', Yuml: 'Ÿ', fnof: 'ƒ',
  AElig: 'Æ', aelig: 'æ', ETH: 'Ð', eth: 'ð', THORN: 'Þ', thorn: 'þ', Oslash: 'Ø', oslash: 'ø', Aring: 'Å', aring: 'å',
}

/** Latin-1 letters with diacritics: `&auml;`, `&Ouml;`, `&eacute;`, ... */
const DIACRITICS: Readonly<Record<string, string>> = { grave: '\u0300', acute: '\u0301', circ: '\u0302', tilde: '\u0303', uml: '\u0308', cedil: '\u0327', ring: '\u030a' }

function named(name: string): string | undefined {
  const direct = NAMED[name]
  if (direct !== undefined) return direct
  const match = /^([A-Za-z])(grave|acute|circ|tilde|uml|cedil|ring)$/.exec(name)
  if (match) return `${match[1]}${DIACRITICS[match[2]!]}`.normalize('NFC')
  return undefined
}

/** Decode character references (`&amp;`, `&#229;`, `&#xE5;`, the common named ones); unknown ones are dropped. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ''
    }
    // An unknown name might be plain text such as `R&D`: keep it as written.
    return named(name!) ?? (whole.endsWith(';') ? '' : whole)
  })
}

const TAG = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![^>]*>|<\?[\s\S]*?(?:\?>|$)|<\/?([A-Za-z][A-Za-z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

/**
 * The text of an HTML or XML document: text nodes and attribute values
 * (`alt`, `content`, `title`, `aria-label` are read by people and crawlers),
 * entities decoded, JSON in `<script>` read as JSON, and escaped markup inside
 * text (Atom's `type="html"`) read once more. Comments are dropped.
 */
export function markupText(source: string, depth = 0): string {
  const parts: string[] = []
  let last = 0
  let script: string | undefined
  let scriptStart = 0
  TAG.lastIndex = 0
  for (let match = TAG.exec(source); match !== null; match = TAG.exec(source)) {
    const [whole, cdata, name, attributes] = match
    const between = source.slice(last, match.index)
    last = match.index + whole.length
    if (script !== undefined) {
      // Inside <script> or <style>: everything up to the closing tag is raw text.
      if (!whole.startsWith('</') || name?.toLowerCase() !== script) continue
      const raw = source.slice(scriptStart, match.index)
      parts.push(script === 'script' ? scriptText(raw) : raw)
      script = undefined
      continue
    }
    parts.push(decodeEntities(between))
    if (cdata !== undefined) parts.push(cdata)
    if (name === undefined || whole.startsWith('</')) continue
    for (const attribute of (attributes ?? '').matchAll(ATTRIBUTE)) {
      const value = attribute[2] ?? attribute[3] ?? attribute[4]
      if (value !== undefined) parts.push(decodeEntities(value))
    }
    const lower = name.toLowerCase()
    if ((lower === 'script' || lower === 'style') && !whole.endsWith('/>')) {
      script = lower
      scriptStart = last
    }
  }
  parts.push(decodeEntities(source.slice(script !== undefined ? scriptStart : last)))
  const text = parts.join(' ')
  // Escaped markup in text (an Atom entry's `type="html"` content) is markup once decoded.
  return depth < 2 && /<[A-Za-z/!]/.test(text) ? markupText(text, depth + 1) : text
}

/** A `<script>`'s text: JSON (JSON-LD) read as JSON, anything else as it is. */
function scriptText(raw: string): string {
  const trimmed = raw.trim()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return jsonStrings(JSON.parse(trimmed)).join(' ')
    } catch {
      // Not JSON after all.
    }
  }
  return raw
}

/** Every string (keys too) in a parsed JSON value. */
export function jsonStrings(value: unknown, into: string[] = [], depth = 0): string[] {
  if (depth > 64) return into
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, into, depth + 1)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      into.push(key)
      jsonStrings(child, into, depth + 1)
    }
  }
  return into
}

/** The text of a JSON file: its strings, unescaped; a file that does not parse is read as text. */
export function jsonText(source: string): string {
  try {
    return jsonStrings(JSON.parse(source)).join(' ')
  } catch {
    return source
  }
}

/** The readable text of a non-PDF file of `kind`. */
export function textOf(kind: Exclude<TextKind, 'pdf' | 'binary'>, bytes: Uint8Array): string {
  const source = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes)
  switch (kind) {
    case 'html':
    case 'xml':
      return markupText(source)
    case 'json':
      return jsonText(source)
    case 'markdown':
      // Markdown may carry entities and inline HTML; its syntax characters vanish in `normalize`.
      return `${source} ${markupText(source)}`
    default:
      return source
  }
}
