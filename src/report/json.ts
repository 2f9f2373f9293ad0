/**
 * `--format json`: a stable, documented schema (README, "Check in CI").
 * Version 1: { version, summary: { errors, warnings, files }, files: [{ path, messages: [...] }] }.
 */
import type { VFile } from 'vfile'

export interface JsonMessage {
  line: number | null
  column: number | null
  endLine: number | null
  endColumn: number | null
  severity: 'error' | 'warning'
  ruleId: string | null
  message: string
}

export interface JsonReport {
  version: 1
  summary: { errors: number; warnings: number; files: number }
  files: { path: string; messages: JsonMessage[] }[]
}

export function toJsonReport(files: readonly VFile[]): JsonReport {
  let errors = 0
  let warnings = 0
  const withMessages = files
    .filter((file) => file.messages.length > 0)
    .map((file) => ({
      path: file.path,
      messages: [...file.messages]
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
        .map((m): JsonMessage => {
          if (m.fatal === true) errors++
          else warnings++
          return {
            line: m.line ?? null,
            column: m.column ?? null,
            endLine: m.place && 'end' in m.place ? m.place.end.line : null,
            endColumn: m.place && 'end' in m.place ? m.place.end.column : null,
            severity: m.fatal === true ? 'error' : 'warning',
            ruleId: m.ruleId ?? null,
            message: m.reason,
          }
        }),
    }))
  return { version: 1, summary: { errors, warnings, files: files.length }, files: withMessages }
}
