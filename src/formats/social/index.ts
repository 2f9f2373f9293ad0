export { socialFormat, templateLayout, wantedParts, unescapeHtml } from './format.js'
export {
  PLATFORMS,
  PLATFORM_IDS,
  DEFAULT_PLATFORMS,
  resolvePlatforms,
  isPlatformId,
  platformOverrideSchema,
  platformOverridesSchema,
  type PlatformId,
  type PlatformRule,
  type PlatformRules,
  type PlatformOverride,
  type PlatformOverrides,
  type CountMethod,
} from './platforms.js'
export { countFor, counterFor, countGraphemes, countCodePoints, graphemes, type Counter } from './count.js'
export { shorten, cutText, cutPoints, protectedSpans, ELLIPSIS, type Cut, type ShortenOptions } from './shorten.js'
export { formatHashtag, mergeHashtags, hashtagKey } from './hashtags.js'
export {
  composePost,
  composeThread,
  defaultLayout,
  tidy,
  normalizeSpace,
  PART_KINDS,
  type PartKind,
  type PostParts,
  type PostInput,
  type Layout,
  type ComposeOptions,
  type ComposedPost,
  type DroppedPart,
} from './compose.js'
export { socialOptionsSchema, findingUrl, type SocialOptions } from './options.js'
export { socialJson, socialMarkdown, socialCsv, csvField, CSV_COLUMNS, socialFileSchema, type SocialFile, type SocialPost } from './outputs.js'
export { composeSocial, type SocialSettings, type ComposedSocial, type PlatformLayout } from './pack.js'
export { socialLabels, type SocialLabels } from './labels.js'
export type { ProjectContext } from './context.js'
