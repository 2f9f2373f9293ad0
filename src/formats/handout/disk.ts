/**
 * `handout.html` from the HTML Chromium printed, instead of drawing and
 * hyphenating the template a second time: sprid's asset URLs point at the
 * output's `assets/` folder, and each `[data-toc-page]` box holds the page
 * number the print showed in it. Tokenized (`rewriteHtml`): everything else
 * is written back as it came.
 */
import { rewriteHtml, VOID_ELEMENTS } from '../../markdown/rewrite-html.js'
import { BROWSER_ASSET_BASE, DISK_ASSET_BASE } from '../print/assets.js'

const toDisk = (raw: string): string => raw.replaceAll(BROWSER_ASSET_BASE, DISK_ASSET_BASE)

/**
 * `html` (as loaded in Chromium) for the disk: {@link BROWSER_ASSET_BASE}
 * becomes {@link DISK_ASSET_BASE} in tags and style sheets (never in text),
 * and the content of each `[data-toc-page="<id>"]` box is replaced by
 * `pages.get(id)` where known, as `showTocPages` does in the printed page.
 */
export async function diskHandoutHtml(html: string, pages: ReadonlyMap<string, number>): Promise<string> {
  // Inside a box being filled: how many of its elements are open (0: not in one).
  let inBox = 0
  let inStyle = false
  return await rewriteHtml(html, (rewriter) => {
    rewriter.on('startTag', (tag, raw) => {
      if (inBox > 0) {
        if (!VOID_ELEMENTS.has(tag.tagName) && !tag.selfClosing) inBox += 1
        return
      }
      rewriter.emitRaw(toDisk(raw))
      inStyle = tag.tagName === 'style'
      const id = tag.attrs.find((attr) => attr.name === 'data-toc-page')?.value
      const page = id === undefined ? undefined : pages.get(id)
      if (page === undefined || VOID_ELEMENTS.has(tag.tagName)) return
      rewriter.emitText({ text: String(page) })
      inBox = 1
    })
    rewriter.on('endTag', (_tag, raw) => {
      inStyle = false
      if (inBox > 0) inBox -= 1
      if (inBox === 0) rewriter.emitRaw(raw)
    })
    rewriter.on('text', (token, raw) => {
      if (inBox > 0) return
      // Style sheets hold the font URLs; other text is content and stays as it is.
      rewriter.emitRaw(inStyle ? toDisk(raw) : raw)
    })
    rewriter.on('comment', (_comment, raw) => {
      if (inBox === 0) rewriter.emitRaw(raw)
    })
  })
}
