/**
 * The training handout of one pack: A4 portrait, a cover, a table of
 * contents with page numbers, "Det här får du med dig", one section per
 * finding (summary, key figures, recommendations as a checklist, discussion
 * questions, room for notes), then notes pages. Drawn by
 * `templates/handout/handout.liquid`, written as `handout.html` and printed
 * to `handout.pdf`. The two differ only in their font URLs: `handout.html`
 * loads the fonts from `assets/fonts/`, written for it (`siteAssets`).
 *
 * Headless Chromium has no hyphenation dictionaries: the HTML gets soft
 * hyphens by language first (`../print/hyphenate.ts`), the same in both.
 *
 * Chromium has no `target-counter()`, so the table of contents takes two
 * prints of one loaded page: the first one's named destinations (every
 * `<a href="#id">` target) tell on which page each section starts; the
 * numbers are written into the TOC's `[data-toc-page]` boxes and the second
 * print shows them. The boxes have a fixed width, so filling them in moves
 * nothing; a third print runs only if the pages moved anyway.
 */
import createDebug from 'debug'
import type { PdfMetadata } from '../../browser/pdf-metadata.js'
import { safeUrl } from '../../render/url.js'
import type { FindingView, Pack } from '../../tailor/view.js'
import type { Asset, BrowserSession, FormatContext, OutputFile, PrintOptions, RenderMessage, SiteView } from '../types.js'
import {
  BROWSER_ASSET_BASE,
  DISK_ASSET_BASE,
  destinationPages,
  labeller,
  packTitle,
  fontFaceViews,
  printAssets,
  renderPrintHtml,
  imageView,
  PRINT_HYPHENATION,
  printFooter,
  printMetadata,
  printTheme,
  qrCode,
  findingAnchor,
  finishPdf,
  webPackUrl,
  type FontFaceView,
  type ImageView,
  type PrintImage,
  type PrintFooter,
  type PrintTheme,
  type QrView,
} from '../print/index.js'
import { diskHandoutHtml } from './disk.js'

const debug = createDebug('sprid:handout')

/** Prints at most, counting the first. */
export const MAX_PASSES = 3
/** Notes pages at the end. */
export const NOTES_PAGES = 2

/** One line of the table of contents. */
export interface TocEntry {
  /** Anchor id of the section, also its PDF named destination. */
  id: string
  title: string
  /** The finding's number, for finding sections. */
  number?: number
  /**
   * 1-based page the section starts on, learnt from the draft print.
   * Templates see it unset: the numbers go into `[data-toc-page]` boxes,
   * in the printed page and in `handout.html` alike.
   */
  page?: number
}

/** One finding's section. */
export interface HandoutSection {
  /** Anchor id: {@link findingAnchor}. */
  id: string
  /** 1-based position in the pack. */
  number: number
  finding: FindingView
}

/** What `handout.liquid` receives as `handout`. */
export interface HandoutView {
  /** The pack's title (`{audience} – {site}`), also the PDF title. */
  title: string
  /** The cover's heading: the site title. */
  heading: string
  audience: string
  organisation?: string
  /** Build date, `YYYY-MM-DD`. */
  date: string
  sections: HandoutSection[]
  toc: TocEntry[]
  /** The audience's call to action, its URL made safe (`''` when unsafe or absent). */
  cta?: { text: string; url: string }
  /** QR code to the pack's web home, when `site.baseUrl` is set. */
  qr?: QrView
  /** Running footer: CSS-escaped title and `Sida {n} av {total}` parts. */
  footer: PrintFooter
  /** Notes pages at the end (each a page of ruled lines). */
  notesPages: number
  /** The audience's logo (`theme.logo`), when it could be read. */
  logo?: ImageView
}

/** Everything `handout.liquid` receives. */
export interface HandoutTemplateData extends Record<string, unknown> {
  lang: string
  site: SiteView
  pack: Pack
  audience: Pack['audience']
  theme: PrintTheme
  /**
   * `@font-face` rules to write (fonts.css, with URLs under
   * `https://sprid.local/assets/` in Chromium, `../assets/` in handout.html on disk).
   */
  fonts: FontFaceView[]
  handout: HandoutView
}

export interface HandoutDocument {
  data: HandoutTemplateData
  /** The HTML as it goes into Chromium. */
  html: string
  assets: Asset[]
  metadata: PdfMetadata
}

export const handoutPaths = (pack: Pack) => ({
  html: `${pack.audience.id}/handout.html`,
  pdf: `${pack.audience.id}/handout.pdf`,
})

/** Anchor ids of the fixed sections. */
export const TAKEAWAYS_ID = 'takeaways'
export const NOTES_ID = 'notes'

/**
 * What `handout.liquid` is drawn with, its assets (fonts, logo) under
 * `base`: {@link BROWSER_ASSET_BASE} in Chromium, {@link DISK_ASSET_BASE}
 * in `handout.html`. No page numbers yet.
 */
async function handoutData(
  pack: Pack,
  context: Pick<FormatContext, 'site' | 'templates'>,
  images: ReadonlyMap<string, PrintImage>,
  base: string,
): Promise<HandoutTemplateData> {
  const { site, templates } = context
  const logo = logoView(pack, site, images, base)
  const label = labeller(templates, pack.lang)
  const title = packTitle(label, site, pack)
  const webUrl = webPackUrl(site, pack)
  const sections: HandoutSection[] = pack.findings.map((finding, index) => ({
    id: findingAnchor(finding.id),
    number: index + 1,
    finding,
  }))
  const toc: TocEntry[] = [
    { id: TAKEAWAYS_ID, title: label('handout.takeaways') },
    ...sections.map((section) => ({ id: section.id, title: section.finding.title, number: section.number })),
    { id: NOTES_ID, title: label('handout.notes') },
  ]
  const cta = pack.audience.cta?.text
    ? { text: pack.audience.cta.text, url: safeUrl(pack.audience.cta.url ?? '') }
    : undefined
  const handout: HandoutView = {
    title,
    heading: site.title,
    audience: pack.audience.name,
    ...(site.organisation ? { organisation: site.organisation } : {}),
    date: pack.date || site.date,
    sections,
    toc,
    ...(cta ? { cta } : {}),
    ...(webUrl ? { qr: await qrCode(webUrl) } : {}),
    footer: printFooter(label, title),
    notesPages: NOTES_PAGES,
    ...(logo ? { logo } : {}),
  }
  return {
    lang: pack.lang,
    site,
    pack,
    audience: pack.audience,
    theme: printTheme(pack.audience.theme.accent),
    fonts: await fontFaceViews(templates, 'handout', base),
    handout,
  }
}

function logoView(pack: Pack, site: SiteView, images: ReadonlyMap<string, PrintImage>, base: string): ImageView | undefined {
  const file = pack.audience.theme.logo
  return file ? imageView(images.get(file), base, site.organisation ?? '') : undefined
}

/** The handout's data and its first HTML as Chromium loads it (no page numbers yet). No browser needed. */
export async function prepareHandout(
  pack: Pack,
  context: Pick<FormatContext, 'site' | 'templates'>,
  images: ReadonlyMap<string, PrintImage> = new Map(),
): Promise<HandoutDocument> {
  const data = await handoutData(pack, context, images, BROWSER_ASSET_BASE)
  return {
    data,
    html: await renderHtml(context.templates, data),
    assets: await printAssets(images),
    metadata: printMetadata(context.site, pack, data.handout.title),
  }
}

/** `handout.liquid` drawn with `data`, soft hyphens added in the pack's language (Chromium has no dictionaries). */
function renderHtml(templates: FormatContext['templates'], data: HandoutTemplateData): Promise<string> {
  return renderPrintHtml(templates, 'handout', 'handout.liquid', data, PRINT_HYPHENATION)
}

/** The print that goes out: tagged, with bookmarks. */
const FINAL: PrintOptions = { preferCSSPageSize: true, tagged: true, outline: true }
/** A print read only for where the sections start: no tags or bookmarks to build. */
const DRAFT: PrintOptions = { preferCSSPageSize: true, tagged: false, outline: false }

/**
 * Runs inside the page (serialised by puppeteer): hide everything for the
 * draft print, or show it again. Visibility changes no layout, and Chromium
 * still writes the named destinations of hidden elements, so the draft
 * tells the final print's page numbers with nothing to paint: about 40 %
 * less time, and a seventh of the bytes to read. The page-margin boxes
 * (the running footer) go too: they sit in the margins, outside the page
 * area the content flows through.
 */
function hideForDraft(hidden: boolean): void {
  document.getElementById('sprid-draft')?.remove()
  if (!hidden) return
  const style = document.createElement('style')
  style.id = 'sprid-draft'
  const sides = { top: ['left-corner', 'left', 'center', 'right', 'right-corner'], bottom: ['left-corner', 'left', 'center', 'right', 'right-corner'], left: ['top', 'middle', 'bottom'], right: ['top', 'middle', 'bottom'] }
  const boxes = Object.entries(sides).flatMap(([side, places]) => places.map((place) => `@${side}-${place} { content: none !important; }`))
  style.textContent = `body * { visibility: hidden !important; } @page { ${boxes.join(' ')} }`
  document.head.append(style)
}

/** The contents' page numbers known so far, as `[id, page]`. */
const tocPages = (toc: readonly TocEntry[]): [string, number][] =>
  toc.flatMap((entry) => (entry.page === undefined ? [] : [[entry.id, entry.page] as [string, number]]))

/** Fill in the table of contents from a print; true when any number changed. */
function fillPages(toc: TocEntry[], pages: ReadonlyMap<string, number>): boolean {
  let changed = false
  for (const entry of toc) {
    const page = pages.get(entry.id)
    if (page !== entry.page) changed = true
    entry.page = page
  }
  return changed
}

/**
 * Runs inside the page (serialised by puppeteer): write each page number
 * into its `[data-toc-page="<id>"]` box (emptying a box whose id has none),
 * as `diskHandoutHtml` does for `handout.html`.
 */
export function showTocPages(pages: Record<string, number>): number {
  const boxes = Array.from(document.querySelectorAll('[data-toc-page]'))
  for (const box of boxes) {
    const page = pages[box.getAttribute('data-toc-page') ?? '']
    box.textContent = page === undefined ? '' : String(page)
  }
  return boxes.length
}

/** Runs inside the page: how many `[data-toc-page]` boxes wait for a page number. */
function countTocBoxes(): number {
  return document.querySelectorAll('[data-toc-page]').length
}

/** A `handout.liquid` (a project's own) without `[data-toc-page]` boxes: its PDF's contents cannot show page numbers. */
function noTocBoxes(pdf: string): RenderMessage {
  return {
    severity: 'warning',
    ruleId: 'handout-toc-pages',
    message: `The contents of ${pdf} show no page numbers: handout.liquid has no [data-toc-page] boxes. Give each contents entry one, as the built-in template does: <span data-toc-page="{{ entry.id }}"></span>`,
  }
}

/** A handout of `sections` findings: the pages it is likely to print, for the watchdog. */
const expectedPages = (sections: number): number => 4 + 2 * sections + NOTES_PAGES

/**
 * Print the handout until its table of contents is right, on one loaded
 * page: a draft print (untagged, nothing painted: the cheapest) tells
 * where each section starts, the numbers go into the page's TOC boxes, and the final print
 * follows; another one only if the pages moved anyway (at most
 * {@link MAX_PASSES} prints in all). A template without TOC boxes is
 * printed once. Returns the data with the numbers filled in, the
 * unstamped PDF, and how many `[data-toc-page]` boxes took them.
 */
export async function printHandout(
  document: HandoutDocument,
  session: BrowserSession,
  label: string,
): Promise<{ document: HandoutDocument; pdf: Uint8Array; passes: number; tocBoxes: number }> {
  const { toc } = document.data.handout
  let passes = 0
  let tocBoxes = 0
  const pdf = await session.withDocument(
    document.html,
    { label, assets: document.assets, pages: MAX_PASSES * expectedPages(document.data.handout.sections.length) },
    async (page) => {
      // Without boxes for the numbers (a project's own template), a draft would tell nothing anyone sees.
      if ((await page.evaluate(countTocBoxes)) === 0) {
        passes = 1
        return await page.pdf(FINAL)
      }
      await page.evaluate(hideForDraft, true)
      let printed = await page.pdf(DRAFT)
      await page.evaluate(hideForDraft, false)
      passes = 1
      while (passes < MAX_PASSES) {
        // After a crash and retry the numbers may already be filled in: the first final print always follows.
        if (!fillPages(toc, await destinationPages(printed)) && passes > 1) break
        tocBoxes = await page.evaluate(showTocPages, Object.fromEntries(tocPages(toc)))
        printed = await page.pdf(FINAL)
        passes += 1
      }
      return printed
    },
  )
  return { document, pdf, passes, tocBoxes }
}

/** `handout.html` on its own, without page numbers: what the paged preview shows (`FormatContext.pdf` false). */
export async function renderHandoutHtml(
  pack: Pack,
  context: FormatContext,
  images: ReadonlyMap<string, PrintImage> = new Map(),
): Promise<OutputFile[]> {
  const html = await renderHtml(context.templates, await handoutData(pack, context, images, DISK_ASSET_BASE))
  return [{ path: handoutPaths(pack).html, contents: html, audience: pack.audience.id, format: 'handout', finding: null }]
}

/** `handout.html` and `handout.pdf` for one pack. */
export async function renderHandout(
  pack: Pack,
  context: FormatContext,
  images: ReadonlyMap<string, PrintImage> = new Map(),
): Promise<OutputFile[]> {
  const paths = handoutPaths(pack)
  const started = performance.now()
  const prepared = await prepareHandout(pack, context, images)
  const session = await context.browser()
  const ready = performance.now()
  const { document, pdf, passes, tocBoxes } = await printHandout(prepared, session, paths.pdf)
  if (tocBoxes === 0) context.report(noTocBoxes(paths.pdf))
  debug('%s: %d prints in %d ms (%d ms in all)', paths.pdf, passes, Math.round(performance.now() - ready), Math.round(performance.now() - started))
  // handout.html: the printed HTML with the print's page numbers, not the template drawn again.
  const diskHtml = await diskHandoutHtml(document.html, new Map(tocPages(document.data.handout.toc)))
  const file = (path: string, contents: string | Uint8Array): OutputFile => ({
    path,
    contents,
    audience: pack.audience.id,
    format: 'handout',
    finding: null,
  })
  return [file(paths.html, diskHtml), file(paths.pdf, await finishPdf(pdf, document.html, document.metadata))]
}
