/**
 * Code frames for the overlay: the lines around a message with line numbers
 * and a caret under its column.
 *
 * ```
 *   2 | title: Mötesplatser
 * > 3 | date: 2020-13-01
 *     |       ^
 *   4 | ---
 * ```
 */

export interface CodeFrameOptions {
  /** Lines shown before and after. @default 2 */
  context?: number
  /** Longer lines are cut, so a minified file cannot flood the page. @default 240 */
  maxLineLength?: number
}

/** The frame around `line` (1-based) of `source`; an empty string when the line is not in the source. */
export function codeFrame(source: string, line: number, column?: number | null, options: CodeFrameOptions = {}): string {
  const context = options.context ?? 2
  const maxLineLength = options.maxLineLength ?? 240
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return ''
  const first = Math.max(1, line - context)
  const last = Math.min(lines.length, line + context)
  const width = String(last).length
  const out: string[] = []
  for (let number = first; number <= last; number++) {
    const text = cut(lines[number - 1]!, maxLineLength)
    const marker = number === line ? '>' : ' '
    out.push(`${marker} ${String(number).padStart(width)} |${text ? ` ${text}` : ''}`)
    if (number === line && column && column >= 1) {
      // Keep tabs so the caret lines up with what the line shows.
      const before = text.slice(0, Math.min(column - 1, text.length)).replace(/[^\t]/g, ' ')
      out.push(`  ${' '.repeat(width)} | ${before}^`)
    }
  }
  return out.join('\n')
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
