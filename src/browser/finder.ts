/**
 * Find a Chromium-based browser, never download one. Order (like Marp CLI):
 * `--browser` / config `browser`, `PUPPETEER_EXECUTABLE_PATH`, `CHROME_PATH`,
 * an installed Chrome/Chromium/Edge, puppeteer's browser cache, then the
 * Chromium inside the npm package `@sparticuz/chromium` (Linux x64).
 */
import { constants } from 'node:fs'
import { access, readdir, stat } from 'node:fs/promises'
import os from 'node:os'
import { debugFinder } from './debug.js'
import { BrowserNotFoundError } from './errors.js'
import { chromePathFinder, puppeteerExecutablePathFinder } from './finders/env.js'
import { optionFinder } from './finders/option.js'
import { puppeteerCacheFinder } from './finders/puppeteer-cache.js'
import { sparticuzFinder } from './finders/sparticuz.js'
import { systemFinder } from './finders/system.js'
import type {
  Finder,
  FinderContext,
  FinderOptions,
  FinderStep,
  FoundBrowser,
  SparticuzChromium,
} from './finders/types.js'

/** The finders in the order they are tried. */
export const defaultFinders: readonly Finder[] = [
  optionFinder,
  puppeteerExecutablePathFinder,
  chromePathFinder,
  systemFinder,
  puppeteerCacheFinder,
  sparticuzFinder,
]

async function isExecutable(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The real machine as a {@link FinderContext}. `env` should come from the
 * caller (the CLI passes `process.env`); it defaults to `process.env` here,
 * the one place the browser layer reads it.
 */
export function nodeFinderContext(overrides: Partial<FinderContext> = {}): FinderContext {
  return {
    platform: process.platform,
    arch: process.arch,
    env: process.env,
    homedir: os.homedir(),
    isExecutable,
    async exists(file) {
      try {
        await access(file)
        return true
      } catch {
        return false
      }
    },
    async readdir(folder) {
      try {
        return await readdir(folder)
      } catch {
        return []
      }
    },
    async loadSparticuz() {
      const module = (await import('@sparticuz/chromium')) as { default: SparticuzChromium }
      return module.default
    },
    ...overrides,
  }
}

export interface FindBrowserOptions extends FinderOptions {
  /** The machine to look at. @default nodeFinderContext() */
  context?: FinderContext
  /** The finders, in order. @default defaultFinders */
  finders?: readonly Finder[]
}

/** The browser sprid would use, with every step tried up to it. */
export interface BrowserChoice extends FoundBrowser {
  steps: FinderStep[]
}

/**
 * Find the browser to use.
 *
 * @throws {BrowserNotFoundError} when nothing is found, or when the
 *   executable given with `--browser` is not there (exit code 3).
 */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<BrowserChoice> {
  const context = options.context ?? nodeFinderContext()
  const steps: FinderStep[] = []
  for (const finder of options.finders ?? defaultFinders) {
    const result = await finder(context, options)
    steps.push(result.step)
    debugFinder('%s: %s', result.step.source, result.step.detail)
    if (result.found) {
      debugFinder('use %s (%s)', result.found.path, result.found.reason)
      return { ...result.found, steps }
    }
    if (result.step.source === 'option' && options.browser) {
      throw new BrowserNotFoundError(
        `The browser given with \`--browser\` (or config \`browser\`) cannot be used: ${result.step.detail}.`,
        { steps },
      )
    }
  }
  throw new BrowserNotFoundError('No Chrome, Chromium or Edge found for PDFs and images.', {
    steps,
  })
}

/**
 * Run every finder step, without stopping at the first hit and without side
 * effects (`@sparticuz/chromium` is not decompressed), for `sprid doctor`.
 */
export async function inspectFinders(options: FindBrowserOptions = {}): Promise<FinderStep[]> {
  const context = options.context ?? nodeFinderContext()
  const steps: FinderStep[] = []
  for (const finder of options.finders ?? defaultFinders) {
    steps.push((await finder(context, { ...options, resolve: false })).step)
  }
  return steps
}
