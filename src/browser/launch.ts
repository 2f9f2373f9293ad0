/**
 * Launch one Chromium for the build: headless, a fresh profile folder that is
 * removed on close, quiet flags, and synchronous cleanup registered for
 * signals and exit while it runs.
 */
import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { debugBrowser } from './debug.js'
import { BrowserLaunchError } from './errors.js'
import type { FoundBrowser } from './finders/types.js'
import { onExitCleanup } from './signals.js'

/** Flags for every launch (puppeteer adds its own defaults and `--headless`). */
export const BASE_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-extensions',
  '--font-render-hinting=none',
]

/** True when running as root, where Chromium refuses to start with its sandbox. */
export const isRoot = (): boolean => process.getuid?.() === 0

/** The flags sprid passes to Chromium (besides puppeteer's defaults). */
export function launchArgs(options: {
  userDataDir: string
  root?: boolean
  extra?: readonly string[]
}): string[] {
  const args = new Set<string>([...BASE_ARGS, ...(options.extra ?? [])])
  if (options.root ?? isRoot()) args.add('--no-sandbox')
  args.add(`--user-data-dir=${options.userDataDir}`)
  return [...args]
}

/** Snap browsers cannot use a pipe or the host's /tmp. */
export function isSnapBrowser(executable: string): boolean {
  if (process.platform !== 'linux') return false
  if (executable.startsWith('/snap/')) return true
  // Ubuntu's /usr/bin/chromium-browser is a script that runs the snap.
  let fd: number | undefined
  try {
    fd = openSync(executable, 'r')
    const buffer = Buffer.alloc(4096)
    const head = buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0))
    return head.startsWith('#!') && head.includes('/snap/')
  } catch {
    return false
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

export interface LaunchOptions {
  /** Environment for the browser process. */
  env: Readonly<Record<string, string | undefined>>
  /** Milliseconds to wait for the browser to start. @default 30_000 */
  timeout?: number
  /** More Chromium flags. */
  args?: readonly string[]
  /** Kill the browser on SIGINT/SIGTERM/SIGHUP and exit. @default true */
  handleSignals?: boolean
}

/** A running browser and how to get rid of it. */
export interface LaunchedBrowser {
  browser: Browser
  /** The browser process id (for tests and `sprid doctor`). */
  pid: number | undefined
  userDataDir: string
  /** Close the browser gracefully (kill it if that hangs) and remove its profile. */
  close(): Promise<void>
  /** Kill the browser at once and remove its profile, synchronously. */
  kill(): void
}

function killTree(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    // puppeteer starts Chromium detached: its pid is the process group id.
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL')
  } catch {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}

/** Start `found` with puppeteer-core. */
export async function launchBrowser(
  found: FoundBrowser,
  options: LaunchOptions,
): Promise<LaunchedBrowser> {
  const { launch } = await import('puppeteer-core')
  const snap = isSnapBrowser(found.path)
  // A snap browser sees its own /tmp only; give it a folder it can reach.
  const snapName = /chromium/i.test(found.path) ? 'chromium' : path.basename(found.path)
  const profileRoot =
    snap && existsSync(path.join(os.homedir(), 'snap', snapName))
      ? path.join(os.homedir(), 'snap', snapName, 'common')
      : os.tmpdir()
  const userDataDir = await mkdtemp(path.join(profileRoot, 'sprid-chromium-'))
  const args = launchArgs({ userDataDir, extra: [...found.args, ...(options.args ?? [])] })
  const started = Date.now()
  let browser: Browser
  try {
    browser = await launch({
      executablePath: found.path,
      headless: found.headless,
      args,
      pipe: !snap,
      env: { ...options.env, ...found.env },
      timeout: options.timeout ?? 30_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      defaultViewport: null,
    })
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {})
    throw new BrowserLaunchError(
      `Could not start the browser ${found.path} (${found.source}): ${(error as Error).message.split('\n')[0]}` +
        `\nTry another one with \`--browser PATH\` or CHROME_PATH, or run \`sprid doctor\`.`,
      { path: found.path, cause: error },
    )
  }
  const pid = browser.process()?.pid
  debugBrowser('launched %s (pid %d) in %d ms', found.path, pid, Date.now() - started)

  let gone = false
  const removeProfile = (): void => {
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 })
    } catch (error) {
      debugBrowser('could not remove %s: %O', userDataDir, error)
    }
  }
  const kill = (): void => {
    if (!gone) {
      gone = true
      unregister()
      killTree(pid)
    }
    removeProfile()
  }
  const unregister = options.handleSignals === false ? () => {} : onExitCleanup(kill)

  return {
    browser,
    pid,
    userDataDir,
    kill,
    async close() {
      if (gone) return
      gone = true
      unregister()
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          browser.close(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('browser.close() timed out')), 5_000)
          }),
        ])
      } catch (error) {
        debugBrowser('close failed, killing pid %d: %s', pid, (error as Error).message)
        killTree(pid)
      } finally {
        clearTimeout(timer)
      }
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch((error) =>
        debugBrowser('could not remove %s: %O', userDataDir, error),
      )
    },
  }
}
