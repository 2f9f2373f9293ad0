import { describe, expect, it } from 'vitest'
import { createTemplateRenderer } from '../../src/render/index.js'
import {
  countFor,
  CSV_COLUMNS,
  socialFileSchema,
  socialFormat,
  socialOptionsSchema,
  unescapeHtml,
  wantedParts,
  type SocialFile,
} from '../../src/formats/social/index.js'
import type { OutputFile, TemplateRenderer } from '../../src/formats/types.js'
import { demoPack, fakeContext, site, TEMPLATES, testRenderer } from './helpers.js'

async function plan(context = fakeContext(), pack = demoPack()) {
  const jobs = await socialFormat.planPack(pack, context)
  const files = jobs.length ? await jobs[0]!.run() : []
  const text = (name: string) => String(files.find((f) => f.path.endsWith(name))?.contents)
  const json = files.length ? (JSON.parse(text('social.json')) as SocialFile) : undefined
  return { jobs, files, text, json, context }
}

const post = (json: SocialFile | undefined, finding: string, platform: string) =>
  json!.posts.find((p) => p.finding === finding && p.platform === platform)!

/** RFC 4180 reader for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++
    else field += c
  }
  return rows
}

describe('socialFormat', () => {
  it('plans one job per audience with social.json, social.md and social.csv', async () => {
    const { jobs, files } = await plan()
    expect(jobs).toHaveLength(1)
    expect(jobs[0]).toMatchObject({ label: 'boende/social', audience: 'boende', finding: null })
    expect(files.map((f: OutputFile) => [f.path, f.format, f.audience, f.finding])).toEqual([
      ['boende/social.json', 'social', 'boende', null],
      ['boende/social.md', 'social', 'boende', null],
      ['boende/social.csv', 'social', 'boende', null],
    ])
  })

  it('writes a post per finding and default platform, counted each platform\'s way', async () => {
    const { json } = await plan()
    expect(json!.version).toBe(1)
    expect(json!.audience).toBe('boende')
    expect(json!.posts).toHaveLength(12)
    expect([...new Set(json!.posts.map((p) => p.platform))]).toEqual(['linkedin', 'x', 'bluesky', 'mastodon'])
    for (const p of json!.posts) {
      expect(p.length).toBe(countFor(p.platform, p.text))
      expect(p.fits).toBe(true)
    }
    const x = post(json, 'aterkoppling', 'x')
    expect(x).toEqual({
      finding: 'aterkoppling',
      platform: 'x',
      thread: null,
      text:
        'Månadsvis återkoppling fick hyresgäster att spara energi & pengar.\n\n12\u00a0% lägre energianvändning\n' +
        'https://forskning.example.se/boende/aterkoppling/?utm_source=x&utm_medium=social&utm_campaign=boende\n\n#energi #Boende #öppenData',
      length: countFor('x', x.text),
      limit: 280,
      fits: true,
      url: 'https://forskning.example.se/boende/aterkoppling/?utm_source=x&utm_medium=social&utm_campaign=boende',
      hashtags: ['#energi', '#Boende', '#öppenData'],
      image: {
        path: 'cards/aterkoppling.png',
        alt: 'Återkoppling på energianvändning sänker hyresgästers förbrukning – 12\u00a0% lägre energianvändning',
        url: 'https://forskning.example.se/boende/cards/aterkoppling.png',
      },
      dropped: [],
      notes: [],
    })
  })

  it('writes social.json that matches its schema, in every mode', async () => {
    const runs = [
      await plan(),
      await plan(fakeContext({ site: site({ baseUrl: undefined }) })),
      await plan(fakeContext({ formats: { social: { platforms: ['instagram', 'threads', 'x'], thread: true } } })),
    ]
    for (const { json } of runs) expect(socialFileSchema.parse(json)).toEqual(json)
  })

  it('reports a broken platform template at its place and plans nothing for the audience', async () => {
    const builtin = testRenderer()
    const templates: TemplateRenderer = {
      ...builtin,
      async render(format, name, data) {
        if (name === 'x.liquid') throw Object.assign(new Error('x.liquid:3:4: undefined variable: hok'), { file: 'templates/social/x.liquid', line: 3, column: 4, reason: 'undefined variable: hok', ruleId: 'template' })
        return builtin.render(format, name, data)
      },
      readFile: builtin.readFile,
    }
    const context = fakeContext({ templates })
    const { jobs } = await plan(context)
    expect(jobs).toEqual([])
    expect(context.messages).toContainEqual({
      severity: 'error',
      ruleId: 'template',
      message: 'Social posts of `boende`: undefined variable: hok',
      file: 'templates/social/x.liquid',
      line: 3,
      column: 4,
    })
  })

  it('uses the summary without a hook and labels example findings', async () => {
    const { json } = await plan()
    expect(post(json, 'utan-extra', 'bluesky').text).toBe(
      'Bara en sammanfattning.\n\nhttps://forskning.example.se/boende/utan-extra/?utm_source=bluesky&utm_medium=social&utm_campaign=boende',
    )
    expect(post(json, 'exempel', 'mastodon').text.startsWith('Exempel: Så här ser ett exempel ut.')).toBe(true)
    expect(post(json, 'exempel', 'mastodon').image!.alt.startsWith('Exempel: ')).toBe(true)
  })

  it('is deterministic', async () => {
    const a = await plan()
    const b = await plan()
    expect(b.files).toEqual(a.files)
    expect(b.jobs[0]!.inputs).toEqual(a.jobs[0]!.inputs)
  })

  it('writes posts without a link, and says so, without a baseUrl', async () => {
    const context = fakeContext({ site: site({ baseUrl: undefined }) })
    const { json } = await plan(context)
    const x = post(json, 'aterkoppling', 'x')
    expect(x.url).toBeNull()
    expect(x.text).not.toContain('http')
    expect(x.notes).toEqual(['Ingen länk: ange `baseUrl` i konfigurationen för att länka till fyndets sida.'])
    expect(x.image!.url).toBeNull()
    expect(context.messages).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'social-no-link', file: 'findings/audiences/boende.md' })])
  })

  it('follows the profile\'s options: platforms, hashtags, campaign, link text', async () => {
    const context = fakeContext({
      formats: {
        social: { platforms: ['instagram', 'threads'], hashtags: ['boende', 'Forskning'], utm_campaign: 'vår 2024', link_text: 'Länk i profilen' },
        card: { square: true },
      },
      social: { utm_campaign: 'ignored' },
    })
    const { json } = await plan(context)
    expect([...new Set(json!.posts.map((p) => p.platform))]).toEqual(['instagram', 'threads'])
    const insta = post(json, 'aterkoppling', 'instagram')
    expect(insta.hashtags).toEqual(['#energi', '#Boende', '#öppenData', '#Forskning'])
    expect(insta.text).toContain('Länk i profilen')
    expect(insta.text).not.toContain('https://')
    expect(insta.url).toBe('https://forskning.example.se/boende/aterkoppling/?utm_source=instagram&utm_medium=social&utm_campaign=v%C3%A5r+2024')
    expect(insta.image!.path).toBe('cards/aterkoppling-square.png')
    const threads = post(json, 'aterkoppling', 'threads')
    expect(threads.hashtags).toEqual(['#energi'])
    expect(threads.dropped.map((d) => `${d.value}:${d.reason}`)).toEqual(['#Boende:platform', '#öppenData:platform', '#Forskning:platform'])
    expect(threads.image!.path).toBe('cards/aterkoppling.png')
  })

  it('uses the config\'s campaign when the profile has none, and its platform overrides', async () => {
    const context = fakeContext({ social: { utm_campaign: 'hosten', platforms: { x: { limit: 120 } } } })
    const { json } = await plan(context)
    const x = post(json, 'aterkoppling', 'x')
    expect(x.url).toContain('utm_campaign=hosten')
    expect(x.limit).toBe(120)
    expect(x.length).toBeLessThanOrEqual(120)
    expect(x.dropped.length).toBeGreaterThan(0)
  })

  it('reports invalid options and plans nothing for the audience', async () => {
    const context = fakeContext({ formats: { social: { platforms: ['myspace'], thred: true } } })
    const { jobs } = await plan(context)
    expect(jobs).toEqual([])
    expect(context.messages).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'invalid-options', file: 'findings/audiences/boende.md' })])
  })

  it('reports invalid platform overrides and uses the built-in rules', async () => {
    const context = fakeContext({ social: { platforms: { x: { limit: 'lots' } } } })
    const { json } = await plan(context)
    expect(post(json, 'aterkoppling', 'x').limit).toBe(280)
    expect(context.messages).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'invalid-config' })])
  })

  it('plans nothing for an audience without the format, and attaches no image without cards', async () => {
    expect((await plan(fakeContext({ formats: { card: {} } }))).jobs).toEqual([])
    const { json } = await plan(fakeContext({ formats: { social: {} } }))
    expect(json!.posts.every((p) => p.image === null)).toBe(true)
  })

  it('threads when asked, on platforms that have threads', async () => {
    const pack = demoPack()
    pack.findings[0]!.social.hook = 'Hyresgäster som får återkoppling sparar energi. '.repeat(12)
    const context = fakeContext({ formats: { social: { platforms: ['x', 'linkedin'], thread: true }, card: {} } })
    const { json, text } = await plan(context, pack)
    const x = json!.posts.filter((p) => p.finding === 'aterkoppling' && p.platform === 'x')
    expect(x.length).toBeGreaterThan(1)
    x.forEach((p, i) => {
      expect(p.thread).toEqual({ index: i + 1, total: x.length })
      expect(p.fits).toBe(true)
      expect(p.image === null).toBe(i > 0)
    })
    expect(json!.posts.filter((p) => p.finding === 'aterkoppling' && p.platform === 'linkedin')).toHaveLength(1)
    expect(text('social.md')).toContain(`### Återkoppling på energianvändning sänker hyresgästers förbrukning (1/${x.length})`)
  })

  it('warns when a post fits only without a part its template wants', async () => {
    // The built-in LinkedIn template marks the figure as wanted.
    const context = fakeContext({ social: { platforms: { linkedin: { limit: 70 } } }, formats: { social: { platforms: ['linkedin'] } } })
    const { json } = await plan(context)
    const linkedin = post(json, 'aterkoppling', 'linkedin')
    expect(linkedin.dropped).toContainEqual({ part: 'figure', value: '12\u00a0% lägre energianvändning', reason: 'length', wanted: true })
    expect(context.messages).toContainEqual(
      expect.objectContaining({ severity: 'warning', ruleId: 'social-wanted-dropped', file: 'findings/aterkoppling.md' }),
    )
  })

  it('warns about a post that cannot fit at all', async () => {
    const context = fakeContext({ social: { platforms: { bluesky: { limit: 40 } } }, formats: { social: { platforms: ['bluesky'] } } })
    const { json } = await plan(context)
    const bluesky = post(json, 'aterkoppling', 'bluesky')
    expect(bluesky.fits).toBe(false)
    expect(bluesky.text).toBe(bluesky.url)
    expect(bluesky.notes.at(-1)).toMatch(/^För långt även utan valfria delar: \d+ > 40$/)
    expect(context.messages).toContainEqual(expect.objectContaining({ severity: 'warning', ruleId: 'social-too-long' }))
  })

  it('renders a project\'s own template and reads its wanted parts', async () => {
    const builtin = testRenderer()
    const templates: TemplateRenderer = {
      async render(format, name, data) {
        if (format === 'social' && name === 'x.liquid') return `${String(data.hook)} → ${String(data.link ?? '')} ${String(data.finding && (data.finding as { id: string }).id)}`
        return builtin.render(format, name, data)
      },
      async readFile(format, name) {
        if (name === 'x.liquid') return new TextEncoder().encode('{% comment %}wanted: hashtags, hook{% endcomment %}')
        return builtin.readFile(format, name)
      },
    }
    const context = fakeContext({ templates, formats: { social: { platforms: ['x'] } } })
    const { json } = await plan(context)
    const x = post(json, 'aterkoppling', 'x')
    expect(x.text).toBe(`Månadsvis återkoppling fick hyresgäster att spara energi & pengar. → ${x.url} aterkoppling`)
  })

  it('writes social.md grouped by platform with counts and limits', async () => {
    const { text } = await plan()
    const md = text('social.md')
    expect(md.startsWith('# Inlägg för sociala medier: Boende och hyresgäster\n')).toBe(true)
    const headings = md.split('\n').filter((l) => l.startsWith('## '))
    expect(headings).toEqual(['## LinkedIn', '## X', '## Bluesky', '## Mastodon'])
    expect(md).toMatch(/\n\d+ \/ 280 tecken · Bild: `cards\/aterkoppling\.png` \(alt: /)
    expect(md).toContain('3\u00a0000 tecken')
    expect(md).toContain('```text\nMånadsvis återkoppling fick hyresgäster att spara energi & pengar.')
    expect(md.endsWith('```\n')).toBe(true)
  })

  it('writes social.csv by RFC 4180, one row per post', async () => {
    const { text, json } = await plan()
    const csv = text('social.csv')
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/(?<!")\r|\r(?!\n)/)
    const rows = parseCsv(csv)
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    expect(rows).toHaveLength(json!.posts.length + 1)
    json!.posts.forEach((p, i) => {
      expect(rows[i + 1]).toEqual([
        p.text,
        p.url ?? '',
        p.image?.url ?? '',
        p.image?.alt ?? '',
        p.platform,
        p.finding,
        '',
        String(p.length),
        String(p.limit),
      ])
    })
  })

  it('quotes CSV fields with commas, quotes and line breaks', async () => {
    const pack = demoPack()
    pack.findings[1]!.summary = 'Han sa "hej", sen gick han.'
    const { text } = await plan(fakeContext({ formats: { social: { platforms: ['x'] } } }), pack)
    expect(text('social.csv')).toContain('"Han sa ""hej"", sen gick han.\n\nhttps://')
  })
})

describe('templates with sprid\'s renderer', () => {
  it('renders every built-in platform template as plain text', async () => {
    const templates = createTemplateRenderer({ builtinDir: TEMPLATES, globals: { site: site() } })
    const context = fakeContext({ templates, formats: { social: { platforms: ['linkedin', 'x', 'bluesky', 'mastodon', 'threads', 'facebook', 'instagram'] }, card: {} } })
    const { json } = await plan(context)
    expect(json!.posts).toHaveLength(21)
    const x = post(json, 'aterkoppling', 'x')
    expect(x.text).toContain('energi & pengar.')
    expect(x.text).not.toContain('&amp;')
    expect(context.messages).toEqual([])
  })
})

describe('helpers', () => {
  it('unescapeHtml inverts LiquidJS escaping exactly', () => {
    expect(unescapeHtml('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &amp;lt;')).toBe('a & b <c> "d" \'e\' &lt;')
  })

  it('wantedParts reads the declaration from Liquid comments', () => {
    expect(wantedParts('{%- comment -%}\n wanted: figure, hashtags\n{%- endcomment -%}\n{{ hook }}')).toEqual(['figure', 'hashtags'])
    expect(wantedParts('{% comment %} wanted: (none) {% endcomment %}')).toEqual([])
    expect(wantedParts('wanted: figure')).toEqual([])
  })

  it('socialOptionsSchema accepts the documented options and nothing else', () => {
    expect(socialOptionsSchema.parse({ platforms: ['x'], thread: true, hashtags: ['a'], utm_campaign: 'c', link_text: 'Länk i bio' })).toBeTruthy()
    expect(socialOptionsSchema.safeParse({ platforms: [] }).success).toBe(false)
    expect(socialOptionsSchema.safeParse({ platforms: ['tiktok'] }).success).toBe(false)
    expect(socialOptionsSchema.safeParse({ other: 1 }).success).toBe(false)
  })
})
