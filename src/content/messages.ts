/**
 * Every content problem is a `VFileMessage` on the file it is about, with a
 * place, a rule id and `source: 'sprid'`. One list feeds the terminal report,
 * JSON, GitHub annotations and the preview overlay.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Point, Position } from 'unist'

export type Severity = 'error' | 'warning'

/** Rule ids, documented in the README under "Rules". */
export type RuleId =
  | 'empty-file'
  | 'file-too-large'
  | 'file-encoding'
  | 'frontmatter-position'
  | 'frontmatter-unclosed'
  | 'frontmatter-engine'
  | 'frontmatter-missing'
  | 'yaml-syntax'
  | 'yaml-forbidden-key'
  | 'schema'
  | 'unknown-field'
  | 'invalid-id'
  | 'duplicate-id'
  | 'unknown-audience'
  | 'unknown-section'
  | 'unknown-directive'
  | 'unknown-figure'
  | 'missing-image'
  | 'missing-alt'
  | 'orphan-translation'
  | 'missing-translation'
  | 'long-summary'
  | 'readability'
  | 'leak'
  | 'empty-selection'
  | 'template'
  | 'render'
  | 'unused-override'
  | 'social-dropped'
  | 'contrast'
  | 'overflow'
  | (string & {})

/** Report a problem on `file`. Errors are `fatal: true`, warnings `fatal: false`. */
export function report(
  file: VFile,
  severity: Severity,
  ruleId: RuleId,
  reason: string,
  place?: Point | Position,
): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'sprid' })
  message.fatal = severity === 'error'
  return message
}

export function hasErrors(files: Iterable<VFile>): boolean {
  for (const file of files) if (file.messages.some((m) => m.fatal === true)) return true
  return false
}

export function countMessages(files: Iterable<VFile>): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else warnings++
    }
  }
  return { errors, warnings }
}
