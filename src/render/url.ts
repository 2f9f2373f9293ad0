/**
 * URLs between output pages. Pages link to each other with relative URLs, so
 * the output works on any host, in any folder and opened from disk; absolute
 * URLs (canonical, Open Graph, sitemap, feeds) need the config `baseUrl`.
 */
import path from 'node:path'

/**
 * The URL of output file `target` relative to the page at output path `from`
 * (both posix, relative to the output folder).
 *
 * @example relativeUrl('assets/site.css', 'boende/tak/index.html') // '../../assets/site.css'
 * @example relativeUrl('boende/index.html', 'boende/tak/index.html') // '../index.html'
 */
export function relativeUrl(target: string, from: string): string {
  const hashAt = target.indexOf('#')
  const fragment = hashAt === -1 ? '' : target.slice(hashAt)
  const file = hashAt === -1 ? target : target.slice(0, hashAt)
  if (file === '') return fragment
  const directory = file.endsWith('/')
  let relative = path.posix.relative(path.posix.dirname(`/${from}`), `/${file}`)
  if (relative === '') relative = '.'
  if (directory) relative += '/'
  return encodeURI(relative) + fragment
}

/**
 * The absolute URL of output file `target` under `baseUrl`, with a trailing
 * `index.html` dropped (`https://example.org/boende/tak/`).
 */
export function absoluteUrl(target: string, baseUrl: string): string {
  const clean = target.replace(/(^|\/)index\.html$/, '$1').replace(/^\/+/, '')
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURI(clean)}`
}

/** Link protocols content may use. */
export const SAFE_PROTOCOLS: readonly string[] = ['http', 'https', 'mailto', 'tel']

/**
 * `url` when it is safe to put in an `href`: a relative URL, a fragment, or
 * one of `protocols` (`http`, `https`, `mailto`, `tel` by default). Anything
 * else (`javascript:`, `data:`, `vbscript:`, obfuscated with spaces, control
 * characters or entities) gives `''`.
 */
export function safeUrl(url: unknown, protocols: readonly string[] = SAFE_PROTOCOLS): string {
  if (typeof url !== 'string') return ''
  const trimmed = url.trim()
  // Browsers drop tabs and newlines anywhere in a URL, and leading control characters and spaces.
  // eslint-disable-next-line no-control-regex
  const probe = trimmed.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  if (probe === '' || /[<>"'`]|&#|&[a-z]+;/i.test(probe)) return ''
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe)
  if (scheme) return protocols.includes(scheme[1]!.toLowerCase()) ? trimmed : ''
  // No scheme, but a colon before the first `/`, `?` or `#` would be read as one by some parsers.
  const colon = probe.indexOf(':')
  if (colon !== -1 && !/[/?#]/.test(probe.slice(0, colon))) return ''
  return trimmed
}
