/**
 * An audience's accent colour, made safe to use for text and links: at least
 * 4.5:1 against white, and a lighter variant for dark mode. A colour that had
 * to be changed (or could not be read) gives a `contrast` warning.
 */
import { ensureContrast, parseHexColor } from '../../render/contrast.js'
import type { AudienceView } from '../../tailor/view.js'
import type { RenderMessage } from '../types.js'

/** The accent when none is set or it cannot be read (GOV.UK-like blue, 7:1 on white). */
export const DEFAULT_ACCENT = '#1d5e8c'
/** The lightest surface in dark mode (cards); `site.css` must not use a lighter dark surface. */
export const DARK_SURFACE = '#1f2327'
/** The page background in light mode. */
export const LIGHT_SURFACE = '#ffffff'

export interface Accent {
  accent: string
  accentOnDark: string
  messages: RenderMessage[]
}

/** The accent of `audience`, checked and adjusted for contrast. */
export function accentFor(audience: Pick<AudienceView, 'id' | 'theme' | 'file'>): Accent {
  const messages: RenderMessage[] = []
  let color = audience.theme.accent
  if (!parseHexColor(color)) {
    messages.push({
      severity: 'warning',
      ruleId: 'contrast',
      message: `Accent colour ${JSON.stringify(color)} of audience \`${audience.id}\` is not a hex colour (#rgb or #rrggbb); using ${DEFAULT_ACCENT}`,
      file: audience.file,
    })
    color = DEFAULT_ACCENT
  }
  const light = ensureContrast(color, { background: LIGHT_SURFACE, min: 4.5 })
  if (light.adjusted) {
    messages.push({
      severity: 'warning',
      ruleId: 'contrast',
      message:
        `Accent colour ${color} of audience \`${audience.id}\` has a contrast of ${light.originalRatio.toFixed(2)}:1 against white ` +
        `(at least 4.5:1 is needed for text and links); using the darker ${light.color} (${light.ratio.toFixed(2)}:1)`,
      file: audience.file,
    })
  }
  const dark = ensureContrast(light.color, { background: DARK_SURFACE, min: 4.5 })
  return { accent: light.color, accentOnDark: dark.color, messages }
}
