/**
 * Key figures formatted once per language with Intl, so a number reads the
 * same in every output: Swedish `1 234,5 %`, English `1,234.5%`.
 */
import type { FindingFrontMatter } from '../content/schema.js'
import type { FigureView } from './view.js'

type FigureData = NonNullable<FindingFrontMatter['figures']>[string]

/** Format a number for `lang`; strings pass through. */
export function formatNumber(value: number | string, lang: string): string {
  return typeof value === 'number' ? new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value) : value
}

/** Value and unit joined by a no-break space (English writes `%` tight). */
export function formatFigure(id: string, figure: FigureData, lang: string): FigureView {
  const value = formatNumber(figure.value, lang)
  const unit = figure.unit?.trim()
  const tight = unit === '%' && !lang.startsWith('sv')
  const formatted = unit ? `${value}${tight ? '' : '\u00a0'}${unit}` : value
  return { id, value: figure.value, unit, label: figure.label, source: figure.source, formatted }
}
