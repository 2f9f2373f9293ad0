/**
 * The render stage: Liquid templates, labels, and helpers every format shares
 * (Intl dates and numbers, URLs, JSON-LD, contrast, hashed asset names, fonts).
 */
export {
  builtinTemplatesDir,
  createTemplateRenderer,
  toTemplateError,
  SHARED_FOLDER,
  type SpridTemplateRenderer,
  type TemplateLimits,
  type TemplateRendererOptions,
} from './renderer.js'
export { TemplateError } from './errors.js'
export { findUnusedOverrides } from './overrides.js'
export {
  builtinLabels,
  formatLabel,
  interpolate,
  labelKeys,
  primarySubtag,
  resolveLabels,
  type LabelKey,
  type LabelOverrides,
  type Labels,
} from './labels.js'
export { dateLocale, formatDate, formatDateTime, formatIsoDate, formatNumber, parseDate, type DateStyle } from './intl.js'
export { absoluteUrl, relativeUrl, safeUrl, SAFE_PROTOCOLS } from './url.js'
export { serializeJsonLd } from './json-ld.js'
export {
  contrastRatio,
  ensureContrast,
  parseHexColor,
  relativeLuminance,
  toHexColor,
  type ContrastOptions,
  type ContrastResult,
  type Rgb,
} from './contrast.js'
export { hashedAssetPath, mimeType } from './assets.js'
export { fontAssets, fontFaces, type FontFace } from './fonts.js'
export { createConfinedFs, isSafeTemplateName } from './fs.js'
export type { RenderState } from './filters.js'
