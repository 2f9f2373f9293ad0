/**
 * Errors of the output stage. Both map to exit code 2 (usage): the output
 * folder or a file path is unsafe, and nothing was replaced.
 */
import { EXIT, SpridError } from '../errors.js'

/** Why an output folder was refused, for tests and `--json` reports. */
export type OutputFolderReason =
  | 'filesystem-root'
  | 'home'
  | 'project-root'
  | 'ancestor'
  | 'protected'
  | 'git'
  | 'not-a-folder'
  | 'symlink'
  | 'not-sprid-output'
  | 'locked'
  | 'io'

/**
 * The output folder cannot be (safely) replaced: it is the project root, the
 * home folder, a filesystem root, holds a `.git` folder or the findings, is a
 * file or a symlink, or is a non-empty folder sprid did not create.
 * Nothing on disk was touched.
 */
export class OutputFolderError extends SpridError {
  override name = 'OutputFolderError'
  /** The resolved output folder. */
  readonly path: string
  readonly reason: OutputFolderReason

  constructor(
    message: string,
    options: { path: string; reason: OutputFolderReason; cause?: unknown },
  ) {
    super(message, { exitCode: EXIT.USAGE, cause: options.cause })
    this.path = options.path
    this.reason = options.reason
  }
}

/**
 * A file path a format produced cannot be written: it escapes the output
 * folder, is not a clean posix path, is reserved, or another file of the same
 * build already uses it.
 */
export class OutputPathError extends SpridError {
  override name = 'OutputPathError'
  /** The path as given. */
  readonly path: string

  constructor(message: string, options: { path: string; cause?: unknown }) {
    super(message, { exitCode: EXIT.USAGE, cause: options.cause })
    this.path = options.path
  }
}
