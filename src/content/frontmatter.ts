/**
 * Front matter: gray-matter finds the block, the `yaml` package parses it as
 * YAML 1.2 with positions. Nothing is ever executed (`---js` is refused) and
 * gray-matter's cache is never used (options are always passed).
 */
import matter from 'gray-matter'
import { LineCounter, parseDocument, isPair, isScalar, visit, type Document, type Node } from 'yaml'
import type { VFile } from 'vfile'
import type { Point } from 'unist'
import { report } from './messages.js'

/** Keys that could reach object prototypes or YAML merge semantics. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', '<<'])

export interface FrontMatter {
  /** Parsed data, or `undefined` when the block could not be read. */
  data: Record<string, unknown> | undefined
  /** The document text with the front-matter lines blanked, so Markdown positions are file positions. */
  body: string
  /** Where a value in the front matter starts, for messages; line 1 when unknown. */
  pointOf(path: ReadonlyArray<string | number>): Point
}

const refuse = (name: string) => ({
  parse(): never {
    throw new Error(`front-matter language \`${name}\` is not allowed: sprid never executes front matter`)
  },
})

/** Split and parse a document's front matter, reporting problems on `file`. */
export function parseFrontMatter(text: string, file: VFile): FrontMatter {
  const start: Point = { line: 1, column: 1 }
  const none = (body: string): FrontMatter => ({ data: undefined, body, pointOf: () => start })

  const leading = /^(?:[ \t]*\n)+(?=---)/.exec(text)
  if (leading) {
    const line = leading[0].split('\n').length
    report(file, 'error', 'frontmatter-position', 'Front matter must start on the first line: remove the blank lines before `---`', { line, column: 1 })
    return none(text)
  }
  // `----` and longer are a thematic break, not a front-matter fence (as gray-matter reads it).
  if (!text.startsWith('---') || text.startsWith('----')) {
    report(file, 'error', 'frontmatter-missing', 'Expected front matter (`---` on the first line) with at least `title`', start)
    return none(text)
  }

  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))
  const language = firstLine.slice(3).trim()
  if (language !== '' && language.toLowerCase() !== 'yaml') {
    report(file, 'error', 'frontmatter-engine', `Front matter in \`${language}\` is not allowed: use YAML (sprid never executes front matter)`, { line: 1, column: 4 })
    return none(text)
  }

  const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text)
  if (!close) {
    report(file, 'error', 'frontmatter-unclosed', 'Front matter opened on line 1 is never closed: add a line with `---` after it', start)
    return none(text)
  }

  let lineCounter = new LineCounter()
  let document: Document | undefined
  try {
    // Hand gray-matter only the block, closed by `---`: it knows no `...` fence and
    // would otherwise read on to the next `---` in the body.
    matter(`${text.slice(0, close.index)}\n---\n`, {
      language: 'yaml',
      engines: {
        yaml: {
          parse(source: string) {
            lineCounter = new LineCounter()
            document = parseDocument(source, {
              lineCounter,
              version: '1.2',
              schema: 'core',
              merge: false,
              uniqueKeys: true,
              prettyErrors: false,
            })
            return {}
          },
        },
        js: refuse('js'),
        javascript: refuse('javascript'),
      },
    } as never)
  } catch (error) {
    report(file, 'error', 'frontmatter-engine', String((error as Error).message), start)
    return none(text)
  }

  // Matter starts right after the opening `---`, so its line n is the file's line n.
  const toPoint = (offset: number): Point => {
    const position = lineCounter.linePos(offset)
    return { line: position.line, column: position.col }
  }
  const closeEnd = close.index + close[0].length
  const blanked = '\n'.repeat(text.slice(0, closeEnd).split('\n').length - 1)
  const body = blanked + text.slice(closeEnd)

  if (!document) {
    // gray-matter skips the engine for an empty block.
    return { data: {}, body, pointOf: () => start }
  }
  const doc = document

  for (const problem of doc.errors) {
    report(file, 'error', 'yaml-syntax', `Invalid YAML: ${problem.message.split('\n')[0]}`, toPoint(problem.pos[0]))
  }
  if (doc.errors.length > 0) return { data: undefined, body, pointOf: () => start }

  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined
      if (key !== undefined && FORBIDDEN_KEYS.has(key)) {
        const offset = (pair.key as Node).range?.[0] ?? 0
        report(file, 'error', 'yaml-forbidden-key', `The key \`${key}\` is not allowed in front matter`, toPoint(offset))
        return visit.REMOVE
      }
      return undefined
    },
  })

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 50 })
  } catch (error) {
    // An alias to a missing anchor, or too many aliases (a "billion laughs"): yaml throws here, not in `errors`.
    report(file, 'error', 'yaml-syntax', `Invalid YAML: ${(error as Error).message}`, toPoint(firstAlias(doc) ?? 0))
    return { data: undefined, body, pointOf: () => start }
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    report(file, 'error', 'schema', 'Front matter must be a mapping of fields (`key: value`)', { line: 2, column: 1 })
    return { data: undefined, body, pointOf: () => start }
  }

  return {
    data: (data ?? {}) as Record<string, unknown>,
    body,
    pointOf(path) {
      for (let depth = path.length; depth > 0; depth--) {
        const node = doc.getIn(path.slice(0, depth), true) as Node | undefined
        const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined
        if (offset !== undefined) return toPoint(offset)
        const parent = depth > 1 ? doc.getIn(path.slice(0, depth - 1), true) : doc.contents
        const pair = findPair(parent, path[depth - 1])
        if (pair) return toPoint(pair)
      }
      return start
    },
  }
}

/** Offset of the first alias (`*name`) that names no anchor, else of the first alias: where alias problems start. */
function firstAlias(doc: Document): number | undefined {
  let first: number | undefined
  let unresolved: number | undefined
  visit(doc, {
    Alias(_, node) {
      first ??= node.range?.[0]
      if (unresolved === undefined && node.resolve(doc) === undefined) unresolved = node.range?.[0]
    },
  })
  return unresolved ?? first
}

/** Offset of the key `name` in a YAML map node, if present. */
function findPair(node: unknown, name: string | number | undefined): number | undefined {
  if (!node || typeof node !== 'object' || !('items' in node)) return undefined
  for (const item of (node as { items: unknown[] }).items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(name)) {
      return item.key.range?.[0]
    }
  }
  return undefined
}
