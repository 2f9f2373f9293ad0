/**
 * sprid's self-hosted fonts, copied from the @fontsource npm packages: no
 * page ever asks a font CDN. `templates/shared/fonts.css` declares them with
 * URLs relative to `assets/`.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Asset } from '../formats/types.js'

const require = createRequire(import.meta.url)

export interface FontFace {
  family: 'Inter' | 'Source Serif 4'
  /** The @fontsource package the file comes from. */
  pkg: '@fontsource/inter' | '@fontsource/source-serif-4'
  weight: 400 | 600 | 700
  style: 'normal' | 'italic'
  subset: 'latin' | 'latin-ext'
  /** File name, the same in the package's `files/` and in `assets/fonts/`. */
  file: string
}

const FACES: ReadonlyArray<Omit<FontFace, 'subset' | 'file'>> = [
  { family: 'Inter', pkg: '@fontsource/inter', weight: 400, style: 'normal' },
  { family: 'Inter', pkg: '@fontsource/inter', weight: 400, style: 'italic' },
  { family: 'Inter', pkg: '@fontsource/inter', weight: 600, style: 'normal' },
  { family: 'Inter', pkg: '@fontsource/inter', weight: 700, style: 'normal' },
  { family: 'Source Serif 4', pkg: '@fontsource/source-serif-4', weight: 400, style: 'normal' },
  { family: 'Source Serif 4', pkg: '@fontsource/source-serif-4', weight: 400, style: 'italic' },
  { family: 'Source Serif 4', pkg: '@fontsource/source-serif-4', weight: 600, style: 'normal' },
]

/** Every font file `fonts.css` refers to. */
export const fontFaces: readonly FontFace[] = Object.freeze(
  FACES.flatMap((face) =>
    (['latin', 'latin-ext'] as const).map((subset) => ({
      ...face,
      subset,
      file: `${face.pkg.slice('@fontsource/'.length)}-${subset}-${face.weight}-${face.style}.woff2`,
    })),
  ),
)

let cache: Promise<Asset[]> | undefined

/**
 * The font files and their licences as assets under `folder`
 * (`assets/fonts/inter-latin-400-normal.woff2`, `assets/fonts/inter-LICENSE.txt`, ...).
 * Read once per process.
 */
export async function fontAssets(folder = 'assets/fonts'): Promise<Asset[]> {
  cache ??= Promise.all([
    ...fontFaces.map(async (face) => ({
      path: face.file,
      contents: new Uint8Array(await readFile(require.resolve(`${face.pkg}/files/${face.file}`))),
      type: 'font/woff2',
    })),
    ...(['@fontsource/inter', '@fontsource/source-serif-4'] as const).map(async (pkg) => ({
      path: `${pkg.slice('@fontsource/'.length)}-LICENSE.txt`,
      contents: new Uint8Array(await readFile(require.resolve(`${pkg}/LICENSE`))),
      type: 'text/plain; charset=utf-8',
    })),
  ])
  cache.catch(() => {
    cache = undefined
  })
  const assets = await cache
  const prefix = folder.replace(/\/+$/, '')
  return assets.map((asset) => ({ ...asset, path: `${prefix}/${asset.path}` }))
}
