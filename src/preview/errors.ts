/** Errors of `sprid preview` that are not content problems. */
import { EXIT, SpridError } from '../errors.js'

/** No port to listen on: every port tried was taken, or listening failed otherwise. */
export class PreviewServerError extends SpridError {
  override name = 'PreviewServerError'
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { exitCode: EXIT.USAGE, ...options })
  }
}
