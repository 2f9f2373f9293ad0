/**
 * Where a paged format's HTML finds its fonts: in Chromium, sprid's
 * self-hosted font files are served from memory under
 * `https://sprid.local/assets/fonts/`, the same paths the web format writes.
 */
import { ASSET_BASE } from '../../browser/csp.js'
import type { Asset, FormatContext, FormatId, OutputFile } from '../types.js'
import { fontFileAssets } from './fonts.js'
import { loadImages, type PrintImage } from './images.js'

/** `https://sprid.local/assets/`: the output's `assets/` folder as the browser sees it. */
export const BROWSER_ASSET_BASE = `${ASSET_BASE}assets/`
/** `../assets/`: the same folder as a paged format's HTML on disk (`<audience>/handout.html`) sees it. */
export const DISK_ASSET_BASE = '../assets/'

/** What Chromium is served from memory for a paged document: sprid's fonts and the project images it shows. */
export async function printAssets(images: ReadonlyMap<string, PrintImage>): Promise<Asset[]> {
  return [...(await fontFileAssets()), ...[...images.values()].map((image) => image.asset)]
}

/**
 * A paged format's `siteAssets`: the fonts, and the project images that
 * `files` name, written where its HTML on disk loads them
 * ({@link DISK_ASSET_BASE}): the same paths and bytes the web format writes.
 */
export async function printSiteAssets(
  context: Pick<FormatContext, 'readProjectFile'>,
  format: FormatId,
  files: Iterable<string | undefined>,
): Promise<OutputFile[]> {
  const assets = await printAssets(await loadImages(context, files))
  return assets.map((asset) => ({ path: asset.path, contents: asset.contents, audience: null, format, finding: null }))
}
