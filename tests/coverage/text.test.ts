/**
 * Reading the text of produced files for the leak scan: normalization,
 * entities, markup (text, attributes, JSON-LD, escaped Atom content), JSON,
 * and PDFs read with pdf-lib.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { decodeEntities, extractPdfText, markupText, normalize, pdfTextString, textOf } from '../../src/coverage/index.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('normalize', () => {
  it('keeps letters and digits only, case-folded, so formatting cannot hide a sentence', () => {
    expect(normalize('Fler  mötes-\nplatser!')).toBe('flermötesplatser')
    expect(normalize('FLER MÖTESPLATSER')).toBe('flermötesplatser')
    expect(normalize('Ett\u00adord\u200b, “citat” – 1 234,5 %')).toBe('ettordcitat12345')
    // Hyphenated print: soft hyphens inside words, and the hyphen Chromium draws where a line breaks at one.
    expect(normalize('Hem\u00adliga planen för kvar\u00adte\u00ad\u2010\nret Eken')).toBe(normalize('Hemliga planen för kvarteret Eken'))
    // NFKC: ligatures and full-width forms are their letters; decomposed å is å.
    expect(normalize('ﬁnd Ｂ a\u030a')).toBe('findbå')
  })
})

describe('decodeEntities', () => {
  it('decodes numeric and common named references, and keeps plain ampersands', () => {
    expect(decodeEntities('&Ouml;ppna &amp; st&auml;ng &#229;&#xE4; &hellip; R&D &nosuch;')).toBe('Öppna & stäng åä … R&D ')
  })
})

describe('markupText', () => {
  it('reads text nodes, attribute values and JSON-LD, and drops comments', () => {
    const html = `<!doctype html><html><head><title>Sidans titel</title>
<meta property="og:title" content="Dold i &quot;meta&quot;">
<script type="application/ld+json">{"name":"Rapport \\u00e5r 2026","headline":"Rubrik"}</script>
<style>p{color:red}</style></head>
<body><!-- kommentar som inte syns --><p>Synlig <em>text</em></p><img alt='Bildens text' src="x.png"></body></html>`
    const text = normalize(markupText(html))
    expect(text).toContain('sidanstitel')
    expect(text).toContain('doldimeta')
    expect(text).toContain('rapportår2026')
    expect(text).toContain('synligtext')
    expect(text).toContain('bildenstext')
    expect(text).not.toContain('kommentar')
  })

  it('reads escaped markup inside text, as in an Atom entry with type="html"', () => {
    const atom = '<entry><content type="html">&lt;p&gt;Det &amp;amp; hemliga&lt;/p&gt;</content></entry>'
    expect(normalize(markupText(atom))).toContain('dethemliga')
  })
})

describe('textOf', () => {
  it('reads JSON strings unescaped, and Markdown and CSV as text', () => {
    expect(normalize(textOf('json', bytes('{"posts":[{"text":"Hyresh\\u00f6jning \\"snart\\""}]}')))).toContain('hyreshöjningsnart')
    expect(normalize(textOf('markdown', bytes('### Ett *viktigt* fynd\n\n```text\nHej &amp; hå\n```')))).toContain('ettviktigtfynd')
    expect(normalize(textOf('csv', bytes('text,link\n"Han sa ""hej"" till oss",x\n')))).toContain('hansahejtilloss')
  })
})

describe('extractPdfText', () => {
  it('reads page text, including WinAnsi letters of simple fonts, and the document information', async () => {
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.Helvetica)
    const page = doc.addPage([400, 300])
    page.drawText('Hemliga planen för', { x: 20, y: 200, size: 14, font })
    page.drawText('kvarteret Eken – 2027', { x: 20, y: 180, size: 14, font })
    doc.setTitle('Dokumentets titel')
    doc.setKeywords(['nyckelord'])
    const text = await extractPdfText(await doc.save())
    expect(normalize(text.pages.join(' '))).toContain('hemligaplanenförkvartereteken2027')
    expect(text.info).toContain('Dokumentets titel')
    expect(normalize(pdfTextString(text))).toContain('nyckelord')
  })

  it('throws on a file that is not a PDF', async () => {
    await expect(extractPdfText(bytes('not a pdf'))).rejects.toThrow()
  })
})
