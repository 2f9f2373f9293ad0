/**
 * `conference`: a 16:9 PDF deck per audience (`<audience>/conference.pdf`)
 * and its speaker notes (`<audience>/conference-notes.pdf`); their paged
 * HTML instead (`conference.html`, `conference-notes.html`) when the build
 * prints no PDFs.
 */
import type { Format } from '../types.js'
import { imageInputs, loadImages, printSiteAssets } from '../print/index.js'
import { deckImageFiles, deckPaths, renderConference, renderConferenceHtml } from './deck.js'

export const conferenceFormat: Format = {
  id: 'conference',
  // The paged HTML (written instead of the PDFs) loads fonts and images from ../assets/; the PDFs need nothing on disk.
  siteAssets: (context) => (context.pdf ? [] : printSiteAssets(context, 'conference', context.packs.flatMap(deckImageFiles))),
  async planPack(pack, context) {
    const images = await loadImages(context, deckImageFiles(pack))
    return [
      {
        label: context.pdf ? deckPaths(pack).deck : deckPaths(pack).deckHtml,
        audience: pack.audience.id,
        finding: null,
        inputs: { pack, site: context.site, images: imageInputs(images), pdf: context.pdf },
        run: () => (context.pdf ? renderConference(pack, context, images) : renderConferenceHtml(pack, context, images)),
      },
    ]
  },
}
