/**
 * A real format context for tests of the paged formats: sprid's template
 * renderer on the built-in templates, one shared Chromium from the browser
 * module, and a list that collects reported messages.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { createBrowserManager, type BrowserManager } from '../../src/browser/manager.js'
import { createTemplateRenderer } from '../../src/render/index.js'
import type { FormatContext, RenderMessage, SiteView } from '../../src/formats/types.js'
import type { Pack } from '../../src/tailor/view.js'

export interface TestContext extends FormatContext {
  messages: RenderMessage[]
}

/** One browser for a test file; close it in `afterAll`. */
export function testBrowser(): BrowserManager {
  return createBrowserManager({ concurrency: 2, handleSignals: false })
}

/**
 * A format context; without `manager`, asking for the browser throws.
 * Project files are read from `tests/conference/project/`. `pdf: false`
 * asks for paged HTML instead of PDFs, as the preview does.
 */
export function testContext(site: SiteView, packs: readonly Pack[], manager?: BrowserManager, { pdf = true } = {}): TestContext {
  const messages: RenderMessage[] = []
  return {
    site,
    packs,
    templates: createTemplateRenderer({ globals: { site } }),
    pdf,
    browser: async () => {
      if (!manager) throw new Error('This test has no browser')
      return manager.session()
    },
    formatOptions: () => ({}),
    social: {},
    readProjectFile: async (file) => new Uint8Array(await readFile(new URL(`./project/${file}`, import.meta.url))),
    report: (message) => messages.push(message),
    messages,
  }
}

const exec = promisify(execFile)

/** Run a poppler tool (pdfinfo, pdftotext, pdffonts) on a PDF file; `.ci/run` installs poppler-utils. */
export async function poppler(tool: 'pdfinfo' | 'pdftotext' | 'pdffonts', file: string, args: string[] = []): Promise<string> {
  const { stdout } = await exec(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { maxBuffer: 32 * 1024 * 1024 })
  return stdout
}

/** `html` without the soft hyphens the paged formats add, to look for whole words. */
export const unhyphenated = (html: string): string => html.replaceAll('\u00ad', '')
