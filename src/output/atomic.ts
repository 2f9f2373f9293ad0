/**
 * The atomic output folder. A build writes into a sibling temporary folder
 * (`.dist.sprid-tmp-<random>`) and swaps it into place only when everything
 * succeeded, so a failed, interrupted or killed build leaves the previous
 * output folder as it was. sprid only ever replaces folders it made (they
 * carry a `.sprid-output` marker) and refuses dangerous ones outright.
 */
import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import {
  copyFile,
  link as hardlink,
  lstat,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { OutputFile } from '../formats/types.js'
import { OutputFolderError, OutputPathError } from './errors.js'
import { hashFile, isCode, sha256, toBytes } from './hash.js'
import {
  createManifest,
  MANIFEST_FILE,
  serializeManifest,
  type FileMeta,
  type Manifest,
  type ManifestEntry,
} from './manifest.js'
import {
  assertRelativePath,
  clashKey,
  isAncestor,
  isFilesystemRoot,
  realish,
  samePath,
} from './paths.js'

/** The marker file at the root of every output folder sprid made. */
export const MARKER_FILE = '.sprid-output'

/** The marker's contents: deterministic, no timestamp. */
export function markerContents(version: string): string {
  return `${JSON.stringify({ sprid: version }, null, 2)}\n`
}

export interface OutputFolderOptions {
  /** The output folder. A relative path resolves against `projectRoot`. */
  outDir: string
  /** The project root (absolute). */
  projectRoot: string
  /**
   * Folders the output folder must never be or contain: the findings folder,
   * the templates folder, the cache folder.
   * @default []
   */
  protectedPaths?: readonly string[]
  /**
   * The user's home folder, which is never replaced.
   * @default os.homedir()
   */
  home?: string
}

export interface PrepareOutputOptions extends OutputFolderOptions {
  /** sprid's version, for the marker and the manifest. */
  version: string
  /**
   * Write `manifest.json` on commit.
   * @default true
   */
  manifest?: boolean
}

/** What `assertSafeOutputDir` found. */
export interface SafeOutputDir {
  /** The absolute output folder. */
  outDir: string
  /** Whether it exists now (an existing one is empty or marked as sprid's). */
  exists: boolean
}

/** A file no format produced, such as a `robots.txt`; metadata it lacks is listed as `null`. */
export interface RawFile extends Partial<FileMeta> {
  path: string
  contents: string | Uint8Array
}

export interface CommitResult {
  outDir: string
  manifest: Manifest
}

/** A build's temporary output folder. Nothing is visible in `outDir` until `commit()`. */
export interface OutputWriter {
  /** The absolute output folder that `commit()` replaces. */
  readonly outDir: string
  /** The absolute temporary folder files go to. */
  readonly tempDir: string
  /**
   * Write one file (parent folders are created). Returns its manifest entry.
   * @throws {OutputPathError} when the path escapes the folder, is not portable,
   *   is reserved (`.sprid-output`, `manifest.json`) or is already used in this build.
   */
  write(file: OutputFile | RawFile): Promise<ManifestEntry>
  /**
   * Put an existing file at `toRelPath` by hardlink (a copy when the
   * filesystem cannot link, e.g. across devices). `digest` skips re-reading
   * the file when its size and hash are already known and verified.
   */
  link(
    fromAbsPath: string,
    toRelPath: string,
    meta?: Partial<FileMeta>,
    digest?: { bytes: number; sha256: string },
  ): Promise<ManifestEntry>
  /** Remove a file written earlier in this build (e.g. a half-materialized cache hit). */
  remove(relPath: string): Promise<void>
  /** Every file written so far, sorted by path. */
  entries(): ManifestEntry[]
  /**
   * Write `manifest.json` and swap the temporary folder into place: the old
   * output folder is renamed aside, the new one renamed in, the old one removed.
   * Waits for writes still in flight.
   */
  commit(): Promise<CommitResult>
  /** Remove the temporary folder; `outDir` stays as it was. Safe to call twice or after `commit()`. */
  abort(): Promise<void>
}

/**
 * Check that `outDir` may be replaced by a build, without touching anything.
 *
 * Refused (with an `OutputFolderError`, exit code 2): a filesystem root, the
 * home folder or one of its ancestors, the project root or one of its
 * ancestors, a folder that is or contains one of `protectedPaths`, a path
 * inside or containing a `.git` folder, a file, a symlink, and a non-empty
 * folder without sprid's marker.
 */
export async function assertSafeOutputDir(options: OutputFolderOptions): Promise<SafeOutputDir> {
  const projectRoot = path.resolve(options.projectRoot)
  const outDir = path.resolve(projectRoot, options.outDir)
  const shown = display(outDir, projectRoot)
  const refuse = (reason: OutputFolderError['reason'], why: string, cause?: unknown): never => {
    throw new OutputFolderError(`Refusing to use \`${shown}\` as the output folder: ${why}`, {
      path: outDir,
      reason,
      cause,
    })
  }

  if (isFilesystemRoot(outDir)) refuse('filesystem-root', 'it is the root of a filesystem.')
  if (outDir.split(path.sep).some((segment) => segment.toLowerCase() === '.git')) {
    refuse('git', 'it is inside a `.git` folder.')
  }

  let exists = false
  try {
    const stats = await lstat(outDir)
    if (stats.isSymbolicLink()) {
      refuse('symlink', 'it is a symlink. Point `outDir` at a real folder.')
    }
    if (!stats.isDirectory()) refuse('not-a-folder', 'it is a file, not a folder.')
    exists = true
  } catch (error) {
    if (error instanceof OutputFolderError) throw error
    if (isCode(error, 'ENOTDIR')) refuse('not-a-folder', 'one of its parents is a file.', error)
    if (!isCode(error, 'ENOENT')) refuse('io', `it cannot be read (${message(error)}).`, error)
  }

  const real = await realish(outDir)
  const home = await realish(options.home ?? os.homedir())
  const root = await realish(projectRoot)
  if (isFilesystemRoot(real)) refuse('filesystem-root', 'it is the root of a filesystem.')
  if (samePath(real, home)) refuse('home', 'it is your home folder.')
  if (isAncestor(real, home)) refuse('ancestor', 'it contains your home folder.')
  if (samePath(real, root)) {
    refuse('project-root', 'it is the project root. Choose a folder inside it, such as `dist`.')
  }
  if (isAncestor(real, root)) refuse('ancestor', 'it contains the project.')
  for (const protectedPath of options.protectedPaths ?? []) {
    const guarded = await realish(path.resolve(projectRoot, protectedPath))
    if (samePath(real, guarded) || isAncestor(real, guarded)) {
      refuse('protected', `it contains \`${display(guarded, root)}\`, which sprid needs.`)
    }
  }

  if (exists) {
    let names: string[]
    try {
      names = await readdir(outDir)
    } catch (error) {
      return refuse('io', `it cannot be read (${message(error)}).`, error)
    }
    const git = names.find((name) => name.toLowerCase() === '.git')
    if (git !== undefined) refuse('git', `it contains \`${git}\`, which sprid never deletes.`)
    if (names.length > 0 && !(await hasMarker(outDir))) {
      refuse(
        'not-sprid-output',
        `it is not empty and sprid did not make it (there is no \`${MARKER_FILE}\` file). ` +
          'Move its files away or choose another output folder.',
      )
    }
    const nested = await findGit(outDir)
    if (nested !== undefined) {
      refuse('git', `it contains \`${display(nested, outDir)}\`, which sprid never deletes.`)
    }
  }
  return { outDir, exists }
}

/**
 * Check the output folder, clean up what killed builds left next to it, and
 * open a temporary folder to write the build into.
 *
 * Only one build may write to an output folder at a time: a lock file
 * (`.dist.sprid-lock`, next to it) holds the process id; a lock whose
 * process is gone is taken over.
 */
export async function prepareOutput(options: PrepareOutputOptions): Promise<OutputWriter> {
  const safe = await assertSafeOutputDir(options)
  const { outDir } = safe
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  await mkdir(parent, { recursive: true })
  const release = await acquireLock(path.join(parent, `.${base}.sprid-lock`), outDir)
  try {
    await recoverAndClean(parent, base, outDir, safe.exists)
    const id = random()
    const tempDir = path.join(parent, `.${base}.sprid-tmp-${id}`)
    await mkdir(tempDir)
    // The marker goes in first: it is how the next build recognizes a killed build's folder.
    await writeFile(path.join(tempDir, MARKER_FILE), markerContents(options.version))
    return new Writer(options, outDir, tempDir, id, release)
  } catch (error) {
    await release()
    throw error
  }
}

class Writer implements OutputWriter {
  private state: 'open' | 'committing' | 'done' = 'open'
  private readonly files = new Map<string, ManifestEntry>()
  private readonly keys = new Map<string, string>()
  private readonly folders = new Set<string>()
  private readonly inflight = new Set<Promise<unknown>>()
  private readonly reserved: Set<string>

  constructor(
    private readonly options: PrepareOutputOptions,
    readonly outDir: string,
    readonly tempDir: string,
    private readonly id: string,
    private readonly release: () => Promise<void>,
  ) {
    this.reserved = new Set([clashKey(MARKER_FILE)])
    if (options.manifest !== false) this.reserved.add(clashKey(MANIFEST_FILE))
  }

  write(file: OutputFile | RawFile): Promise<ManifestEntry> {
    return this.track(async (target) => {
      const bytes = toBytes(file.contents)
      await writeFile(target, bytes, { flag: 'wx' })
      return { bytes: bytes.byteLength, sha256: sha256(bytes) }
    }, file.path, file)
  }

  link(
    fromAbsPath: string,
    toRelPath: string,
    meta: Partial<FileMeta> = {},
    digest?: { bytes: number; sha256: string },
  ): Promise<ManifestEntry> {
    return this.track(async (target) => {
      const stats = await lstat(fromAbsPath)
      if (!stats.isFile()) {
        throw new OutputPathError(`Cannot link \`${fromAbsPath}\` into the output: it is not a file`, {
          path: toRelPath,
        })
      }
      await linkOrCopy(fromAbsPath, target)
      return digest ?? (await hashFile(target))
    }, toRelPath, meta)
  }

  async remove(relPath: string): Promise<void> {
    const key = clashKey(relPath)
    if (this.keys.get(key) !== relPath) return
    this.assertOpen(relPath)
    await rm(path.join(this.tempDir, ...relPath.split('/')), { force: true })
    this.keys.delete(key)
    this.files.delete(relPath)
  }

  entries(): ManifestEntry[] {
    return createManifest(this.options.version, this.files.values()).outputs
  }

  async commit(): Promise<CommitResult> {
    this.assertOpen('')
    this.state = 'committing'
    try {
      // Failed writes were reported to their callers and left no file behind.
      await Promise.allSettled([...this.inflight])
      const manifest = createManifest(this.options.version, this.files.values())
      if (this.options.manifest !== false) {
        await writeFile(path.join(this.tempDir, MANIFEST_FILE), serializeManifest(manifest))
      }
      // The folder may have changed while we built: check it again.
      const safe = await assertSafeOutputDir(this.options)
      await swap(this.tempDir, this.outDir, this.id, safe.exists)
      this.state = 'done'
      await this.release()
      return { outDir: this.outDir, manifest }
    } catch (error) {
      this.state = 'open'
      await this.abort()
      throw error
    }
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return
    this.state = 'done'
    try {
      await Promise.allSettled([...this.inflight])
      await rm(this.tempDir, { recursive: true, force: true, maxRetries: 3 })
    } finally {
      await this.release()
    }
  }

  private assertOpen(file: string): void {
    if (this.state !== 'open') {
      const what = file === '' ? 'Cannot commit the output' : `Cannot change output file \`${file}\``
      throw new OutputPathError(`${what}: it was already committed or aborted`, { path: file })
    }
  }

  /** Reserve `relPath` synchronously (so parallel jobs cannot clash), then write it. */
  private track(
    put: (target: string) => Promise<{ bytes: number; sha256: string }>,
    relPath: string,
    meta: Partial<FileMeta>,
  ): Promise<ManifestEntry> {
    try {
      this.assertOpen(relPath)
      this.reserve(assertRelativePath(relPath))
    } catch (error) {
      return Promise.reject(error)
    }
    const key = clashKey(relPath)
    const promise = (async (): Promise<ManifestEntry> => {
      const target = path.join(this.tempDir, ...relPath.split('/'))
      let created = false
      try {
        await mkdir(path.dirname(target), { recursive: true })
        created = true
        const digest = await put(target)
        const entry: ManifestEntry = {
          path: relPath,
          audience: meta.audience ?? null,
          format: meta.format ?? null,
          finding: meta.finding ?? null,
          bytes: digest.bytes,
          sha256: digest.sha256,
        }
        this.files.set(relPath, entry)
        return entry
      } catch (error) {
        // Leave no half-written file that the manifest would not list.
        if (created && !isCode(error, 'EEXIST')) await rm(target, { force: true }).catch(() => {})
        this.keys.delete(key)
        if (error instanceof OutputPathError) throw error
        throw new OutputPathError(`Cannot write output file \`${relPath}\`: ${message(error)}`, {
          path: relPath,
          cause: error,
        })
      }
    })()
    this.inflight.add(promise)
    void promise.then(
      () => this.inflight.delete(promise),
      () => this.inflight.delete(promise),
    )
    return promise
  }

  private reserve(relPath: string): void {
    const key = clashKey(relPath)
    const clash = (why: string): never => {
      throw new OutputPathError(`Cannot write output file \`${relPath}\`: ${why}`, { path: relPath })
    }
    if (this.reserved.has(key)) clash('sprid writes this file itself')
    const other = this.keys.get(key)
    if (other !== undefined) {
      clash(
        other === relPath
          ? 'another file of this build has the same path'
          : `it clashes with \`${other}\` on case-insensitive filesystems`,
      )
    }
    if (this.folders.has(key)) clash('a folder of this build has the same path')
    const segments = key.split('/')
    for (let index = 1; index < segments.length; index++) {
      const folder = segments.slice(0, index).join('/')
      if (this.keys.has(folder) || this.reserved.has(folder)) {
        clash(`\`${this.keys.get(folder) ?? folder}\` is a file of this build, not a folder`)
      }
    }
    for (let index = 1; index < segments.length; index++) {
      this.folders.add(segments.slice(0, index).join('/'))
    }
    this.keys.set(key, relPath)
  }
}

/** Hardlink `from` to `to`; copy when the filesystem cannot link. */
export async function linkOrCopy(from: string, to: string): Promise<'link' | 'copy'> {
  try {
    await hardlink(from, to)
    return 'link'
  } catch (error) {
    if (isCode(error, 'EEXIST', 'ENOENT')) throw error
    await copyFile(from, to, constants.COPYFILE_EXCL)
    return 'copy'
  }
}

/**
 * Swap `tempDir` into `outDir`. The previous output is renamed aside under the
 * same id as the temporary folder, so that a build killed between the two
 * renames can be told apart from any other leftover (see `recoverAndClean`).
 */
async function swap(tempDir: string, outDir: string, id: string, exists: boolean): Promise<void> {
  const parent = path.dirname(outDir)
  const base = path.basename(outDir)
  if (!exists) {
    await retry(() => rename(tempDir, outDir))
    return
  }
  const old = path.join(parent, `.${base}.sprid-old-${id}`)
  await retry(() => rename(outDir, old))
  try {
    await retry(() => rename(tempDir, outDir))
  } catch (error) {
    await rename(old, outDir).catch(() => {})
    throw new OutputFolderError(
      `Could not move the new build into \`${outDir}\` (${message(error)}); the previous output is unchanged.`,
      { path: outDir, reason: 'io', cause: error },
    )
  }
  // Best effort: a leftover is removed by the next build.
  await rm(old, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})
}

/**
 * After a build killed between the two renames of a swap, the output folder
 * is missing while both `.dist.sprid-old-<id>` (the previous output) and
 * `.dist.sprid-tmp-<id>` remain: put the previous output back. Then remove
 * the temporary and old folders of killed builds (only those carrying
 * sprid's marker, and never one holding `.git`).
 */
async function recoverAndClean(
  parent: string,
  base: string,
  outDir: string,
  exists: boolean,
): Promise<void> {
  const pattern = new RegExp(`^\\.${escapeRegExp(base)}\\.sprid-(tmp|old)-([0-9a-f]+)$`)
  const stale = new Map<string, string>()
  for (const name of await readdir(parent)) {
    const match = pattern.exec(name)
    if (match === null) continue
    const dir = path.join(parent, name)
    const stats = await lstat(dir).catch(() => undefined)
    if (stats?.isDirectory() && (await hasMarker(dir))) stale.set(`${match[1]}-${match[2]}`, dir)
  }
  if (!exists) {
    for (const [name, dir] of stale) {
      if (!name.startsWith('old-') || !stale.has(`tmp-${name.slice(4)}`)) continue
      if ((await findGit(dir)) !== undefined) continue
      await rename(dir, outDir)
      stale.delete(name)
      break
    }
  }
  for (const dir of stale.values()) {
    if ((await findGit(dir)) !== undefined) continue
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Whether `dir` holds a valid marker file. */
async function hasMarker(dir: string): Promise<boolean> {
  try {
    const file = path.join(dir, MARKER_FILE)
    if (!(await lstat(file)).isFile()) return false
    const data = JSON.parse(await readFile(file, 'utf8')) as unknown
    return (
      typeof data === 'object' &&
      data !== null &&
      typeof (data as { sprid?: unknown }).sprid === 'string'
    )
  } catch {
    return false
  }
}

/** The first `.git` file or folder anywhere under `dir` (symlinks not followed). */
async function findGit(dir: string): Promise<string | undefined> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (entry.name.toLowerCase() === '.git') return path.join(dir, entry.name)
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      const found = await findGit(path.join(dir, entry.name))
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Locks held by this process, by lock path. */
const held = new Set<string>()

async function acquireLock(lockPath: string, outDir: string): Promise<() => Promise<void>> {
  const owner = { pid: process.pid, host: os.hostname() }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(lockPath, `${JSON.stringify(owner)}\n`, { flag: 'wx' })
      held.add(lockPath)
      let released = false
      return async () => {
        if (released) return
        released = true
        held.delete(lockPath)
        await unlink(lockPath).catch(() => {})
      }
    } catch (error) {
      if (!isCode(error, 'EEXIST')) {
        throw new OutputFolderError(
          `Could not lock the output folder \`${outDir}\` (${message(error)}).`,
          { path: outDir, reason: 'io', cause: error },
        )
      }
    }
    const holder = await readLock(lockPath)
    if (holder === 'gone') continue
    if (holder === 'stale') {
      await unlink(lockPath).catch(() => {})
      continue
    }
    throw new OutputFolderError(
      `Another sprid build (process ${holder.pid}${holder.host === owner.host ? '' : ` on ${holder.host}`}) ` +
        `is writing to \`${outDir}\`. Wait for it, or delete \`${lockPath}\` if no build is running.`,
      { path: outDir, reason: 'locked' },
    )
  }
  throw new OutputFolderError(`Could not lock the output folder \`${outDir}\`.`, {
    path: outDir,
    reason: 'locked',
  })
}

async function readLock(
  lockPath: string,
): Promise<'gone' | 'stale' | { pid: number; host: string }> {
  let text: string
  let age: number
  try {
    text = await readFile(lockPath, 'utf8')
    age = Date.now() - (await stat(lockPath)).mtimeMs
  } catch {
    return 'gone'
  }
  let data: { pid?: unknown; host?: unknown }
  try {
    data = JSON.parse(text) as typeof data
  } catch {
    // Being written right now, or garbage left by a crash.
    return age > 10_000 ? 'stale' : { pid: 0, host: 'unknown' }
  }
  const pid = typeof data.pid === 'number' ? data.pid : 0
  const host = typeof data.host === 'string' ? data.host : 'unknown'
  if (host !== os.hostname()) return { pid, host }
  if (pid === process.pid) return held.has(lockPath) ? { pid, host } : 'stale'
  return alive(pid) ? { pid, host } : 'stale'
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return isCode(error, 'EPERM')
  }
}

/** Windows refuses renames while a virus scanner or indexer holds a file: retry briefly. */
async function retry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (process.platform !== 'win32' || attempt >= 8 || !isCode(error, 'EPERM', 'EACCES', 'EBUSY')) {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt))
    }
  }
}

function random(): string {
  return randomBytes(6).toString('hex')
}

function display(file: string, root: string): string {
  const relative = path.relative(root, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative.split(path.sep).join('/')
    : file
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
