/**
 * Soft hyphens (U+00AD) in an HTML document's text, by language, for print.
 * The document is tokenized, not built into a tree (`./rewrite-html.ts`):
 * every tag, comment and doctype is written back exactly as it came, and
 * only text changes. Each element's
 * `lang` attribute picks its patterns (see `./hyphenation.ts`); text outside
 * any `lang` gets `options.lang`. A language without patterns (or `lang=""`)
 * is left alone.
 *
 * Left whole: code and other literal text (`code`, `pre`, `kbd`, `samp`,
 * `var`), headings and titles (`h1`–`h6`, `title`), dates and abbreviations
 * (`time`, `data`, `abbr`), non-text content (`script`, `style`, `svg`,
 * `math`, `template`, `textarea`), anything inside an element with
 * `data-hyphenate="false"` (how a template marks a title that is not a
 * heading), and within text: short words, figures, URLs, e-mail addresses,
 * acronyms, names, and words already hyphenated, so running it twice changes nothing.
 */
import { hyphenateText, loadHyphenator, type HyphenationOptions, type Hyphenator } from './hyphenation.js'
import { OpenElements, PHRASING, rewriteHtml } from './rewrite-html.js'

export interface SoftHyphenOptions extends HyphenationOptions {
  /**
   * Language (BCP 47) of text that no element's `lang` covers: the pack's.
   * Without it, only text inside an element with a `lang` is hyphenated.
   */
  lang?: string
  /** More tag names whose text is left alone, besides {@link DEFAULT_IGNORE}. @default [] */
  ignore?: readonly string[]
}

/** Tag names whose text is never hyphenated. */
export const DEFAULT_IGNORE: readonly string[] = [
  'code', 'pre', 'kbd', 'samp', 'var', 'tt',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title',
  'time', 'data', 'abbr',
  'script', 'style', 'template', 'textarea', 'svg', 'math',
]

/** `lang` values written in `html`, for loading their patterns before the (synchronous) rewrite. */
const LANG_ATTRIBUTE = /\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi

/** An open element: what its text gets. */
interface Open {
  tag: string
  /** Inside an ignored element or one marked `data-hyphenate="false"`. */
  skip: boolean
  hyphenator: Hyphenator | undefined
}

const attribute = (tag: { attrs: ReadonlyArray<{ name: string; value: string }> }, name: string): string | undefined =>
  tag.attrs.find((attr) => attr.name === name)?.value

/** `html` with soft hyphens in its text, by each element's language. */
export async function addSoftHyphens(html: string, options: SoftHyphenOptions = {}): Promise<string> {
  const ignore = new Set([...DEFAULT_IGNORE, ...(options.ignore ?? [])].map((name) => name.toLowerCase()))
  const textOptions: HyphenationOptions = {
    ...(options.minWordLength !== undefined ? { minWordLength: options.minWordLength } : {}),
    ...(options.leftMin !== undefined ? { leftMin: options.leftMin } : {}),
    ...(options.rightMin !== undefined ? { rightMin: options.rightMin } : {}),
    ...(options.capitalized !== undefined ? { capitalized: options.capitalized } : {}),
  }
  const langs = new Set<string>(options.lang ? [options.lang] : [])
  for (const match of html.matchAll(LANG_ATTRIBUTE)) {
    const lang = match[1] ?? match[2] ?? match[3]
    if (lang) langs.add(lang)
  }
  const hyphenators = new Map<string, Hyphenator | undefined>()
  await Promise.all([...langs].map(async (lang) => hyphenators.set(lang, await loadHyphenator(lang))))

  const root: Open = { tag: '', skip: false, hyphenator: options.lang ? hyphenators.get(options.lang) : undefined }
  const open = new OpenElements<Open>()
  const current = (): Open => open.stack.at(-1) ?? root
  // The text so far in the current paragraph: whether a capital starts a sentence.
  let paragraph = ''

  return await rewriteHtml(html, (rewriter) => {
    rewriter.on('startTag', (tag, raw) => {
      rewriter.emitRaw(raw)
      const name = tag.tagName
      if (!PHRASING.has(name)) paragraph = ''
      if (!open.start(tag)) return
      const parent = current()
      const lang = attribute(tag, 'lang')
      open.stack.push({
        tag: name,
        skip: parent.skip || ignore.has(name) || attribute(tag, 'data-hyphenate')?.toLowerCase() === 'false',
        hyphenator: lang === undefined ? parent.hyphenator : hyphenators.get(lang),
      })
    })
    rewriter.on('endTag', (tag, raw) => {
      rewriter.emitRaw(raw)
      // Elements closed implicitly (a `<p>` ended by a `</div>`) go with the one that ends.
      open.end(tag.tagName)
      if (!PHRASING.has(tag.tagName)) paragraph = ''
    })
    rewriter.on('text', (token, raw) => {
      const { skip, hyphenator } = current()
      const text = skip || !hyphenator ? token.text : hyphenateText(token.text, hyphenator, textOptions, paragraph)
      paragraph += token.text
      if (text === token.text) rewriter.emitRaw(raw)
      else rewriter.emitText({ text })
    })
  })
}
