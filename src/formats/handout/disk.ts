/**
 * `handout.html` from the HTML Chromium printed, instead of drawing and
 * hyphenating the template a second time: sprid's asset URLs point at the
 * output's `assets/` folder, and each `[data-toc-page]` box holds the page
 * number the print showed in it. Tokenized (`rewriteHtml`): everything else
 * is written back as it came.
 */
import { OpenElements, rewriteHtml } from '../../markdown/rewrite-html.js'
import { BROWSER_ASSET_BASE, DISK_ASSET_BASE } from '../print/assets.js'

const toDisk = (raw: string): string => raw.replaceAll(BROWSER_ASSET_BASE, DISK_ASSET_BASE)

/**
 * `html` (as loaded in Chromium) for the disk: {@link BROWSER_ASSET_BASE}
 * becomes {@link DISK_ASSET_BASE} in tags and style sheets (never in text),
 * and each `[data-toc-page="<id>"]` box holds `pages.get(id)` instead of
 * what it held (nothing where the id has no page), as `showTocPages` leaves
 * the printed page. A box ends where HTML ends the element: at its end tag,
 * an end tag of an element around it, or a start tag that ends it implicitly.
 */
export async function diskHandoutHtml(html: string, pages: ReadonlyMap<string, number>): Promise<string> {
  const open = new OpenElements<{ tag: string }>()
  // The depth of the stack with the box being filled open (0: not in one).
  let box = 0
  let inStyle = false
  const boxEnded = (): boolean => box > 0 && open.stack.length < box
  return await rewriteHtml(html, (rewriter) => {
    rewriter.on('startTag', (tag, raw) => {
      const opens = open.start(tag)
      if (boxEnded()) box = 0
      if (opens) open.stack.push({ tag: tag.tagName })
      if (box > 0) return
      rewriter.emitRaw(toDisk(raw))
      inStyle = opens && tag.tagName === 'style'
      const id = tag.attrs.find((attr) => attr.name === 'data-toc-page')?.value
      if (!opens || id === undefined) return
      rewriter.emitText({ text: String(pages.get(id) ?? '') })
      box = open.stack.length
    })
    rewriter.on('endTag', (tag, raw) => {
      inStyle = false
      open.end(tag.tagName)
      if (boxEnded()) box = 0
      else if (box > 0) return
      rewriter.emitRaw(raw)
    })
    rewriter.on('text', (_token, raw) => {
      // Style sheets hold the font URLs; other text is content and stays as it is.
      if (box === 0) rewriter.emitRaw(inStyle ? toDisk(raw) : raw)
    })
    rewriter.on('comment', (_comment, raw) => {
      if (box === 0) rewriter.emitRaw(raw)
    })
  })
}
