/**
 * Shared types of the browser finders. Finders are plain async functions of
 * an injected {@link FinderContext} (platform, environment, file checks), so
 * they can be tested without touching the machine.
 */

/** Where a browser was found, in the order sprid looks. */
export type BrowserSource =
  | 'option'
  | 'env:PUPPETEER_EXECUTABLE_PATH'
  | 'env:CHROME_PATH'
  | 'system'
  | 'puppeteer-cache'
  | '@sparticuz/chromium'

/** Headless mode: `'shell'` for chrome-headless-shell builds, `true` (new headless) for full browsers. */
export type HeadlessMode = true | 'shell'

/** The shape of `@sparticuz/chromium`'s default export that sprid uses. */
export interface SparticuzChromium {
  executablePath(input?: string): Promise<string>
  readonly args: string[]
}

/** What finders may look at. Everything is injected so tests can fake a machine. */
export interface FinderContext {
  platform: NodeJS.Platform
  arch: string
  env: Readonly<Record<string, string | undefined>>
  homedir: string
  /** True when `path` is a file the current user may execute. */
  isExecutable(path: string): Promise<boolean>
  /** True when `path` exists (file or folder). */
  exists(path: string): Promise<boolean>
  /** Names in a folder; `[]` when it does not exist. */
  readdir(path: string): Promise<string[]>
  /** Loads `@sparticuz/chromium` (rejects when it is not installed). */
  loadSparticuz(): Promise<SparticuzChromium>
}

/** One finder step and what it found, for errors and `sprid doctor`. */
export interface FinderStep {
  source: BrowserSource
  /** The executable, when this step found one. */
  path?: string
  /** What the step looked at and what came of it, in a sentence. */
  detail: string
}

/** A browser to launch, and why this one. */
export interface FoundBrowser {
  path: string
  source: BrowserSource
  /** Why this browser was chosen, e.g. `found /usr/bin/chromium (installed Chromium)`. */
  reason: string
  headless: HeadlessMode
  /** Extra Chromium flags this build needs (from `@sparticuz/chromium`). */
  args: readonly string[]
  /** Extra environment for the browser process (e.g. `FONTCONFIG_PATH`). */
  env: Readonly<Record<string, string>>
}

/** What a finder step returns: a browser, or a note on why not. */
export type FinderResult =
  | { found: FoundBrowser; step: FinderStep }
  | { found?: undefined; step: FinderStep }

export interface FinderOptions {
  /** Explicit executable from `--browser` or config `browser`. */
  browser?: string
  /**
   * When false, finders that would have side effects (decompressing
   * `@sparticuz/chromium` to the temp folder) only check they could run.
   * @default true
   */
  resolve?: boolean
}

export type Finder = (context: FinderContext, options: FinderOptions) => Promise<FinderResult>
