/**
 * What the overlay shows: the errors of a failed build, from the same
 * message list as the terminal report and `--json`, each with a code frame
 * read from its file.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { toJsonReport } from '../report/json.js'
import { SpridError } from '../errors.js'
import { codeFrame } from './frame.js'

/** One error as the overlay and the `error` event carry it. */
export interface PreviewProblem {
  /** Project-relative path, e.g. `findings/tak.md`; `null` when the problem is not about a file. */
  file: string | null
  line: number | null
  column: number | null
  /** Rule id (`yaml-syntax`), or the error's name for failures that are not content problems (`ConfigError`). */
  ruleId: string | null
  message: string
  /** The lines around `line` with a caret; `null` without a place or when the file cannot be read. */
  frame: string | null
}

/** Files bigger than this get no frame. */
const MAX_FRAME_FILE = 2 * 1024 * 1024

/** The errors (not warnings) of a build's files, with code frames. */
export async function problemsOf(files: readonly VFile[], root: string): Promise<PreviewProblem[]> {
  const problems: PreviewProblem[] = []
  const sources = new Map<string, Promise<string | undefined>>()
  for (const file of toJsonReport(files).files) {
    for (const message of file.messages) {
      if (message.severity !== 'error') continue
      let frame: string | null = null
      if (message.line !== null && file.path) {
        const absolute = path.resolve(root, file.path)
        if (!sources.has(absolute)) sources.set(absolute, readSource(absolute))
        const source = await sources.get(absolute)
        frame = source === undefined ? null : codeFrame(source, message.line, message.column) || null
      }
      problems.push({
        file: file.path || null,
        line: message.line,
        column: message.column,
        ruleId: message.ruleId,
        message: message.message,
        frame,
      })
    }
  }
  return problems
}

/** A build that threw (a broken config, no browser for PDFs) as one problem. */
export function problemOfError(error: unknown, root: string): PreviewProblem {
  const name = error instanceof Error ? error.name : 'Error'
  const message = error instanceof Error ? error.message : String(error)
  const file = error instanceof SpridError && 'path' in error && typeof error.path === 'string' ? error.path : null
  return {
    file: file ? path.relative(root, file).split(path.sep).join('/') || file : null,
    line: null,
    column: null,
    ruleId: name,
    message,
    frame: null,
  }
}

async function readSource(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).size > MAX_FRAME_FILE) return undefined
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

/** `findings/tak.md:3:7`, as in the terminal report. */
export function placeOf(problem: PreviewProblem): string {
  if (!problem.file) return 'sprid'
  if (problem.line === null) return problem.file
  return `${problem.file}:${problem.line}${problem.column === null ? '' : `:${problem.column}`}`
}
