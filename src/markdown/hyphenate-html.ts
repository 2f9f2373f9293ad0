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
import { rewriteHtml, VOID_ELEMENTS } from './rewrite-html.js'

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

/** Elements inside a paragraph: text before them belongs to the same sentence. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
])


/**
 * HTML's implied end tags, for the open-element stack: a start tag named on
 * the left ends the nearest open element named in `ends`, unless one named
 * in `within` comes first (`<li>` ends the open `<li>` of its own list).
 */
const IMPLIED_ENDS: ReadonlyMap<string, { ends: readonly string[]; within: readonly string[] }> = new Map([
  ['li', { ends: ['li'], within: ['ul', 'ol', 'menu'] }],
  ['dt', { ends: ['dt', 'dd'], within: ['dl'] }],
  ['dd', { ends: ['dt', 'dd'], within: ['dl'] }],
  ['td', { ends: ['td', 'th'], within: ['tr', 'table'] }],
  ['th', { ends: ['td', 'th'], within: ['tr', 'table'] }],
  ['tr', { ends: ['tr'], within: ['table', 'tbody', 'thead', 'tfoot'] }],
  ['option', { ends: ['option'], within: ['select', 'datalist', 'optgroup'] }],
])

/** Start tags that end an open `<p>`. */
const ENDS_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'ul', 'dd', 'dt',
])

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
  const open: Open[] = []
  const current = (): Open => open.at(-1) ?? root
  // The text so far in the current paragraph: whether a capital starts a sentence.
  let paragraph = ''

  /** Pop the nearest open element named in `ends`, and what is open inside it, unless one named in `within` comes first. */
  const endImplied = (ends: readonly string[], within: (tag: string) => boolean): void => {
    for (let index = open.length - 1; index >= 0; index--) {
      const tag = open[index]!.tag
      if (ends.includes(tag)) {
        open.length = index
        return
      }
      if (within(tag)) return
    }
  }
  const foreign = (): boolean => open.some((element) => element.tag === 'svg' || element.tag === 'math')

  return await rewriteHtml(html, (rewriter) => {
    rewriter.on('startTag', (tag, raw) => {
      rewriter.emitRaw(raw)
      const name = tag.tagName
      if (!PHRASING.has(name)) paragraph = ''
      // A `<p>` holds only phrasing content: anything else open means it is not the one to end.
      if (ENDS_P.has(name)) endImplied(['p'], (open) => !PHRASING.has(open))
      const implied = IMPLIED_ENDS.get(name)
      if (implied) endImplied(implied.ends, (open) => implied.within.includes(open))
      // `/>` closes an element only in SVG and MathML; in HTML it is ignored.
      if (VOID_ELEMENTS.has(name) || (tag.selfClosing && (name === 'svg' || name === 'math' || foreign()))) return
      const parent = current()
      const lang = attribute(tag, 'lang')
      open.push({
        tag: name,
        skip: parent.skip || ignore.has(name) || attribute(tag, 'data-hyphenate')?.toLowerCase() === 'false',
        hyphenator: lang === undefined ? parent.hyphenator : hyphenators.get(lang),
      })
    })
    rewriter.on('endTag', (tag, raw) => {
      rewriter.emitRaw(raw)
      // Elements closed implicitly (a `<p>` ended by a `</div>`) go with the one that ends.
      const index = open.findLastIndex((element) => element.tag === tag.tagName)
      if (index !== -1) open.length = index
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
