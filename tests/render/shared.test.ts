import { describe, expect, it } from 'vitest'
import {
  absoluteUrl,
  builtinLabels,
  contrastRatio,
  ensureContrast,
  fontAssets,
  fontFaces,
  formatDate,
  formatLabel,
  formatNumber,
  hashedAssetPath,
  labelKeys,
  parseHexColor,
  relativeUrl,
  resolveLabels,
  safeUrl,
  serializeJsonLd,
} from '../../src/render/index.js'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

describe('labels', () => {
  it('has the same keys in Swedish and English, none empty', () => {
    expect(Object.keys(builtinLabels.sv).sort()).toEqual(Object.keys(builtinLabels.en).sort())
    expect(labelKeys.length).toBeGreaterThan(50)
    for (const lang of ['sv', 'en'] as const) for (const key of labelKeys) expect(builtinLabels[lang][key].trim()).not.toBe('')
  })

  it('has the texts the design asks for', () => {
    const sv = builtinLabels.sv
    expect(sv['a11y.skip_link']).toBe('Hoppa till innehållet')
    expect(sv['example.badge']).toBe('Exempel')
    expect(sv['example.note']).toBe('Illustrativt exempel – siffrorna är inte uppmätta.')
    expect([sv['evidence.strong'], sv['evidence.moderate'], sv['evidence.emerging']]).toEqual([
      'Starkt underlag',
      'Måttligt underlag',
      'Begränsat underlag',
    ])
    expect(sv['handout.takeaways']).toBe('Det här får du med dig')
    expect(builtinLabels.en['handout.page_of']).toBe('Page {n} of {total}')
  })

  it('resolves a language: primary subtag, English fallback, then overrides', () => {
    expect(resolveLabels('sv-FI')['nav.home']).toBe('Startsida')
    expect(resolveLabels('de')['nav.home']).toBe('Home')
    const labels = resolveLabels('sv-FI', { sv: { 'nav.home': 'Hem' }, 'sv-FI': { 'nav.next': 'Följande' }, en: { 'nav.home': 'X' } })
    expect([labels['nav.home'], labels['nav.next'], labels['nav.previous']]).toEqual(['Hem', 'Följande', 'Föregående'])
    expect(resolveLabels('sv', { constructor: { x: 'y' } } as never)['constructor']).toBeUndefined()
  })

  it('fills placeholders and picks plural forms', () => {
    const en = resolveLabels('en')
    expect(formatLabel(en, 'en', 'pack.count', { count: 1 })).toBe('1 finding')
    expect(formatLabel(en, 'en', 'pack.count', { count: 2 })).toBe('2 findings')
    expect(formatLabel(resolveLabels('sv'), 'sv', 'handout.page_of', { n: 3, total: 12 })).toBe('Sida 3 av 12')
    expect(formatLabel(en, 'en', 'handout.page_of', { n: 3 })).toBe('Page 3 of {total}')
    expect(formatLabel(en, 'en', 'nope')).toBeUndefined()
  })
})

describe('contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5)
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2)
    expect(parseHexColor('red')).toBeUndefined()
    expect(() => contrastRatio('red', '#fff')).toThrow(TypeError)
  })

  it('keeps a colour that passes and darkens one that does not, keeping its hue', () => {
    expect(ensureContrast('#1D5E8C')).toMatchObject({ color: '#1d5e8c', adjusted: false })
    const yellow = ensureContrast('#ffd400')
    expect(yellow.adjusted).toBe(true)
    expect(yellow.ratio).toBeGreaterThanOrEqual(4.5)
    expect(yellow.ratio).toBeLessThan(5)
    const rgb = parseHexColor(yellow.color)!
    expect(rgb.r).toBeGreaterThan(rgb.b)
    const onDark = ensureContrast('#1d5e8c', { background: '#1f2327' })
    expect(onDark.adjusted).toBe(true)
    expect(contrastRatio(onDark.color, '#1f2327')).toBeGreaterThanOrEqual(4.5)
  })
})

describe('urls', () => {
  it('relates output paths', () => {
    expect(relativeUrl('assets/site.css', 'index.html')).toBe('assets/site.css')
    expect(relativeUrl('assets/site.css', 'a/b/index.html')).toBe('../../assets/site.css')
    expect(relativeUrl('a/b/index.html#x', 'a/b/index.html')).toBe('index.html#x')
    expect(relativeUrl('#top', 'a/index.html')).toBe('#top')
    expect(absoluteUrl('index.html', 'https://x.example/')).toBe('https://x.example/')
    expect(absoluteUrl('a/feed.xml', 'https://x.example')).toBe('https://x.example/a/feed.xml')
  })

  it('drops unsafe link protocols', () => {
    for (const bad of ['javascript:alert(1)', '\u0001javascript:x', 'JAVASCRIPT:x', 'vbscript:x', 'data:x', 'java\nscript:x', 'x:y', '"><x'])
      expect(safeUrl(bad)).toBe('')
    for (const good of ['https://a.example/x', 'http://a', 'mailto:x@y', 'tel:+46', '/x', 'x/y', '#a', '?q=1', 'a/b:c'])
      expect(safeUrl(good)).toBe(good)
    expect(safeUrl('tel:1', ['https'])).toBe('')
  })
})

describe('json-ld', () => {
  it('cannot close its script element and parses back to the original', () => {
    const value = { name: '</script><script>alert(1)</script>', by: '<!-- x -->', line: 'a\u2028b\u2029c', amp: 'A & B' }
    const json = serializeJsonLd(value)
    expect(json).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(json)).toEqual(value)
  })
})

describe('dates and numbers', () => {
  it('formats without timezone shifts', () => {
    expect(formatDate('2020-02-06', 'sv')).toBe('6 februari 2020')
    expect(formatDate('2020-02-06', 'en')).toBe('6 February 2020')
    expect(formatDate('2020-02-06', 'en-US')).toBe('February 6, 2020')
    expect(formatDate('2020-12-31', 'sv', 'month')).toBe('december 2020')
    expect(() => formatDate('2020-02-30', 'sv')).toThrow(TypeError)
    expect(formatNumber(-1234.567, 'sv')).toBe('\u22121\u00a0234,57')
  })
})

describe('assets', () => {
  it('names copies by content', () => {
    const bytes = new TextEncoder().encode('png')
    const named = hashedAssetPath('findings/img/Värme Bild.PNG', bytes)
    expect(named).toMatch(/^assets\/img\/varme-bild\.[0-9a-f]{8}\.png$/)
    expect(hashedAssetPath('other/Värme Bild.PNG', bytes)).toBe(named)
    expect(hashedAssetPath('x.png', new TextEncoder().encode('other'))).not.toBe(hashedAssetPath('x.png', bytes))
    expect(hashedAssetPath('logo', bytes, 'assets/logos/')).toMatch(/^assets\/logos\/logo\.[0-9a-f]{8}$/)
  })

  it('ships every font fonts.css declares, with licences', async () => {
    const css = await readFile(fileURLToPath(new URL('../../templates/shared/fonts.css', import.meta.url)), 'utf8')
    const declared = [...css.matchAll(/url\('fonts\/([^']+)'\)/g)].map((m) => m[1]).sort()
    expect(declared).toEqual(fontFaces.map((face) => face.file).sort())
    const assets = await fontAssets()
    expect(assets.map((a) => a.path)).toContain('assets/fonts/inter-latin-ext-400-normal.woff2')
    expect(assets.map((a) => a.path)).toContain('assets/fonts/inter-LICENSE.txt')
    for (const asset of assets.filter((a) => a.path.endsWith('.woff2'))) {
      expect(new TextDecoder().decode(asset.contents.subarray(0, 4))).toBe('wOF2')
    }
  })
})
