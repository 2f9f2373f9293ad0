/**
 * The incremental build cache. A render job's key is a hash of everything that
 * decides its output; its files are stored content-addressed
 * (`objects/ab/cdef…`) next to a small entry per key (`entries/ab/<key>.json`).
 * Every write goes to a temporary file renamed into place, so a crash never
 * leaves a half-written entry; an entry that is missing, corrupt or points at
 * a damaged object is a miss, never an error. The cache is best effort:
 * failing to store something only costs time on the next build.
 */
import { randomBytes } from 'node:crypto'
import {
  lstat,
  mkdir,
  readdir,
  readFile,
  rename,
  rmdir,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises'
import path from 'node:path'
import createDebug from 'debug'
import type { FormatId, RenderJob, RenderMessage } from '../formats/types.js'
import { linkOrCopy } from './atomic.js'
import { hashFile, isCode, stableHash, toBytes } from './hash.js'
import type { FileMeta, ManifestEntry } from './manifest.js'
import { assertRelativePath } from './paths.js'

const debug = createDebug('sprid:cache')

/** Bumped when the layout or the entry format changes; part of every key. */
const LAYOUT = 1
const HEX64 = /^[0-9a-f]{64}$/
const NAMESPACE = /^[a-z0-9][a-z0-9._-]*$/i
/** Temporary files older than this are left by crashed builds. */
const STALE_TMP_MS = 60 * 60 * 1000

export interface CacheOptions {
  /** The cache folder, e.g. `<projectRoot>/.sprid-cache`. Created on first write. */
  dir: string
  /** sprid's version: an upgrade invalidates everything. */
  version: string
  /** Hash of the template folders in use (see `hashFolders`). */
  templatesHash: string
  /** Hash of the resolved config parts that affect output (see `stableHash`). */
  configHash: string
  /**
   * Anything else that changes outputs, such as the Chromium revision or
   * font package versions.
   * @default undefined
   */
  salt?: unknown
  /**
   * How a hit's files are checked before use: `'hash'` re-reads and hashes
   * them (catches an output file edited in place, which shares its bytes with
   * the cache through a hardlink), `'size'` only compares sizes.
   * @default 'hash'
   */
  verify?: 'hash' | 'size'
}

/** A file of a cache entry, with the object that holds its bytes. */
export interface CachedFile extends ManifestEntry {
  /** Absolute path of the content-addressed object. */
  object: string
}

export interface CacheEntry {
  key: string
  files: CachedFile[]
  /** Warnings the job reported when it ran, replayed on a hit. */
  messages: RenderMessage[]
}

/** A file to store: its metadata plus either its bytes or a file to take them from. */
export type CachePutFile = ManifestEntry & ({ source: string } | { contents: string | Uint8Array })

export interface PruneResult {
  entries: number
  objects: number
  json: number
  /** Bytes of the objects removed. */
  bytes: number
}

export interface BuildCache {
  /** The absolute cache folder. */
  readonly dir: string
  /**
   * The key of a job: a hash of its `inputs`, audience and finding, the
   * format, sprid's version, the templates and config hashes and `salt`.
   * @throws {TypeError} when `job.inputs` holds something that is not plain data.
   */
  keyFor(job: Pick<RenderJob, 'inputs' | 'audience' | 'finding'>, format: FormatId): string
  /** The entry for `key` with every object checked, or `undefined` (a miss). */
  get(key: string): Promise<CacheEntry | undefined>
  /**
   * Store the files of `key`, and the messages the job reported (replayed on
   * a hit). Never throws: a cache that cannot be written is skipped.
   */
  put(key: string, files: readonly CachePutFile[], messages?: readonly RenderMessage[]): Promise<void>
  /**
   * A value stored with `putJSON`, or `undefined`. `key` is any plain data
   * (hashed with `stableHash`, together with sprid's version).
   */
  getJSON<T = unknown>(namespace: string, key: unknown): Promise<T | undefined>
  /** Store a JSON-serializable value (a `Date` comes back as a string). Never throws on I/O. */
  putJSON(namespace: string, key: unknown, value: unknown): Promise<void>
  /**
   * Remove entries not in `keep` (by default: the keys read or stored since
   * the cache was opened), objects no kept entry uses, JSON values not read
   * or stored since the cache was opened in the namespaces used since then,
   * and temporary files older than an hour. Call it after a successful full build.
   */
  prune(keep?: Iterable<string>): Promise<PruneResult>
}

/** Open (not create) the cache in `options.dir`. */
export function openCache(options: CacheOptions): BuildCache {
  return new Cache(options)
}

class Cache implements BuildCache {
  readonly dir: string
  private readonly usedKeys = new Set<string>()
  private readonly usedJSON = new Set<string>()
  private readonly usedNamespaces = new Set<string>()
  private readonly verify: 'hash' | 'size'
  private created = false

  constructor(private readonly options: CacheOptions) {
    this.dir = path.resolve(options.dir)
    this.verify = options.verify ?? 'hash'
  }

  keyFor(job: Pick<RenderJob, 'inputs' | 'audience' | 'finding'>, format: FormatId): string {
    return stableHash({
      layout: LAYOUT,
      version: this.options.version,
      templatesHash: this.options.templatesHash,
      configHash: this.options.configHash,
      salt: this.options.salt,
      format,
      audience: job.audience,
      finding: job.finding,
      inputs: job.inputs,
    })
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (!HEX64.test(key)) return undefined
    let data: unknown
    try {
      data = JSON.parse(await readFile(this.entryPath(key), 'utf8'))
    } catch (error) {
      if (!isCode(error, 'ENOENT')) debug('unreadable entry %s: %O', key, error)
      return undefined
    }
    const parsed = parseEntry(data, key)
    if (parsed === undefined) {
      debug('corrupt entry %s', key)
      return undefined
    }
    const { files, messages } = parsed
    const cached: CachedFile[] = []
    for (const file of files) {
      const object = this.objectPath(file.sha256)
      if (!(await this.checkObject(object, file))) {
        debug('damaged object %s for entry %s', file.sha256, key)
        return undefined
      }
      cached.push({ ...file, object })
    }
    this.usedKeys.add(key)
    return { key, files: cached, messages }
  }

  async put(
    key: string,
    files: readonly CachePutFile[],
    messages: readonly RenderMessage[] = [],
  ): Promise<void> {
    if (!HEX64.test(key)) return
    try {
      await this.ensureCreated()
      // Objects first, then the entry: an entry never points at a missing object.
      for (const file of files) {
        const object = this.objectPath(file.sha256)
        await this.atomically(object, async (temporary) => {
          if ('source' in file) await linkOrCopy(file.source, temporary)
          else await writeFile(temporary, toBytes(file.contents), { flag: 'wx' })
        })
      }
      const entry = {
        cache: LAYOUT,
        key,
        files: files.map((file) => ({
          path: file.path,
          audience: file.audience,
          format: file.format,
          finding: file.finding,
          bytes: file.bytes,
          sha256: file.sha256,
        })),
        messages,
      }
      await this.atomically(this.entryPath(key), (temporary) =>
        writeFile(temporary, `${JSON.stringify(entry)}\n`, { flag: 'wx' }),
      )
      this.usedKeys.add(key)
    } catch (error) {
      debug('could not store entry %s: %O', key, error)
    }
  }

  async getJSON<T = unknown>(namespace: string, key: unknown): Promise<T | undefined> {
    const { file, hash } = this.jsonPath(namespace, key)
    this.usedNamespaces.add(namespace)
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as {
        cache?: unknown
        key?: unknown
        value?: unknown
      }
      if (data.cache !== LAYOUT || data.key !== hash || !('value' in data)) return undefined
      this.usedJSON.add(`${namespace}/${hash}`)
      return data.value as T
    } catch (error) {
      if (!isCode(error, 'ENOENT')) debug('unreadable JSON %s/%s: %O', namespace, hash, error)
      return undefined
    }
  }

  async putJSON(namespace: string, key: unknown, value: unknown): Promise<void> {
    const { file, hash } = this.jsonPath(namespace, key)
    this.usedNamespaces.add(namespace)
    const text = `${JSON.stringify({ cache: LAYOUT, key: hash, value })}\n`
    try {
      await this.ensureCreated()
      await this.atomically(file, (temporary) => writeFile(temporary, text, { flag: 'wx' }))
      this.usedJSON.add(`${namespace}/${hash}`)
    } catch (error) {
      debug('could not store JSON %s/%s: %O', namespace, hash, error)
    }
  }

  async prune(keep: Iterable<string> = this.usedKeys): Promise<PruneResult> {
    const kept = new Set(keep)
    const result: PruneResult = { entries: 0, objects: 0, json: 0, bytes: 0 }
    const referenced = new Set<string>()

    for (const file of await listFiles(path.join(this.dir, 'entries'), 2)) {
      const key = path.basename(file, '.json')
      if (kept.has(key) && file.endsWith('.json')) {
        try {
          const parsed = parseEntry(JSON.parse(await readFile(file, 'utf8')), key)
          if (parsed !== undefined) {
            for (const item of parsed.files) referenced.add(item.sha256)
            continue
          }
        } catch {
          // Unreadable: remove it below.
        }
      }
      if (await remove(file)) result.entries++
    }

    for (const file of await listFiles(path.join(this.dir, 'objects'), 2)) {
      const hash = path.basename(path.dirname(file)) + path.basename(file)
      if (referenced.has(hash)) continue
      const size = await stat(file).then((stats) => stats.size, () => 0)
      if (await remove(file)) {
        result.objects++
        result.bytes += size
      }
    }

    for (const namespace of this.usedNamespaces) {
      for (const file of await listFiles(path.join(this.dir, 'json', namespace), 2)) {
        const hash = path.basename(file, '.json')
        if (this.usedJSON.has(`${namespace}/${hash}`)) continue
        if (await remove(file)) result.json++
      }
    }

    const now = Date.now()
    for (const file of await listFiles(path.join(this.dir, 'tmp'), 1)) {
      const time = await stat(file).then((stats) => stats.mtimeMs, () => now)
      if (now - time > STALE_TMP_MS) await remove(file)
    }

    for (const folder of ['entries', 'objects', 'json']) {
      await removeEmptyFolders(path.join(this.dir, folder))
    }
    debug('pruned %o', result)
    return result
  }

  private entryPath(key: string): string {
    return path.join(this.dir, 'entries', key.slice(0, 2), `${key}.json`)
  }

  private objectPath(hash: string): string {
    return path.join(this.dir, 'objects', hash.slice(0, 2), hash.slice(2))
  }

  private jsonPath(namespace: string, key: unknown): { file: string; hash: string } {
    if (!NAMESPACE.test(namespace)) {
      throw new TypeError(`Invalid cache namespace \`${namespace}\`: use letters, digits, \`.\`, \`_\` and \`-\``)
    }
    const hash = stableHash({ layout: LAYOUT, version: this.options.version, key })
    return { file: path.join(this.dir, 'json', namespace, hash.slice(0, 2), `${hash}.json`), hash }
  }

  private async checkObject(object: string, file: ManifestEntry): Promise<boolean> {
    try {
      const stats = await lstat(object)
      if (!stats.isFile() || stats.size !== file.bytes) throw new Error('size')
      if (this.verify === 'hash' && (await hashFile(object)).sha256 !== file.sha256) {
        throw new Error('hash')
      }
      return true
    } catch (error) {
      // Remove a damaged object so the next `put` stores a good one.
      if (!isCode(error, 'ENOENT')) await remove(object)
      return false
    }
  }

  private async ensureCreated(): Promise<void> {
    if (this.created) return
    await mkdir(path.join(this.dir, 'tmp'), { recursive: true })
    // Keep the cache out of version control without touching the project's .gitignore.
    await writeFile(path.join(this.dir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => {})
    this.created = true
  }

  /** Write through a temporary file in `tmp/` renamed to `target`. */
  private async atomically(target: string, write: (temporary: string) => Promise<unknown>): Promise<void> {
    const temporary = path.join(this.dir, 'tmp', randomBytes(8).toString('hex'))
    try {
      await write(temporary)
      await mkdir(path.dirname(target), { recursive: true })
      await rename(temporary, target)
    } catch (error) {
      await remove(temporary)
      throw error
    }
  }
}

/** A stored entry's files and messages, or `undefined` when it is not a valid entry for `key`. */
function parseEntry(
  data: unknown,
  key: string,
): { files: ManifestEntry[]; messages: RenderMessage[] } | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const entry = data as { cache?: unknown; key?: unknown; files?: unknown; messages?: unknown }
  if (entry.cache !== LAYOUT || entry.key !== key || !Array.isArray(entry.files)) return undefined
  const messages = parseMessages(entry.messages)
  if (messages === undefined) return undefined
  const files: ManifestEntry[] = []
  for (const item of entry.files as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined
    const file = item as Record<string, unknown>
    if (typeof file.path !== 'string' || !isRelative(file.path)) return undefined
    if (!nullableString(file.audience) || !nullableString(file.finding)) return undefined
    if (!nullableString(file.format)) return undefined
    if (typeof file.bytes !== 'number' || !Number.isSafeInteger(file.bytes) || file.bytes < 0) {
      return undefined
    }
    if (typeof file.sha256 !== 'string' || !HEX64.test(file.sha256)) return undefined
    files.push({
      path: file.path,
      audience: file.audience,
      format: file.format as FileMeta['format'],
      finding: file.finding,
      bytes: file.bytes,
      sha256: file.sha256,
    })
  }
  return { files, messages }
}

function parseMessages(data: unknown): RenderMessage[] | undefined {
  if (!Array.isArray(data)) return undefined
  for (const item of data as unknown[]) {
    if (typeof item !== 'object' || item === null) return undefined
    const message = item as Record<string, unknown>
    if (message.severity !== 'warning' && message.severity !== 'error') return undefined
    if (typeof message.ruleId !== 'string' || typeof message.message !== 'string') return undefined
  }
  return data as RenderMessage[]
}

function nullableString(value: unknown): value is string | null {
  return value === null || typeof value === 'string'
}

function isRelative(file: string): boolean {
  try {
    assertRelativePath(file)
    return true
  } catch {
    return false
  }
}

/** Files exactly `depth` folders below `dir` (1: `dir/*`, 2: `dir/*\/*`). */
async function listFiles(dir: string, depth: number): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
  const files: string[] = []
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (depth > 1 && entry.isDirectory()) files.push(...(await listFiles(full, depth - 1)))
    else if (depth === 1 && entry.isFile()) files.push(full)
  }
  return files
}

async function removeEmptyFolders(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const full = path.join(dir, entry.name)
    await removeEmptyFolders(full)
    await rmdir(full).catch(() => {})
  }
}

async function remove(file: string): Promise<boolean> {
  try {
    await unlink(file)
    return true
  } catch {
    return false
  }
}
