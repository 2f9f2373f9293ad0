/**
 * The deck's outline, decided before any template runs: which slides there
 * are, in which order, with their numbers. Templates only draw them.
 *
 * Title, agenda (five findings a slide), then per finding one to three
 * slides (its claim with the key figure, its recommendations, its quote),
 * then the closing slide with the call to action.
 */
import type { FindingView, Pack } from '../../tailor/view.js'
import type { ImageView } from '../print/images.js'
import { findingAnchor } from '../print/pack.js'

/** Findings listed on one agenda slide at most (a longer agenda is shared evenly: 6 findings give 3 + 3). */
export const AGENDA_PER_SLIDE = 5
/** Bullets a slide shows at most. */
export const MAX_BULLETS = 3

export type SlideKind = 'title' | 'agenda' | 'finding' | 'recommendations' | 'quote' | 'closing'

/** One agenda line. */
export interface AgendaItem {
  /** 1-based position of the finding in the pack. */
  number: number
  title: string
  example: boolean
  /** The anchor on the finding's first slide ({@link findingAnchor}): the agenda's link, and a named destination in the PDF. */
  anchor: string
}

/** One slide, as templates receive it (`deck.slides`). */
export interface SlideView {
  kind: SlideKind
  /** 1-based slide number. */
  n: number
  /** Anchor id, `slide-<n>`. */
  id: string
  /** On a finding's first slide: {@link findingAnchor}, the same as in the handout. */
  anchor?: string
  /**
   * Type size step chosen by measuring in Chromium: 0 roomy, 1 compact (both
   * keep headlines at 32 pt and body at 24 pt or more), 2 and 3 smaller
   * (reported as overflow).
   */
  fit: number
  /** Set when even step 3 overflows: the content is zoomed out by this factor (CSS `--zoom`). */
  zoom?: number
  /** The finding of `finding`, `recommendations` and `quote` slides. */
  finding?: FindingView
  /** The finding's 1-based position in the pack. */
  number?: number
  /** Recommendations shown (at most three) on a `recommendations` slide. */
  bullets?: string[]
  /** Recommendations left out for lack of room. */
  hiddenBullets?: number
  /** Agenda lines of an `agenda` slide. */
  agenda?: AgendaItem[]
  /** The finding's image, shown as the evidence on a `finding` slide without a key figure. */
  image?: ImageView
  /** Which agenda slide this is, when the agenda takes more than one. */
  part?: { index: number; count: number }
}

/** The slides of `pack`'s deck, numbered, all at fit 0. */
export function planSlides(pack: Pack): SlideView[] {
  const slides: Array<Omit<SlideView, 'n' | 'id' | 'fit'>> = [{ kind: 'title' }]

  const agendaSlides = Math.ceil(pack.findings.length / AGENDA_PER_SLIDE)
  const perAgenda = Math.ceil(pack.findings.length / Math.max(1, agendaSlides))
  const agendaAt = slides.length
  for (let index = 0; index < agendaSlides; index++) {
    slides.push({ kind: 'agenda', part: { index: index + 1, count: agendaSlides } })
  }

  pack.findings.forEach((finding, index) => {
    const number = index + 1
    slides.push({ kind: 'finding', finding, number, anchor: findingAnchor(finding.id) })
    if (finding.recommendations.length > 0) {
      slides.push({
        kind: 'recommendations',
        finding,
        number,
        bullets: finding.recommendations.slice(0, MAX_BULLETS),
        hiddenBullets: Math.max(0, finding.recommendations.length - MAX_BULLETS),
      })
    }
    if (finding.quote?.text) slides.push({ kind: 'quote', finding, number })
  })
  slides.push({ kind: 'closing' })

  const items: AgendaItem[] = pack.findings.map((finding, index) => ({
    number: index + 1,
    title: finding.title,
    example: finding.example,
    anchor: findingAnchor(finding.id),
  }))
  for (let index = 0; index < agendaSlides; index++) {
    slides[agendaAt + index]!.agenda = items.slice(index * perAgenda, (index + 1) * perAgenda)
  }

  return slides.map((slide, index) => ({ ...slide, n: index + 1, id: `slide-${index + 1}`, fit: 0 }))
}
