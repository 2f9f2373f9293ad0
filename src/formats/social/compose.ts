/**
 * Composing a post from parts under a platform's limit.
 *
 * A post is data: a hook, an optional key figure, the link and hashtags.
 * The composer decides *which* parts (and how much of the hook) go in; the
 * layout (the platform's Liquid template, or {@link defaultLayout}) decides
 * *where* they go. Every candidate is rendered by the layout and counted as a
 * whole, so whatever the template adds (separators, fixed words, the thread
 * counter) counts too.
 *
 * Priorities, when the post is too long:
 * 1. hashtags beyond the platform's `maxHashtags` never go in;
 * 2. hashtags are dropped one at a time from the end;
 * 3. then the key figure;
 * 4. then the hook is shortened at a sentence or word boundary with "…";
 * 5. the link is never dropped or cut. A post that is still too long (a
 *    template or URL longer than the limit) comes back with `fits: false`.
 *
 * With `thread`, a post that does not fit is split instead into numbered
 * posts that keep every part in reading order.
 */
import { counterFor, type Counter } from './count.js'
import type { PlatformRule } from './platforms.js'
import { cutText, ELLIPSIS, shorten } from './shorten.js'

/** The parts a template can mark as wanted. */
export type PartKind = 'hook' | 'figure' | 'link' | 'hashtags'

export const PART_KINDS: readonly PartKind[] = ['hook', 'figure', 'link', 'hashtags']

/** What a platform template receives (besides the shared globals and `finding`, `audience`). */
export interface PostParts {
  /** Always kept: a label such as "Exempel" for illustrative findings. */
  label?: string
  /** The hook, possibly shortened; `''` only if nothing of it fits. */
  hook: string
  /** The key figure, unless dropped. `text` is `formatted label`. */
  figure?: { formatted: string; label: string; text: string }
  /** What stands for the link in the text: the URL, or `link_text` where links are not clickable. Absent without a URL. */
  link?: string
  /** The URL itself, even where the text shows `link_text`. */
  url?: string
  /** Hashtags that made it in, each with its `#`. */
  hashtags: string[]
  /** Set in threads: this post's number and the thread's length. */
  thread?: { index: number; total: number }
  platform: { id: string; name: string; limit: number }
}

/** The material of one post, before the platform's rules. */
export interface PostInput {
  /** Never dropped: a label such as "Exempel" that must show (example findings). */
  label?: string
  hook: string
  figure?: { formatted: string; label: string }
  /** The finding's URL; without one the post has no link. */
  url?: string
  /** Shown instead of the URL where links are not clickable (Instagram), e.g. "Länk i bio". */
  linkText?: string
  /** Formatted hashtags in priority order (the last is dropped first). */
  hashtags: readonly string[]
}

/** Renders parts to text. A template adapter, or {@link defaultLayout}. */
export type Layout = (parts: PostParts) => string | Promise<string>

export interface ComposeOptions {
  rule: Readonly<PlatformRule>
  /** @default defaultLayout */
  layout?: Layout
  /** Parts the template wants: dropping one is flagged (`wanted: true`) so `check` can warn. */
  wanted?: readonly PartKind[]
  /** Language for sentence and word boundaries. @default 'en' */
  lang?: string
}

/** A part left out, or cut, to meet the platform's rules. */
export interface DroppedPart {
  part: 'hook' | 'figure' | 'hashtag'
  /** The hashtag, the figure's text, or the part of the hook that was cut off. */
  value: string
  /** `platform`: a platform rule (max hashtags); `length`: to fit the limit; `shortened`: the hook was cut. */
  reason: 'platform' | 'length' | 'shortened'
  /** The template marked this kind of part as wanted (only for `length` and `shortened`). */
  wanted: boolean
}

export interface ComposedPost {
  text: string
  /** `text` counted the platform's way. */
  length: number
  limit: number
  fits: boolean
  /** The parts the text was rendered from. */
  parts: PostParts
  /** In a thread, what was left out is reported on the post it was left out of. */
  dropped: DroppedPart[]
  thread?: { index: number; total: number }
}

/** The built-in layout, the same as the built-in templates for most platforms. */
export function defaultLayout(parts: PostParts): string {
  return [
    parts.label ? `${parts.label}: ${parts.hook}` : parts.hook,
    parts.figure?.text,
    parts.link,
    parts.hashtags.join(' '),
    parts.thread && `${parts.thread.index}/${parts.thread.total}`,
  ]
    .filter(Boolean)
    .join('\n\n')
}

/**
 * Tidy a layout's output so templates can be written readably (indented,
 * with blank lines around tags): line endings to `\n`, no spaces or tabs at
 * either end of a line, at most one blank line in a row, none at either end.
 */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]+|[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\s*\n/, '')
    .trim()
}

interface State {
  hook: string
  figure?: { formatted: string; label: string }
  hashtags: readonly string[]
  thread?: { index: number; total: number }
}

class Composer {
  readonly count: Counter
  readonly layout: Layout
  readonly link: string | undefined
  readonly url: string | undefined
  readonly wanted: ReadonlySet<PartKind>
  readonly lang: string

  constructor(
    readonly input: PostInput,
    readonly options: ComposeOptions,
  ) {
    this.count = counterFor(options.rule)
    this.layout = options.layout ?? defaultLayout
    this.url = input.url || undefined
    this.link = this.url === undefined ? undefined : options.rule.clickableLinks ? this.url : input.linkText || undefined
    this.wanted = new Set(options.wanted ?? [])
    this.lang = options.lang ?? 'en'
  }

  parts(state: State, withLink: boolean): PostParts {
    const { rule } = this.options
    return {
      label: this.input.label || undefined,
      hook: state.hook,
      figure: state.figure && { ...state.figure, text: `${state.figure.formatted} ${state.figure.label}` },
      link: withLink ? this.link : undefined,
      url: this.url,
      hashtags: [...state.hashtags],
      thread: state.thread,
      platform: { id: rule.id, name: rule.name, limit: rule.limit },
    }
  }

  async render(state: State, withLink = true): Promise<{ text: string; length: number; parts: PostParts }> {
    const parts = this.parts(state, withLink)
    const text = tidy(await this.layout(parts))
    return { text, length: this.count(text), parts }
  }

  drop(part: DroppedPart['part'], value: string, reason: DroppedPart['reason']): DroppedPart {
    const kind: PartKind = part === 'hashtag' ? 'hashtags' : part
    return { part, value, reason, wanted: reason !== 'platform' && this.wanted.has(kind) }
  }

  /** Hashtags after the platform's cap, and the ones the cap removed. */
  capped(): { hashtags: string[]; dropped: DroppedPart[] } {
    const max = this.options.rule.maxHashtags ?? Number.POSITIVE_INFINITY
    return {
      hashtags: this.input.hashtags.slice(0, max),
      dropped: this.input.hashtags.slice(max).map((tag) => this.drop('hashtag', tag, 'platform')),
    }
  }

  /**
   * The longest head of `hook` that keeps the rendered post within the limit,
   * given the other parts of `state`: start from the room the rest leaves,
   * then tighten by the overshoot (separators, a template's own words).
   */
  async fitHook(hook: string, state: State, withLink: boolean, split: boolean): Promise<{ head: string; rest: string }> {
    const limit = this.options.rule.limit
    if (split && (await this.render({ ...state, hook }, withLink)).length <= limit) return { head: hook, rest: '' }
    const empty = await this.render({ ...state, hook: '' }, withLink)
    let budget = limit - empty.length
    for (let attempt = 0; attempt < 8 && budget > 0; attempt++) {
      const cut = split ? cutText(hook, budget, this.count, { lang: this.lang }) : undefined
      const head = split
        ? cut
          ? cut.kind === 'sentence' ? cut.head : cut.head + ELLIPSIS
          : ''
        : shorten(hook, budget, this.count, { lang: this.lang })
      if (!head) break
      const { length } = await this.render({ ...state, hook: head }, withLink)
      if (length <= limit) {
        return { head, rest: split ? (cut?.rest ?? '') : '' }
      }
      budget -= Math.max(1, length - limit)
    }
    return { head: '', rest: hook }
  }
}

/**
 * Compose one post for `options.rule` from `input`, dropping optional parts
 * and then shortening the hook until it fits (see the module comment for the
 * order). Never drops or cuts the link.
 */
export async function composePost(input: PostInput, options: ComposeOptions): Promise<ComposedPost> {
  const c = new Composer(input, options)
  const limit = options.rule.limit
  const { hashtags, dropped } = c.capped()
  const hook = normalizeSpace(input.hook)
  const state: State = { hook, figure: input.figure, hashtags }
  const done = async (s: State): Promise<ComposedPost> => {
    const { text, length, parts } = await c.render(s)
    return { text, length, limit, fits: length <= limit, parts, dropped }
  }

  if ((await c.render(state)).length <= limit) return done(state)
  const tags = [...hashtags]
  while (tags.length > 0) {
    dropped.push(c.drop('hashtag', tags.pop()!, 'length'))
    if ((await c.render({ ...state, hashtags: tags })).length <= limit) return done({ ...state, hashtags: tags })
  }
  const bare: State = { hook, hashtags: [] }
  if (state.figure) {
    dropped.push(c.drop('figure', figureText(state.figure), 'length'))
    if ((await c.render(bare)).length <= limit) return done(bare)
  }
  const { head } = await c.fitHook(hook, bare, true, false)
  if (head === '') dropped.push(c.drop('hook', hook, 'length'))
  else dropped.push(c.drop('hook', cutOff(hook, head), 'shortened'))
  return done({ ...bare, hook: head })
}

/**
 * Compose a post, or a thread when it does not fit in one: the parts flow in
 * reading order (hook, figure, link, hashtags) into numbered posts, the hook
 * split at sentence or word boundaries. Hashtags stay with the link (or the
 * last post without one); those that do not fit there are dropped.
 */
export async function composeThread(input: PostInput, options: ComposeOptions): Promise<ComposedPost[]> {
  const c = new Composer(input, options)
  const limit = options.rule.limit
  const { hashtags, dropped: capped } = c.capped()
  const hook = normalizeSpace(input.hook)
  const whole: State = { hook, figure: input.figure, hashtags }
  const single = await c.render(whole)
  if (single.length <= limit) return [{ ...single, limit, fits: true, dropped: capped }]

  let total = 2
  for (let round = 0; round < 5; round++) {
    const posts = await flow(c, hook, input.figure, hashtags, total)
    // Everything fitted in one post only by leaving hashtags out: a plain post does that better.
    if (posts.length === 1) return [await composePost(input, options)]
    if (posts.length === total || round === 4) {
      posts[0]!.dropped.unshift(...capped)
      return posts
    }
    total = posts.length
  }
  /* c8 ignore next */
  throw new Error('unreachable')
}

async function flow(
  c: Composer,
  hook: string,
  figure: PostInput['figure'],
  hashtags: readonly string[],
  total: number,
): Promise<ComposedPost[]> {
  const limit = c.options.rule.limit
  const posts: ComposedPost[] = []
  let rest = hook
  let figureLeft = figure
  let linkLeft = c.link !== undefined
  let tagsLeft = [...hashtags]

  for (let index = 1; rest || figureLeft || linkLeft || tagsLeft.length > 0; index++) {
    let state: State = { hook: '', hashtags: [], thread: { index, total } }
    let withLink = false
    const dropped: DroppedPart[] = []
    const fitsWith = async (next: State, link: boolean) => (await c.render(next, link)).length <= limit

    if (rest) {
      const { head, rest: after } = await c.fitHook(rest, state, false, true)
      if (head) {
        state = { ...state, hook: head }
        rest = after
      } else {
        // Not even one grapheme fits beside the template's own text.
        dropped.push(c.drop('hook', rest, 'length'))
        rest = ''
      }
    }
    const empty = state.hook === ''
    if (!rest && figureLeft) {
      const next = { ...state, figure: figureLeft }
      if (empty || (await fitsWith(next, false))) {
        state = next
        figureLeft = undefined
      }
    }
    if (!rest && !figureLeft && linkLeft) {
      if ((empty && !state.figure) || (await fitsWith(state, true))) {
        withLink = true
        linkLeft = false
      }
    }
    if (!rest && !figureLeft && !linkLeft) {
      const tags: string[] = []
      for (const tag of tagsLeft) {
        if (await fitsWith({ ...state, hashtags: [...tags, tag] }, withLink)) tags.push(tag)
        else dropped.push(c.drop('hashtag', tag, 'length'))
      }
      state = { ...state, hashtags: tags }
      tagsLeft = []
    }
    const { text, length, parts } = await c.render(state, withLink)
    posts.push({ text, length, limit, fits: length <= limit, parts, dropped, thread: { index, total } })
    if (index > 200) break
  }
  return posts
}

function figureText(figure: { formatted: string; label: string }): string {
  return `${figure.formatted} ${figure.label}`
}

/** What `head` (possibly ending in "…") left out of `text`. */
function cutOff(text: string, head: string): string {
  const kept = head.endsWith(ELLIPSIS) && !text.startsWith(head) ? head.slice(0, -ELLIPSIS.length) : head
  return text.slice(kept.length).trim()
}

/** Runs of whitespace (including line breaks) to one space, trimmed. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}
