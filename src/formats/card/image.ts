/**
 * Where a finding's share card is written and how it is described, shared by
 * the card format (which renders it) and the social format (which attaches it).
 */
import { formatLabel, resolveLabels, type Labels } from '../../render/labels.js'
import type { FindingView } from '../../tailor/view.js'

export const CARD_SIZE = { width: 1200, height: 630 } as const
export const SQUARE_SIZE = { width: 1080, height: 1080 } as const

/** `cards/<finding>.png`, or `cards/<finding>-square.png`: relative to the audience's folder. */
export function cardPath(finding: string, square = false): string {
  return `cards/${finding}${square ? '-square' : ''}.png`
}

/**
 * The card's alt text: the full title and the key figure, by the labels
 * `card.alt` / `card.alt_figure` (`Title – 34 % label`), with the
 * `example.badge` label first for illustrative findings.
 */
export function cardAlt(
  finding: Pick<FindingView, 'title' | 'keyFigure' | 'example'>,
  lang: string,
  labels: Labels = resolveLabels(lang),
): string {
  const title = finding.title.replace(/[ \t\r\n]+/g, ' ').trim()
  const figure = finding.keyFigure
  const alt = figure
    ? formatLabel(labels, lang, 'card.alt_figure', { title, figure: figure.formatted, label: figure.label })
    : formatLabel(labels, lang, 'card.alt', { title })
  const text = (alt ?? title).replace(/[ \t\r\n]+/g, ' ').trim()
  return finding.example ? `${labels['example.badge'] ?? 'Example'}: ${text}` : text
}
