import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { stableHash } from '../../src/output/hash.js'
import { webFormat, webPaths } from '../../src/formats/web/index.js'
import { contrastRatio } from '../../src/render/index.js'
import { folder } from '../render/helpers.js'
import { build, removeBuilds } from './build.js'
import { HOSTILE, hostilePacks, hostileSite, realisticPacks, site } from './fixtures.js'

afterAll(removeBuilds)

function jsonLd(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!))
}

describe('web format: pages', () => {
  it('writes the landing page, a home, a page per finding and a feed per pack, and the assets', async () => {
    const built = await build({ site: site(), packs: realisticPacks() })
    expect(webFormat.id).toBe('web')
    expect(built.html()).toEqual([
      'board/index.html',
      'board/tillaggsisolering-vind/index.html',
      'forvaltare/aterkoppling-el/index.html',
      'forvaltare/digital-felanmalan/index.html',
      'forvaltare/index.html',
      'forvaltare/kort-sammanfattning/index.html',
      'forvaltare/shared-laundry/index.html',
      'forvaltare/tillaggsisolering-vind/index.html',
      'index.html',
    ])
    const files = [...built.files.keys()]
    expect(files).toContain('assets/site.css')
    expect(files).toContain('forvaltare/feed.xml')
    expect(files).toContain('assets/fonts/inter-latin-ext-700-normal.woff2')
    expect(files.filter((f) => f.startsWith('assets/img/'))).toEqual([
      expect.stringMatching(/^assets\/img\/logo\.[0-9a-f]{8}\.svg$/),
      expect.stringMatching(/^assets\/img\/vind\.[0-9a-f]{8}\.png$/),
    ])
    // No base URL: no sitemap, no canonical or social tags.
    expect(files).not.toContain('sitemap.xml')
    expect(built.text('forvaltare/index.html')).not.toContain('og:')
    expect(built.messages).toEqual([])
    for (const file of built.files.values()) expect(file.format).toBe('web')
  })

  it('sets the language of every page and marks content in other languages', async () => {
    const built = await build({ site: site(), packs: realisticPacks() })
    expect(built.text('index.html')).toMatch(/^<!doctype html>\n<html lang="sv"/)
    expect(built.text('board/index.html')).toContain('<html lang="en"')
    const fallback = built.text('forvaltare/shared-laundry/index.html')
    expect(fallback).toContain('<html lang="sv"')
    expect(fallback).toContain('<h1 class="finding__title" lang="en">Booking systems')
    expect(fallback).toContain('<div class="finding__content" lang="en">')
    expect(fallback).toContain('<p class="notice notice--info">Det här resultatet finns inte på svenska än')
    expect(fallback).toContain('<h2 class="about__title" id="about-heading">Om resultatet</h2>')
    expect(built.text('forvaltare/index.html')).toContain('<span class="badge badge--language">På engelska</span>')
  })

  it('renders a finding: breadcrumb, lead, key figures, sections, quote, recommendations, source, neighbours', async () => {
    const html = (await build({ site: site(), packs: realisticPacks() })).text('forvaltare/tillaggsisolering-vind/index.html')
    expect(html).toContain('<nav class="breadcrumbs" aria-label="Du är här">')
    expect(html).toContain('href="../index.html">Förvaltare och fastighetschefer</a>')
    expect(html).toContain('<h1 class="finding__title">Tilläggsisolering av vindsbjälklaget sänker värmebehovet med en femtedel</h1>')
    expect(html).toContain('<span class="figure__number">1\u00a0234</span>\u202f<span class="figure__unit">lägenheter</span>')
    expect(html).toContain('Källa: Energimätningar 2017–2019')
    expect(html).toContain('<div class="prose"><p>Studien är en av de största')
    expect(html).toContain('<section class="recommendations" aria-labelledby="rekommendationer">')
    expect(html).toContain('<blockquote class="pull-quote__text"><p>Vi trodde att fönstren var det stora problemet. Det var vinden.</p></blockquote>')
    expect(html).toContain('<time datetime="2020-02-06">6 februari 2020</time>')
    expect(html).toContain('<dd>Åsa Lindqvist, Jörgen Öberg</dd>')
    expect(html).toContain('<a href="https://example.org/rapport-2020-3">')
    expect(html).toContain('href="../aterkoppling-el/index.html" rel="next"')
    expect(html).not.toContain('rel="prev"')
    expect(html).toMatch(/<img src="\.\.\/\.\.\/assets\/img\/vind\.[0-9a-f]{8}\.png" alt="Lösull blåses in/)
    expect(html).toContain('<a class="cta__link" href="mailto:kunskap@example.org">')
  })

  it('marks example findings politely, on the card and the page', async () => {
    const built = await build({ site: site(), packs: realisticPacks() })
    const page = built.text('forvaltare/digital-felanmalan/index.html')
    expect(page).toContain('<span class="badge badge--example">Exempel</span>')
    expect(page).toContain('Illustrativt exempel – siffrorna är inte uppmätta.')
    expect(built.text('forvaltare/index.html').match(/badge--example/g)).toHaveLength(1)
    expect(built.text('forvaltare/feed.xml')).toContain('<title>[Exempel] Digital felanmälan')
  })

  it('renders a brief finding from its recommendations list', async () => {
    const html = (await build({ site: site(), packs: realisticPacks() })).text('forvaltare/kort-sammanfattning/index.html')
    expect(html).toContain('<h2 class="recommendations__title" id="recommendations-heading">Rekommendationer</h2>')
    expect(html).toContain('<li>Bjud in hyresgäster i alla åldrar.</li>')
  })

  it('is deterministic, and every job input is plain hashable data', async () => {
    const a = await build({ site: site(), packs: realisticPacks() })
    const b = await build({ site: site(), packs: realisticPacks() })
    expect([...a.files.keys()]).toEqual([...b.files.keys()])
    for (const [file, out] of a.files) expect(b.files.get(file)!.contents).toEqual(out.contents)
    for (const job of a.jobs) expect(stableHash(job.inputs)).toMatch(/^[0-9a-f]{64}$/)
    expect(new Set(a.jobs.map((job) => stableHash(job.inputs))).size).toBe(a.jobs.length)
  })

  it('keeps page inputs independent of the build date and of other findings\' bodies', async () => {
    const packs = realisticPacks()
    const key = async (date: string, change: boolean) => {
      const copy = realisticPacks()
      if (change) copy[0]!.findings[1]!.html = '<p>Ändrad</p>'
      const built = await build({ site: site({ date }), packs: copy.map((p) => ({ ...p, date })) })
      return new Map(built.jobs.map((job) => [job.label, stableHash(job.inputs)]))
    }
    const before = await key('2024-05-20', false)
    const after = await key('2024-06-01', true)
    expect(packs[0]!.findings[0]!.id).toBe('tillaggsisolering-vind')
    expect(after.get('web forvaltare/tillaggsisolering-vind/index.html')).toBe(before.get('web forvaltare/tillaggsisolering-vind/index.html'))
    expect(after.get('web forvaltare/index.html')).toBe(before.get('web forvaltare/index.html'))
    expect(after.get('web index.html')).toBe(before.get('web index.html'))
    expect(after.get('web forvaltare/aterkoppling-el/index.html')).not.toBe(before.get('web forvaltare/aterkoppling-el/index.html'))
  })

  it('writes a deterministic Atom feed', async () => {
    const feed = (await build({ site: site(), packs: realisticPacks() })).text('forvaltare/feed.xml')
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="sv">/)
    expect(feed).toContain('<updated>2023-09-01T00:00:00Z</updated>')
    expect(feed).toMatch(/<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/id>/)
    expect(feed).toContain('<link rel="alternate" type="text/html" href="tillaggsisolering-vind/index.html"/>')
    expect(feed.match(/<entry/g)).toHaveLength(5)
  })

  it('links social cards, canonical URLs and the sitemap when a base URL is set', async () => {
    const built = await build({
      site: site({ baseUrl: 'https://forskning.example.org' }),
      packs: realisticPacks(),
      formats: { forvaltare: ['web', 'card'] },
    })
    const html = built.text('forvaltare/tillaggsisolering-vind/index.html')
    expect(html).toContain('<link rel="canonical" href="https://forskning.example.org/forvaltare/tillaggsisolering-vind/">')
    expect(html).toContain('<meta property="og:image" content="https://forskning.example.org/forvaltare/cards/tillaggsisolering-vind.png">')
    expect(html).toContain('<meta property="og:image:width" content="1200">')
    expect(html).toContain('<meta property="og:image:height" content="630">')
    expect(html).toContain('<meta property="og:image:alt" content="Tilläggsisolering av vindsbjälklaget sänker värmebehovet med en femtedel – 21\u00a0% lägre värmebehov efter tilläggsisolering">')
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">')
    expect(html).toContain('<meta property="og:locale" content="sv_SE">')
    expect(built.text('board/tillaggsisolering-vind/index.html')).toContain('<meta name="twitter:card" content="summary">')
    expect(built.text('board/tillaggsisolering-vind/index.html')).not.toContain('og:image')
    const sitemap = built.text('sitemap.xml')
    expect(sitemap).toContain('<loc>https://forskning.example.org/</loc>')
    expect(sitemap).toContain('<loc>https://forskning.example.org/forvaltare/tillaggsisolering-vind/</loc>\n    <lastmod>2020-02-06</lastmod>')
    expect(built.text('forvaltare/feed.xml')).toContain('<link rel="self" type="application/atom+xml" href="https://forskning.example.org/forvaltare/feed.xml"/>')
    const [report] = jsonLd(html) as Array<Record<string, unknown>>
    expect(report).toMatchObject({
      '@type': 'Report',
      name: 'Tilläggsisolering av vindsbjälklaget sänker värmebehovet med en femtedel',
      datePublished: '2020-02-06',
      inLanguage: 'sv',
      author: [{ '@type': 'Person', name: 'Åsa Lindqvist' }, { '@type': 'Person', name: 'Jörgen Öberg' }],
      publisher: { '@type': 'Organization', name: 'Allmännyttans kunskapsnätverk' },
      url: 'https://forskning.example.org/forvaltare/tillaggsisolering-vind/',
    })
  })
})

describe('web format: hostile content', () => {
  async function hostile() {
    return build({ site: hostileSite(), packs: hostilePacks(), formats: { hostile: ['web', 'card'] } })
  }

  it('comes out escaped: no hostile string appears raw outside JSON-LD, no script but JSON-LD', async () => {
    const built = await hostile()
    const raw = [HOSTILE.script, HOSTILE.endScript, HOSTILE.comment, HOSTILE.img, HOSTILE.attr]
    for (const file of [...built.html(), 'hostile/feed.xml', 'sitemap.xml']) {
      const text = built.text(file)
      const scripts = [...text.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0])
      expect(scripts.every((tag) => tag === '<script type="application/ld+json">'), file).toBe(true)
      // Every JSON-LD block ends at its own </script>: nothing inside it closes it early.
      expect(text.match(/<script/gi)?.length ?? 0).toBe(text.match(/<\/script>/gi)?.length ?? 0)
      const outside = text.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '')
      for (const value of raw) expect(outside, file).not.toContain(value)
      expect(outside, file).not.toMatch(/(href|src)="\s*javascript:/i)
      expect(outside, file).not.toContain('<!--')
    }
  })

  it('keeps the original strings in JSON-LD, which parses', async () => {
    const built = await hostile()
    const [report] = jsonLd(built.text('hostile/one/index.html')) as Array<Record<string, unknown>>
    expect(report!.name).toBe(`Titel ${HOSTILE.endScript} ${HOSTILE.script}`)
    expect(report!.description).toContain(HOSTILE.lineSeparators)
    expect(report!.author).toEqual([
      { '@type': 'Person', name: `Författare ${HOSTILE.endScript}` },
      { '@type': 'Person', name: HOSTILE.comment },
    ])
    expect(jsonLd(built.text('index.html'))[0]).toMatchObject({ name: hostileSite().title })
  })

  it('drops unsafe call-to-action and report links but keeps their text', async () => {
    const html = (await hostile()).text('hostile/one/index.html')
    expect(html).toContain('<p class="cta__text">Klicka &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(html).toContain('<dt>Rapport</dt><dd>javascript:alert(1)</dd>')
  })

  it('darkens an accent colour without enough contrast and warns', async () => {
    const built = await hostile()
    expect(built.messages).toEqual([
      expect.objectContaining({ severity: 'warning', ruleId: 'contrast', file: 'findings/audiences/hostile.md' }),
    ])
    const accent = /--accent:(#[0-9a-f]{6})/.exec(built.text('hostile/index.html'))![1]!
    expect(contrastRatio(accent, '#ffffff')).toBeGreaterThanOrEqual(4.5)
  })

  it('keeps internal packs and drafts out of search engines', async () => {
    const built = await hostile()
    expect(built.text('hostile/index.html')).toContain('<meta name="robots" content="noindex, nofollow">')
    expect(built.text('sitemap.xml')).not.toContain('/hostile/')
    expect(built.text('hostile/two/index.html')).toContain('<span class="badge badge--status">Utkast</span>')
  })
})

describe('web format: problems', () => {
  it('leaves out an image it cannot read, with a warning on the finding', async () => {
    const packs = realisticPacks()
    packs[0]!.findings[0]!.image = { path: 'findings/img/missing.png', alt: 'Saknas' }
    const built = await build({ site: site(), packs })
    expect(built.messages).toEqual([
      expect.objectContaining({ severity: 'warning', ruleId: 'missing-image', file: 'findings/tillaggsisolering-vind.md' }),
    ])
    expect(built.text('forvaltare/tillaggsisolering-vind/index.html')).not.toContain('finding__image')
  })

  it('refuses an audience id that takes the assets folder', async () => {
    const packs = realisticPacks()
    packs[1]!.audience = { ...packs[1]!.audience, id: 'assets' }
    const built = await build({ site: site(), packs: [packs[1]!] })
    expect(built.messages).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'render', file: 'findings/audiences/board.md' })])
  })

  it('uses project template overrides', async () => {
    const project = await folder({
      'web/partials/footer.liquid': '<footer class="own">{{ site.title }} · {{ "footer.custom" | label }}</footer>',
    })
    const built = await build({ site: site(), packs: realisticPacks(), projectDir: project, labels: { sv: { 'footer.custom': 'Vår sidfot' }, en: { 'footer.custom': 'Our footer' } } })
    expect(built.text('index.html')).toContain('<footer class="own">Bostadsforskning i praktiken · Vår sidfot</footer>')
    expect(path.isAbsolute(project)).toBe(true)
  })

  it('renders an empty pack and an empty site', async () => {
    const [pack] = realisticPacks()
    const built = await build({ site: site(), packs: [{ ...pack!, findings: [] }] })
    expect(built.text('forvaltare/index.html')).toContain('<p class="empty">Inga resultat har valts ut för den här målgruppen än.</p>')
    expect(built.text('forvaltare/feed.xml')).toContain('<updated>2024-05-20T00:00:00Z</updated>')
    const none = await build({ site: site(), packs: [] })
    expect(none.text('index.html')).toContain('<p class="empty">Här finns inget publicerat än.</p>')
  })

  it('paths are what other formats link to', () => {
    expect(webPaths.finding('boende', 'tak')).toBe('boende/tak/index.html')
    expect(webPaths.card('boende', 'tak')).toBe('boende/cards/tak.png')
  })
})
