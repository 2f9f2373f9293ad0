/**
 * `conference`: a 16:9 PDF deck per audience (`<audience>/conference.pdf`)
 * and its speaker notes (`<audience>/conference-notes.pdf`).
 */
import type { Format } from '../types.js'
import { imageInputs, loadImages } from '../print/index.js'
import { deckImageFiles, deckPaths, renderConference } from './deck.js'

export const conferenceFormat: Format = {
  id: 'conference',
  needsBrowser: true,
  async planPack(pack, context) {
    const images = await loadImages(context, deckImageFiles(pack))
    return [
      {
        label: deckPaths(pack).deck,
        audience: pack.audience.id,
        finding: null,
        inputs: { pack, site: context.site, images: imageInputs(images) },
        run: () => renderConference(pack, context, images),
      },
    ]
  },
}
