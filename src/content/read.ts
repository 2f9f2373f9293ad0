/**
 * Read a content file defensively: size limit, UTF-8 only, no binaries.
 * A UTF-8 BOM is dropped and CRLF becomes LF (positions stay the same).
 */
import { readFile, stat } from 'node:fs/promises'
import { VFile } from 'vfile'
import { report } from './messages.js'

export const MAX_FILE_BYTES = 1024 * 1024

const decoder = new TextDecoder('utf-8', { fatal: true })

/** A VFile with the file's text as `value`, or with an error message and empty value. */
export async function readContentFile(absolute: string, relative: string, cwd: string): Promise<{ file: VFile; ok: boolean }> {
  const file = new VFile({ path: relative, cwd, value: '' })
  const start = { line: 1, column: 1 }
  const { size } = await stat(absolute)
  if (size > MAX_FILE_BYTES) {
    report(file, 'error', 'file-too-large', `File is too large (${(size / 1024 / 1024).toFixed(1)} MB; the limit is 1 MB)`, start)
    return { file, ok: false }
  }
  const bytes = await readFile(absolute)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    report(file, 'error', 'file-encoding', 'File is not valid UTF-8 text: save it as UTF-8', start)
    return { file, ok: false }
  }
  if (text.includes('\0')) {
    report(file, 'error', 'file-encoding', 'File looks binary (it contains NUL bytes)', start)
    return { file, ok: false }
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (text.trim() === '') {
    report(file, 'error', 'empty-file', 'File is empty: a finding needs front matter with `title` and `summary`', start)
    return { file, ok: false }
  }
  file.value = text
  return { file, ok: true }
}
