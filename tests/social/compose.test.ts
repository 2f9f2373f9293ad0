import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  composePost,
  composeThread,
  countFor,
  defaultLayout,
  PLATFORMS,
  resolvePlatforms,
  tidy,
  type PostInput,
  type PostParts,
} from '../../src/formats/social/index.js'

const URL = 'https://forskning.example.se/boende/aterkoppling/?utm_source=x&utm_medium=social&utm_campaign=boende'
const LONG_HOOK =
  'Hyresgäster som får tydlig återkoppling på sin energianvändning sparar i genomsnitt tolv procent, och effekten håller i sig över flera år enligt vår uppföljning av 4 000 hushåll i tre kommuner under perioden 2019 till 2023. Det visar att enkel information räcker långt.'

function input(partial: Partial<PostInput> = {}): PostInput {
  return {
    hook: 'Återkoppling sparar energi.',
    figure: { formatted: '12\u00a0%', label: 'lägre energianvändning' },
    url: URL,
    hashtags: ['#energi', '#boende', '#klimat'],
    ...partial,
  }
}

describe('composePost', () => {
  it('keeps every part when the post fits', async () => {
    const post = await composePost(input(), { rule: PLATFORMS.x })
    expect(post.text).toBe(`Återkoppling sparar energi.\n\n12\u00a0% lägre energianvändning\n\n${URL}\n\n#energi #boende #klimat`)
    expect(post.length).toBe(countFor('x', post.text))
    expect(post.fits).toBe(true)
    expect(post.dropped).toEqual([])
  })

  it('drops hashtags from the end first, then the figure, then shortens the hook', async () => {
    const rule = resolvePlatforms({ x: { limit: 110 } }).x
    const post = await composePost(input({ hook: 'Hyresgäster som får återkoppling sparar energi.' }), { rule })
    // hook 48 + 2 + figure 25 + 2 + URL 23 = 100; +2 +7 (#energi) = 109
    expect(post.parts.hashtags).toEqual(['#energi'])
    expect(post.dropped.map((d) => d.value)).toEqual(['#klimat', '#boende'])
    expect(post.length).toBeLessThanOrEqual(110)

    const tighter = await composePost(input({ hook: 'Hyresgäster som får återkoppling sparar energi.' }), { rule: { ...rule, limit: 80 } })
    expect(tighter.parts.figure).toBeUndefined()
    expect(tighter.dropped.map((d) => `${d.part}:${d.reason}`)).toEqual(['hashtag:length', 'hashtag:length', 'hashtag:length', 'figure:length'])
    expect(tighter.text).toBe(`Hyresgäster som får återkoppling sparar energi.\n\n${URL}`)

    const tightest = await composePost(input({ hook: 'Hyresgäster som får återkoppling sparar energi.' }), { rule: { ...rule, limit: 50 } })
    expect(tightest.text).toBe(`Hyresgäster som får…\n\n${URL}`)
    expect(tightest.dropped.at(-1)).toMatchObject({ part: 'hook', reason: 'shortened', value: 'återkoppling sparar energi.' })
    expect(tightest.length).toBeLessThanOrEqual(50)
  })

  it('shortens a hook that alone is longer than the limit, keeping the link', async () => {
    const post = await composePost(input({ hook: LONG_HOOK.repeat(10) }), { rule: PLATFORMS.x })
    expect(post.fits).toBe(true)
    expect(post.length).toBeLessThanOrEqual(280)
    expect(post.text.endsWith(URL)).toBe(true)
  })

  it('drops the whole hook only when not a grapheme of it fits, and never the link', async () => {
    const rule = { ...PLATFORMS.x, limit: 26 }
    const post = await composePost(input({ hook: 'Ett två tre' }), { rule })
    expect(post.text).toBe(URL)
    expect(post.dropped.at(-1)).toMatchObject({ part: 'hook', reason: 'length', value: 'Ett två tre' })
    expect(post.fits).toBe(true)
  })

  it('reports a post over the limit when the link alone is too long (Bluesky counts URLs as written)', async () => {
    const long = `https://example.org/${'a'.repeat(400)}`
    const post = await composePost(input({ url: long }), { rule: PLATFORMS.bluesky })
    expect(post.fits).toBe(false)
    expect(post.text).toBe(long)
    expect(post.length).toBe(long.length)
  })

  it('caps hashtags by the platform rule before anything else', async () => {
    const tags = ['#a1', '#b2', '#c3', '#d4', '#e5', '#f6', '#g7']
    const insta = await composePost(input({ hashtags: tags, linkText: 'Länk i bio' }), { rule: PLATFORMS.instagram })
    expect(insta.parts.hashtags).toEqual(tags.slice(0, 5))
    expect(insta.dropped).toEqual([
      { part: 'hashtag', value: '#f6', reason: 'platform', wanted: false },
      { part: 'hashtag', value: '#g7', reason: 'platform', wanted: false },
    ])
    const threads = await composePost(input({ hashtags: tags }), { rule: PLATFORMS.threads })
    expect(threads.parts.hashtags).toEqual(['#a1'])
  })

  it('shows link text instead of the URL where links are not clickable', async () => {
    const post = await composePost(input({ linkText: 'Länk i bio' }), { rule: PLATFORMS.instagram })
    expect(post.text).toContain('Länk i bio')
    expect(post.text).not.toContain('https://')
    expect(post.parts.url).toBe(URL)
  })

  it('has no link without a URL', async () => {
    const post = await composePost(input({ url: undefined, linkText: 'Länk i bio' }), { rule: PLATFORMS.instagram })
    expect(post.parts.link).toBeUndefined()
    expect(post.text).not.toContain('Länk i bio')
  })

  it('drops every optional part when it must, for an emoji-only hook', async () => {
    const family = '👨\u200d👩\u200d👧\u200d👦'
    const rule = { ...PLATFORMS.x, limit: 40 }
    const post = await composePost(input({ hook: family.repeat(50) }), { rule })
    expect(post.parts.hashtags).toEqual([])
    expect(post.parts.figure).toBeUndefined()
    expect(post.text).toBe(`${family.repeat(6)}…\n\n${URL}`)
    expect(post.length).toBe(12 + 2 + 2 + 23)
  })

  it('keeps the example label whatever else goes', async () => {
    const rule = { ...PLATFORMS.x, limit: 50 }
    const post = await composePost(input({ label: 'Exempel', hook: LONG_HOOK }), { rule })
    expect(post.text.startsWith('Exempel: ')).toBe(true)
    expect(post.length).toBeLessThanOrEqual(50)
  })

  it('marks dropped parts the template wants', async () => {
    const rule = { ...PLATFORMS.x, limit: 80 }
    const post = await composePost(input({ hook: 'Hyresgäster som får återkoppling sparar energi.' }), { rule, wanted: ['figure'] })
    expect(post.dropped.filter((d) => d.wanted)).toEqual([{ part: 'figure', value: '12\u00a0% lägre energianvändning', reason: 'length', wanted: true }])
  })

  it('counts whatever the layout adds', async () => {
    const layout = (parts: PostParts) => `${parts.hook}\n\nLäs hela studien här: ${parts.link}\n\n${parts.hashtags.join(' ')}`
    const post = await composePost(input({ hook: LONG_HOOK }), { rule: PLATFORMS.x, layout })
    expect(post.text).toContain('Läs hela studien här: ')
    expect(post.length).toBeLessThanOrEqual(280)
    expect(post.length).toBe(countFor('x', post.text))
  })

  it('works with an async layout', async () => {
    const post = await composePost(input(), { rule: PLATFORMS.bluesky, layout: async (parts) => defaultLayout(parts) })
    expect(post.fits).toBe(true)
  })

  it('normalises whitespace in the hook', async () => {
    const post = await composePost(input({ hook: '  Rad ett\n\nrad   två ', figure: undefined, hashtags: [], url: undefined }), { rule: PLATFORMS.x })
    expect(post.text).toBe('Rad ett rad två')
  })
})

describe('composeThread', () => {
  it('returns a single unnumbered post when it fits', async () => {
    const posts = await composeThread(input(), { rule: PLATFORMS.x })
    expect(posts).toHaveLength(1)
    expect(posts[0]!.thread).toBeUndefined()
  })

  it('splits a long post into numbered posts in reading order, each within the limit', async () => {
    const posts = await composeThread(input({ hook: `${LONG_HOOK} ${LONG_HOOK}` }), { rule: PLATFORMS.x })
    expect(posts.length).toBeGreaterThan(1)
    posts.forEach((post, i) => {
      expect(post.thread).toEqual({ index: i + 1, total: posts.length })
      expect(post.text.endsWith(`${i + 1}/${posts.length}`)).toBe(true)
      expect(post.length).toBeLessThanOrEqual(280)
      expect(post.fits).toBe(true)
    })
    const all = posts.map((p) => p.text).join('\n')
    expect(all.split(URL)).toHaveLength(2)
    expect(posts.at(-1)!.text).toContain('#energi #boende #klimat')
    expect(posts.flatMap((p) => p.dropped)).toEqual([])
  })

  it('keeps every word of the hook across the thread', async () => {
    const hook = `${LONG_HOOK} ${LONG_HOOK}`
    const posts = await composeThread(input({ hook }), { rule: PLATFORMS.bluesky })
    const words = posts
      .map((p) => p.parts.hook.replace(/…$/, ''))
      .join(' ')
      .split(/\s+/)
      .filter(Boolean)
    expect(words.join(' ')).toBe(hook.split(/\s+/).join(' '))
  })
})

describe('tidy', () => {
  it('keeps at most one blank line and trims', () => {
    expect(tidy('\n\n a \r\n\r\n\r\n\n b  \n\n')).toBe('a\n\nb')
  })
})

// ---------------------------------------------------------------------------
// Properties

const WORDS = ['hyresgäster', 'sparar', 'energi.', 'och', 'pengar,', '🇸🇪', '日本語', 'Öppna', 'data!', 'värmepumpar', '👍🏽', 'e\u0301', 'https://example.se/a']
const hook = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 150 }).map((w) => w.join(' '))
const tags = fc.uniqueArray(fc.constantFrom('#energi', '#boende', '#klimat', '#öppenData', '#hyresrätt', '#forskning', '#sverige'), { maxLength: 7 })
const platform = fc.constantFrom('x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram') as fc.Arbitrary<keyof typeof PLATFORMS>

describe('composePost (properties)', () => {
  it('fits, keeps the link, and drops hashtags from the end', async () => {
    await fc.assert(
      fc.asyncProperty(hook, tags, platform, fc.boolean(), async (text, hashtags, id, withFigure) => {
        const rule = PLATFORMS[id]
        const post = await composePost(input({ hook: text, hashtags, linkText: 'Länk i bio', figure: withFigure ? input().figure : undefined }), { rule })
        expect(post.fits).toBe(true)
        expect(post.length).toBeLessThanOrEqual(rule.limit)
        expect(post.length).toBe(countFor(id, post.text))
        expect(post.text).toContain(rule.clickableLinks ? URL : 'Länk i bio')
        // What is kept is a prefix of the hashtags; what went, went from the end.
        const kept = post.parts.hashtags
        expect(hashtags.slice(0, kept.length)).toEqual(kept)
        const droppedTags = post.dropped.filter((d) => d.part === 'hashtag').map((d) => d.value)
        expect([...kept, ...droppedTags].sort()).toEqual([...hashtags].sort())
        // The figure only goes once every hashtag has.
        if (post.dropped.some((d) => d.part === 'figure')) expect(kept).toEqual([])
      }),
      { numRuns: 150 },
    )
  })

  it('threads: every post fits and the link appears once', async () => {
    await fc.assert(
      fc.asyncProperty(hook, tags, fc.constantFrom('x', 'bluesky', 'mastodon') as fc.Arbitrary<'x' | 'bluesky' | 'mastodon'>, async (text, hashtags, id) => {
        const posts = await composeThread(input({ hook: text, hashtags }), { rule: PLATFORMS[id] })
        for (const post of posts) expect(post.length).toBeLessThanOrEqual(PLATFORMS[id].limit)
        expect(posts.map((p) => p.text).join('\n').split(URL)).toHaveLength(2)
      }),
      { numRuns: 100 },
    )
  })
})
