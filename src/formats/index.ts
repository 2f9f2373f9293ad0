/**
 * Every output format, registered in one typed object. Adding a format is
 * one folder and one line here.
 */
import type { Format, FormatId } from './types.js'
import { webFormat } from './web/index.js'
import { conferenceFormat } from './conference/index.js'
import { handoutFormat } from './handout/index.js'
import { socialFormat } from './social/index.js'
import { cardFormat } from './card/index.js'

export const formats = {
  web: webFormat,
  conference: conferenceFormat,
  handout: handoutFormat,
  social: socialFormat,
  card: cardFormat,
} satisfies Record<FormatId, Format>

/** The order formats are planned and reported in. */
export const FORMAT_ORDER: readonly FormatId[] = ['web', 'card', 'social', 'conference', 'handout']
