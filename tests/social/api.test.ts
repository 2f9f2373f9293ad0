import { describe, expect, it } from 'vitest'
import * as card from '../../src/formats/card/index.js'
import * as social from '../../src/formats/social/index.js'

describe('public API of the social and card formats', () => {
  it('pins the export names of src/formats/social', () => {
    expect(Object.keys(social).sort()).toEqual(
      [
        'CSV_COLUMNS',
        'DEFAULT_PLATFORMS',
        'ELLIPSIS',
        'PART_KINDS',
        'PLATFORMS',
        'PLATFORM_IDS',
        'composePost',
        'composeSocial',
        'composeThread',
        'countCodePoints',
        'countFor',
        'countGraphemes',
        'counterFor',
        'csvField',
        'cutPoints',
        'cutText',
        'defaultLayout',
        'findingUrl',
        'formatHashtag',
        'graphemes',
        'hashtagKey',
        'isPlatformId',
        'mergeHashtags',
        'normalizeSpace',
        'platformOverrideSchema',
        'platformOverridesSchema',
        'protectedSpans',
        'resolvePlatforms',
        'shorten',
        'socialCsv',
        'socialFileSchema',
        'socialFormat',
        'socialJson',
        'socialLabels',
        'socialMarkdown',
        'socialOptionsSchema',
        'templateLayout',
        'tidy',
        'unescapeHtml',
        'wantedParts',
      ].sort(),
    )
  })

  it('pins the export names of src/formats/card', () => {
    expect(Object.keys(card).sort()).toEqual(
      ['CARD_SIZE', 'SQUARE_SIZE', 'cardAlt', 'cardFigure', 'cardFormat', 'cardOptionsSchema', 'cardPath', 'cardView', 'shortenTitle', 'titleSize'].sort(),
    )
  })

  it('exports formats with the right ids', () => {
    expect(social.socialFormat.id).toBe('social')
    expect(card.cardFormat.id).toBe('card')
  })
})
