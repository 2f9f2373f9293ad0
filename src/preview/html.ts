/**
 * HTML for the preview's own pages and overlay. Everything interpolated into
 * `html\`...\`` is escaped unless it is itself `html` (or `raw`): findings,
 * messages and file contents are untrusted.
 */

/** Markup that is already safe. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escape text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

/** Trust `value` as markup. Only for strings sprid wrote itself. */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value)
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[]

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/** A template tag that escapes every interpolation. `false`, `null` and `undefined` render nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!
  for (let index = 0; index < values.length; index++) out += render(values[index]!) + strings[index + 1]!
  return new SafeHtml(out)
}

/** An output path as a root-relative URL, each segment percent-encoded: `boende/a b.png` -> `/boende/a%20b.png`. */
export function fileUrl(file: string): string {
  return `/${file.split('/').map(encodeURIComponent).join('/')}`
}
