/**
 * Project images on printed pages (finding images, the audience's logo):
 * read through `context.readProjectFile` while planning, so their content
 * hash is part of the job's inputs, and served to Chromium from memory under
 * the same content-hashed name the web format copies them to
 * (`assets/img/<name>.<hash8>.<ext>`). A missing file is left out quietly:
 * the web format and `sprid check` report it.
 */
import createDebug from 'debug'
import { hashedAssetPath, mimeType } from '../../render/assets.js'
import { sha256 } from '../../output/hash.js'
import type { Asset, FormatContext } from '../types.js'

const debug = createDebug('sprid:print')

/** Where copied project images live among the assets, as the web format writes them. */
export const IMAGES_FOLDER = 'assets/img'

/** A project image ready for a page. */
export interface PrintImage {
  /** Project-relative path it was read from. */
  file: string
  /** Asset path, `assets/img/<name>.<hash8>.<ext>`. */
  path: string
  /** SHA-256 of the contents, for the job's inputs. */
  hash: string
  asset: Asset
}

/** Images already read, per format context: planning a pack and declaring the site's assets ask for the same files. */
const readImages = new WeakMap<object, Map<string, Promise<PrintImage | undefined>>>()

/** Read project images once each per format context; missing or unreadable ones are skipped. */
export async function loadImages(
  context: Pick<FormatContext, 'readProjectFile'>,
  files: Iterable<string | undefined>,
): Promise<Map<string, PrintImage>> {
  const images = new Map<string, PrintImage>()
  const read = (context as Partial<Pick<FormatContext, 'readProjectFile'>>).readProjectFile
  if (typeof read !== 'function') return images
  let known = readImages.get(context)
  if (!known) readImages.set(context, (known = new Map()))
  for (const file of new Set([...files].filter((f): f is string => typeof f === 'string' && f !== ''))) {
    let image = known.get(file)
    if (!image) {
      image = readImage(file, () => read.call(context, file))
      known.set(file, image)
    }
    const loaded = await image
    if (loaded) images.set(file, loaded)
  }
  return images
}

async function readImage(file: string, read: () => Promise<Uint8Array>): Promise<PrintImage | undefined> {
  try {
    const contents = await read()
    const path = hashedAssetPath(file, contents, IMAGES_FOLDER)
    return { file, path, hash: sha256(contents), asset: { path, contents, type: mimeType(file) } }
  } catch (error) {
    debug('image %s left out: %s', file, (error as Error).message)
    return undefined
  }
}

/** `[file, hash]` pairs for a job's inputs (sorted, so the key is stable). */
export function imageInputs(images: ReadonlyMap<string, PrintImage>): Array<[string, string]> {
  return [...images.values()].map((image): [string, string] => [image.file, image.hash]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** An image for a template: its URL under `base` (the `assets/` folder as the page sees it) and its text alternative. */
export interface ImageView {
  src: string
  alt: string
}

export function imageView(image: PrintImage | undefined, base: string, alt: string): ImageView | undefined {
  if (!image) return undefined
  return { src: base + image.path.slice('assets/'.length), alt }
}
