/**
 * Colour contrast as WCAG 2 defines it, and a way to make an audience's
 * accent colour readable: darken it (or lighten it, on a dark background)
 * in small steps, keeping its hue, until it reaches the ratio.
 */

export interface Rgb {
  r: number
  g: number
  b: number
}

/** `#rgb` or `#rrggbb` (case-insensitive) as 0-255 channels; `undefined` for anything else. */
export function parseHexColor(color: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())
  if (!match) return undefined
  let hex = match[1]!
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('')
  return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16) }
}

/** `#rrggbb`, lowercase. */
export function toHexColor({ r, g, b }: Rgb): string {
  const channel = (value: number) => Math.round(Math.min(255, Math.max(0, value))).toString(16).padStart(2, '0')
  return `#${channel(r)}${channel(g)}${channel(b)}`
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (value: number) => {
    const c = value / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

function toRgb(color: string | Rgb): Rgb {
  if (typeof color !== 'string') return color
  const rgb = parseHexColor(color)
  if (!rgb) throw new TypeError(`Not a hex colour: ${JSON.stringify(color)} (expected #rgb or #rrggbb)`)
  return rgb
}

/**
 * WCAG contrast ratio of two colours, from 1 to 21.
 *
 * @throws {TypeError} on a string that is not `#rgb` / `#rrggbb`.
 */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const la = relativeLuminance(toRgb(a))
  const lb = relativeLuminance(toRgb(b))
  const [light, dark] = la > lb ? [la, lb] : [lb, la]
  return (light + 0.05) / (dark + 0.05)
}

export interface ContrastResult {
  /** The colour to use, `#rrggbb`: the original when it passed. */
  color: string
  /** The colour as given. */
  original: string
  /** Contrast of `color` against the background. */
  ratio: number
  /** Contrast of the original colour. */
  originalRatio: number
  /** True when the colour had to be changed. */
  adjusted: boolean
}

export interface ContrastOptions {
  /** @default '#ffffff' */
  background?: string
  /** WCAG AA for normal text. @default 4.5 */
  min?: number
}

/**
 * `color`, or the nearest colour of the same hue and saturation that reaches
 * `min` contrast against `background`: darker on light backgrounds, lighter
 * on dark ones.
 *
 * @throws {TypeError} when `color` or `background` is not a hex colour.
 */
export function ensureContrast(color: string, options: ContrastOptions = {}): ContrastResult {
  const background = toRgb(options.background ?? '#ffffff')
  const min = options.min ?? 4.5
  const original = toRgb(color)
  const originalRatio = contrastRatio(original, background)
  if (originalRatio >= min) {
    return { color: toHexColor(original), original: color, ratio: originalRatio, originalRatio, adjusted: false }
  }
  const darken = relativeLuminance(background) > 0.18
  const hsl = rgbToHsl(original)
  let candidate = original
  for (let step = 1; step <= 200; step++) {
    const lightness = darken ? hsl.l * (1 - step / 200) : hsl.l + (1 - hsl.l) * (step / 200)
    candidate = hslToRgb({ ...hsl, l: lightness })
    if (contrastRatio(toHexColor(candidate), background) >= min) break
  }
  const hex = toHexColor(candidate)
  return { color: hex, original: color, ratio: contrastRatio(hex, background), originalRatio, adjusted: true }
}

interface Hsl {
  h: number
  s: number
  l: number
}

function rgbToHsl({ r, g, b }: Rgb): Hsl {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255]
  const max = Math.max(rn, gn, bn)
  const min = Math.min(rn, gn, bn)
  const l = (max + min) / 2
  if (max === min) return { h: 0, s: 0, l }
  const d = max - min
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min)
  let h: number
  if (max === rn) h = (gn - bn) / d + (gn < bn ? 6 : 0)
  else if (max === gn) h = (bn - rn) / d + 2
  else h = (rn - gn) / d + 4
  return { h: h / 6, s, l }
}

function hslToRgb({ h, s, l }: Hsl): Rgb {
  if (s === 0) return { r: l * 255, g: l * 255, b: l * 255 }
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s
  const p = 2 * l - q
  const hue = (t: number) => {
    if (t < 0) t += 1
    if (t > 1) t -= 1
    if (t < 1 / 6) return p + (q - p) * 6 * t
    if (t < 1 / 2) return q
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6
    return p
  }
  return { r: hue(h + 1 / 3) * 255, g: hue(h) * 255, b: hue(h - 1 / 3) * 255 }
}
