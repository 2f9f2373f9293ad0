/**
 * ASCII slugs safe as path segments: diacritics folded (å/ä -> a, ö -> o,
 * é -> e), anything else non-alphanumeric collapsed to `-`.
 */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A slugger that keeps slugs unique within one scope (`x`, `x-1`, `x-2`). */
export function createSlugger(): (value: string) => string {
  const seen = new Map<string, number>()
  return (value) => {
    const base = slugify(value) || 'section'
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    return count === 0 ? base : `${base}-${count}`
  }
}
