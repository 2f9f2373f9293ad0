/**
 * Errors of the browser layer. Finding or launching Chromium maps to exit
 * code 3; a failing job (timeout, crash twice, a broken page) names the job
 * label so the engine can report it as a fatal message on that output.
 */
import { EXIT, SpridError } from '../errors.js'
import type { FinderStep } from './finders/types.js'

const HOW_TO_GET_ONE = [
  'Get one in any of these ways:',
  '  - install Chromium: `apt-get install chromium` (Debian/Ubuntu), or install Google Chrome or Microsoft Edge;',
  '  - point sprid at a browser with the environment variable: `CHROME_PATH=/path/to/chrome sprid build`;',
  '  - or pass it on the command line: `sprid build --browser /path/to/chrome` (or `browser` in sprid.config).',
].join('\n')

/** Lines describing each finder step, for error messages and `sprid doctor`. */
export function formatFinderSteps(steps: readonly FinderStep[]): string {
  return steps.map((step) => `  - ${step.source}: ${step.detail}`).join('\n')
}

/**
 * No Chromium-based browser could be found (or the one asked for with
 * `--browser` is not an executable). Exit code 3.
 */
export class BrowserNotFoundError extends SpridError {
  override name = 'BrowserNotFoundError'
  override readonly exitCode = EXIT.NO_BROWSER
  /** Every finder step that was tried, in order, with what it found. */
  readonly steps: readonly FinderStep[]

  constructor(message: string, options: { steps: readonly FinderStep[]; cause?: unknown }) {
    super(
      `${message}\nTried:\n${formatFinderSteps(options.steps)}\n${HOW_TO_GET_ONE}`,
      { exitCode: EXIT.NO_BROWSER, cause: options.cause },
    )
    this.steps = options.steps
  }
}

/** A browser was found but would not start (or kept crashing). Exit code 3. */
export class BrowserLaunchError extends SpridError {
  override name = 'BrowserLaunchError'
  override readonly exitCode = EXIT.NO_BROWSER
  /** The executable that failed. */
  readonly path: string

  constructor(message: string, options: { path: string; cause?: unknown }) {
    super(message, { exitCode: EXIT.NO_BROWSER, cause: options.cause })
    this.path = options.path
  }
}

/** Why a job failed. */
export type BrowserJobFailure = 'timeout' | 'crash' | 'error'

/**
 * One PDF, screenshot or measurement failed: the watchdog fired, the browser
 * crashed again after the one relaunch, or the page itself failed. The message
 * starts with the job label (e.g. `boende/conference`). Exit code 1: the engine
 * reports it as a fatal message on that output and goes on with the others.
 */
export class BrowserJobError extends SpridError {
  override name = 'BrowserJobError'
  /** The job label, e.g. `boende/conference`. */
  readonly label: string
  readonly reason: BrowserJobFailure

  constructor(
    message: string,
    options: { label: string; reason: BrowserJobFailure; cause?: unknown },
  ) {
    super(`${options.label}: ${message}`, { exitCode: EXIT.CONTENT, cause: options.cause })
    this.label = options.label
    this.reason = options.reason
  }
}
