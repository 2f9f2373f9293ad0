/**
 * The no-change fast path: a fingerprint of everything a build reads. When it
 * matches the last successful build into the same folder, and that folder's
 * manifest is untouched, the build has nothing to do: not even parsing.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import type { ResolvedConfig } from './config/load.js'
import type { Project } from './content/load.js'
import { report } from './content/messages.js'
import { sha256, stableHash, type BuildCache, type ManifestEntry } from './output/index.js'
import type { JsonReport } from './report/json.js'

/** What a successful build leaves in the cache for the next one. */
export interface BuildRecord {
  fingerprint: string
  /** Files outside the hashed folders that the build read (images, logos). */
  extraFiles: string[]
  /** sha256 of the output folder's manifest.json as written. */
  manifest: string
  outputs: ManifestEntry[]
  /** The build's messages, replayed when it is skipped. */
  report: JsonReport
}

const NAMESPACE = 'last-build'

/**
 * Hash the build's inputs: options, config, the input folders (findings,
 * templates; hashed by the caller), and the extra files the last build read.
 */
export async function fingerprint(
  config: ResolvedConfig,
  foldersHash: string,
  options: unknown,
  extraFiles: readonly string[],
): Promise<string> {
  const extra = await Promise.all(
    extraFiles.map(async (file) => [file, await readFile(path.resolve(config.root, file)).then(sha256, () => 'missing')]),
  )
  const configText = config.file ? await readFile(config.file).then(sha256, () => 'missing') : 'none'
  return stableHash({ options, configText, folders: foldersHash, extra })
}

/** The last build's record when it still describes the output folder exactly. */
export async function upToDate(cache: BuildCache, config: ResolvedConfig, fingerprintOf: (extra: readonly string[]) => Promise<string>): Promise<BuildRecord | undefined> {
  const record = await cache.getJSON<BuildRecord>(NAMESPACE, config.out)
  if (!record) return undefined
  const manifest = await readFile(path.join(config.out, 'manifest.json')).then(sha256, () => undefined)
  if (manifest !== record.manifest) return undefined
  return (await fingerprintOf(record.extraFiles)) === record.fingerprint ? record : undefined
}

export async function saveRecord(cache: BuildCache, config: ResolvedConfig, record: BuildRecord): Promise<void> {
  await cache.putJSON(NAMESPACE, config.out, record)
}

/** Project files a build reads besides findings and templates: images and logos, relative to the root. */
export function referencedFiles(project: Project): string[] {
  const files = new Set<string>()
  const add = (from: string, target: string | undefined) => {
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) return
    files.add(path.posix.normalize(path.posix.join(path.posix.dirname(from), target)))
  }
  for (const entry of project.findings) {
    for (const source of [entry.base, ...entry.variants.values()]) {
      add(source.file, source.data.image)
      visit(source.tree, 'image', (node) => add(source.file, node.url))
    }
  }
  for (const audience of project.audiences) add(audience.file, audience.data.theme?.logo)
  return [...files].sort()
}

/** Messages of a skipped build, as VFiles again. */
export function replay(record: BuildRecord, root: string): VFile[] {
  return record.report.files.map((entry) => {
    const file = new VFile({ path: entry.path, cwd: root })
    for (const m of entry.messages) {
      report(file, m.severity, m.ruleId ?? 'sprid', m.message, m.line !== null ? { line: m.line, column: m.column ?? 1 } : undefined)
    }
    return file
  })
}
