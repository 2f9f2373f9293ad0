/**
 * Hashtags: one spelling for all platforms, merged from the finding and the
 * profile without duplicates.
 */

/** Characters a hashtag may hold on every platform sprid posts to. */
const NOT_TAG_CHARACTER = /[^\p{L}\p{M}\p{N}_]/gu
const LETTER = /\p{L}/u

/**
 * `raw` as a hashtag: `#` added (a leading `#` or `＃` is not doubled), spaces
 * removed with every following word capitalised so screen readers can read it
 * (`öppen data` -> `#öppenData`), letters such as å, ä, ö kept, and characters
 * that would end a hashtag early (`-`, `.`, emoji) removed.
 *
 * @returns the hashtag, or `undefined` when nothing usable is left (no letter:
 * platforms do not link `#2025` or `#🎉`).
 */
export function formatHashtag(raw: string): string | undefined {
  const words = raw.normalize('NFC').trim().replace(/^[#＃]+/u, '').split(/\s+/u)
  const body = words
    .map((word, i) => {
      const clean = word.replace(NOT_TAG_CHARACTER, '')
      return i === 0 ? clean : capitalise(clean)
    })
    .join('')
  return LETTER.test(body) ? `#${body}` : undefined
}

function capitalise(word: string): string {
  const first = Array.from(word)[0]
  return first === undefined ? word : first.toLocaleUpperCase() + word.slice(first.length)
}

/** Case-insensitive identity of a hashtag (`#ÖppenData` = `#öppendata`). */
export function hashtagKey(tag: string): string {
  return tag.normalize('NFC').toLocaleLowerCase('und')
}

/**
 * Format and merge hashtag lists in order (the finding's first, then the
 * profile's), keeping the first spelling of tags that differ only in case.
 */
export function mergeHashtags(...lists: ReadonlyArray<readonly string[] | undefined>): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const list of lists) {
    for (const raw of list ?? []) {
      const tag = formatHashtag(raw)
      if (tag === undefined) continue
      const key = hashtagKey(tag)
      if (seen.has(key)) continue
      seen.add(key)
      out.push(tag)
    }
  }
  return out
}
