/**
 * Counting a post the way each platform does. Every counter is a pure
 * function of the text: `countFor('x', text)`.
 */
import twitter, { type ParseTweetOptions } from 'twitter-text'
import { PLATFORMS, type PlatformId, type PlatformRule } from './platforms.js'

/** twitter-text's current config (v3: emoji parsing on); `configs` is missing from its type definitions. */
const TWITTER_DEFAULTS: ParseTweetOptions = (twitter as unknown as { configs: { defaults: ParseTweetOptions } }).configs.defaults

/** Counts a text in some platform's unit. */
export type Counter = (text: string) => number

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** The user-perceived characters of `text`. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment)
}

export function countGraphemes(text: string): number {
  let n = 0
  for (const _ of graphemeSegmenter.segment(text)) n++
  return n
}

export function countCodePoints(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** Mastodon's rule for remote mentions: `@user@example.social` counts as `@user`. */
const REMOTE_MENTION = /(^|[^/\w])@(([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+)/gi

/** `text` with every URL replaced by `weight` placeholder characters (as written when `weight` is undefined). */
function weighUrls(text: string, weight: number | undefined, needsScheme: boolean): string {
  if (weight === undefined) return text
  const urls = twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: !needsScheme })
  let out = ''
  let at = 0
  for (const { indices } of urls) {
    out += text.slice(at, indices[0]) + 'x'.repeat(weight)
    at = indices[1]
  }
  return out + text.slice(at)
}

/** The text a platform counts: URLs at their weight, remote mentions shortened where the platform does that. */
function countable(text: string, rule: Readonly<PlatformRule>): string {
  const weighed = weighUrls(text, rule.urlWeight, rule.urlNeedsScheme === true)
  return rule.localMentions ? weighed.replace(REMOTE_MENTION, '$1@$3') : weighed
}

/** A counter for `rule`. */
export function counterFor(rule: Readonly<PlatformRule>): Counter {
  switch (rule.count) {
    case 'twitter': {
      const config = { ...TWITTER_DEFAULTS, transformedURLLength: rule.urlWeight ?? 23, maxWeightedTweetLength: rule.limit }
      return (text) => twitter.parseTweet(text, config).weightedLength
    }
    case 'graphemes':
      return (text) => countGraphemes(countable(text, rule))
    case 'code-points':
      return (text) => countCodePoints(countable(text, rule))
    case 'utf16':
      return (text) => countable(text, rule).length
  }
}

/**
 * The length of `text` as `platform` counts it: X by twitter-text's weighted
 * length, Bluesky in graphemes, Mastodon in graphemes with every http(s) URL
 * as 23, the others in UTF-16 units. Pass a resolved rule to count with a project's overrides.
 */
export function countFor(platform: PlatformId | Readonly<PlatformRule>, text: string): number {
  return counterFor(typeof platform === 'string' ? PLATFORMS[platform] : platform)(text)
}
