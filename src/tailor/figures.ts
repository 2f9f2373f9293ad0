/**
 * Key figures formatted once per language with Intl, so a number reads the
 * same in every output: Swedish `1 234,5 %`, English `1,234.5%`.
 */
import type { FindingFrontMatter } from '../content/schema.js'
import { formatNumber } from '../render/intl.js'
import type { FigureView } from './view.js'

type FigureData = NonNullable<FindingFrontMatter['figures']>[string]

/** Value and unit joined by a no-break space (English writes `%` tight). A string value is shown as written. */
export function formatFigure(id: string, figure: FigureData, lang: string): FigureView {
  const value = typeof figure.value === 'number' ? formatNumber(figure.value, lang) : figure.value
  const unit = figure.unit?.trim()
  const tight = unit === '%' && !lang.startsWith('sv')
  const formatted = unit ? `${value}${tight ? '' : '\u00a0'}${unit}` : value
  return { id, value: figure.value, unit, label: figure.label, source: figure.source, formatted }
}
