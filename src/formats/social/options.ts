/**
 * The options a profile gives the social format (`formats.social` in its
 * front matter), and the link each post points at.
 */
import { z } from 'zod'
import { PLATFORM_IDS } from './platforms.js'

export const socialOptionsSchema = z.strictObject({
  platforms: z
    .array(z.enum(PLATFORM_IDS))
    .min(1)
    .optional()
    .describe('Platforms to write posts for, in this order. @default ["linkedin", "x", "bluesky", "mastodon"]'),
  thread: z
    .boolean()
    .optional()
    .describe('Split a post that is too long into a numbered thread (X, Bluesky, Mastodon, Threads) instead of shortening it. @default false'),
  hashtags: z
    .array(z.string())
    .optional()
    .describe('Hashtags for every post of this audience, after the finding\'s own (`#` optional, spaces removed). @default []'),
  utm_campaign: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('`utm_campaign` of every link. @default config `social.utm_campaign`, else the audience id'),
  link_text: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Where the link is, on platforms where links in posts are not clickable (Instagram). @default "Länk i bio" (sv) / "Link in bio" (en)'),
})

export type SocialOptions = z.infer<typeof socialOptionsSchema>

/**
 * The URL of a finding's page in an audience's web pack with UTM parameters:
 * `<baseUrl>/<audience>/<finding>/?utm_source=<platform>&utm_medium=social&utm_campaign=<campaign>`.
 * `undefined` without a `baseUrl`: a relative link means nothing in a post.
 */
export function findingUrl(
  baseUrl: string | undefined,
  audience: string,
  finding: string,
  platform: string,
  campaign: string,
): string | undefined {
  if (!baseUrl) return undefined
  const query = new URLSearchParams({ utm_source: platform, utm_medium: 'social', utm_campaign: campaign })
  return `${baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(audience)}/${encodeURIComponent(finding)}/?${query}`
}
