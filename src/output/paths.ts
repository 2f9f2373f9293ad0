/**
 * Path checks shared by the writer and the cache: output paths must be clean,
 * relative posix paths that stay inside the output folder on every OS.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { OutputPathError } from './errors.js'
import { isCode } from './hash.js'

// Control characters, and characters Windows does not allow in file names
// (`:` would also write an NTFS alternate data stream).
const forbidden = /[\u0000-\u001f\u007f\\:*?"<>|]/

/**
 * Check that `file` is a clean posix path relative to the output folder:
 * not empty, not absolute, no `.` / `..` / empty segments, no backslashes,
 * NUL or other characters that are not portable.
 *
 * @returns `file`, unchanged.
 * @throws {OutputPathError}
 */
export function assertRelativePath(file: string): string {
  const fail = (why: string): never => {
    throw new OutputPathError(`Cannot write output file \`${printable(file)}\`: ${why}`, {
      path: file,
    })
  }
  if (typeof file !== 'string' || file === '') fail('the path is empty')
  if (file.includes('\0')) fail('the path contains a NUL character')
  if (file.includes('\\')) fail('use `/` to separate folders, not `\\`')
  if (file.startsWith('/') || /^[a-zA-Z]:/.test(file)) {
    fail('the path must be relative to the output folder')
  }
  if (forbidden.test(file)) fail('the path contains a character that is not portable')
  for (const segment of file.split('/')) {
    if (segment === '') fail('the path has an empty folder name (`//` or a trailing `/`)')
    if (segment === '.' || segment === '..') fail('the path must stay inside the output folder')
  }
  if (file.length > 1024) fail('the path is too long')
  return file
}

/** Key for detecting clashes that only show on case-insensitive filesystems. */
export function clashKey(file: string): string {
  return file.normalize('NFC').toLowerCase()
}

function printable(file: unknown): string {
  return JSON.stringify(String(file)).slice(1, -1)
}

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin'

function norm(file: string): string {
  return caseInsensitive ? file.toLowerCase() : file
}

/** Whether two absolute paths name the same place (case-insensitively on macOS and Windows). */
export function samePath(a: string, b: string): boolean {
  return norm(path.resolve(a)) === norm(path.resolve(b))
}

/** Whether `ancestor` strictly contains `descendant` (both absolute). */
export function isAncestor(ancestor: string, descendant: string): boolean {
  const relative = path.relative(norm(path.resolve(ancestor)), norm(path.resolve(descendant)))
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative)
}

/** Whether `file` is the root of its filesystem (`/`, `C:\`, `\\server\share\`). */
export function isFilesystemRoot(file: string): boolean {
  const resolved = path.resolve(file)
  return path.parse(resolved).root === resolved
}

/**
 * The real path of `file`, also when it does not exist yet: the nearest
 * existing ancestor is resolved (symlinks followed) and the rest appended.
 */
export async function realish(file: string): Promise<string> {
  const resolved = path.resolve(file)
  const rest: string[] = []
  let current = resolved
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse())
    } catch (error) {
      if (!isCode(error, 'ENOENT', 'ENOTDIR')) throw error
      const parent = path.dirname(current)
      if (parent === current) return resolved
      rest.push(path.basename(current))
      current = parent
    }
  }
}
