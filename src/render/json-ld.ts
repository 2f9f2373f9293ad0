/**
 * JSON for `<script type="application/ld+json">`. Any string can appear in a
 * field (a title with `</script>`, `<!--`, U+2028), so every character that
 * could end the script element, open an HTML comment or break a JavaScript
 * parser is written as a `\uXXXX` escape: the JSON still parses to the
 * original strings.
 */

const unsafe = /[<>&\u2028\u2029]/g

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/** Serialize `value` (plain data) for a JSON-LD script element. `undefined` fields are dropped. */
export function serializeJsonLd(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space) ?? 'null'
  return json.replace(unsafe, escape)
}
