/**
 * Typed errors for everything that is not a content problem, and the one
 * table of exit codes (documented in the README).
 */

export const EXIT = {
  /** Everything went fine (warnings allowed). */
  OK: 0,
  /** Content errors: a finding, profile or template has a problem. */
  CONTENT: 1,
  /** Usage or config errors: bad flags, a broken config file, an unsafe output folder. */
  USAGE: 2,
  /** No Chromium could be found or launched for PDFs and images. */
  NO_BROWSER: 3,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** Base class: a message meant for users, with the exit code it maps to. */
export class SpridError extends Error {
  override name = 'SpridError'
  readonly exitCode: ExitCode

  constructor(message: string, options: { exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.exitCode = options.exitCode ?? EXIT.USAGE
  }
}

/** A config file that cannot be read, throws, or does not validate. */
export class ConfigError extends SpridError {
  override name = 'ConfigError'
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.USAGE, ...options })
  }
}

/** Bad command-line input, such as an unknown audience id. */
export class UsageError extends SpridError {
  override name = 'UsageError'
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.USAGE, ...options })
  }
}
