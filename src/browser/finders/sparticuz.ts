/**
 * Step 6: the Chromium shipped inside the npm package `@sparticuz/chromium`
 * (Linux x64 only). Its `executablePath()` decompresses the browser and its
 * fonts to the temp folder once (about 2 s) and reuses them afterwards.
 */
import { foundBrowser } from './utils.js'
import type { Finder } from './types.js'

/**
 * Flags from `@sparticuz/chromium`'s list that sprid drops: they weaken web
 * security, are for AWS Lambda only, turn the GPU stack back on (sprid passes
 * `--disable-gpu`), or are decided by sprid itself (headless mode, sandbox).
 */
const DROPPED_FLAGS =
  /^--(?:disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|single-process|no-zygote|headless|no-sandbox|disable-setuid-sandbox|disable-features|enable-features|ignore-gpu-blocklist|in-process-gpu|use-gl|use-angle|enable-unsafe-swiftshader)(?:=|$)/

/** `@sparticuz/chromium`'s recommended flags that sprid keeps. */
export const sparticuzArgs = (args: readonly string[]): string[] =>
  args.filter((arg) => !DROPPED_FLAGS.test(arg))

export const sparticuzFinder: Finder = async (context, { resolve = true }) => {
  const source = '@sparticuz/chromium'
  if (context.platform !== 'linux' || context.arch !== 'x64') {
    return {
      step: {
        source,
        detail: `only ships a Linux x64 build (this is ${context.platform} ${context.arch})`,
      },
    }
  }
  let chromium
  try {
    chromium = await context.loadSparticuz()
  } catch (error) {
    return {
      step: { source, detail: `not installed (${(error as Error).message.split('\n')[0]})` },
    }
  }
  if (!resolve) {
    return { step: { source, detail: 'installed (decompressed on first use)' } }
  }
  let executable: string
  try {
    executable = await chromium.executablePath()
  } catch (error) {
    return {
      step: { source, detail: `could not decompress (${(error as Error).message.split('\n')[0]})` },
    }
  }
  if (!(await context.isExecutable(executable))) {
    return { step: { source, path: executable, detail: `${executable} is not executable` } }
  }
  // Use the package's fonts when the machine has no fontconfig of its own.
  const fontsConf = executable.replace(/[^/]+$/, 'fonts')
  const env: Record<string, string> =
    !(await context.exists('/etc/fonts/fonts.conf')) && (await context.exists(`${fontsConf}/fonts.conf`))
      ? { FONTCONFIG_PATH: fontsConf }
      : {}
  return {
    found: foundBrowser({
      path: executable,
      source,
      reason: `Chromium from the npm package @sparticuz/chromium, decompressed to ${executable}`,
      headless: 'shell',
      args: sparticuzArgs(chromium.args),
      env,
    }),
    step: { source, path: executable, detail: `found ${executable}` },
  }
}
