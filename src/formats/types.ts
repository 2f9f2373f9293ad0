/**
 * The one interface every output format implements. A format turns packs into
 * files; it never writes to disk itself (the output stage does, atomically).
 */
import type { Pack } from '../tailor/view.js'

export type FormatId = 'web' | 'conference' | 'handout' | 'social' | 'card'

/** Site-wide data every template receives as `site`. */
export interface SiteView {
  title: string
  organisation?: string
  /** Absolute base URL without trailing slash, when configured. */
  baseUrl?: string
  /** The project's default language. */
  lang: string
  /** The build date, `YYYY-MM-DD`. */
  date: string
  /** `sprid <version>`, for generator tags and PDF metadata. */
  generator: string
}

/** One file a format produces. `path` is posix and relative to the output folder. */
export interface OutputFile {
  path: string
  contents: string | Uint8Array
  audience: string | null
  format: FormatId
  finding: string | null
}

/** A problem found while rendering, reported like any content problem. */
export interface RenderMessage {
  severity: 'error' | 'warning'
  ruleId: string
  message: string
  /** Project-relative file and position the problem is about, when known. */
  file?: string
  line?: number
  column?: number
}

/**
 * A unit of rendering work. `inputs` is plain data that fully determines the
 * output (besides templates, config and sprid's version, which the engine adds):
 * its hash is the cache key, so a job whose inputs did not change is not run.
 */
export interface RenderJob {
  /** Human label for progress and errors, e.g. `boende/conference.pdf`. */
  label: string
  audience: string | null
  finding: string | null
  inputs: unknown
  run(): Promise<OutputFile[]>
}

/** Renders Liquid templates from `templates/<format>/` (project files override built-in ones). */
export interface TemplateRenderer {
  /** Render `templates/<format>/<name>` with `data` merged over the shared globals. */
  render(format: FormatId, name: string, data: Record<string, unknown>): Promise<string>
  /** Read a static file (CSS, SVG) from the template folders, with the same override rule. */
  readFile(format: FormatId, name: string): Promise<Uint8Array>
}

/** Static files a page needs (fonts, CSS, project images), answered from memory by the browser. */
export interface Asset {
  /** Posix path relative to the output folder, e.g. `assets/inter-400.woff2`. */
  path: string
  contents: Uint8Array
  /** MIME type. */
  type: string
}

/** The build's one shared Chromium; pages are pooled and always closed. */
export interface BrowserSession {
  /** Print `html` to PDF. `assets` are served from memory; nothing else loads. */
  pdf(html: string, options: PdfOptions): Promise<Uint8Array>
  /** Screenshot `html` at a fixed viewport as PNG. */
  screenshot(html: string, options: ScreenshotOptions): Promise<Uint8Array>
  /** Run `fn` against a loaded page (e.g. to measure overflow); JavaScript stays off in the page itself. */
  evaluate<T>(html: string, options: PageOptions, fn: () => T): Promise<T>
  /**
   * Load `html` into one page and run `steps` on it: measure, change the
   * DOM, print, as often as needed, without loading the document again.
   * One job: one watchdog (scaled by `pages`), and on a browser crash
   * `steps` run again from the start on a fresh page, so they must not
   * depend on what an earlier run did to the page.
   */
  withDocument<T>(html: string, options: PageOptions, steps: (document: LoadedDocument) => Promise<T>): Promise<T>
}

/** A document loaded in a page, for {@link BrowserSession.withDocument}. */
export interface LoadedDocument {
  /**
   * Run `fn(arg)` in the page from outside and return its (serialisable)
   * result. Page JavaScript stays off; `fn` may read and change the DOM.
   */
  evaluate<T>(fn: () => T): Promise<T>
  evaluate<A, T>(fn: (arg: A) => T, arg: A): Promise<T>
  /** Print the page as it is now. */
  pdf(options?: PrintOptions): Promise<Uint8Array>
}

export interface PageOptions {
  /** Label for errors, e.g. `boende/conference`. */
  label: string
  assets: readonly Asset[]
  /** Watchdog in milliseconds. @default the manager's base (30 s) plus its time per page (2 s) for each of `pages` */
  timeout?: number
  /** Pages the job is expected to print, every print counted: lengthens the default watchdog. @default 0 */
  pages?: number
  /** @default { width: 1280, height: 800 } */
  viewport?: { width: number; height: number }
}

/** How Chromium prints. */
export interface PrintOptions {
  /** Let CSS `@page` decide the page size. @default true */
  preferCSSPageSize?: boolean
  /** Bookmarks from the headings. @default true */
  outline?: boolean
  /** A tagged (accessible) PDF. @default true */
  tagged?: boolean
}

export interface PdfOptions extends PageOptions, PrintOptions {}

export interface ScreenshotOptions extends PageOptions {
  viewport: { width: number; height: number }
}

/** What the engine hands a format when planning. */
export interface FormatContext {
  site: SiteView
  /** Every pack of this build, in audience order. */
  packs: readonly Pack[]
  templates: TemplateRenderer
  /** False when the paged formats write their HTML instead of printing PDFs (`BuildOptions.pdf`). */
  pdf: boolean
  /** The shared browser, launched on first use (by the first job that asks). */
  browser(): Promise<BrowserSession>
  /** The profile's options for `format` (`{}` for `true`); `undefined` when the audience does not get it. */
  formatOptions(format: FormatId, audience: string): Readonly<Record<string, unknown>> | undefined
  /** The config's `social` section: `utm_campaign` and platform rule overrides. */
  social: { utm_campaign?: string; platforms?: Readonly<Record<string, unknown>> }
  /** Read a file named relative to the project root (posix), e.g. a logo; never outside the root. */
  readProjectFile(path: string): Promise<Uint8Array>
  /** Report a render problem; errors fail the build, warnings do not. */
  report(message: RenderMessage): void
}

export interface Format {
  id: FormatId
  /** Jobs for files that belong to the whole build (landing page, stylesheet, sitemap). */
  planSite?(context: FormatContext): RenderJob[] | Promise<RenderJob[]>
  /**
   * The files under `assets/` that this format's output loads (sprid's
   * fonts, project images), declared whatever other formats run: formats
   * may declare the same file (with the same bytes), and the build writes
   * each once (see `shared-assets.ts`).
   */
  siteAssets?(context: FormatContext): OutputFile[] | Promise<OutputFile[]>
  /** Jobs for one audience's pack. */
  planPack(pack: Pack, context: FormatContext): RenderJob[] | Promise<RenderJob[]>
}
