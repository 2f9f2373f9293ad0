import { describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { cardFormat, cardView, titleSize } from '../../src/formats/card/index.js'
import type { BrowserSession, ScreenshotOptions } from '../../src/formats/types.js'
import { demoPack, fakeContext, finding, pack, site, TEMPLATES } from '../social/helpers.js'

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A browser that records what it is asked to screenshot. */
function fakeBrowser() {
  const shots: Array<{ html: string; options: ScreenshotOptions }> = []
  const browser: BrowserSession = {
    async pdf() {
      throw new Error('cards never print')
    },
    async screenshot(html, options) {
      shots.push({ html, options })
      return PNG
    },
    async evaluate() {
      throw new Error('not used')
    },
    async withDocument() {
      throw new Error('not used')
    },
  }
  const shot = (label: string) => shots.find((s) => s.options.label === label)!
  return { browser, shots, shot }
}

async function render(context = fakeContext(), p = demoPack()) {
  const jobs = await cardFormat.planPack(p, context)
  const files = (await Promise.all(jobs.map((job) => job.run()))).flat()
  return { jobs, files }
}

describe('cardFormat', () => {
  it('needs the browser and plans a job per finding without launching it', async () => {
    const { browser, shots } = fakeBrowser()
    const context = fakeContext({ browser })
    const jobs = await cardFormat.planPack(demoPack(), context)
    expect(jobs.map((j) => [j.label, j.audience, j.finding])).toEqual([
      ['boende/cards/aterkoppling', 'boende', 'aterkoppling'],
      ['boende/cards/utan-extra', 'boende', 'utan-extra'],
      ['boende/cards/exempel', 'boende', 'exempel'],
    ])
    expect(shots).toEqual([])
  })

  it('screenshots each card at 1200x630 with its HTML and assets', async () => {
    const { browser, shots, shot } = fakeBrowser()
    const { files } = await render(fakeContext({ browser }))
    expect(files.map((f) => [f.path, f.format, f.audience, f.finding])).toEqual([
      ['boende/cards/aterkoppling.png', 'card', 'boende', 'aterkoppling'],
      ['boende/cards/utan-extra.png', 'card', 'boende', 'utan-extra'],
      ['boende/cards/exempel.png', 'card', 'boende', 'exempel'],
    ])
    expect(files[0]!.contents).toBe(PNG)
    expect(shots).toHaveLength(3)
    const { html, options } = shot('boende/cards/aterkoppling.png')
    expect(options.viewport).toEqual({ width: 1200, height: 630 })
    expect(options.label).toBe('boende/cards/aterkoppling.png')
    expect(html).toContain('<html lang="sv">')
    expect(html).toContain('<base href="https://sprid.local/">')
    expect(html).toContain('<h1 class="card__title">Återkoppling på energianvändning sänker hyresgästers förbrukning</h1>')
    expect(html).toContain('<p class="card__number">12\u00a0%</p>')
    expect(html).toContain('<p class="card__label">lägre energianvändning</p>')
    expect(html).toContain('<span class="card__organisation">Allmännyttans kunskapsnätverk</span>')
    expect(html).toContain('--accent: #1d6f6a;')
    expect(html).toContain('card--landscape card--title-m card--has-figure')
    const assets = options.assets.map((a) => a.path)
    expect(assets).toEqual(expect.arrayContaining(['assets/card.css', 'assets/fonts.css', 'assets/tokens.css', 'assets/fonts/inter-latin-700-normal.woff2']))
    // Every stylesheet and font the page names is among the assets.
    for (const href of html.matchAll(/href="(assets\/[^"]+)"/g)) expect(assets).toContain(href[1])
    const fontsCss = new TextDecoder().decode(options.assets.find((a) => a.path === 'assets/fonts.css')!.contents)
    for (const url of fontsCss.matchAll(/url\('([^']+)'\)/g)) expect(assets).toContain(`assets/${url[1]}`)
  })

  it('shows the example label and leaves out what a finding lacks', async () => {
    const { browser, shot } = fakeBrowser()
    await render(fakeContext({ browser, site: site({ organisation: undefined }) }))
    const plain = shot('boende/cards/utan-extra.png').html
    expect(plain).not.toContain('card__figure')
    expect(plain).not.toContain('card__footer')
    expect(plain).not.toContain('card--has-figure')
    expect(shot('boende/cards/exempel.png').html).toContain('<p class="card__example">Exempel</p>')
  })

  it('also makes a 1080x1080 card with `square: true`', async () => {
    const { browser, shot } = fakeBrowser()
    const { files } = await render(fakeContext({ browser, formats: { card: { square: true } } }))
    expect(files.map((f) => f.path)).toContain('boende/cards/aterkoppling-square.png')
    const square = shot('boende/cards/aterkoppling-square.png')
    expect(square.options.viewport).toEqual({ width: 1080, height: 1080 })
    expect(square.html).toContain('card--square')
  })

  it('escapes the title and shortens it to about twelve words', async () => {
    const { browser, shots } = fakeBrowser()
    const p = pack([
      finding({ id: 'farlig', title: '"><script>alert(1)</script> & <b>fet</b> titel som är mycket längre än tolv ord, och som fortsätter länge till' }),
    ])
    await render(fakeContext({ browser }), p)
    const html = shots[0]!.html
    expect(html).not.toContain('<script>')
    expect(html).toContain('<h1 class="card__title">&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt; titel som är mycket längre än tolv ord…</h1>')
    const title = /<h1 class="card__title">([^<]*)<\/h1>/.exec(html)![1]!
    expect(title.endsWith('…')).toBe(true)
  })

  it('adds the audience\'s logo as an asset when the engine can read project files', async () => {
    const { browser, shot } = fakeBrowser()
    const logo = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
    const p = demoPack({ theme: { accent: '#ffcc00', logo: 'findings/audiences/logo.svg' } })
    await render(fakeContext({ browser, files: { 'findings/audiences/logo.svg': logo } }), p)
    const { html, options } = shot('boende/cards/aterkoppling.png')
    expect(html).toContain('<img class="card__logo" src="assets/logo.svg" alt="">')
    expect(options.assets.find((a) => a.path === 'assets/logo.svg')).toEqual({ path: 'assets/logo.svg', contents: logo, type: 'image/svg+xml' })
    // A light accent is darkened for text, kept as given for the bar.
    expect(html).toContain('--accent: #ffcc00;')
    expect(html).not.toContain('--accent-text: #ffcc00;')
  })

  it('warns when the logo cannot be read', async () => {
    const { browser } = fakeBrowser()
    const context = fakeContext({ browser, files: {} })
    await render(context, demoPack({ theme: { accent: '#1d6f6a', logo: 'saknas.png' } }))
    expect(context.messages).toEqual([expect.objectContaining({ severity: 'warning', ruleId: 'card-logo' })])
  })

  it('reports invalid options, and plans nothing without the format', async () => {
    const context = fakeContext({ formats: { card: { square: 'ja' } } })
    expect(await cardFormat.planPack(demoPack(), context)).toEqual([])
    expect(context.messages).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'invalid-options' })])
    expect(await cardFormat.planPack(demoPack(), fakeContext({ formats: { social: {} } }))).toEqual([])
  })

  it('keys jobs by what the card shows', async () => {
    const a = await cardFormat.planPack(demoPack(), fakeContext())
    const b = await cardFormat.planPack(demoPack({ theme: { accent: '#aa0000' } }), fakeContext())
    expect(a[1]!.inputs).not.toEqual(b[1]!.inputs)
    expect((await cardFormat.planPack(demoPack(), fakeContext()))[1]!.inputs).toEqual(a[1]!.inputs)
  })
})

describe('cardView', () => {
  it('gives the template plain data, with the accent checked for contrast', () => {
    const p = demoPack({ theme: { accent: '#ffff00' } })
    const view = cardView(p, p.findings[0]!, { site: site() })
    expect(view.card).toMatchObject({ width: 1200, height: 630, shape: 'landscape', accent: '#ffff00', figure: { formatted: '12\u00a0%', label: 'lägre energianvändning' } })
    expect(view.card.accentText).not.toBe('#ffff00')
  })

  it('sizes titles by length', () => {
    expect(titleSize('Kort')).toBe('l')
    expect(titleSize('x'.repeat(60))).toBe('m')
    expect(titleSize('x'.repeat(90))).toBe('s')
  })
})

describe('card.css', () => {
  it('keeps safe margins of at least 60 px', async () => {
    const css = await readFile(path.join(TEMPLATES, 'card', 'card.css'), 'utf8')
    const safe = [...css.matchAll(/--safe:\s*(\d+)px/g)].map((m) => Number(m[1]))
    expect(safe.length).toBeGreaterThan(0)
    for (const value of safe) expect(value).toBeGreaterThanOrEqual(60)
  })
})

