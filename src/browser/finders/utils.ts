/** Helpers shared by the finders; all pure given a {@link FinderContext}. */
import path from 'node:path'
import type { FinderContext, FoundBrowser, HeadlessMode } from './types.js'

/** `path.win32` on Windows, `path.posix` elsewhere (so tests can fake any OS). */
export const pathFor = (platform: NodeJS.Platform): path.PlatformPath =>
  platform === 'win32' ? path.win32 : path.posix

/** Read an environment variable; on Windows names are case-insensitive (`Path`). */
export function getEnv(context: FinderContext, name: string): string | undefined {
  const value = context.env[name]
  if (value !== undefined || context.platform !== 'win32') return value || undefined
  const key = Object.keys(context.env).find((k) => k.toUpperCase() === name.toUpperCase())
  return (key === undefined ? undefined : context.env[key]) || undefined
}

/** chrome-headless-shell builds only have the old headless mode. */
export const headlessFor = (executable: string): HeadlessMode =>
  /chrome-headless-shell/i.test(executable) ? 'shell' : true

/** A {@link FoundBrowser} with the defaults most finders need. */
export const foundBrowser = (
  browser: Pick<FoundBrowser, 'path' | 'source' | 'reason'> & Partial<FoundBrowser>,
): FoundBrowser => ({ headless: headlessFor(browser.path), args: [], env: {}, ...browser })

/** The first of `candidates` that is executable. */
export async function firstExecutable(
  context: FinderContext,
  candidates: readonly string[],
): Promise<string | undefined> {
  for (const candidate of candidates) {
    if (await context.isExecutable(candidate)) return candidate
  }
  return undefined
}

/** Look `names` up on `PATH` like `which`, in order (with `.exe` on Windows). */
export async function findOnPath(
  context: FinderContext,
  names: readonly string[],
): Promise<string | undefined> {
  const p = pathFor(context.platform)
  const folders = (getEnv(context, 'PATH') ?? '')
    .split(context.platform === 'win32' ? ';' : ':')
    .filter((folder) => folder !== '' && p.isAbsolute(folder))
  for (const name of names) {
    const file = context.platform === 'win32' && !/\.exe$/i.test(name) ? `${name}.exe` : name
    const found = await firstExecutable(
      context,
      folders.map((folder) => p.join(folder, file)),
    )
    if (found) return found
  }
  return undefined
}

/**
 * macOS users often pass the `.app` bundle; the executable is
 * `Contents/MacOS/<name>` inside it.
 */
export function normalizeDarwinAppPath(platform: NodeJS.Platform, executable: string): string {
  if (platform !== 'darwin') return executable
  const match = /([^/]+)\.app\/?$/.exec(executable)
  if (!match) return executable
  return path.posix.join(executable, 'Contents', 'MacOS', match[1]!)
}

/** Compare dotted version strings (`131.0.6778.85`) numerically, descending. */
export function compareVersionsDescending(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0)
  const pb = b.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}
