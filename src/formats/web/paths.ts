/**
 * Where the web format puts its files. Other formats link to web pages (QR
 * codes on slides, links in posts) through these, never by building paths.
 */
import { absoluteUrl } from '../../render/url.js'

export const webPaths = {
  /** The landing page listing every pack. */
  site: 'index.html',
  /** The stylesheet (fonts, tokens and the web CSS in one file). */
  css: 'assets/site.css',
  /** The site icon (`templates/web/favicon.svg`). */
  favicon: 'assets/favicon.svg',
  /** Self-hosted fonts. */
  fonts: 'assets/fonts',
  /** Copied project images, content-hashed. */
  images: 'assets/img',
  sitemap: 'sitemap.xml',
  /** A pack's home: `boende/index.html`. */
  pack: (audience: string): string => `${audience}/index.html`,
  /** A tailored finding: `boende/tak-isolering/index.html`. */
  finding: (audience: string, finding: string): string => `${audience}/${finding}/index.html`,
  /** A pack's Atom feed: `boende/feed.xml`. */
  feed: (audience: string): string => `${audience}/feed.xml`,
  /** The share card of a finding, made by the `card` format: `boende/cards/tak-isolering.png`. */
  card: (audience: string, finding: string): string => `${audience}/cards/${finding}.png`,
} as const

/** Folder names at the top of the output that an audience id must not take. */
export const RESERVED_AUDIENCE_IDS: ReadonlySet<string> = new Set(['assets'])

/** The public URL of an output path, when `baseUrl` is set (`…/boende/tak/` for `boende/tak/index.html`). */
export function webUrl(baseUrl: string | undefined, file: string): string | null {
  return baseUrl ? absoluteUrl(file, baseUrl) : null
}
