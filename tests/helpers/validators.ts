/**
 * The real tools the quality bar is measured with: the W3C Nu HTML checker
 * (vnu-jar on the machine's Java) and axe-core in headless Chromium.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'puppeteer-core'

const require = createRequire(import.meta.url)
const run = promisify(execFile)

export interface VnuMessage {
  type: string
  url: string
  message: string
  lastLine?: number
}

/** Errors the Nu checker finds in `files` (HTML, or CSS by extension). */
export async function vnu(files: string[]): Promise<VnuMessage[]> {
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')
  // vnu exits 1 when it finds errors; the JSON report is on stderr either way.
  const result = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }),
  )
  return (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages
}

export interface AxeResult {
  file: string
  scheme: 'light' | 'dark'
  violations: string[]
}

/** axe-core's WCAG 2.1 A and AA rules on every page under `origin`, in light and dark mode. */
export async function axePages(browser: Browser, origin: string, files: readonly string[]): Promise<AxeResult[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  const results: AxeResult[] = []
  const page = await browser.newPage()
  try {
    await page.setViewport({ width: 1280, height: 900 })
    for (const file of files) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }])
      await page.goto(`${origin}/${file}`, { waitUntil: 'load' })
      await page.addScriptTag({ content: source })
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }])
        const violations = await page.evaluate(async () => {
          type Axe = { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> }
          const result = await (window as unknown as { axe: Axe }).axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          })
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
        })
        results.push({ file, scheme, violations })
      }
    }
  } finally {
    await page.close()
  }
  return results
}
