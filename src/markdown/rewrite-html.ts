/**
 * Rewrite an HTML document token by token (`parse5-html-rewriting-stream`):
 * every tag, comment and doctype a handler does not change is written back
 * exactly as it came. What sprid's print steps share: soft hyphens in the
 * text, and `handout.html` made from the HTML Chromium printed.
 */
import { RewritingStream } from 'parse5-html-rewriting-stream'

/** Elements that have no end tag. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

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
