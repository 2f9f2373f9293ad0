/**
 * addSoftHyphens and the hyphenation it rests on: Swedish and English break
 * points, what is left whole (elements, tokens, names), `lang` attributes,
 * unknown languages, idempotence, markup kept byte for byte; and
 * `hyphenateHtml`, which the print formats run on the HTML they give Chromium.
 */
import { describe, expect, it } from 'vitest'
import { hyphenateText, loadHyphenator, patternsFor, SOFT_HYPHEN, type Hyphenator } from '../../src/markdown/hyphenation.js'
import { addSoftHyphens, type SoftHyphenOptions } from '../../src/markdown/hyphenate-html.js'
import { hyphenateHtml, PRINT_HYPHENATION } from '../../src/formats/print/index.js'

/** Soft hyphens shown as `-` (the texts below have no hard hyphens where it matters). */
const shown = (text: string): string => text.replaceAll(SOFT_HYPHEN, '-')

/** An HTML fragment through addSoftHyphens, soft hyphens shown as `-`. */
async function hyphenate(html: string, options: SoftHyphenOptions): Promise<string> {
  return shown(await addSoftHyphens(html, options))
}

async function hyphenator(lang: string): Promise<Hyphenator> {
  const loaded = await loadHyphenator(lang)
  if (!loaded) throw new Error(`no patterns for ${lang}`)
  return loaded
}

describe('hyphenation patterns', () => {
  it('maps language tags to pattern sets, and knows when it has none', () => {
    expect(patternsFor('sv')).toBe('sv')
    expect(patternsFor('sv-FI')).toBe('sv')
    expect(patternsFor('en')).toBe('en-gb')
    expect(patternsFor('en-GB')).toBe('en-gb')
    expect(patternsFor('en-US')).toBe('en-us')
    expect(patternsFor('no')).toBe('nb')
    expect(patternsFor('xx')).toBeUndefined()
    expect(patternsFor('')).toBeUndefined()
    expect(patternsFor(undefined)).toBeUndefined()
  })

  it('loads each pattern set once, lazily', async () => {
    expect(loadHyphenator('sv-SE')).toBe(loadHyphenator('sv'))
    expect((await hyphenator('en')).id).toBe('en-gb')
    await expect(loadHyphenator('tlh')).resolves.toBeUndefined()
  })

  it('breaks Swedish compounds where they join, å, ä and ö included', async () => {
    const sv = await hyphenator('sv')
    const words = 'bostadsföretag segregation hyresgästerna fastighetsägare mötesplatser återkommande bostadsområdet överlämningen'
    expect(shown(hyphenateText(words, sv))).toBe(
      'bo-stads-fö-re-tag seg-re-ga-tion hy-res-gäs-terna fas-tig-hets-ägare mö-tes-plat-ser åter-kom-mande bo-stads-om-rå-det över-läm-ningen',
    )
    // What print uses: seven letters or more, three on each side of a break.
    expect(shown(hyphenateText(words, sv, PRINT_HYPHENATION))).toBe(
      'bostads-fö-re-tag seg-re-ga-tion hyres-gäs-terna fas-tig-hets-ägare mötes-plat-ser åter-kom-mande bostads-om-rå-det över-läm-ningen',
    )
  })

  it('keeps letters on each side of a break, and no one-letter pieces', async () => {
    const sv = await hyphenator('sv')
    // The patterns allow fas-tig-hets-ä-ga-re: `ä` alone and `re` at a line start are dropped.
    expect(sv.breaks('fastighetsägare')).toEqual([3, 6, 10])
    expect(sv.breaks('fastighetsägare', { leftMin: 4, rightMin: 5 })).toEqual([6, 10])
    // Text: hy-res-gäs-ter-na allows `-na`; three letters after the last break is the default.
    expect(shown(hyphenateText('hyresgästerna', sv, { rightMin: 2 }))).toBe('hy-res-gäs-ter-na')
  })

  it('uses British or American patterns for English', async () => {
    const words = 'neighbourhood participation researchers evaluation municipalities'
    expect(shown(hyphenateText(words, await hyphenator('en-GB')))).toBe('neigh-bour-hood par-ti-cip-ation re-search-ers eval-uation mu-ni-cip-al-it-ies')
    expect(shown(hyphenateText(words, await hyphenator('en-US')))).toBe('neigh-bour-hood par-tic-ipa-tion re-searchers eval-ua-tion mu-nic-ipal-ities')
  })

  it('leaves short words, figures, addresses, acronyms, names and hyphenated compounds whole', async () => {
    const sv = await hyphenator('sv')
    const text = 'Läs mer på https://www.sverigesallmannytta.se/innovationslabb eller skriv till förvaltningen@example.org: 2018–2020, 1 234 lägenheter, UNESCO, iPhone, Göteborg, FN-rapporten, labb.'
    expect(shown(hyphenateText(text, sv))).toBe(text.replace('lägenheter', 'lä-gen-he-ter'))
    // A capital at the start of a sentence is no name; capitals are hyphenated where they mark nouns, or when asked.
    expect(shown(hyphenateText('Mötet i Göteborg. Bostadsföretagen i Göteborg: ”Hyresgästerna”', sv))).toBe(
      'Mötet i Göteborg. Bo-stads-fö-re-ta-gen i Göteborg: ”Hy-res-gäs-terna”',
    )
    expect(shown(hyphenateText('i Göteborg', sv, { capitalized: true }))).toBe('i Gö-te-borg')
    expect((await hyphenator('de')).capitalized).toBe(true)
  })

  it('changes nothing when run twice, and keeps soft hyphens written by hand', async () => {
    const sv = await hyphenator('sv')
    const once = hyphenateText('Bostadsföretagen motverkar segregationen i bostadsområdena.', sv)
    expect(once).toContain(SOFT_HYPHEN)
    expect(hyphenateText(once, sv)).toBe(once)
    expect(hyphenateText(`bostads${SOFT_HYPHEN}företag`, sv)).toBe(`bostads${SOFT_HYPHEN}företag`)
  })
})

describe('addSoftHyphens', () => {
  it('hyphenates text in the given language and leaves code, headings and titles alone', async () => {
    const html = [
      '<h2>Bostadsföretagen och segregationen</h2>',
      '<p>Bostadsföretagen motverkar segregationen. <code>konfigurationsfilen</code> <kbd>kommandotolken</kbd></p>',
      '<pre>förvaltningsberättelse</pre>',
      '<p><time datetime="2026-09-01">september</time> <abbr title="Sveriges Allmännytta">allmännyttan</abbr></p>',
      '<p data-hyphenate="false">Innovationslabben prövade experimentverkstäder</p>',
    ].join('\n')
    expect(await hyphenate(html, { lang: 'sv' })).toBe(
      [
        '<h2>Bostadsföretagen och segregationen</h2>',
        '<p>Bo-stads-fö-re-ta-gen mot-ver-kar seg-re-ga-tio-nen. <code>konfigurationsfilen</code> <kbd>kommandotolken</kbd></p>',
        '<pre>förvaltningsberättelse</pre>',
        '<p><time datetime="2026-09-01">september</time> <abbr title="Sveriges Allmännytta">allmännyttan</abbr></p>',
        '<p data-hyphenate="false">Innovationslabben prövade experimentverkstäder</p>',
      ].join('\n'),
    )
  })

  it("follows each element's lang: other patterns, none for an unknown or empty one", async () => {
    const html =
      '<p>Hyresgästerna <span lang="en">researchers evaluated participation <em lang="sv">bostadsområdet</em></span>' +
      ' <span lang="xx">hyresgästerna</span> <span lang="">hyresgästerna</span> <span lang="sv-FI">hyresgästerna</span></p>'
    expect(await hyphenate(html, { lang: 'sv' })).toBe(
      '<p>Hy-res-gäs-terna <span lang="en">re-search-ers eval-uated par-ti-cip-ation <em lang="sv">bo-stads-om-rå-det</em></span>' +
        ' <span lang="xx">hyresgästerna</span> <span lang="">hyresgästerna</span> <span lang="sv-FI">hy-res-gäs-terna</span></p>',
    )
  })

  it('leaves names whole across inline elements, and hyphenates capitals that start a sentence', async () => {
    const html = '<p>Vi träffades i <a href="#x">Göteborg</a>. Bostadsföretagen i <em>Göteborgsregionen</em>.</p><ul><li>Rekrytera ungdomarna</li></ul>'
    expect(await hyphenate(html, { lang: 'sv' })).toBe(
      '<p>Vi träf-fa-des i <a href="#x">Göteborg</a>. Bo-stads-fö-re-ta-gen i <em>Göteborgsregionen</em>.</p><ul><li>Re-kry-tera ung-do-marna</li></ul>',
    )
  })

  it('without a language, hyphenates only inside elements that have one', async () => {
    expect(await hyphenate('<p>hyresgästerna <span lang="sv">hyresgästerna</span></p>', {})).toBe(
      '<p>hyresgästerna <span lang="sv">hy-res-gäs-terna</span></p>',
    )
  })

  it('leaves a tree in an unknown language untouched, without failing', async () => {
    const html = '<p>Unbekanntesprachewörter und Bostadsföretagen</p>'
    expect(await hyphenate(html, { lang: 'tlh' })).toBe(html)
  })

  it('takes more elements to ignore, and other limits', async () => {
    expect(await hyphenate('<p>hyresgästerna <b>hyresgästerna</b></p>', { lang: 'sv', ignore: ['B'], leftMin: 3, rightMin: 3 })).toBe(
      '<p>hyres-gäs-terna <b>hyresgästerna</b></p>',
    )
  })

  it('ends elements where HTML ends them without an end tag, and ignores `/>` outside SVG', async () => {
    // The second item, paragraph or cell is a sibling: the first one's lang or opt-out does not reach it.
    expect(await hyphenate('<ul><li lang="en">researchers<li>hyresgästerna</ul>', { lang: 'sv' })).toBe('<ul><li lang="en">re-search-ers<li>hy-res-gäs-terna</ul>')
    expect(await hyphenate('<p lang="en">researchers<div>hyresgästerna</div>', { lang: 'sv' })).toBe('<p lang="en">re-search-ers<div>hy-res-gäs-terna</div>')
    expect(await hyphenate('<p data-hyphenate="false">hyresgästerna<p>hyresgästerna', { lang: 'sv' })).toBe('<p data-hyphenate="false">hyresgästerna<p>hy-res-gäs-terna')
    expect(await hyphenate('<table><tr><td data-hyphenate="false">hyresgästerna<td>hyresgästerna</table>', { lang: 'sv' })).toBe(
      '<table><tr><td data-hyphenate="false">hyresgästerna<td>hy-res-gäs-terna</table>',
    )
    expect(await hyphenate('<dl><dt lang="en">researchers<dd>hyresgästerna</dl>', { lang: 'sv' })).toBe('<dl><dt lang="en">re-search-ers<dd>hy-res-gäs-terna</dl>')
    // An inline element inside the paragraph does not end it.
    expect(await hyphenate('<p lang="en"><em>researchers</em> evaluated</p>', { lang: 'sv' })).toBe('<p lang="en"><em>re-search-ers</em> eval-uated</p>')
    expect(await hyphenate('<div data-hyphenate="false"/>hyresgästerna</div>', { lang: 'sv' })).toBe('<div data-hyphenate="false"/>hyresgästerna</div>')
    expect(await hyphenate('<svg><title/></svg><p>hyresgästerna</p>', { lang: 'sv' })).toBe('<svg><title/></svg><p>hy-res-gäs-terna</p>')
  })

  it('is idempotent', async () => {
    const html = '<p>Bostadsföretagen motverkar segregationen tillsammans med hyresgästerna.</p>'
    const run = (input: string) => addSoftHyphens(input, { lang: 'sv' })
    const once = await run(html)
    expect(shown(once)).toBe('<p>Bo-stads-fö-re-ta-gen mot-ver-kar seg-re-ga-tio-nen till-sam-mans med hy-res-gäs-terna.</p>')
    expect(await run(once)).toBe(once)
  })
})

describe('hyphenateHtml', () => {
  const document = (body: string) =>
    `<!doctype html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n<title>Bostadsföretagen</title>\n<style>\n.x::before { content: "Bostadsföretagen"; }\n</style>\n</head>\n<body class="handout">\n${body}\n</body>\n</html>\n`

  it('hyphenates the body in the pack language and keeps the rest of the document byte for byte', async () => {
    const html = document('<p>Bostadsföretagen motverkar segregationen.</p>\n<div data-fit-box>hyresgästerna</div>')
    const out = await hyphenateHtml(html, 'sv')
    expect(out).toBe(
      document(`<p>Bostads${SOFT_HYPHEN}fö${SOFT_HYPHEN}re${SOFT_HYPHEN}ta${SOFT_HYPHEN}gen mot${SOFT_HYPHEN}ver${SOFT_HYPHEN}kar seg${SOFT_HYPHEN}re${SOFT_HYPHEN}ga${SOFT_HYPHEN}tio${SOFT_HYPHEN}nen.</p>\n<div data-fit-box>hyres${SOFT_HYPHEN}gäs${SOFT_HYPHEN}terna</div>`),
    )
    expect(await hyphenateHtml(out, 'sv')).toBe(out)
    expect(PRINT_HYPHENATION).toEqual({ minWordLength: 7, leftMin: 3, rightMin: 3 })
  })

  it('hyphenates a document without a <body> tag, adding no markup', async () => {
    const out = await hyphenateHtml('<!doctype html><title>T</title><p>hyresgästerna</p>', 'sv')
    expect(out).toBe(`<!doctype html><title>T</title><p>hyres${SOFT_HYPHEN}gäs${SOFT_HYPHEN}terna</p>`)
  })

  it('changes only text: tags, attributes and comments stay as written (text it hyphenates is re-escaped: `&amp;`, `&nbsp;`)', async () => {
    const html = `<DIV Class=x data-a='1'><!-- Bostadsföretagen --><p>Bostadsföretagen &amp; hyresgästerna&nbsp;<br/><img src="a.png" alt="hyresgästerna"></p></DIV>`
    expect(shown(await hyphenateHtml(html, 'sv'))).toBe(
      `<DIV Class=x data-a='1'><!-- Bostadsföretagen --><p>Bostads-fö-re-ta-gen &amp; hyres-gäs-terna&nbsp;<br/><img src="a.png" alt="hyresgästerna"></p></DIV>`,
    )
  })
})
