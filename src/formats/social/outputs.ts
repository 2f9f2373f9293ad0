/**
 * The three files of an audience's posts: `social.json` (for tools),
 * `social.md` (for people to copy from) and `social.csv` (for bulk-scheduling
 * tools). All three are deterministic: same posts, same bytes.
 */
import { z } from 'zod'
import type { DroppedPart } from './compose.js'
import type { SocialLabels } from './labels.js'
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from './platforms.js'

/**
 * One post in `social.json`.
 *
 * A thread is one entry per post, in order, with `thread` set; the image goes
 * with its first post.
 */
export interface SocialPost {
  /** The finding's id. */
  finding: string
  platform: PlatformId
  /** `{ index, total }` for a post in a thread (1-based), `null` for a single post. */
  thread: { index: number; total: number } | null
  /** Ready to post. */
  text: string
  /** `text` counted the platform's own way (X weighted, Bluesky graphemes, Mastodon graphemes with URLs as 23, others UTF-16). */
  length: number
  /** The platform's limit, after config overrides. */
  limit: number
  /** `length <= limit`. */
  fits: boolean
  /** The finding's page with UTM parameters; `null` without a `baseUrl` (see `notes`). */
  url: string | null
  /** The hashtags in `text`. */
  hashtags: string[]
  /** The share card to attach: path relative to the audience's folder, its alt text, and its URL with a `baseUrl`. */
  image: { path: string; alt: string; url: string | null } | null
  /** Parts left out or cut to meet the platform's rules; `wanted` when the template asked for the part. */
  dropped: DroppedPart[]
  /** Plain-language remarks, e.g. why there is no link. */
  notes: string[]
}

/** `social.json`. `version` changes only when a field changes meaning or goes away. */
export interface SocialFile {
  version: 1
  /** The audience's id. */
  audience: string
  posts: SocialPost[]
}

/** `social.json` as a schema (for `schemas/social.schema.json` and for tools that read the file). */
export const socialFileSchema = z.strictObject({
  version: z.literal(1),
  audience: z.string().describe('The audience\'s id.'),
  posts: z.array(
    z.strictObject({
      finding: z.string().describe('The finding\'s id.'),
      platform: z.enum(PLATFORM_IDS),
      thread: z.strictObject({ index: z.int().positive(), total: z.int().positive() }).nullable().describe('Position in a thread, or null.'),
      text: z.string().describe('Ready to post.'),
      length: z.int().min(0).describe('The text counted the platform\'s own way.'),
      limit: z.int().positive(),
      fits: z.boolean(),
      url: z.string().nullable().describe('The finding\'s page with UTM parameters; null without `baseUrl`.'),
      hashtags: z.array(z.string()),
      image: z
        .strictObject({ path: z.string(), alt: z.string(), url: z.string().nullable() })
        .nullable()
        .describe('The share card: path relative to the audience\'s folder, alt text, absolute URL with `baseUrl`.'),
      dropped: z.array(
        z.strictObject({
          part: z.enum(['hook', 'figure', 'hashtag']),
          value: z.string(),
          reason: z.enum(['platform', 'length', 'shortened']),
          wanted: z.boolean(),
        }),
      ),
      notes: z.array(z.string()),
    }),
  ),
})

export function socialJson(file: SocialFile): string {
  return `${JSON.stringify(file, null, 2)}\n`
}

/**
 * `social.md`: posts grouped by platform (in the profile's order), each with
 * its count and limit and its text in a fenced block for copying.
 */
export function socialMarkdown(
  file: SocialFile,
  meta: { audienceName: string; titles: ReadonlyMap<string, string>; platforms: readonly PlatformId[]; labels: SocialLabels; lang: string },
): string {
  const { labels } = meta
  const number = new Intl.NumberFormat(meta.lang)
  const out: string[] = [`# ${labels.heading}: ${escapeMarkdown(meta.audienceName)}`, '', labels.intro, '']
  for (const platform of meta.platforms) {
    const posts = file.posts.filter((p) => p.platform === platform)
    if (posts.length === 0) continue
    out.push(`## ${PLATFORMS[platform].name}`, '')
    for (const post of posts) {
      const title = escapeMarkdown(meta.titles.get(post.finding) ?? post.finding)
      out.push(`### ${title}${post.thread ? ` (${post.thread.index}/${post.thread.total})` : ''}`, '')
      const facts = [`${number.format(post.length)} / ${number.format(post.limit)} ${labels.count}${post.fits ? '' : ` (${labels.overLimit})`}`]
      if (post.image) facts.push(`${labels.image}: \`${post.image.path}\` (alt: ${escapeMarkdown(post.image.alt)})`)
      out.push(facts.join(' · '), '')
      if (post.dropped.length > 0) {
        const items = post.dropped.map((d) =>
          d.part === 'hashtag' ? d.value : d.part === 'figure' ? `${labels.part.figure} (${d.value})` : d.reason === 'shortened' ? `${labels.part.hook} (${labels.shortened})` : labels.part.hook,
        )
        out.push(`${labels.dropped}: ${escapeMarkdown(items.join(', '))}`, '')
      }
      for (const note of post.notes) out.push(`> ${note}`, '')
      const fence = '`'.repeat(Math.max(3, longestRun(post.text, '`') + 1))
      out.push(`${fence}text`, post.text, fence, '')
    }
  }
  return `${out.join('\n').trimEnd()}\n`
}

/** The columns of `social.csv`, in order. */
export const CSV_COLUMNS = ['text', 'link', 'image', 'image_alt', 'platform', 'finding', 'thread', 'length', 'limit'] as const

/**
 * `social.csv` (RFC 4180: CRLF line ends, a header row, fields with `,`, `"`
 * or line breaks in double quotes, quotes doubled). `image` is the card's URL
 * with a `baseUrl`, else its path relative to the audience's folder; `thread`
 * is `1/3` or empty.
 */
export function socialCsv(file: SocialFile): string {
  const rows: string[][] = [[...CSV_COLUMNS]]
  for (const post of file.posts) {
    rows.push([
      post.text,
      post.url ?? '',
      post.image ? (post.image.url ?? post.image.path) : '',
      post.image?.alt ?? '',
      post.platform,
      post.finding,
      post.thread ? `${post.thread.index}/${post.thread.total}` : '',
      String(post.length),
      String(post.limit),
    ])
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function longestRun(text: string, char: string): number {
  let best = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    best = Math.max(best, run)
  }
  return best
}

/** Escape what would turn plain text into Markdown syntax on one line. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1')
}
