/**
 * Errors of the render stage. A broken template is a content problem (exit
 * code 1) with a place: the template file, line and column.
 */
import { EXIT, SpridError } from '../errors.js'

/**
 * A template cannot be found, parsed or rendered: a typo in a variable or
 * filter name, an unknown label key, `raw` on text that is not sprid's
 * sanitized HTML, an include outside the template folders, a limit hit.
 */
export class TemplateError extends SpridError {
  override name = 'TemplateError'
  /** Rule id for the report. */
  readonly ruleId = 'template'
  /** Absolute path of the template file the problem is in (or the requested name when it was not found). */
  readonly file: string
  /** 1-based line in `file`, when known. */
  readonly line?: number
  /** 1-based column in `file`, when known. */
  readonly column?: number
  /** The problem without its place, e.g. `undefined variable: finding.titel`. */
  readonly reason: string
  /** A few lines of the template around the problem, with a `>>` marker, when known. */
  readonly frame?: string

  constructor(
    reason: string,
    options: { file: string; line?: number; column?: number; frame?: string; cause?: unknown },
  ) {
    const place = options.line === undefined ? options.file : `${options.file}:${options.line}:${options.column ?? 1}`
    super(`${place}: ${reason}`, { exitCode: EXIT.CONTENT, cause: options.cause })
    this.file = options.file
    this.line = options.line
    this.column = options.column
    this.reason = reason
    this.frame = options.frame
  }
}
