/**
 * Step 4: an installed Chrome, Chromium or Edge, at the usual places of each
 * operating system, then by name on `PATH`.
 */
import { findOnPath, firstExecutable, foundBrowser, getEnv, pathFor } from './utils.js'
import type { Finder, FinderContext } from './types.js'

const LINUX = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/usr/bin/microsoft-edge-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/var/lib/snapd/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/opt/microsoft/msedge/msedge',
]

const LINUX_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
  'microsoft-edge-stable',
  'microsoft-edge',
  'msedge',
]

const DARWIN_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
  'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
]

const WIN32_APPS = [
  'Google\\Chrome\\Application\\chrome.exe',
  'Chromium\\Application\\chrome.exe',
  'Microsoft\\Edge\\Application\\msedge.exe',
  'Google\\Chrome SxS\\Application\\chrome.exe',
]

/** Known install locations for the platform, most likely first. */
export function systemCandidates(context: FinderContext): string[] {
  switch (context.platform) {
    case 'darwin':
      return ['/Applications', pathFor('darwin').join(context.homedir, 'Applications')].flatMap(
        (folder) => DARWIN_APPS.map((app) => `${folder}/${app}`),
      )
    case 'win32': {
      const p = pathFor('win32')
      const roots = [
        getEnv(context, 'LOCALAPPDATA'),
        getEnv(context, 'PROGRAMFILES') ?? 'C:\\Program Files',
        getEnv(context, 'PROGRAMFILES(X86)') ?? 'C:\\Program Files (x86)',
      ].filter((root): root is string => Boolean(root))
      return [...new Set(roots)].flatMap((root) => WIN32_APPS.map((app) => p.join(root, app)))
    }
    default:
      return LINUX
  }
}

const namesFor = (platform: NodeJS.Platform): string[] =>
  platform === 'win32' ? ['chrome', 'msedge'] : platform === 'darwin' ? [] : LINUX_NAMES

export const systemFinder: Finder = async (context) => {
  const candidates = systemCandidates(context)
  const names = namesFor(context.platform)
  const executable =
    (await firstExecutable(context, candidates)) ?? (await findOnPath(context, names))
  if (!executable) {
    const where = names.length > 0 ? ` or on PATH (${names.join(', ')})` : ''
    return {
      step: {
        source: 'system',
        detail: `no Chrome, Chromium or Edge at ${candidates.length} known locations${where}`,
      },
    }
  }
  return {
    found: foundBrowser({
      path: executable,
      source: 'system',
      reason: `installed browser at ${executable}`,
    }),
    step: { source: 'system', path: executable, detail: `found ${executable}` },
  }
}
