/**
 * Files several formats refer to alike: sprid's fonts and the project's
 * images under `assets/`, which web pages, `handout.html` and the paged
 * deck all load. Each format declares the ones its output needs
 * (`Format.siteAssets`), whatever the other formats of the build; the build
 * writes each file once, credited to the first format (in `FORMAT_ORDER`)
 * that declared it, so the manifest is the same whichever formats run.
 */
import type { FormatId, OutputFile, RenderJob } from './types.js'
import { sha256 } from '../output/hash.js'

/** One format's declared files. */
export interface DeclaredAssets {
  format: FormatId
  files: readonly OutputFile[]
}

/**
 * The jobs that write every declared file once: one per format that
 * declared a file first. Two formats declaring one path with different
 * bytes is a bug in sprid, not in the project: it throws.
 */
export function sharedAssetJobs(declared: readonly DeclaredAssets[]): Array<{ format: FormatId; job: RenderJob }> {
  const first = new Map<string, { format: FormatId; file: OutputFile; hash: string }>()
  for (const { format, files } of declared) {
    for (const file of files) {
      const hash = sha256(file.contents)
      const earlier = first.get(file.path)
      if (!earlier) first.set(file.path, { format, file: { ...file, format, audience: null, finding: null }, hash })
      else if (earlier.hash !== hash) {
        throw new Error(`The ${earlier.format} and ${format} formats write \`${file.path}\` with different contents`)
      }
    }
  }
  const byFormat = new Map<FormatId, Array<{ file: OutputFile; hash: string }>>()
  for (const { format, file, hash } of first.values()) {
    const group = byFormat.get(format) ?? []
    group.push({ file, hash })
    byFormat.set(format, group)
  }
  return [...byFormat].map(([format, group]) => {
    const sorted = group.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0))
    return {
      format,
      job: {
        label: `${format} assets/`,
        audience: null,
        finding: null,
        inputs: { assets: sorted.map(({ file, hash }) => [file.path, hash]) },
        run: async () => sorted.map(({ file }) => file),
      },
    }
  })
}
