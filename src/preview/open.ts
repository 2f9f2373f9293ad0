/** Open a URL in the default browser: `open` on macOS, `start` on Windows, `xdg-open` elsewhere. */
import { spawn } from 'node:child_process'

/** The command and arguments that open `url` on `platform`. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]]
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]]
  return ['xdg-open', [url]]
}

/** Best effort: a missing opener or a failing one is ignored, and the preview does not wait for it. */
export function openBrowser(url: string): void {
  const [command, args] = openCommand(url)
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: process.platform === 'win32' })
    child.on('error', () => {})
    child.unref()
  } catch {
    // Nothing to open with: the URL is printed anyway.
  }
}
