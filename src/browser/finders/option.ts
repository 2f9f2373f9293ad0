/** Step 1: the executable given with `--browser PATH` or config `browser`. */
import { foundBrowser, normalizeDarwinAppPath, pathFor } from './utils.js'
import type { Finder } from './types.js'

export const optionFinder: Finder = async (context, { browser }) => {
  if (!browser) return { step: { source: 'option', detail: 'not set (`--browser` / config `browser`)' } }
  const p = pathFor(context.platform)
  const executable = normalizeDarwinAppPath(context.platform, browser)
  if (!p.isAbsolute(executable)) {
    return {
      step: {
        source: 'option',
        path: executable,
        detail: `\`${browser}\` is not an absolute path`,
      },
    }
  }
  if (!(await context.isExecutable(executable))) {
    return {
      step: {
        source: 'option',
        path: executable,
        detail: `\`${executable}\` is not an executable file`,
      },
    }
  }
  const reason = `given with \`--browser\` / config \`browser\`: ${executable}`
  return {
    found: foundBrowser({ path: executable, source: 'option', reason }),
    step: { source: 'option', path: executable, detail: `found ${executable}` },
  }
}
