/** The browser layer: find Chromium, one shared browser, withPage, PDF, screenshot. */
export {
  ASSET_BASE,
  ASSET_ORIGIN,
  CONTENT_SECURITY_POLICY,
  assetPathOf,
  assetUrl,
  cspMeta,
  injectCsp,
} from './csp.js'
export { doctorInfo, type BrowserDoctorInfo, type BrowserDoctorOptions } from './doctor.js'
export {
  BrowserJobError,
  BrowserLaunchError,
  BrowserNotFoundError,
  formatFinderSteps,
  type BrowserJobFailure,
} from './errors.js'
export {
  defaultFinders,
  findBrowser,
  inspectFinders,
  nodeFinderContext,
  type BrowserChoice,
  type FindBrowserOptions,
} from './finder.js'
export type {
  BrowserSource,
  Finder,
  FinderContext,
  FinderOptions,
  FinderResult,
  FinderStep,
  FoundBrowser,
  HeadlessMode,
} from './finders/types.js'
export { BASE_ARGS, isRoot, launchArgs, launchBrowser, type LaunchedBrowser, type LaunchOptions } from './launch.js'
export {
  createBrowserManager,
  type BrowserManager,
  type BrowserManagerOptions,
  type BrowserPdfOptions,
  type BrowserStatus,
} from './manager.js'
export { closePage, createPagePool, loadPage, withPage, type BlockedRequest, type LoadPageOptions, type PagePool } from './page.js'
export { metadataDate, stampPdfMetadata, xmpPacket, type PdfMetadata } from './pdf-metadata.js'
