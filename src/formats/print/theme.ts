/**
 * An audience's accent colour made safe for print: `accent` for rules and
 * large numbers, `accentText` for small text on white (WCAG AA, 4.5:1), and
 * `onAccent` for text on an accent background.
 */
import { contrastRatio, ensureContrast, parseHexColor } from '../../render/contrast.js'

export interface PrintTheme {
  /** The audience's colour as configured (a hex colour after validation, or any CSS colour). */
  accent: string
  /** `accent`, darkened when needed to reach 4.5:1 on white. */
  accentText: string
  /** `#ffffff` or a near-black, whichever reads better on `accent`. */
  onAccent: string
}

/** sprid's accent when an audience has none. */
export const DEFAULT_ACCENT = '#1d4f91'

const INK = '#16181d'

/** The print theme for an accent colour. */
export function printTheme(accent: string | undefined): PrintTheme {
  const color = accent?.trim() || DEFAULT_ACCENT
  if (!parseHexColor(color)) {
    // Not checkable: keep it for decoration, use ink for text.
    return { accent: color, accentText: INK, onAccent: '#ffffff' }
  }
  const accentText = ensureContrast(color, { background: '#ffffff', min: 4.5 }).color
  const onAccent = contrastRatio('#ffffff', color) >= contrastRatio(INK, color) ? '#ffffff' : INK
  return { accent: ensureContrast(color, { background: '#ffffff', min: 3 }).color, accentText, onAccent }
}
