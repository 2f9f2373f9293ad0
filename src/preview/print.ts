/**
 * PDFs on demand. The preview builds the paged formats as HTML only (no
 * browser in the save-to-reload loop); following a "Print the PDF" link
 * builds that one audience's format with printing on, into a folder of its
 * own. The build cache is shared with the preview's builds, so asking again
 * with nothing changed answers without printing.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import createDebug from 'debug'
import { build, type BuildOptions } from '../build.js'
import type { FormatId } from '../formats/types.js'
import { problemOfError, problemsOf, type PreviewProblem } from './problems.js'

const debug = createDebug('sprid:preview')

/** The PDFs the preview prints on demand, by file name, and the format that makes each. */
export const PRINTED_FILES: ReadonlyMap<string, FormatId> = new Map([
  ['conference.pdf', 'conference'],
  ['conference-notes.pdf', 'conference'],
  ['handout.pdf', 'handout'],
])

/** Where `<audience>/<file>` is printed on demand. */
export const pdfUrl = (audience: string, file: string): string => `/__sprid/pdf/${encodeURIComponent(audience)}/${encodeURIComponent(file)}`

/**
 * The on-demand URL of the PDF that the paged HTML file `file`
 * (`boende/handout.html`, posix) prints to, if it is one of {@link PRINTED_FILES}.
 */
export function printedFrom(file: string): string | undefined {
  const [audience, name, ...rest] = file.split('/')
  const pdf = name?.replace(/\.html$/, '.pdf')
  return audience && pdf && rest.length === 0 && PRINTED_FILES.has(pdf) ? pdfUrl(audience, pdf) : undefined
}

/** The printed PDF, read before the next print may replace it, or what stopped it. */
export type PrintOutcome =
  /** `cached`: nothing was printed, the build cache had the PDF. */
  | { ok: true; pdf: Buffer; cached: boolean }
  | { ok: false; problems: PreviewProblem[] }

export interface PdfPrinterOptions {
  root: string
  /** A folder of the preview's own: each audience and format gets a folder in it. */
  folder: string
  /** The preview's build options (config file, drafts, date, ...). */
  options: Omit<BuildOptions, 'out' | 'pdf' | 'audiences' | 'formats' | 'signal' | 'onProgress'>
}

export interface PdfPrinter {
  /** Print `file` (a key of {@link PRINTED_FILES}) of `audience`'s pack, after any print asked for before. */
  print(audience: string, file: string): Promise<PrintOutcome>
  /** Stop the running print (and its browser) and refuse new ones. */
  close(): Promise<void>
}

export function createPdfPrinter({ root, folder, options }: PdfPrinterOptions): PdfPrinter {
  const controller = new AbortController()
  // One print at a time: two asks for one audience's deck and notes build into one folder.
  let queue: Promise<unknown> = Promise.resolve()

  const run = async (audience: string, file: string): Promise<PrintOutcome> => {
    controller.signal.throwIfAborted()
    const format = PRINTED_FILES.get(file)
    if (!format) throw new RangeError(`Not a printed file: ${file}`)
    const out = path.join(folder, format, audience)
    const started = performance.now()
    try {
      const result = await build(root, { ...options, audiences: [audience], formats: [format], out, signal: controller.signal })
      debug('printed %s/%s in %d ms (%d jobs cached)', audience, file, Math.round(performance.now() - started), result.cached)
      if (!result.ok) return { ok: false, problems: await problemsOf(result.files, root) }
      return { ok: true, pdf: await readFile(path.join(out, audience, file)), cached: result.ran === 0 }
    } catch (error) {
      if (controller.signal.aborted) throw error
      return { ok: false, problems: [problemOfError(error, root)] }
    }
  }

  return {
    print(audience, file) {
      const printed = queue.then(() => run(audience, file))
      queue = printed.catch(() => {})
      return printed
    },
    async close() {
      controller.abort()
      await queue
    },
  }
}
