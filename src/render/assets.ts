/**
 * Names for copied files (project images, logos): content-hashed, so a
 * changed image gets a new URL and browsers never show a stale one, and the
 * same image used by two packs is written once.
 */
import path from 'node:path'
import { sha256 } from '../output/hash.js'
import { slugify } from '../content/slug.js'

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
}

/** The MIME type for a file name, by extension; `application/octet-stream` when unknown. */
export function mimeType(file: string): string {
  return MIME_TYPES[path.posix.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The output path of a copied file: `<folder>/<name>.<hash8>.<ext>`, where
 * `name` is the file's base name as an ASCII slug (`Värme Bild.PNG` ->
 * `varme-bild`), `hash8` the first 8 hex digits of the SHA-256 of `contents`
 * and `ext` the lowercased extension.
 *
 * @example hashedAssetPath('findings/img/Tak.PNG', bytes) // 'assets/img/tak.3f9a1c2e.png'
 */
export function hashedAssetPath(file: string, contents: Uint8Array | string, folder = 'assets/img'): string {
  const base = path.posix.basename(file.replace(/\\/g, '/'))
  const ext = path.posix.extname(base).toLowerCase().replace(/[^.a-z0-9]/g, '')
  const name = slugify(ext ? base.slice(0, -ext.length) : base) || 'file'
  const hash = sha256(contents).slice(0, 8)
  return `${folder.replace(/\/+$/, '')}/${name}.${hash}${ext}`
}
