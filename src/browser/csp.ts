/**
 * The origin sprid's assets are served from inside Chromium, and the
 * Content-Security-Policy every page gets. Pages are loaded with
 * `page.setContent()` (no file:// URL, no server): fonts, CSS and images must
 * use {@link ASSET_ORIGIN} URLs (or `<base href="https://sprid.local/">` and
 * relative URLs); request interception answers them from memory and aborts
 * everything else.
 */

/** Where assets live for pages in Chromium. No trailing slash. */
export const ASSET_ORIGIN = 'https://sprid.local'

/** `<base href>` value for HTML that goes to the browser with relative asset URLs. */
export const ASSET_BASE = `${ASSET_ORIGIN}/`

/** The URL of an asset (posix path relative to the output folder). */
export function assetUrl(path: string): string {
  return `${ASSET_BASE}${path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')}`
}

/**
 * The asset path a URL points at, or `undefined` when the URL is not on
 * {@link ASSET_ORIGIN}.
 */
export function assetPathOf(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.origin !== ASSET_ORIGIN) return undefined
  try {
    return decodeURIComponent(parsed.pathname).replace(/^\/+/, '')
  } catch {
    return undefined
  }
}

/**
 * Nothing but sprid's assets and `data:` URLs: no scripts, frames, forms,
 * connections or outside hosts. Inline `<style>` is allowed, since templates use it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${ASSET_ORIGIN} 'unsafe-inline'`,
  `font-src ${ASSET_ORIGIN} data:`,
  `img-src ${ASSET_ORIGIN} data:`,
  `base-uri ${ASSET_ORIGIN}`,
  "form-action 'none'",
].join('; ')

/** The policy as a `<meta>` tag, for templates that want it in their HTML. */
export function cspMeta(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`
}

/**
 * Put {@link cspMeta} first in `<head>` (creating the head's start when the
 * HTML has none) so it applies before anything loads. A policy already in the
 * HTML stays: browsers enforce both, so templates can only tighten it.
 */
export function injectCsp(html: string): string {
  const meta = cspMeta()
  const head = /<head(?:\s[^>]*)?>/i.exec(html)
  if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length)
  const htmlTag = /<html(?:\s[^>]*)?>/i.exec(html)
  if (htmlTag) {
    const end = htmlTag.index + htmlTag[0].length
    return `${html.slice(0, end)}<head>${meta}</head>${html.slice(end)}`
  }
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)
  const end = doctype ? doctype[0].length : 0
  return `${html.slice(0, end)}<head>${meta}</head>${html.slice(end)}`
}
