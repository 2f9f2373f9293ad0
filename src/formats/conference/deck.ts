/**
 * The conference deck of one pack: the slides planned in `slides.ts`, drawn
 * by `templates/conference/deck.liquid`, fitted in Chromium (`fit.ts`), and
 * printed to a 16:9 PDF; the speaker notes go to a separate A4 PDF drawn by
 * `notes.liquid`, never onto the slides.
 *
 * Slide size: 338.67 mm x 190.5 mm (13.333 in x 7.5 in, 1280 x 720 CSS px),
 * the widescreen size of PowerPoint and Keynote, so a point in the CSS is a
 * point as presenters know it: 32 pt headlines here are 32 pt headlines in
 * PowerPoint, and 64 px tall when projected at 1920 x 1080.
 */
import createDebug from 'debug'
import { safeUrl } from '../../render/url.js'
import type { PdfMetadata } from '../../browser/pdf-metadata.js'
import type { Pack } from '../../tailor/view.js'
import type { Asset, BrowserSession, FormatContext, OutputFile, PrintOptions, SiteView } from '../types.js'
import {
  BROWSER_ASSET_BASE,
  DISK_ASSET_BASE,
  labeller,
  packTitle,
  fontFaceViews,
  printAssets,
  renderPrintHtml,
  imageView,
  SLIDE_HYPHENATION,
  printFooter,
  printMetadata,
  printTheme,
  qrCode,
  finishPdf,
  webPackUrl,
  type FontFaceView,
  type ImageView,
  type PrintImage,
  type PrintFooter,
  type PrintTheme,
  type QrView,
} from '../print/index.js'
import { applyFits, FIT_LEVELS, measureSlides, overflowMessage, showSlideSizes, slideSizes, type OverflowReport } from './fit.js'
import { planSlides, type SlideView } from './slides.js'

const debug = createDebug('sprid:conference')

/** The slide size in CSS pixels (338.67 mm x 190.5 mm). */
export const SLIDE = Object.freeze({ width: 1280, height: 720 })

/** What `deck.liquid` and `notes.liquid` receive as `deck`. */
export interface DeckView {
  /** The pack's title (`{audience} – {site}`), also the PDF title. */
  title: string
  /** The title slide's heading: the site title. */
  heading: string
  /** The audience's name. */
  audience: string
  organisation?: string
  /** Build date, `YYYY-MM-DD` (format it with `date_long`). */
  date: string
  /** Number of slides. */
  total: number
  slides: SlideView[]
  /** The audience's call to action, its URL made safe (`''` when unsafe or absent). */
  cta?: { text: string; url: string }
  /** QR code to the pack's web home, when `site.baseUrl` is set. */
  qr?: QrView
  /** Type size steps the CSS defines (`data-fit` 0 to `fitLevels - 1`). */
  fitLevels: number
  /** True when any finding has speaker notes. */
  hasNotes: boolean
  /** Running footer of the speaker notes (CSS-escaped title, page number parts). */
  footer: PrintFooter
  /** The audience's logo (`theme.logo`), when it could be read. */
  logo?: ImageView
}

/** Everything `deck.liquid` and `notes.liquid` receive. */
export interface DeckTemplateData extends Record<string, unknown> {
  lang: string
  site: SiteView
  pack: Pack
  audience: Pack['audience']
  theme: PrintTheme
  /**
   * `@font-face` rules to write, with URLs under `https://sprid.local/assets/`
   * in Chromium, `../assets/` in `conference.html` on disk.
   */
  fonts: FontFaceView[]
  deck: DeckView
}

/** A deck ready to print (or to measure). */
export interface DeckDocument {
  data: DeckTemplateData
  /** The deck's HTML as it goes into Chromium. */
  html: string
  assets: Asset[]
  metadata: PdfMetadata
  notesMetadata: PdfMetadata
}

/** Output paths of the deck and its notes. */
export const deckPaths = (pack: Pack) => ({
  deck: `${pack.audience.id}/conference.pdf`,
  notes: `${pack.audience.id}/conference-notes.pdf`,
  /** The deck and the notes as paged HTML, written instead of the PDFs when the build prints none. */
  deckHtml: `${pack.audience.id}/conference.html`,
  notesHtml: `${pack.audience.id}/conference-notes.html`,
})

/** Project files the deck shows: the audience's logo and the findings' images. */
export function deckImageFiles(pack: Pack): Array<string | undefined> {
  return [pack.audience.theme.logo, ...pack.findings.map((finding) => finding.image?.path)]
}

/**
 * A conference template drawn with `data`, soft hyphens added in the pack's
 * language (Chromium has no dictionaries): long compounds only, on the
 * slides and on their pictures in the speaker notes alike.
 */
function renderHtml(templates: FormatContext['templates'], file: 'deck.liquid' | 'notes.liquid', data: DeckTemplateData): Promise<string> {
  return renderPrintHtml(templates, 'conference', file, data, SLIDE_HYPHENATION)
}

/**
 * Plan the deck: what `deck.liquid` and `notes.liquid` are drawn with, every
 * slide at its roomiest type size, the assets (fonts, images) under `base`
 * ({@link BROWSER_ASSET_BASE} in Chromium, {@link DISK_ASSET_BASE} on
 * disk). `images` are the project images read while planning (see
 * `deckImageFiles`); a finding without a key figure shows its image as the
 * evidence.
 */
async function deckData(
  pack: Pack,
  context: Pick<FormatContext, 'site' | 'templates'>,
  images: ReadonlyMap<string, PrintImage>,
  base: string,
): Promise<DeckTemplateData> {
  const { site, templates } = context
  const label = labeller(templates, pack.lang)
  const slides = planSlides(pack)
  for (const slide of slides) {
    const image = slide.kind === 'finding' && !slide.finding?.keyFigure && slide.finding?.image
    if (image) {
      const view = imageView(images.get(image.path), base, image.alt)
      if (view) slide.image = view
    }
  }
  const logo = pack.audience.theme.logo
  const webUrl = webPackUrl(site, pack)
  const title = packTitle(label, site, pack)
  const cta = pack.audience.cta?.text
    ? { text: pack.audience.cta.text, url: safeUrl(pack.audience.cta.url ?? '') }
    : undefined
  const deck: DeckView = {
    title,
    heading: site.title,
    audience: pack.audience.name,
    ...(site.organisation ? { organisation: site.organisation } : {}),
    date: pack.date || site.date,
    total: slides.length,
    slides,
    ...(cta ? { cta } : {}),
    ...(webUrl ? { qr: await qrCode(webUrl) } : {}),
    fitLevels: FIT_LEVELS,
    hasNotes: pack.findings.some((finding) => finding.notes.text.trim() !== ''),
    footer: printFooter(label, title),
    ...(logo && images.has(logo) ? { logo: imageView(images.get(logo), base, site.organisation ?? '')! } : {}),
  }
  return {
    lang: pack.lang,
    site,
    pack,
    audience: pack.audience,
    theme: printTheme(pack.audience.theme.accent),
    fonts: await fontFaceViews(templates, 'conference', base),
    deck,
  }
}

/** The deck's data and its HTML as Chromium loads it, every slide at its roomiest type size. No browser needed. */
export async function prepareDeck(
  pack: Pack,
  context: Pick<FormatContext, 'site' | 'templates'>,
  images: ReadonlyMap<string, PrintImage> = new Map(),
): Promise<DeckDocument> {
  const data = await deckData(pack, context, images, BROWSER_ASSET_BASE)
  const { title } = data.deck
  const metadata = printMetadata(context.site, pack, title)
  const label = labeller(context.templates, pack.lang)
  return {
    data,
    html: await renderHtml(context.templates, 'deck.liquid', data),
    assets: await printAssets(images),
    metadata,
    notesMetadata: { ...metadata, title: `${label('conference.speaker_notes')}: ${title}` },
  }
}

/**
 * The deck and its notes as paged HTML, not fitted (the preview fits the
 * slides in the viewer's browser): what the build writes instead of the
 * PDFs when it prints none (`FormatContext.pdf` false).
 */
export async function renderConferenceHtml(
  pack: Pack,
  context: FormatContext,
  images: ReadonlyMap<string, PrintImage> = new Map(),
): Promise<OutputFile[]> {
  const paths = deckPaths(pack)
  const data = await deckData(pack, context, images, DISK_ASSET_BASE)
  const [deck, notes] = await Promise.all([
    renderHtml(context.templates, 'deck.liquid', data),
    renderHtml(context.templates, 'notes.liquid', data),
  ])
  return [
    { path: paths.deckHtml, contents: deck, audience: pack.audience.id, format: 'conference', finding: null },
    { path: paths.notesHtml, contents: notes, audience: pack.audience.id, format: 'conference', finding: null },
  ]
}

const PRINT: PrintOptions = { preferCSSPageSize: true, tagged: true, outline: true }

/** The deck printed, with its speaker notes, and the slides that needed more than the minimum sizes allow. */
export interface PrintedDeck {
  /** The deck's data with every slide's final size (its `html` is the one loaded before fitting: the same text). */
  document: DeckDocument
  deck: Uint8Array
  notes: { html: string; pdf: Uint8Array }
  overflows: OverflowReport[]
}

/**
 * Fit and print the deck on one loaded page: measure every slide
 * (`measureSlides`), choose its type size step (`applyFits`), set the final
 * sizes in the page and print it. The speaker notes, which show the slides
 * at those sizes, are drawn and printed as a job of their own meanwhile.
 */
export async function printDeck(
  document: DeckDocument,
  session: BrowserSession,
  context: Pick<FormatContext, 'templates'>,
  labels: { deck: string; notes: string },
): Promise<PrintedDeck> {
  const { slides } = document.data.deck
  let overflows: OverflowReport[] = []
  let notes: Promise<PrintedDeck['notes']> | undefined
  const deck = await session.withDocument(
    document.html,
    { label: labels.deck, assets: document.assets, viewport: SLIDE, pages: slides.length },
    async (page) => {
      overflows = applyFits(slides, await page.evaluate(measureSlides, undefined))
      await page.evaluate(showSlideSizes, slideSizes(slides))
      // Not awaited here: the notes wait for a page of their own, which may be this one once it is done.
      notes ??= renderHtml(context.templates, 'notes.liquid', document.data).then(async (html) => ({
        html,
        pdf: await session.pdf(html, { label: labels.notes, assets: document.assets, pages: slides.length, ...PRINT }),
      }))
      notes.catch(() => {})
      return await page.pdf(PRINT)
    },
  )
  return { document, deck, notes: await notes!, overflows }
}

/** The deck's and the notes' PDFs for one pack. */
export async function renderConference(
  pack: Pack,
  context: FormatContext,
  images: ReadonlyMap<string, PrintImage> = new Map(),
): Promise<OutputFile[]> {
  const paths = deckPaths(pack)
  const started = performance.now()
  const prepared = await prepareDeck(pack, context, images)
  const session = await context.browser()
  const ready = performance.now()
  const { document, deck, notes, overflows } = await printDeck(prepared, session, context, paths)
  for (const overflow of overflows) context.report(overflowMessage(overflow, paths.deck, pack.audience.file))
  debug(
    '%s: %d slides, %d overflowing; measured and printed with its notes in %d ms (%d ms in all)',
    paths.deck,
    document.data.deck.total,
    overflows.length,
    Math.round(performance.now() - ready),
    Math.round(performance.now() - started),
  )
  const file = (path: string, contents: Uint8Array): OutputFile => ({
    path,
    contents,
    audience: pack.audience.id,
    format: 'conference',
    finding: null,
  })
  return [
    file(paths.deck, await finishPdf(deck, document.html, document.metadata)),
    file(paths.notes, await finishPdf(notes.pdf, notes.html, document.notesMetadata)),
  ]
}
