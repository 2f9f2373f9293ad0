/** The human report: vfile-reporter's `path\n  line:col severity message rule` per file, then a summary. */
import { reporter } from 'vfile-reporter'
import type { VFile } from 'vfile'

export function toTerminalReport(files: readonly VFile[], options: { color: boolean; quiet?: boolean }): string {
  const withMessages = files.filter((file) => file.messages.length > 0)
  if (withMessages.length === 0) return ''
  return `${reporter(withMessages as VFile[], { color: options.color, quiet: options.quiet ?? false })}\n`
}
