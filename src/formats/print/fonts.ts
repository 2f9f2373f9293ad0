/**
 * sprid's `fonts.css` (looked up like a template, so a project can replace
 * it) as plain data, with each font's URL moved to a base of the caller's
 * choice: `https://sprid.local/assets/` in Chromium, `../assets/` in
 * `handout.html` on disk (`assets/fonts/`, written by `siteAssets`).
 *
 * Templates write the `@font-face` rules themselves from this data. (They
 * cannot include fonts.css as it is: its URLs are relative to `assets/`, and
 * every template output is HTML-escaped, which would break CSS quotes.)
 */
import { fontAssets } from '../../render/fonts.js'
import type { Asset, FormatId, TemplateRenderer } from '../types.js'
import { cssString } from './css.js'

/** One `@font-face` rule, every value safe to print inside a template's quotes. */
export interface FontFaceView {
  family: string
  style: string
  weight: string
  display: string
  /** The font file's URL (under the base). */
  url: string
  format: string
  /** `unicode-range` value, or `''`. */
  unicodeRange: string
}

const KEYWORDS = /^[\w\s.+-]*$/
const RANGE = /^[\sU+0-9A-Fa-f?,-]*$/

function descriptor(body: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;|\\s)${name}\\s*:\\s*([^;]+)`, 'i').exec(body)
  return match?.[1]?.trim()
}

const unquote = (value: string): string => value.trim().replace(/^(['"])(.*)\1$/, '$2')

/**
 * The `@font-face` rules of `css` whose first `src` is a relative `url()`,
 * with that URL resolved against `base`. Anything unexpected is skipped.
 */
export function parseFontFaces(css: string, base: string): FontFaceView[] {
  const faces: FontFaceView[] = []
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/@font-face\s*\{([^}]*)\}/gi)) {
    const body = match[1]!
    const family = descriptor(body, 'font-family')
    const src = descriptor(body, 'src')
    const url = src && /url\(\s*(['"]?)([^'")]+)\1\s*\)/i.exec(src)?.[2]
    if (!family || !url || /^[a-z][a-z0-9+.-]*:|^\//i.test(url)) continue
    const format = (src && /format\(\s*['"]?([\w-]+)['"]?\s*\)/i.exec(src)?.[1]) ?? 'woff2'
    const style = descriptor(body, 'font-style') ?? 'normal'
    const weight = descriptor(body, 'font-weight') ?? '400'
    const display = descriptor(body, 'font-display') ?? 'swap'
    const unicodeRange = descriptor(body, 'unicode-range') ?? ''
    if (![style, weight, display, format].every((value) => KEYWORDS.test(value)) || !RANGE.test(unicodeRange)) continue
    faces.push({
      family: cssString(unquote(family)),
      style,
      weight,
      display,
      url: cssString(base + url.replace(/^\.\//, '')),
      format,
      unicodeRange,
    })
  }
  return faces
}

/** The font faces of `format`'s fonts.css (project override first) under `base`. */
export async function fontFaceViews(templates: TemplateRenderer, format: FormatId, base: string): Promise<FontFaceView[]> {
  const css = new TextDecoder().decode(await templates.readFile(format, 'fonts.css'))
  return parseFontFaces(css, base)
}

/** The font files as assets under `assets/fonts/`, for Chromium to load from memory. */
export function fontFileAssets(): Promise<Asset[]> {
  return fontAssets('assets/fonts')
}
