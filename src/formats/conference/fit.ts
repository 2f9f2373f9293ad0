/**
 * Fitting text to slides. Every slide is drawn at a fixed size; text that
 * does not fit is measured in Chromium (the slide's `[data-fit-box]` against
 * its content) and the slide steps down to a smaller type size
 * (`data-fit="1"`, `"2"`, `"3"`) until it fits. Steps 0 and 1 keep the deck's
 * minimum sizes (headline 32 pt, body 24 pt); a slide that needs step 2 or
 * more is reported as overflow at its finding's file.
 */
import type { RenderMessage } from '../types.js'
import type { SlideView } from './slides.js'

/** Type size steps in `slides.css` (`data-fit="0"` to `"3"`). */
export const FIT_LEVELS = 4
/** The last step that keeps headlines at 32 pt and body text at 24 pt or more. */
export const FIT_MINIMUM = 1

/** What Chromium measured for one slide. */
export interface SlideFit {
  id: string
  /** The first step at which the slide's content fits, or -1 when none does. */
  fit: number
  /** Content height over box height at the last step tried (1 = exactly full). */
  ratio: number
  /**
   * When even the smallest step overflows: the zoom (0.5 to 0.95) at which
   * the content fits, or the smallest tried when none does.
   */
  zoom?: number
}

/**
 * Runs inside the page (serialized by puppeteer, so it may use nothing from
 * outside): for each `[data-fit]` slide, try steps from its current one up
 * and keep the first where `[data-fit-box]` (or the slide) does not overflow.
 */
export function measureSlides(): SlideFit[] {
  const results: SlideFit[] = []
  const slides = Array.from(document.querySelectorAll<HTMLElement>('[data-fit]'))
  const levels = Number(document.documentElement.getAttribute('data-fit-levels') ?? '4')
  for (const slide of slides) {
    const boxes = Array.from(slide.querySelectorAll<HTMLElement>('[data-fit-box]'))
    if (boxes.length === 0) boxes.push(slide)
    let ratio = 0
    const fits = (): boolean => {
      ratio = 0
      let ok = true
      for (const box of boxes) {
        ratio = Math.max(ratio, box.scrollHeight / Math.max(1, box.clientHeight), box.scrollWidth / Math.max(1, box.clientWidth))
        // One pixel of slack for rounding.
        if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) ok = false
      }
      return ok
    }
    let fit = -1
    for (let level = Number(slide.getAttribute('data-fit') ?? '0'); level < levels; level++) {
      slide.setAttribute('data-fit', String(level))
      if (fits()) {
        fit = level
        break
      }
    }
    if (fit !== -1) {
      results.push({ id: slide.id, fit, ratio: Math.round(ratio * 100) / 100 })
      continue
    }
    // Still too much at the smallest step: zoom the content out rather than cut it off.
    let zoom = 1
    for (let step = 95; step >= 50; step -= 5) {
      zoom = step / 100
      slide.style.setProperty('--zoom', String(zoom))
      if (fits()) break
    }
    results.push({ id: slide.id, fit, ratio: Math.round(ratio * 100) / 100, zoom })
  }
  return results
}

/** A slide's final type size step and zoom, as the template writes them. */
export interface SlideSize {
  id: string
  fit: number
  zoom?: number
}

/** The final sizes of `slides`, after {@link applyFits}. */
export const slideSizes = (slides: readonly SlideView[]): SlideSize[] =>
  slides.map((slide) => ({ id: slide.id, fit: slide.fit, ...(slide.zoom === undefined ? {} : { zoom: slide.zoom }) }))

/**
 * Runs inside the page (serialised by puppeteer): give each slide its final
 * `data-fit` and `--zoom`, the attributes `slide.liquid` writes for them, so
 * the measured page prints as the deck drawn with those sizes would.
 */
export function showSlideSizes(sizes: SlideSize[]): void {
  for (const { id, fit, zoom } of sizes) {
    const slide = document.getElementById(id)
    if (!slide) continue
    slide.setAttribute('data-fit', String(fit))
    if (zoom === undefined) slide.style.removeProperty('--zoom')
    else slide.style.setProperty('--zoom', String(zoom))
  }
}

/** What to say about a slide that needed more than the minimum type sizes allow. */
export interface OverflowReport {
  slide: SlideView
  measured: SlideFit
}

/**
 * Set each slide's `fit` from the measurements (the smallest step when even
 * that overflows) and return the slides that overflowed. The slides of one
 * finding share the smallest step any of them needs, so its headline keeps
 * one size from slide to slide (a smaller step always fits when a larger one does).
 */
export function applyFits(slides: SlideView[], measured: readonly SlideFit[]): OverflowReport[] {
  const byId = new Map(measured.map((m) => [m.id, m]))
  const overflows: OverflowReport[] = []
  const groupFit = new Map<string, number>()
  for (const slide of slides) {
    const m = byId.get(slide.id)
    if (!m) continue
    slide.fit = m.fit === -1 ? FIT_LEVELS - 1 : m.fit
    if (m.zoom !== undefined) slide.zoom = m.zoom
    if (m.fit === -1 || m.fit > FIT_MINIMUM) overflows.push({ slide, measured: m })
    if (slide.finding) groupFit.set(slide.finding.id, Math.max(groupFit.get(slide.finding.id) ?? 0, slide.fit))
  }
  for (const slide of slides) {
    if (slide.finding) slide.fit = groupFit.get(slide.finding.id) ?? slide.fit
  }
  return overflows
}

/** What to shorten, per kind of slide. */
const SHORTEN: Record<SlideView['kind'], string> = {
  title: 'the site title or the audience name',
  agenda: 'the finding titles',
  finding: 'the title, the summary or the key figure label',
  recommendations: 'the title or the recommendations',
  quote: 'the quote',
  closing: 'the call to action',
}

/** An overflow as a render message at the finding's file (or the audience's, for deck slides). */
export function overflowMessage(report: OverflowReport, deck: string, audienceFile: string): RenderMessage {
  const { slide, measured } = report
  const where = `Slide ${slide.n} of ${deck} (${slide.kind}) has too much text`
  const how =
    measured.fit === -1 && measured.ratio > 1.01
      ? 'it overflows even at half the smallest type size and is cut off'
      : measured.fit === -1
        ? `its type had to be shrunk to ${Math.round((measured.zoom ?? 1) * 100)} % of the smallest size to fit`
        : "its type was set below the deck's minimum (headline 32 pt, body 24 pt) to fit"
  return {
    severity: 'warning',
    ruleId: 'overflow',
    message: `${where}: ${how}. Shorten ${SHORTEN[slide.kind]}.`,
    file: slide.finding?.file ?? audienceFile,
    line: 1,
  }
}
