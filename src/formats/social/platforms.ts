/**
 * The one table of platform rules: how long a post may be, how each platform
 * counts it, how many hashtags it takes and whether links are clickable.
 *
 * Platforms change these rules (Instagram cut hashtags from 30 to 5 in
 * December 2025), so they live here and nowhere else, and a project can
 * override `limit`, `maxHashtags` and `urlWeight` per platform in its config
 * (`social.platforms`), see {@link resolvePlatforms}.
 */
import { z } from 'zod'

export const PLATFORM_IDS = ['linkedin', 'x', 'bluesky', 'mastodon', 'threads', 'facebook', 'instagram'] as const

export type PlatformId = (typeof PLATFORM_IDS)[number]

/** The platforms a profile gets when it does not name any. */
export const DEFAULT_PLATFORMS: readonly PlatformId[] = ['linkedin', 'x', 'bluesky', 'mastodon']

/**
 * How a platform measures a post.
 * - `twitter`: twitter-text's `parseTweet` weighted length (most code points 1,
 *   CJK and emoji 2, an emoji sequence once, every URL `urlWeight`).
 * - `graphemes`: user-perceived characters (`Intl.Segmenter`), e.g. Bluesky
 *   and Mastodon.
 * - `code-points`: Unicode code points.
 * - `utf16`: JavaScript string length, what most web composers count; it is
 *   never less than the code-point count, so it errs on the safe side for
 *   platforms that do not publish their rule.
 */
export type CountMethod = 'twitter' | 'graphemes' | 'code-points' | 'utf16'

export interface PlatformRule {
  id: PlatformId
  /** Display name, e.g. `LinkedIn`. */
  name: string
  /** The most a post may count. */
  limit: number
  count: CountMethod
  /** What every URL counts as; `undefined` counts URLs as written. */
  urlWeight?: number
  /** Only URLs with `http://` or `https://` are links (and get `urlWeight`), as on Mastodon. */
  urlNeedsScheme?: boolean
  /** Mastodon counts `@user@example.social` as `@user`. */
  localMentions?: boolean
  /** The most hashtags a post may carry; `undefined` for no rule (length still applies). */
  maxHashtags?: number
  /** Whether a URL in the text is clickable; when not, the profile's `link_text` stands in its place. */
  clickableLinks: boolean
  /** Whether posts can be chained as replies, so `thread: true` splits instead of shortening. */
  threads: boolean
  /** Where the rule comes from, for whoever updates this table. */
  note: string
}

/**
 * The built-in rules. Update this table (and its notes) when a platform
 * changes; projects can override `limit`, `maxHashtags` and `urlWeight`.
 */
export const PLATFORMS = {
  linkedin: {
    id: 'linkedin',
    name: 'LinkedIn',
    limit: 3000,
    count: 'utf16',
    clickableLinks: true,
    threads: false,
    note: 'Posts up to 3,000 characters; URLs count as written.',
  },
  x: {
    id: 'x',
    name: 'X',
    limit: 280,
    count: 'twitter',
    urlWeight: 23,
    clickableLinks: true,
    threads: true,
    note: 'twitter-text v3 config: 280 weighted characters, URLs 23 (t.co), CJK and emoji 2.',
  },
  bluesky: {
    id: 'bluesky',
    name: 'Bluesky',
    limit: 300,
    count: 'graphemes',
    clickableLinks: true,
    threads: true,
    note: '300 graphemes; a pasted URL counts as written.',
  },
  mastodon: {
    id: 'mastodon',
    name: 'Mastodon',
    limit: 500,
    count: 'graphemes',
    urlWeight: 23,
    urlNeedsScheme: true,
    localMentions: true,
    clickableLinks: true,
    threads: true,
    note:
      'Default instance limit 500. The server counts grapheme clusters (StatusLengthValidator: `each_grapheme_cluster.size`) after replacing every http(s) URL by 23 characters and `@user@domain` by `@user`.',
  },
  threads: {
    id: 'threads',
    name: 'Threads',
    limit: 500,
    count: 'utf16',
    maxHashtags: 1,
    clickableLinks: true,
    threads: true,
    note: '500 characters; one topic tag per post.',
  },
  facebook: {
    id: 'facebook',
    name: 'Facebook',
    limit: 63206,
    count: 'utf16',
    clickableLinks: true,
    threads: false,
    note: '63,206 characters.',
  },
  instagram: {
    id: 'instagram',
    name: 'Instagram',
    limit: 2200,
    count: 'utf16',
    maxHashtags: 5,
    clickableLinks: false,
    threads: false,
    note: 'Captions up to 2,200 characters; at most 5 hashtags since December 2025; links in captions are not clickable.',
  },
} as const satisfies Record<PlatformId, PlatformRule>

/** What a project may change about a platform (config `social.platforms`). */
export const platformOverrideSchema = z.strictObject({
  limit: z.int().positive().optional().describe('The most a post may count, in the platform\'s own unit.'),
  maxHashtags: z.int().min(0).optional().describe('The most hashtags a post may carry.'),
  urlWeight: z.int().min(0).optional().describe('What every URL counts as.'),
})

/** Config `social.platforms`: `{ x: { limit: 25000 }, instagram: { maxHashtags: 3 } }`. */
export const platformOverridesSchema = z.partialRecord(z.enum(PLATFORM_IDS), platformOverrideSchema)

export type PlatformOverride = z.infer<typeof platformOverrideSchema>
export type PlatformOverrides = z.infer<typeof platformOverridesSchema>
export type PlatformRules = Readonly<Record<PlatformId, Readonly<PlatformRule>>>

/** The built-in table with a project's overrides applied. Pure; validate `overrides` with {@link platformOverridesSchema} first. */
export function resolvePlatforms(overrides: PlatformOverrides = {}): PlatformRules {
  const rules = {} as Record<PlatformId, PlatformRule>
  for (const id of PLATFORM_IDS) {
    const rule: PlatformRule = { ...PLATFORMS[id] }
    const override = overrides[id]
    if (override?.limit !== undefined) rule.limit = override.limit
    if (override?.maxHashtags !== undefined) rule.maxHashtags = override.maxHashtags
    if (override?.urlWeight !== undefined) rule.urlWeight = override.urlWeight
    rules[id] = Object.freeze(rule)
  }
  return Object.freeze(rules)
}

export function isPlatformId(value: string): value is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(value)
}
