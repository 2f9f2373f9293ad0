/** Helpers the paged formats share (`src/formats/print/`). */
import { describe, expect, it } from 'vitest'
import { contrastRatio } from '../../src/render/contrast.js'
import { createTemplateRenderer } from '../../src/render/index.js'
import {
  contentParts,
  cssString,
  headingTexts,
  labeller,
  packTags,
  parseFontFaces,
  printFooter,
  printMetadata,
  printTheme,
  qrCode,
  webPackUrl,
} from '../../src/formats/print/index.js'
import { pack, site } from './fixtures.js'

describe('cssString', () => {
  it('leaves plain text alone, å/ä/ö included', () => {
    expect(cssString('Allmännyttans innovationslabb – Sida')).toBe('Allmännyttans innovationslabb – Sida')
  })

  it('escapes everything HTML escaping would change and everything that ends a CSS string', () => {
    const escaped = cssString('Bo & leva "nu" <b>\'x\'</b>\\\n')
    expect(escaped).not.toMatch(/[&<>"'\n]/)
    expect(escaped).toBe('Bo \\26  leva \\22 nu\\22  \\3c b\\3e \\27 x\\27 \\3c /b\\3e \\5c \\a ')
  })
})

describe('contentParts and printFooter', () => {
  it('turns a label with placeholders into CSS content parts', () => {
    expect(contentParts('Sida {n} av {total}', { n: 'page', total: 'pages' })).toEqual([
      { text: 'Sida ' },
      { counter: 'page' },
      { text: ' av ' },
      { counter: 'pages' },
    ])
    expect(contentParts('{total}: {n}', { n: 'page', total: 'pages' })).toEqual([
      { counter: 'pages' },
      { text: ': ' },
      { counter: 'page' },
    ])
  })

  it('uses the page label of the pack language, with project overrides', () => {
    const templates = createTemplateRenderer({ globals: { site }, labels: { en: { 'handout.page_of': 'p. {n}/{total}' } } })
    expect(printFooter(labeller(templates, 'sv'), 'A & B').pageOf).toEqual([
      { text: 'Sida ' },
      { counter: 'page' },
      { text: ' av ' },
      { counter: 'pages' },
    ])
    const en = printFooter(labeller(templates, 'en'), 'A & B')
    expect(en.pageOf).toEqual([{ text: 'p. ' }, { counter: 'page' }, { text: '/' }, { counter: 'pages' }])
    expect(en.left).toBe('A \\26  B')
  })
})

describe('parseFontFaces', () => {
  const css = `/* comment @font-face { font-family: 'X'; src: url('nope.woff2') } */
@font-face {
  font-family: 'Source Serif 4';
  font-style: italic;
  font-weight: 400;
  font-display: swap;
  src: url('fonts/source-serif-4-latin-400-italic.woff2') format('woff2');
  unicode-range: U+0000-00FF, U+0131;
}
@font-face { font-family: Evil; src: url('https://fonts.example.com/evil.woff2'); }
@font-face { font-family: 'Odd'; font-weight: 400;}"><script>; src: url(fonts/odd.woff2); }`

  it('moves relative font URLs under the given base and keeps the descriptors', () => {
    expect(parseFontFaces(css, '../assets/')).toEqual([
      {
        family: 'Source Serif 4',
        style: 'italic',
        weight: '400',
        display: 'swap',
        url: '../assets/fonts/source-serif-4-latin-400-italic.woff2',
        format: 'woff2',
        unicodeRange: 'U+0000-00FF, U+0131',
      },
    ])
  })

  it('reads sprid\'s own fonts.css', async () => {
    const templates = createTemplateRenderer({ globals: { site } })
    const css = new TextDecoder().decode(await templates.readFile('handout', 'fonts.css'))
    const faces = parseFontFaces(css, 'https://sprid.local/assets/')
    expect(faces.length).toBeGreaterThanOrEqual(8)
    expect(faces.every((face) => face.url.startsWith('https://sprid.local/assets/fonts/'))).toBe(true)
    expect(faces.some((face) => face.family === 'Inter' && face.weight === '700')).toBe(true)
  })
})

describe('printTheme', () => {
  it('keeps a dark accent and puts white on it', () => {
    expect(printTheme('#0b5c5a')).toEqual({ accent: '#0b5c5a', accentText: '#0b5c5a', onAccent: '#ffffff' })
  })

  it('darkens a light accent for text and puts ink on it', () => {
    const theme = printTheme('#ffd34d')
    expect(contrastRatio(theme.accentText, '#ffffff')).toBeGreaterThanOrEqual(4.5)
    expect(theme.onAccent).not.toBe('#ffffff')
  })
})

describe('pack facts', () => {
  it('builds the web URL, tags and metadata', async () => {
    expect(webPackUrl(site, pack)).toBe('https://example.org/labb/ledning/')
    expect(webPackUrl({ ...site, baseUrl: undefined }, pack)).toBeUndefined()
    expect(packTags(pack)).toContain('mötesplatser')
    expect(new Set(packTags(pack)).size).toBe(packTags(pack).length)
    expect(printMetadata(site, pack, 'T')).toMatchObject({
      title: 'T',
      author: 'Sveriges Allmännytta',
      subject: 'Bostadsbolagens ledning',
      lang: 'sv',
      creator: 'sprid 0.1.0',
      date: '2025-03-14',
    })
  })

  it('makes the same QR code every time', async () => {
    const a = await qrCode('https://example.org/labb/ledning/')
    const b = await qrCode('https://example.org/labb/ledning/')
    expect(a).toEqual(b)
    expect(a.display).toBe('example.org/labb/ledning')
    expect(a.src).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(a.src.split(',')[1]!, 'base64').toString()).toMatch(/^<svg/)
  })
})

describe('headingTexts', () => {
  it('lists the headings of printed HTML as plain text', () => {
    const html = '<h1 class="a">Allmännyttans<br> innovationslabb</h1><p>x</p><h2 id="b">Bo &amp; leva &#39;nu&#39;</h2>\n<h3>Checklista</h3><p><h4>A <span>b</span></h4>'
    expect(headingTexts(html)).toEqual(['Allmännyttans innovationslabb', "Bo & leva 'nu'", 'Checklista', 'A b'])
  })
})
