/**
 * Hyphenation by language, for print: Liang's patterns (TeX's, through the
 * `hyphen` package) tell where a word may break, and a soft hyphen (U+00AD)
 * goes there. Chromium breaks lines at soft hyphens (and draws the hyphen
 * only where it breaks) under `hyphens: manual` or `auto`, which matters
 * because headless Chromium on Linux has no hyphenation dictionaries of its
 * own: `hyphens: auto` alone does nothing there.
 *
 * Patterns are loaded on first use, once per language. A language without
 * patterns gets no hyphenation.
 */
import createDebug from 'debug'

const debug = createDebug('sprid:hyphenate')

/** U+00AD SOFT HYPHEN: an invisible break opportunity that shows as a hyphen at a line end. */
export const SOFT_HYPHEN = '\u00ad'

type HyphenModule = typeof import('hyphen/sv/index.js')

/**
 * The pattern sets sprid knows, each loaded on first use. Every `import()`
 * is written out so that the module graph stays visible to tools.
 */
const PATTERNS: Readonly<Record<string, () => Promise<HyphenModule>>> = {
  sv: () => import('hyphen/sv/index.js'),
  'en-gb': () => import('hyphen/en-gb/index.js'),
  'en-us': () => import('hyphen/en-us/index.js'),
  da: () => import('hyphen/da/index.js'),
  nb: () => import('hyphen/nb/index.js'),
  nn: () => import('hyphen/nn/index.js'),
  fi: () => import('hyphen/fi/index.js'),
  de: () => import('hyphen/de/index.js'),
  nl: () => import('hyphen/nl/index.js'),
  fr: () => import('hyphen/fr/index.js'),
  es: () => import('hyphen/es/index.js'),
  it: () => import('hyphen/it/index.js'),
  pt: () => import('hyphen/pt/index.js'),
  pl: () => import('hyphen/pl/index.js'),
  is: () => import('hyphen/is/index.js'),
}

/** English regions that spell the American way; every other `en` gets British patterns. */
const US_ENGLISH = new Set(['us', 'as', 'gu', 'mp', 'pr', 'um', 'vi', 'ph'])

/**
 * The pattern set for a BCP 47 language tag, or `undefined` when sprid has
 * none: `sv-FI` → `sv`, `en` → `en-gb`, `en-US` → `en-us`, `no` → `nb`.
 */
export function patternsFor(lang: string | undefined): string | undefined {
  const [primary = '', ...rest] = (lang ?? '').trim().toLowerCase().split(/[-_]/)
  if (primary === 'en') {
    const region = rest.find((subtag) => /^[a-z]{2}$|^\d{3}$/.test(subtag))
    return region && US_ENGLISH.has(region) ? 'en-us' : 'en-gb'
  }
  const id = primary === 'no' ? 'nb' : primary
  return Object.hasOwn(PATTERNS, id) ? id : undefined
}

/** Where words may break. */
export interface HyphenationOptions {
  /** Words with fewer letters are left whole. @default 6 */
  minWordLength?: number
  /** Letters kept before the first break. @default 2 */
  leftMin?: number
  /** Letters kept after the last break (3 keeps `-na`, `-er` off the start of a line). @default 3 */
  rightMin?: number
  /**
   * Hyphenate words that start with a capital. Off where a capital marks a
   * name (`Göteborg`, `Martin`), as in Swedish and English, except at the
   * start of a sentence; on where every noun has one (German).
   * @default the language's: true for `de`, else false
   */
  capitalized?: boolean
}

/** One language's patterns, ready to use. */
export interface Hyphenator {
  /** The pattern set, e.g. `sv`, `en-gb`. */
  readonly id: string
  /** Whether words with an initial capital are hyphenated by default (nouns in German, names elsewhere). */
  readonly capitalized: boolean
  /**
   * Offsets in `word` (letters only) before which a break is allowed, after
   * `leftMin`, `rightMin`, and without one-letter pieces between two breaks
   * (`fastighets-ägare`, not `fastighets-ä-gare`).
   */
  breaks(word: string, options?: HyphenationOptions): number[]
}

const loaded = new Map<string, Promise<Hyphenator | undefined>>()

/** The hyphenator for `lang` (loaded once per pattern set), or `undefined` when there are no patterns for it. */
export function loadHyphenator(lang: string | undefined): Promise<Hyphenator | undefined> {
  const id = patternsFor(lang)
  if (!id) return Promise.resolve(undefined)
  let hyphenator = loaded.get(id)
  if (!hyphenator) {
    hyphenator = PATTERNS[id]!().then(
      (module) => createHyphenator(id, module.default),
      (error: unknown) => {
        debug('no patterns for %s: %s', id, (error as Error).message)
        return undefined
      },
    )
    loaded.set(id, hyphenator)
  }
  return hyphenator
}

/** Pattern sets of languages that capitalize every noun, not only names. */
const CAPITALIZED_NOUNS = new Set(['de'])

/** A combining mark: a break never separates it from its letter. */
const COMBINING = /\p{M}/u

function createHyphenator(id: string, hyphen: HyphenModule['default']): Hyphenator {
  const cache = new Map<string, number[]>()
  /** Every break the patterns allow (the `hyphen` package already keeps two letters at each end). */
  const raw = (word: string): number[] => {
    let offsets = cache.get(word)
    if (!offsets) {
      offsets = []
      let at = 0
      for (const piece of hyphen.hyphenateSync(word, { hyphenChar: SOFT_HYPHEN, minWordLength: 1 }).split(SOFT_HYPHEN).slice(0, -1)) {
        at += piece.length
        offsets.push(at)
      }
      cache.set(word, offsets)
    }
    return offsets
  }
  return {
    id,
    capitalized: CAPITALIZED_NOUNS.has(id),
    breaks(word, options = {}) {
      const leftMin = Math.max(1, options.leftMin ?? 2)
      const rightMin = Math.max(1, options.rightMin ?? 3)
      const kept: number[] = []
      for (const offset of raw(word)) {
        if (offset < leftMin || word.length - offset < rightMin || COMBINING.test(word[offset]!)) continue
        const last = kept.at(-1)
        if (last !== undefined && offset - last < 2) continue
        kept.push(offset)
      }
      return kept
    },
  }
}

/** A token that is a URL, an e-mail address, a path or a file name: never hyphenated. */
const ADDRESS = /[@/\\]|:\/\/|^www\.|\p{L}\.\p{L}/iu
/** Figures, dates, version numbers, codes: never hyphenated. */
const DIGIT = /\p{N}/u
/** A word: letters and combining marks (soft hyphens too, so a word hyphenated before stays one word). */
const WORD = /[\p{L}\p{M}\u00ad]+/gu
/** Hyphens a word may already break at: `FN-rapporten` is left to break there. */
const HYPHENS = /[-\u2010\u2011]/
/** A capital after the first letter: an acronym (`UNESCO`) or a name such as `iPhone`. */
const INNER_CAPITAL = /^.[\s\S]*\p{Lu}/u
/** An initial capital. */
const CAPITAL = /^\p{Lu}/u
/** What ends a sentence, possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[.!?:…][\p{Pf}\p{Pe}"']*\s+$/u

/**
 * Whether a word after `preceding` starts a sentence (or the paragraph):
 * there its capital says nothing about a name. Quotes and brackets in front are allowed.
 */
function startsSentence(preceding: string): boolean {
  const before = preceding.replace(/[\p{Pi}\p{Pf}\p{Ps}"']+$/u, '')
  return before.trim() === '' || SENTENCE_END.test(before)
}

/**
 * `text` with soft hyphens at the breaks `hyphenator` allows, in every word
 * that is long enough. Left whole: words that already hold a soft hyphen
 * (so running twice changes nothing), tokens with a digit, URLs and e-mail
 * addresses, acronyms and words with an inner capital, names (see
 * `capitalized`), and words joined to others by a hyphen. `before` is the
 * text that precedes `text` in its paragraph, if any (it tells whether a
 * capitalized first word starts a sentence).
 */
export function hyphenateText(text: string, hyphenator: Hyphenator, options: HyphenationOptions = {}, before = ''): string {
  const minWordLength = options.minWordLength ?? 6
  const capitalized = options.capitalized ?? hyphenator.capitalized
  const tokens = text.split(/(\s+)/)
  const tokenStarts: number[] = []
  let at = 0
  for (const token of tokens) {
    tokenStarts.push(at)
    at += token.length
  }
  return tokens
    .map((token, index) => {
      if (index % 2 === 1 || token.length < minWordLength || DIGIT.test(token) || ADDRESS.test(token)) return token
      return token.replace(WORD, (word: string, offset: number) => {
        if (word.includes(SOFT_HYPHEN) || INNER_CAPITAL.test(word)) return word
        if (!capitalized && CAPITAL.test(word) && !startsSentence(before + text.slice(0, tokenStarts[index]! + offset))) return word
        if (HYPHENS.test(token[offset - 1] ?? '') || HYPHENS.test(token[offset + word.length] ?? '')) return word
        const nfc = word.normalize('NFC')
        if ([...nfc].length < minWordLength || nfc.length !== [...nfc].length) return word
        const breaks = hyphenator.breaks(nfc, options)
        if (breaks.length === 0) return word
        let out = ''
        let last = 0
        for (const at of breaks) {
          out += nfc.slice(last, at) + SOFT_HYPHEN
          last = at
        }
        return out + nfc.slice(last)
      })
    })
    .join('')
}
