/**
 * Text that templates put inside CSS (running footers in `@page` margin
 * boxes). Templates HTML-escape every output, and entities mean nothing
 * inside `<style>`, so text is made CSS-safe first: every character that HTML
 * escaping would change, and every character that could end a CSS string,
 * becomes a CSS escape. The template writes the quotes.
 */

/**
 * `text` as the inside of a double-quoted CSS string, without any of
 * `& < > " '` (so HTML escaping leaves it alone).
 *
 * @example cssString('Bo & leva "nu"') // 'Bo \\26 leva \\22 nu\\22 '
 */
export function cssString(text: string): string {
  return text.replace(/[\\"'&<>\n\r\f\u2028\u2029]|[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)
}

/** One piece of a CSS `content` value: a string, or a page counter. */
export type ContentPart = { text: string } | { counter: 'page' | 'pages' }

/**
 * A label with `{placeholder}`s as CSS `content` parts: `Sida {n} av {total}`
 * with `{ n: 'page', total: 'pages' }` gives `"Sida " counter(page) " av "
 * counter(pages)` as parts. Texts are {@link cssString}-escaped; empty ones are dropped.
 */
export function contentParts(label: string, counters: Readonly<Record<string, 'page' | 'pages'>>): ContentPart[] {
  const parts: ContentPart[] = []
  let last = 0
  for (const match of label.matchAll(/\{([a-zA-Z0-9_]+)\}/g)) {
    const counter = counters[match[1]!]
    if (!counter) continue
    if (match.index > last) parts.push({ text: cssString(label.slice(last, match.index)) })
    parts.push({ counter })
    last = match.index + match[0].length
  }
  if (last < label.length) parts.push({ text: cssString(label.slice(last)) })
  return parts
}
