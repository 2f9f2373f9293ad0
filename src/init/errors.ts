/** Errors of `sprid init`. */
import { EXIT, SpridError } from '../errors.js'

export type InitErrorReason = 'not-empty' | 'not-a-folder' | 'symlink' | 'unknown-lang' | 'io'

/** `sprid init` refused to write, or could not: exit code 2, nothing of the scaffold left half-written that was not there. */
export class InitError extends SpridError {
  override name = 'InitError'
  readonly reason: InitErrorReason
  /** The folder (or file) the error is about. */
  readonly path: string

  constructor(message: string, options: { reason: InitErrorReason; path: string; cause?: unknown }) {
    super(message, { exitCode: EXIT.USAGE, cause: options.cause })
    this.reason = options.reason
    this.path = options.path
  }
}
