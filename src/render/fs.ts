/**
 * The file system LiquidJS sees: template names are resolved only inside the
 * template folders. Absolute names, `..` segments and NUL bytes never resolve,
 * symlinks must land inside their folder (checked on real paths), and there is
 * no fallback to `require.resolve` (LiquidJS' default would find files in
 * node_modules).
 */
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { FS } from 'liquidjs'

/**
 * Whether `name` is a clean relative template name: not empty, not absolute
 * (posix or Windows), no `..` segment, no NUL byte.
 */
export function isSafeTemplateName(name: string): boolean {
  if (typeof name !== 'string' || name === '' || name.includes('\0')) return false
  if (path.posix.isAbsolute(name) || path.win32.isAbsolute(name) || /^[a-zA-Z]:/.test(name)) return false
  return !name.split(/[/\\]/).some((segment) => segment === '..')
}

/** Whether `file` is inside `root`, comparing real paths (symlinks followed). */
export async function isInside(root: string, file: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)])
    return startsWithFolder(realFile, realRoot)
  } catch {
    return false
  }
}

function isInsideSync(root: string, file: string): boolean {
  try {
    return startsWithFolder(realpathSync(file), realpathSync(root))
  } catch {
    return false
  }
}

function startsWithFolder(file: string, folder: string): boolean {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep
  return file.startsWith(prefix)
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * A LiquidJS `fs` confined to the folders LiquidJS is given as `root`,
 * `partials` and `layouts`. `onRead` sees every template read (to map a
 * template's source back to its file in error messages).
 */
export function createConfinedFs(onRead?: (file: string, text: string) => void): FS {
  return {
    async exists(file) {
      try {
        return (await stat(file)).isFile()
      } catch {
        return false
      }
    },
    existsSync(file) {
      try {
        return statSync(file).isFile()
      } catch {
        return false
      }
    },
    async readFile(file) {
      const text = stripBom(await readFile(file, 'utf8'))
      onRead?.(file, text)
      return text
    },
    readFileSync(file) {
      const text = stripBom(readFileSync(file, 'utf8'))
      onRead?.(file, text)
      return text
    },
    resolve(dir, file, ext) {
      // An empty path is never contained anywhere, so the loader skips it.
      if (!isSafeTemplateName(file)) return ''
      const name = path.extname(file) === '' ? file + ext : file
      return path.resolve(dir, name)
    },
    contains: isInside,
    containsSync: isInsideSync,
    sep: path.sep,
  }
}
