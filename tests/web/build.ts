/**
 * A tiny in-memory engine for the web format's tests: plan, run every job,
 * check paths are unique, and write the files to a temporary folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FormatContext, FormatId, OutputFile, RenderJob, RenderMessage, SiteView } from '../../src/formats/types.js'
import { createWebFormat, type WebFormatOptions } from '../../src/formats/web/index.js'
import { sharedAssetJobs } from '../../src/formats/shared-assets.js'
import { createTemplateRenderer } from '../../src/render/index.js'
import type { LabelOverrides } from '../../src/render/labels.js'
import type { Pack } from '../../src/tailor/view.js'
import { readProjectFile } from './fixtures.js'

const made: string[] = []

/** Remove the temporary folders `build()` made: `afterAll(removeBuilds)`. */
export async function removeBuilds(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
}

export interface Built {
  dir: string
  files: Map<string, OutputFile>
  jobs: RenderJob[]
  messages: RenderMessage[]
  /** A file's text. */
  text(file: string): string
  /** Every HTML file's path. */
  html(): string[]
}

export interface BuildOptions {
  site: SiteView
  packs: Pack[]
  projectDir?: string
  labels?: LabelOverrides
  format?: WebFormatOptions
  /** Formats per audience id, for `context.formatOptions`. @default ['web'] */
  formats?: Record<string, FormatId[]>
  /** Where to write; a new temporary folder by default. */
  dir?: string
}

export async function build(options: BuildOptions): Promise<Built> {
  const messages: RenderMessage[] = []
  const templates = createTemplateRenderer({
    projectDir: options.projectDir,
    globals: { site: options.site },
    labels: options.labels,
  })
  const context: FormatContext = {
    site: options.site,
    packs: options.packs,
    templates,
    pdf: true,
    browser: () => Promise.reject(new Error('the web format needs no browser')),
    formatOptions: (format, audience) => (options.formats?.[audience] ?? ['web']).includes(format) ? {} : undefined,
    social: {},
    readProjectFile,
    report: (message) => {
      messages.push(message)
    },
  }
  const format = createWebFormat(options.format)
  const jobs = [...((await format.planSite?.(context)) ?? [])]
  for (const pack of options.packs) jobs.push(...(await format.planPack(pack, context)))
  jobs.push(...sharedAssetJobs([{ format: 'web', files: (await format.siteAssets?.(context)) ?? [] }]).map(({ job }) => job))

  const files = new Map<string, OutputFile>()
  for (const job of jobs) {
    for (const file of await job.run()) {
      if (files.has(file.path)) throw new Error(`Two jobs wrote ${file.path}`)
      files.set(file.path, file)
    }
  }
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'sprid-web-')))
  if (options.dir === undefined) made.push(dir)
  for (const file of files.values()) {
    const target = path.join(dir, file.path)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, file.contents)
  }
  return {
    dir,
    files,
    jobs,
    messages,
    text(file) {
      const found = files.get(file)
      if (!found) throw new Error(`No output file ${file}; have ${[...files.keys()].join(', ')}`)
      return typeof found.contents === 'string' ? found.contents : new TextDecoder().decode(found.contents)
    },
    html() {
      return [...files.keys()].filter((file) => file.endsWith('.html')).sort()
    },
  }
}
