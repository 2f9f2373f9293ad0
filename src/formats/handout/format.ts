/**
 * `handout`: an A4 training handout per audience, as HTML
 * (`<audience>/handout.html`) and PDF (`<audience>/handout.pdf`).
 */
import type { Format } from '../types.js'
import { imageInputs, loadImages } from '../print/index.js'
import { handoutPaths, renderHandout } from './handout.js'

export const handoutFormat: Format = {
  id: 'handout',
  needsBrowser: true,
  async planPack(pack, context) {
    const images = await loadImages(context, [pack.audience.theme.logo])
    return [
      {
        label: handoutPaths(pack).pdf,
        audience: pack.audience.id,
        finding: null,
        inputs: { pack, site: context.site, images: imageInputs(images) },
        run: () => renderHandout(pack, context, images),
      },
    ]
  },
}
