/**
 * `sprid init [dir]`: a new project to start from. The files are data under
 * `templates/init/` in the package: `<lang>/` (config, two example findings,
 * two audiences, all written in that language) and `common/` (`.gitignore`,
 * the GitHub Actions workflow). Names are written as they are, except
 * `gitignore`, which npm would drop from the package as `.gitignore`.
 */
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../version.js'
import { InitError } from './errors.js'

/** Languages the scaffold is written in. */
export const INIT_LANGS = ['sv', 'en'] as const
export type InitLang = (typeof INIT_LANGS)[number]

export interface InitOptions {
  /** The language of every scaffolded text (config `lang`, findings, audiences). */
  lang: InitLang
  /**
   * Write into a folder that is not empty, replacing files of the same name
   * as the scaffold's. Other files are left alone; `.git` is never touched.
   * @default false
   */
  force?: boolean
  /** The scaffold's source folder. @default `templates/init/` in the package */
  templatesDir?: string
}

export interface InitResult {
  /** The project folder (absolute). */
  root: string
  /** Files written, posix and relative to `root`, sorted. */
  files: string[]
  /** Files that existed and were replaced (only with `force`). */
  replaced: string[]
}

/** Entries that do not make a folder "not empty": a fresh `git init` is a fine place to start. */
const IGNORABLE = new Set(['.git', '.DS_Store', 'Thumbs.db', 'desktop.ini'])

/** Template names that are written under another name. */
const RENAMES: Readonly<Record<string, string>> = { gitignore: '.gitignore' }

const DEFAULT_TEMPLATES = fileURLToPath(new URL('templates/init/', packageRoot))

/**
 * Scaffold a sprid project in `dir` (created when missing).
 *
 * @throws {InitError} (exit code 2) for a folder that is not empty without
 *   `force`, a path that is a file, a path through a symlink, an unknown language.
 */
export async function init(dir: string, options: InitOptions): Promise<InitResult> {
  const root = path.resolve(dir)
  const lang = options.lang
  if (!(INIT_LANGS as readonly string[]).includes(lang)) {
    throw new InitError(`Unknown language \`${String(lang)}\` for the scaffold; choose one of ${INIT_LANGS.join(', ')}`, { reason: 'unknown-lang', path: root })
  }
  const templates = path.resolve(options.templatesDir ?? DEFAULT_TEMPLATES)
  const sources = [
    ...(await listFiles(path.join(templates, 'common'))).map((file) => ({ from: path.join(templates, 'common', file), file })),
    ...(await listFiles(path.join(templates, lang))).map((file) => ({ from: path.join(templates, lang, file), file })),
  ].map(({ from, file }) => ({ from, to: renamed(file) }))
  // One file per target: a language's file wins over a common one of the same name.
  const planned = new Map(sources.map((s) => [s.to, s.from]))

  await checkFolder(root, options.force === true)

  const written: string[] = []
  const replaced: string[] = []
  for (const [relative, from] of [...planned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (relative.split('/').some((segment) => segment.toLowerCase() === '.git')) continue
    const target = path.join(root, ...relative.split('/'))
    await checkPath(root, relative)
    const existed = await exists(target)
    await mkdir(path.dirname(target), { recursive: true })
    try {
      await writeFile(target, await readFile(from))
    } catch (error) {
      throw new InitError(`Cannot write \`${relative}\`: ${(error as Error).message}`, { reason: 'io', path: target, cause: error })
    }
    written.push(relative)
    if (existed) replaced.push(relative)
  }
  return { root, files: written, replaced }
}

function renamed(file: string): string {
  return file
    .split('/')
    .map((segment) => RENAMES[segment] ?? segment)
    .join('/')
}

/** Every file below `dir`, posix and relative, sorted; dot folders included (`.github`). */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  let entries
  try {
    entries = await readdir(path.join(dir, prefix), { withFileTypes: true })
  } catch (error) {
    throw new InitError(`sprid's scaffold is missing (\`${dir}\`): reinstall sprid`, { reason: 'io', path: dir, cause: error })
  }
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.isDirectory()) out.push(...(await listFiles(dir, relative)))
    else if (entry.isFile()) out.push(relative)
  }
  return out.sort()
}

async function checkFolder(root: string, force: boolean): Promise<void> {
  let stats
  try {
    stats = await lstat(root)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new InitError(`Cannot read \`${root}\`: ${(error as Error).message}`, { reason: 'io', path: root, cause: error })
  }
  if (stats.isSymbolicLink()) {
    throw new InitError(`\`${root}\` is a symlink: run sprid init in the folder it points to`, { reason: 'symlink', path: root })
  }
  if (!stats.isDirectory()) throw new InitError(`\`${root}\` is a file, not a folder`, { reason: 'not-a-folder', path: root })
  const names = (await readdir(root)).filter((name) => !IGNORABLE.has(name))
  if (names.length > 0 && !force) {
    const shown = names.sort().slice(0, 5).map((n) => `\`${n}\``).join(', ')
    throw new InitError(
      `\`${root}\` is not empty (${shown}${names.length > 5 ? ', …' : ''}). Choose an empty or new folder, or add --force to write the scaffold's files into it (files of the same name are replaced, others kept)`,
      { reason: 'not-empty', path: root },
    )
  }
}

/** Refuse to write through a symlink or into a file where the scaffold needs a folder. */
async function checkPath(root: string, relative: string): Promise<void> {
  const segments = relative.split('/')
  let current = root
  for (const [index, segment] of segments.entries()) {
    current = path.join(current, segment)
    let stats
    try {
      stats = await lstat(current)
    } catch {
      return
    }
    const last = index === segments.length - 1
    if (stats.isSymbolicLink()) {
      throw new InitError(`\`${segments.slice(0, index + 1).join('/')}\` is a symlink; sprid init does not write through symlinks`, { reason: 'symlink', path: current })
    }
    if (!last && !stats.isDirectory()) {
      throw new InitError(`\`${segments.slice(0, index + 1).join('/')}\` is a file, but the scaffold needs a folder there`, { reason: 'not-a-folder', path: current })
    }
    if (last && !stats.isFile()) {
      throw new InitError(`\`${relative}\` exists and is not a file`, { reason: 'not-a-folder', path: current })
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file)
    return true
  } catch {
    return false
  }
}
