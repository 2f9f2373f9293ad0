/**
 * Build progress: a live line on a TTY, plain lines (every tenth of the
 * work) in CI or when piped, nothing with `--quiet`.
 */
import type { JobProgress } from './output/index.js'

export interface ProgressStream {
  write(chunk: string): unknown
}

export function createProgress(stream: ProgressStream, mode: 'live' | 'plain' | 'none'): (progress: JobProgress) => void {
  let lastTenth = -1
  return (progress) => {
    if (mode === 'none') return
    const label = `${progress.done}/${progress.total} ${progress.label}${progress.cached ? ' (cached)' : ''}`
    if (mode === 'live') {
      stream.write(`\r\x1b[2K${label}`)
      if (progress.done === progress.total) stream.write('\r\x1b[2K')
      return
    }
    const tenth = Math.floor((progress.done / progress.total) * 10)
    if (tenth !== lastTenth) {
      lastTenth = tenth
      stream.write(`${Math.round((progress.done / progress.total) * 100)}% ${label}\n`)
    }
  }
}
