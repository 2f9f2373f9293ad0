/**
 * Shortening text to a budget at the best boundary: the end of a sentence,
 * else the end of a word plus "…", and only when a single word is longer than
 * the whole budget, a grapheme boundary plus "…". URLs, hashtags and
 * @mentions are never cut; a grapheme is never split.
 */
import twitter from 'twitter-text'
import { countGraphemes, type Counter } from './count.js'

export const ELLIPSIS = '…'

/** Where a text was cut. `head` is what is kept (without the ellipsis), `rest` what follows. */
export interface Cut {
  head: string
  rest: string
  kind: 'sentence' | 'word' | 'grapheme'
}

export interface ShortenOptions {
  /** Language for sentence and word boundaries. @default 'en' */
  lang?: string
  /** Appended after a cut inside a sentence. @default '…' */
  ellipsis?: string
}

/**
 * A sentence cut is preferred unless a word cut would keep much more: the
 * sentence cut must keep at least this share of the word cut's graphemes.
 */
const SENTENCE_PREFERENCE = 0.6

const SENTENCE_END = /[.!?…。！？‼⁇⁈⁉][\p{Pf}\p{Pe}"'»]*$/u
/** Punctuation that reads wrong before an ellipsis (`word,…`), removed at a word cut. */
const TRAILING_JOINERS = /[\s,;:\-‐–—/\\([{«„“‘'"]+$/u
/** Scripts written without spaces: words may be cut at the word segmenter's boundaries. */
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const HASHTAG_OR_MENTION = /[#＃][\p{L}\p{M}\p{N}_]+|@[\p{L}\p{M}\p{N}_.]+(?:@[\p{L}\p{N}.-]*[\p{L}\p{N}])?/gu

/**
 * `text` cut to count at most `budget` by `counter`: whole sentences when that
 * keeps enough, else whole words plus "…", else (one long word) graphemes plus
 * "…". Returns `text` unchanged when it fits, and `''` when nothing fits.
 */
export function shorten(text: string, budget: number, counter: Counter = countGraphemes, options: ShortenOptions = {}): string {
  if (counter(text) <= budget) return text
  const cut = cutText(text, budget, counter, options)
  if (!cut) return ''
  return cut.kind === 'sentence' ? cut.head : cut.head + (options.ellipsis ?? ELLIPSIS)
}

/**
 * The best place to cut `text` so that the head (plus the ellipsis unless the
 * cut is at a sentence end) counts at most `budget`; `undefined` when nothing
 * fits. Used by {@link shorten} and to split threads.
 */
export function cutText(text: string, budget: number, counter: Counter, options: ShortenOptions = {}): Cut | undefined {
  const lang = options.lang ?? 'en'
  const ellipsis = options.ellipsis ?? ELLIPSIS
  const points = cutPoints(text, lang)
  const fits = (head: string, withEllipsis: boolean) => counter(withEllipsis ? head + ellipsis : head) <= budget

  const sentence = longest(points.sentence, (p) => fits(p.head, false))
  const word = longest(points.word, (p) => fits(p.head, true))
  if (sentence && (!word || countGraphemes(sentence.head) >= SENTENCE_PREFERENCE * countGraphemes(word.head))) {
    return { head: sentence.head, rest: text.slice(sentence.index).trimStart(), kind: 'sentence' }
  }
  if (word) return { head: word.head, rest: text.slice(word.index).trimStart(), kind: 'word' }
  const grapheme = longest(points.grapheme, (p) => fits(p.head, true))
  if (grapheme) return { head: grapheme.head, rest: text.slice(grapheme.index).trimStart(), kind: 'grapheme' }
  return undefined
}

interface Point {
  /** Where the cut is, in UTF-16 units. */
  index: number
  /** The cleaned text before it. */
  head: string
}

/** The last point for which `ok` holds, by binary search (counts grow with the head), checked. */
function longest(points: readonly Point[], ok: (point: Point) => boolean): Point | undefined {
  let lo = 0
  let hi = points.length - 1
  let best = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ok(points[mid]!)) {
      best = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return best >= 0 ? points[best] : undefined
}

/** Every usable cut of `text`, by kind, in text order; heads are non-empty and distinct. */
export function cutPoints(text: string, lang = 'en'): { sentence: Point[]; word: Point[]; grapheme: Point[] } {
  const spans = protectedSpans(text)
  const inside = (i: number) => spans.some(([start, end]) => start < i && i < end)
  const starts = new Set<number>()
  for (const { index } of new Intl.Segmenter(lang, { granularity: 'grapheme' }).segment(text)) starts.add(index)
  starts.add(text.length)

  const sentence: Point[] = []
  for (const { index, segment } of new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(text)) {
    const end = index + segment.length
    if (end >= text.length || inside(end) || !starts.has(end)) continue
    const head = text.slice(0, end).trimEnd()
    if (head && SENTENCE_END.test(head)) push(sentence, end, head)
  }

  const wordIndices = new Set<number>()
  for (const i of starts) if (i > 0 && i < text.length && /^\s/u.test(text.slice(i, i + 1)) && !inside(i)) wordIndices.add(i)
  let previous: string | undefined
  for (const { index, segment } of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) {
    if (index > 0 && starts.has(index) && !inside(index) && previous !== undefined && (NO_SPACE_SCRIPT.test(lastChar(previous)) || NO_SPACE_SCRIPT.test(segment.charAt(0)))) {
      wordIndices.add(index)
    }
    previous = segment
  }
  // The head before a cut, without punctuation that reads wrong before "…"
  // (but never eating into a URL or hashtag that ends with such a character).
  const headAt = (i: number): string => {
    const keep = Math.max(0, ...spans.filter(([start]) => start < i).map(([, end]) => Math.min(end, i)))
    const head = text.slice(0, i).replace(TRAILING_JOINERS, '')
    return head.length >= keep ? head : text.slice(0, keep)
  }
  const word: Point[] = []
  for (const i of [...wordIndices].sort((a, b) => a - b)) {
    const head = headAt(i)
    if (head) push(word, i, head)
  }

  const grapheme: Point[] = []
  for (const i of [...starts].sort((a, b) => a - b)) {
    if (i === 0 || i >= text.length || inside(i)) continue
    const head = headAt(i)
    if (head) push(grapheme, i, head)
  }
  return { sentence, word, grapheme }
}

function push(points: Point[], index: number, head: string): void {
  const last = points[points.length - 1]
  if (last && last.head === head) last.index = index
  else if (!last || head.length > last.head.length) points.push({ index, head })
}

function lastChar(text: string): string {
  const chars = Array.from(text)
  return chars[chars.length - 1] ?? ''
}

/** UTF-16 ranges that must stay whole: URLs (with or without scheme), hashtags, @mentions. */
export function protectedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = twitter
    .extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: true })
    .map(({ indices }) => [indices[0], indices[1]])
  for (const match of text.matchAll(HASHTAG_OR_MENTION)) spans.push([match.index, match.index + match[0].length])
  return spans
}
