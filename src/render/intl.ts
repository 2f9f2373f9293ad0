/**
 * Dates and numbers in the pack's language, with Intl. Dates in the view
 * model are `YYYY-MM-DD` strings: they are read and formatted in UTC, so no
 * timezone ever moves them a day.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()
const pluralRules = new Map<string, Intl.PluralRules>()

/** Date styles the `date_*` filters offer. */
export type DateStyle = 'long' | 'medium' | 'short' | 'month'

/**
 * The locale dates are written in: plain `en` is written the British way
 * (`6 February 2020`), which reads naturally next to Swedish; any other tag
 * (`en-US`, `sv`, `sv-FI`) is used as given.
 */
export function dateLocale(lang: string): string {
  return lang.toLowerCase() === 'en' ? 'en-GB' : lang
}

/**
 * A `YYYY-MM-DD` string (or a full ISO date-time, or a `Date`) as a `Date`.
 *
 * @throws {TypeError} on anything that is not a real calendar date.
 */
export function parseDate(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
    const date = new Date(day ? `${value}T00:00:00Z` : value)
    if (!Number.isNaN(date.getTime()) && (!day || date.toISOString().startsWith(value))) return date
  }
  throw new TypeError(`Not a date: ${JSON.stringify(value)} (expected YYYY-MM-DD)`)
}

/** `6 februari 2020` / `6 February 2020` (`long`), `6 feb. 2020` (`medium`), `2020-02-06` / `06/02/2020` (`short`), `februari 2020` (`month`). */
export function formatDate(value: unknown, lang: string, style: DateStyle = 'long'): string {
  const locale = dateLocale(lang)
  const key = `${locale}|${style}`
  let format = dateFormats.get(key)
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { dateStyle: style, timeZone: 'UTC' }
    format = new Intl.DateTimeFormat(locale, options)
    dateFormats.set(key, format)
  }
  return format.format(parseDate(value))
}

/** `2020-02-06T00:00:00Z`: RFC 3339, as Atom and sitemaps want. */
export function formatDateTime(value: unknown): string {
  return parseDate(value).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** `2020-02-06`. */
export function formatIsoDate(value: unknown): string {
  return parseDate(value).toISOString().slice(0, 10)
}

/**
 * A number in `lang`: Swedish `1 234,5` (no-break space between groups, comma
 * as decimal mark), English `1,234.5`. At most two decimals. Strings that are
 * not numbers (e.g. `4 av 4`) pass through unchanged.
 */
export function formatNumber(value: unknown, lang: string, maximumFractionDigits = 2): string {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined
  if (number === undefined) return String(value ?? '')
  const key = `${lang}|${maximumFractionDigits}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits })
    numberFormats.set(key, format)
  }
  return format.format(number)
}

/** The plural category of `count` in `lang` (`one`, `other`, ...), for choosing a label's variant. */
export function pluralCategory(count: number, lang: string): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang)
  if (!rules) {
    rules = new Intl.PluralRules(lang)
    pluralRules.set(lang, rules)
  }
  return rules.select(count)
}
