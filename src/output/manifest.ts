/**
 * `manifest.json`: every file of a build with its size and SHA-256, sorted by
 * path, serialized the same way every time (no timestamps), so two builds of
 * the same input give byte-identical manifests.
 */
import type { FormatId } from '../formats/types.js'
import { OutputPathError } from './errors.js'
import { compare } from './hash.js'

/** The manifest's file name at the root of the output folder. */
export const MANIFEST_FILE = 'manifest.json'

/** Who a file is for and which format made it; `null` when it is not about one. */
export interface FileMeta {
  audience: string | null
  /** `null` for files no format produced (written with a bare `{ path, contents }`). */
  format: FormatId | null
  finding: string | null
}

/** One file of the output folder. */
export interface ManifestEntry extends FileMeta {
  /** Posix path relative to the output folder. */
  path: string
  bytes: number
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string
}

export interface Manifest {
  /** sprid's version. */
  sprid: string
  /** Sorted by `path` (code-unit order). */
  outputs: ManifestEntry[]
}

/**
 * Build the manifest from the entries of one build: sorted by path, with the
 * keys of every entry in a fixed order.
 *
 * @throws {OutputPathError} when two entries share a path.
 */
export function createManifest(version: string, entries: Iterable<ManifestEntry>): Manifest {
  const outputs = [...entries]
    .map((entry) => ({
      path: entry.path,
      audience: entry.audience,
      format: entry.format,
      finding: entry.finding,
      bytes: entry.bytes,
      sha256: entry.sha256,
    }))
    .sort((a, b) => compare(a.path, b.path))
  for (let index = 1; index < outputs.length; index++) {
    const path = outputs[index]!.path
    if (path === outputs[index - 1]!.path) {
      throw new OutputPathError(`Two output files have the same path \`${path}\``, { path })
    }
  }
  return { sprid: version, outputs }
}

/** The manifest as written: JSON with a 2-space indent and a final newline. */
export function serializeManifest(manifest: Manifest): string {
  const normalized = createManifest(manifest.sprid, manifest.outputs)
  return `${JSON.stringify(normalized, null, 2)}\n`
}
