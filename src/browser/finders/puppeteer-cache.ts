/**
 * Step 5: a browser that `npx puppeteer browsers install` (or a full
 * `puppeteer` install elsewhere) left in puppeteer's cache. Only looks for an
 * existing executable; sprid never downloads a browser.
 */
import { compareVersionsDescending, foundBrowser, getEnv, pathFor } from './utils.js'
import type { Finder, FinderContext } from './types.js'

type Product = 'chrome' | 'chrome-headless-shell'

/** Folder prefix of builds for this platform, as `@puppeteer/browsers` names them. */
function platformFolder(platform: NodeJS.Platform, arch: string): string | undefined {
  switch (platform) {
    case 'linux':
      return arch === 'arm64' ? 'linux_arm' : 'linux'
    case 'darwin':
      return arch === 'arm64' ? 'mac_arm' : 'mac'
    case 'win32':
      return arch === 'x64' || arch === 'arm64' ? 'win64' : 'win32'
    default:
      return undefined
  }
}

/** The executable inside one build folder, relative to it. */
function relativeExecutable(product: Product, folder: string): string[] {
  const suffix: Record<string, string> = {
    linux: 'linux64',
    linux_arm: 'linux-arm64',
    mac: 'mac-x64',
    mac_arm: 'mac-arm64',
    win64: 'win64',
    win32: 'win32',
  }
  const s = suffix[folder]!
  if (product === 'chrome-headless-shell') {
    const exe = folder.startsWith('win') ? 'chrome-headless-shell.exe' : 'chrome-headless-shell'
    return [`chrome-headless-shell-${s}`, exe]
  }
  if (folder.startsWith('mac')) {
    return [
      `chrome-${s}`,
      'Google Chrome for Testing.app',
      'Contents',
      'MacOS',
      'Google Chrome for Testing',
    ]
  }
  return [`chrome-${s}`, folder.startsWith('win') ? 'chrome.exe' : 'chrome']
}

/** `PUPPETEER_CACHE_DIR`, else `~/.cache/puppeteer`. */
export function puppeteerCacheDir(context: FinderContext): string {
  return (
    getEnv(context, 'PUPPETEER_CACHE_DIR') ??
    pathFor(context.platform).join(context.homedir, '.cache', 'puppeteer')
  )
}

/** Every executable the cache could hold for this platform, newest build first. */
export async function puppeteerCacheCandidates(context: FinderContext): Promise<string[]> {
  const p = pathFor(context.platform)
  const root = puppeteerCacheDir(context)
  const folder = platformFolder(context.platform, context.arch)
  if (!folder) return []
  const candidates: string[] = []
  for (const product of ['chrome', 'chrome-headless-shell'] as const) {
    const builds = (await context.readdir(p.join(root, product)))
      .filter((name) => name.startsWith(`${folder}-`))
      .map((name) => ({ name, version: name.slice(folder.length + 1) }))
      .sort((a, b) => compareVersionsDescending(a.version, b.version))
    for (const build of builds) {
      candidates.push(p.join(root, product, build.name, ...relativeExecutable(product, folder)))
    }
  }
  return candidates
}

export const puppeteerCacheFinder: Finder = async (context) => {
  const root = puppeteerCacheDir(context)
  const candidates = await puppeteerCacheCandidates(context)
  for (const candidate of candidates) {
    if (await context.isExecutable(candidate)) {
      return {
        found: foundBrowser({
          path: candidate,
          source: 'puppeteer-cache',
          reason: `found in puppeteer's browser cache: ${candidate}`,
        }),
        step: { source: 'puppeteer-cache', path: candidate, detail: `found ${candidate}` },
      }
    }
  }
  return {
    step: {
      source: 'puppeteer-cache',
      detail:
        candidates.length === 0
          ? `no browser in ${root}`
          : `${candidates.length} build(s) in ${root}, none executable`,
    },
  }
}
