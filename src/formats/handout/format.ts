/**
 * `handout`: an A4 training handout per audience, as HTML
 * (`<audience>/handout.html`) and PDF (`<audience>/handout.pdf`; only the
 * HTML when the build prints no PDFs).
 */
import type { Format } from '../types.js'
import { imageInputs, loadImages, printSiteAssets } from '../print/index.js'
import { handoutPaths, renderHandout, renderHandoutHtml } from './handout.js'

export const handoutFormat: Format = {
  id: 'handout',
  // handout.html loads the fonts and the audience's logo from ../assets/.
  siteAssets: (context) => printSiteAssets(context, 'handout', context.packs.map((pack) => pack.audience.theme.logo)),
  async planPack(pack, context) {
    const images = await loadImages(context, [pack.audience.theme.logo])
    return [
      {
        label: context.pdf ? handoutPaths(pack).pdf : handoutPaths(pack).html,
        audience: pack.audience.id,
        finding: null,
        inputs: { pack, site: context.site, images: imageInputs(images), pdf: context.pdf },
        run: () => (context.pdf ? renderHandout(pack, context, images) : renderHandoutHtml(pack, context, images)),
      },
    ]
  },
}
