/**
 * Serving the build folder, and only it. A request path is decoded once,
 * segment by segment; `.` and `..` segments, encoded slashes and
 * backslashes, NUL bytes and dot-files are refused before any file system
 * call, and the resolved file must still lie inside the folder after
 * symlinks are followed.
 */
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { mimeType as assetMimeType } from '../render/assets.js'

export type Resolved =
  | { kind: 'file'; file: string }
  /** A folder asked for without its trailing slash: redirect so relative links work. */
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; status: 400 | 403 | 404 }

/**
 * The segments of a request path, decoded, or the status to answer with.
 * `'/boende/tak/'` -> `['boende', 'tak', '']`.
 */
export function requestSegments(url: string): string[] | 400 | 403 | 404 {
  const pathname = url.split(/[?#]/, 1)[0]!
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return 400
  if (/[\\\0]/.test(pathname) || /%(?:00|5c)/i.test(pathname)) return 400
  const segments: string[] = []
  for (const encoded of pathname.slice(1).split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(encoded)
    } catch {
      return 400
    }
    if (/[/\\\0]/.test(segment)) return 400
    if (segment === '.' || segment === '..') return 403
    if (segment.startsWith('.')) return 404
    segments.push(segment)
  }
  // Empty segments are only allowed at the end (`/boende/`).
  if (segments.slice(0, -1).includes('')) return 404
  return segments
}

/** Find the file a request path names inside `root`. */
export async function resolveRequest(root: string, url: string): Promise<Resolved> {
  const segments = requestSegments(url)
  if (typeof segments === 'number') return { kind: 'error', status: segments }
  const base = path.resolve(root)
  const target = path.join(base, ...segments)
  if (!isInside(base, target)) return { kind: 'error', status: 403 }
  let file = target
  try {
    if ((await stat(target)).isDirectory()) {
      if (segments.at(-1) !== '') {
        const pathname = url.split(/[?#]/, 1)[0]!
        return { kind: 'redirect', location: `${pathname}/${url.slice(pathname.length)}` }
      }
      file = path.join(target, 'index.html')
    }
    if (!(await stat(file)).isFile()) return { kind: 'error', status: 404 }
    // The build writes no symlinks, but a folder is only as safe as what it points at.
    if (!isInside(await realpath(base), await realpath(file))) return { kind: 'error', status: 403 }
  } catch {
    return { kind: 'error', status: 404 }
  }
  return { kind: 'file', file }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

const PREVIEW_TYPES: Readonly<Record<string, string>> = {
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
}

/** The Content-Type for an output file. */
export function contentType(file: string): string {
  const ext = path.extname(file).toLowerCase()
  if (path.basename(file) === 'feed.xml') return 'application/atom+xml; charset=utf-8'
  return PREVIEW_TYPES[ext] ?? assetMimeType(file)
}
