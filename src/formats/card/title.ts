/**
 * A title short enough to read on a thumbnail: about twelve words, cut at a
 * clause boundary when there is one near the end, never after a dangling
 * "and" or "och", and never inside a grapheme.
 */
import { countGraphemes } from '../social/count.js'
import { normalizeSpace } from '../social/compose.js'
import { ELLIPSIS, shorten } from '../social/shorten.js'

export interface TitleOptions {
  /** @default 12 */
  maxWords?: number
  /** Graphemes, for titles of few but long words. @default 90 */
  maxChars?: number
  /** @default 'en' */
  lang?: string
}

const CLAUSE_END = /[,:;–—]$/u
const DASH = /^[–—-]$/u
const TRAILING = /[\s,;:\-‐–—/([{«„“‘'"]+$/u
/** Words a shortened title should not end on (Swedish and English). */
const DANGLING = new Set(
  'och eller att som för med i på av till om en ett men när där den det de and or of to in for with a an the on by at from but that which when'.split(' '),
)

/** `title` shortened for a card (unchanged when it is short enough). */
export function shortenTitle(title: string, options: TitleOptions = {}): string {
  const maxWords = options.maxWords ?? 12
  const maxChars = options.maxChars ?? 90
  const text = normalizeSpace(title)
  const words = text.split(' ')
  let result = text
  if (words.length > maxWords) {
    let keep = maxWords
    const clause = Math.ceil(maxWords * 0.6)
    for (let n = maxWords; n >= clause; n--) {
      if (CLAUSE_END.test(words[n - 1]!) || DASH.test(words[n] ?? '')) {
        keep = n
        break
      }
    }
    while (keep > 1 && DANGLING.has(words[keep - 1]!.toLocaleLowerCase())) keep--
    result = words.slice(0, keep).join(' ').replace(TRAILING, '') + ELLIPSIS
  }
  if (countGraphemes(result) > maxChars) result = shorten(text, maxChars, countGraphemes, { lang: options.lang })
  return result
}
