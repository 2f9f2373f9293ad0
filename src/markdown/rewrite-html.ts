/**
 * Rewrite an HTML document token by token (`parse5-html-rewriting-stream`):
 * every tag, comment and doctype a handler does not change is written back
 * exactly as it came. What sprid's print steps share: soft hyphens in the
 * text, and `handout.html` made from the HTML Chromium printed. Tokens are
 * not a tree: {@link OpenElements} follows which elements are open the way
 * HTML closes them (void elements, optional end tags, stray end tags).
 */
import { RewritingStream } from 'parse5-html-rewriting-stream'

/** Elements that have no end tag. */
const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** Elements inside a paragraph (phrasing content). */
export const PHRASING: ReadonlySet<string> = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
])

/**
 * HTML's implied end tags: a start tag named on the left ends the nearest
 * open element named in `ends`, unless one named in `within` comes first
 * (`<li>` ends the open `<li>` of its own list).
 */
const IMPLIED_ENDS: ReadonlyMap<string, { ends: readonly string[]; within: (tag: string) => boolean }> = new Map(
  (
    [
      ['li', ['li'], ['ul', 'ol', 'menu']],
      ['dt', ['dt', 'dd'], ['dl']],
      ['dd', ['dt', 'dd'], ['dl']],
      ['td', ['td', 'th'], ['tr', 'table']],
      ['th', ['td', 'th'], ['tr', 'table']],
      ['tr', ['tr'], ['table', 'tbody', 'thead', 'tfoot']],
      ['option', ['option'], ['select', 'datalist', 'optgroup']],
    ] as const
  ).map(([start, ends, within]) => [start, { ends, within: (tag: string) => (within as readonly string[]).includes(tag) }]),
)

/** Start tags that end an open `<p>`. */
const ENDS_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'ul', 'dd', 'dt',
])

/** A `<p>` holds only phrasing content: anything else open means it is not the one a start tag ends. */
const P_END: { ends: readonly string[]; within: (tag: string) => boolean } = { ends: ['p'], within: (tag) => !PHRASING.has(tag) }

/** What a start tag token carries that {@link OpenElements} needs. */
interface StartTagToken {
  tagName: string
  selfClosing: boolean
}

/**
 * The elements open at a point in a token stream, innermost last, each with
 * what a caller keeps for it (`T`).
 */
export class OpenElements<T extends { tag: string }> {
  readonly stack: T[] = []

  /**
   * Before a start tag: close what it ends implicitly (an open `<p>`
   * before a `<div>`, the previous `<li>` before an `<li>`). Returns
   * whether the tag then opens an element: not a void element, nor `/>`
   * in SVG or MathML (in HTML, `/>` is ignored).
   */
  start(tag: StartTagToken): boolean {
    const name = tag.tagName
    if (ENDS_P.has(name)) this.endImplied(P_END)
    const implied = IMPLIED_ENDS.get(name)
    if (implied) this.endImplied(implied)
    if (VOID_ELEMENTS.has(name)) return false
    const foreign = name === 'svg' || name === 'math' || this.stack.some((element) => element.tag === 'svg' || element.tag === 'math')
    return !(tag.selfClosing && foreign)
  }

  /** An end tag: close the nearest open element of that name and what is open inside it (nothing for a stray end tag). */
  end(name: string): void {
    const index = this.stack.findLastIndex((element) => element.tag === name)
    if (index !== -1) this.stack.length = index
  }

  private endImplied({ ends, within }: { ends: readonly string[]; within: (tag: string) => boolean }): void {
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const tag = this.stack[index]!.tag
      if (ends.includes(tag)) {
        this.stack.length = index
        return
      }
      if (within(tag)) return
    }
  }
}

/**
 * A rewriter whose output is kept as the strings it emits. Its Readable side
 * would encode every token to a Buffer and decode it again, which took a
 * third of the time on a long handout.
 */
class StringRewriter extends RewritingStream {
  readonly output: string[] = []
  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (typeof chunk !== 'string') return super.push(chunk, encoding)
    this.output.push(chunk)
    return true
  }
}

/**
 * `html` run through a rewriter that `listen` sets up: it subscribes to
 * `startTag`, `endTag`, `text` (and so on) and emits what goes out
 * (`emitRaw(raw)` for a token kept as it came). Tokens without a listener
 * pass through unchanged.
 */
export async function rewriteHtml(html: string, listen: (rewriter: RewritingStream) => void): Promise<string> {
  const rewriter = new StringRewriter()
  listen(rewriter)
  const finished = new Promise<void>((resolve, reject) => {
    rewriter.on('end', resolve)
    rewriter.on('error', reject)
  })
  rewriter.end(html)
  await finished
  return rewriter.output.join('')
}
