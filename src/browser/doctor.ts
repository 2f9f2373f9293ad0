/**
 * What `sprid doctor` says about the browser: every finder step with its
 * result, the browser that would be used and why, and its version when it
 * starts.
 */
import { findBrowser, inspectFinders, nodeFinderContext, type BrowserChoice } from './finder.js'
import type { FinderContext, FinderStep } from './finders/types.js'
import { launchBrowser } from './launch.js'

export interface BrowserDoctorOptions {
  /** Executable from `--browser` / config `browser`. */
  browser?: string
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /** Try to start the browser to read its version. @default true */
  launch?: boolean
  /** @default nodeFinderContext({ env }) */
  context?: FinderContext
}

export interface BrowserDoctorInfo {
  /** Every finder step in order (without side effects), found or not. */
  steps: FinderStep[]
  /** The browser sprid would use. */
  chosen?: Pick<BrowserChoice, 'path' | 'source' | 'reason' | 'headless' | 'args'>
  /** e.g. `HeadlessChrome/153.0.8010.0`, when it started. */
  version?: string
  /** Milliseconds the launch took. */
  launchMs?: number
  /** Why no browser can be used (not found, or it would not start). */
  problem?: { name: string; message: string; exitCode?: number }
}

/** Look for a browser, explain the choice, and (by default) start it once to read its version. */
export async function doctorInfo(options: BrowserDoctorOptions = {}): Promise<BrowserDoctorInfo> {
  const env = options.env ?? process.env
  const context = options.context ?? nodeFinderContext({ env })
  const info: BrowserDoctorInfo = { steps: await inspectFinders({ browser: options.browser, context }) }
  const problem = (error: unknown) => {
    const e = error as Error & { exitCode?: number }
    info.problem = { name: e.name, message: e.message, exitCode: e.exitCode }
    return info
  }
  let chosen: BrowserChoice
  try {
    chosen = await findBrowser({ browser: options.browser, context })
  } catch (error) {
    return problem(error)
  }
  info.chosen = {
    path: chosen.path,
    source: chosen.source,
    reason: chosen.reason,
    headless: chosen.headless,
    args: chosen.args,
  }
  if (options.launch === false) return info
  const started = Date.now()
  try {
    const launched = await launchBrowser(chosen, { env })
    try {
      info.launchMs = Date.now() - started
      info.version = await launched.browser.version()
    } finally {
      await launched.close()
    }
  } catch (error) {
    return problem(error)
  }
  return info
}
