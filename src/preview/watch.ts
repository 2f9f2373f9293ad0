/**
 * Watch the project (findings, audiences, templates, config, images) for
 * changes: the whole root except output, cache, dependencies, version
 * control and sprid's temporary folders.
 */
import path from 'node:path'
import createDebug from 'debug'
import type { FSWatcher } from 'chokidar'

const debug = createDebug('sprid:preview')

/** Folder names never watched, wherever they are. */
const IGNORED_NAMES = new Set(['node_modules', '.git', '.hg', '.svn', '.DS_Store'])

/** `.dist.sprid-tmp-x`, `.dist.sprid-old-x`, `.dist.sprid-lock`: the folders of a `sprid build` in progress. */
const BUILD_TEMP = /^\..*\.sprid-(?:tmp|old|lock)/

export interface WatchOptions {
  root: string
  /** Absolute folders not to watch (the output and cache folders, the preview's build folder). Read on every check, so it may change. */
  ignored: () => readonly string[]
  /** A file was added, changed or removed; `file` is project-relative, posix. */
  onChange: (file: string) => void
  onError?: (error: unknown) => void
}

export interface Watcher {
  close(): Promise<void>
}

/** Start watching; resolves when the initial scan is done. */
export async function watchProject(options: WatchOptions): Promise<Watcher> {
  const { watch } = await import('chokidar')
  const root = path.resolve(options.root)
  const isIgnored = (file: string): boolean => {
    const relative = path.relative(root, path.resolve(root, file))
    if (relative === '') return false
    if (relative.startsWith('..') || path.isAbsolute(relative)) return true
    const segments = relative.split(path.sep)
    if (segments.some((segment) => IGNORED_NAMES.has(segment) || BUILD_TEMP.test(segment))) return true
    const absolute = path.join(root, relative)
    return options.ignored().some((folder) => absolute === folder || absolute.startsWith(folder + path.sep))
  }
  const watcher: FSWatcher = watch(root, { ignored: isIgnored, ignoreInitial: true, persistent: true })
  watcher.on('all', (event, file) => {
    if (event === 'addDir') return
    const relative = path.relative(root, file).split(path.sep).join('/')
    debug('%s %s', event, relative)
    options.onChange(relative)
  })
  watcher.on('error', (error) => options.onError?.(error))
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return { close: () => watcher.close() }
}
