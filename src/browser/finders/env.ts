/** Steps 2 and 3: `PUPPETEER_EXECUTABLE_PATH`, then `CHROME_PATH`. */
import { foundBrowser, getEnv, normalizeDarwinAppPath } from './utils.js'
import type { Finder } from './types.js'

const envFinder =
  (name: 'PUPPETEER_EXECUTABLE_PATH' | 'CHROME_PATH'): Finder =>
  async (context) => {
    const source = `env:${name}` as const
    const value = getEnv(context, name)
    if (!value) return { step: { source, detail: `${name} is not set` } }
    const executable = normalizeDarwinAppPath(context.platform, value)
    if (!(await context.isExecutable(executable))) {
      return {
        step: {
          source,
          path: executable,
          detail: `${name}=${value} is not an executable file (skipped)`,
        },
      }
    }
    return {
      found: foundBrowser({ path: executable, source, reason: `from ${name}=${value}` }),
      step: { source, path: executable, detail: `found ${executable}` },
    }
  }

export const puppeteerExecutablePathFinder: Finder = envFinder('PUPPETEER_EXECUTABLE_PATH')
export const chromePathFinder: Finder = envFinder('CHROME_PATH')
