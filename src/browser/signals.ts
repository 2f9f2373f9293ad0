/**
 * Kill open browsers when the process is interrupted or exits. Handlers are
 * installed while at least one browser is open and removed with the last one.
 * Cleanups here are synchronous (SIGKILL the Chromium process group, remove
 * its profile folder) because nothing async is sure to run after a signal.
 *
 * After cleaning up on SIGINT/SIGTERM: when no other listener handles the
 * signal, it is raised again so the process ends the default way (the shell
 * sees 130/143); otherwise `process.exitCode` is set to 130/143 and the
 * other listeners decide.
 */
import { debugBrowser } from './debug.js'

type Cleanup = () => void

const cleanups = new Set<Cleanup>()
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
type Signal = (typeof SIGNALS)[number]
const EXIT_CODES: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }

function runCleanups(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup)
    try {
      cleanup()
    } catch (error) {
      debugBrowser('cleanup failed: %O', error)
    }
  }
}

function onSignal(signal: Signal): void {
  debugBrowser('%s: closing %d browser(s)', signal, cleanups.size)
  runCleanups()
  uninstall()
  if (process.listenerCount(signal) === 0) {
    process.kill(process.pid, signal)
  } else {
    process.exitCode = EXIT_CODES[signal]
  }
}

const handlers = new Map<Signal, () => void>(SIGNALS.map((s) => [s, () => onSignal(s)]))
let installed = false

function install(): void {
  if (installed) return
  installed = true
  for (const [signal, handler] of handlers) process.on(signal, handler)
  process.on('exit', runCleanups)
}

function uninstall(): void {
  if (!installed) return
  installed = false
  for (const [signal, handler] of handlers) process.off(signal, handler)
  process.off('exit', runCleanups)
}

/**
 * Run `cleanup` (synchronously) if the process gets SIGINT, SIGTERM or SIGHUP,
 * or exits, before the returned function is called.
 */
export function onExitCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  install()
  return () => {
    cleanups.delete(cleanup)
    if (cleanups.size === 0) uninstall()
  }
}

/** How many cleanups are registered (for tests). */
export const pendingCleanups = (): number => cleanups.size
