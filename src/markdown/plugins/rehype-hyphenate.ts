/**
 * rehypeHyphenate: soft hyphens (U+00AD) in a hast tree's text, by language,
 * for print. Each element's `lang` attribute picks its patterns (see
 * `../hyphenation.ts`); text outside any `lang` gets `options.lang`. A
 * language without patterns (or `lang=""`) is left alone.
 *
 * Left whole: code and other literal text (`code`, `pre`, `kbd`, `samp`,
 * `var`), headings and titles (`h1`–`h6`, `title`), dates and abbreviations
 * (`time`, `data`, `abbr`), non-text content (`script`, `style`, `svg`,
 * `math`, `template`, `textarea`), anything inside an element with
 * `data-hyphenate="false"` (how a template marks a title that is not a
 * heading), and within text: short words, figures, URLs, e-mail addresses,
 * acronyms, names, and words already hyphenated, so running it twice changes nothing.
 *
 * Patterns load lazily, so the transformer is async: use `run`/`process`, not `runSync`.
 */
import type { Element, Root, RootContent } from 'hast'
import { hyphenateText, loadHyphenator, type HyphenationOptions, type Hyphenator } from '../hyphenation.js'

export interface Options extends HyphenationOptions {
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

type Parent = Root | Element

/** Elements inside a paragraph: text before them belongs to the same sentence. */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
])

/** The plain text of a node. */
function textOf(node: RootContent): string {
  if (node.type === 'text') return node.value
  return node.type === 'element' ? node.children.map(textOf).join('') : ''
}

/** `lang` of an element: a string (possibly empty) when set, `undefined` when it inherits. */
function langOf(node: Element): string | undefined {
  const lang = node.properties?.lang
  return typeof lang === 'string' ? lang : undefined
}

function optedOut(node: Element): boolean {
  return String(node.properties?.dataHyphenate ?? '').toLowerCase() === 'false'
}

/** Soft hyphens in the text of the tree, by each element's language. */
export function rehypeHyphenate(options: Options = {}) {
  const ignore = new Set([...DEFAULT_IGNORE, ...(options.ignore ?? [])].map((name) => name.toLowerCase()))
  const textOptions: HyphenationOptions = {
    ...(options.minWordLength !== undefined ? { minWordLength: options.minWordLength } : {}),
    ...(options.leftMin !== undefined ? { leftMin: options.leftMin } : {}),
    ...(options.rightMin !== undefined ? { rightMin: options.rightMin } : {}),
    ...(options.capitalized !== undefined ? { capitalized: options.capitalized } : {}),
  }

  return async (tree: Root): Promise<void> => {
    // Every language the tree uses, loaded before the (synchronous) walk.
    const langs = new Set<string>(options.lang ? [options.lang] : [])
    const collect = (node: Parent): void => {
      for (const child of node.children) {
        if (child.type !== 'element') continue
        const lang = langOf(child)
        if (lang) langs.add(lang)
        collect(child)
      }
    }
    collect(tree)
    const hyphenators = new Map<string, Hyphenator | undefined>()
    await Promise.all([...langs].map(async (lang) => hyphenators.set(lang, await loadHyphenator(lang))))

    // The text so far in the current paragraph: whether a capital starts a sentence.
    let paragraph = ''
    const walk = (node: Parent, hyphenator: Hyphenator | undefined): void => {
      for (const child of node.children as RootContent[]) {
        if (child.type === 'text') {
          const value = child.value
          if (hyphenator) child.value = hyphenateText(value, hyphenator, textOptions, paragraph)
          paragraph += value
        } else if (child.type === 'element') {
          const inline = PHRASING.has(child.tagName.toLowerCase())
          if (!inline) paragraph = ''
          if (ignore.has(child.tagName.toLowerCase()) || optedOut(child)) paragraph += textOf(child)
          else {
            const lang = langOf(child)
            walk(child, lang === undefined ? hyphenator : hyphenators.get(lang))
          }
          if (!inline) paragraph = ''
        }
      }
    }
    walk(tree, options.lang ? hyphenators.get(options.lang) : undefined)
  }
}
