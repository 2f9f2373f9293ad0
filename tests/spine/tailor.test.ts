/** `tailor`: one audience's pack, and what may (not) reach its HTML and text. */
import { describe, expect, it } from 'vitest'
import { tailor } from '../../src/tailor/tailor.js'
import { UsageError, EXIT } from '../../src/errors.js'
import { audience, finding, projectOf } from './helpers.js'

describe('tailor', () => {
  it('throws a UsageError listing the known ids for an unknown audience', async () => {
    const project = await projectOf({
      'findings/a.md': finding(''),
      'findings/audiences/boende.md': audience(),
      'findings/audiences/ledning.md': audience('name: Ledning'),
    })
    expect(() => tailor(project, 'nope')).toThrow(UsageError)
    expect(() => tailor(project, 'nope')).toThrow('Unknown audience `nope`; known: boende, ledning')
    try {
      tailor(project, 'nope')
    } catch (error) {
      expect((error as UsageError).exitCode).toBe(EXIT.USAGE)
    }
  })

  it('tailors body, sections, notes, figures and glossary for the audience', async () => {
    const project = await projectOf({
      'sprid.config.json': '{ "lang": "sv" }',
      'findings/labb.md': finding(
        'title: Labben hjälpte\nsummary: Labben minskade segregationen.\nfigures:\n  andel: { value: 12.5, unit: "%", label: andel }',
        `Hela :fig[andel] deltog. Segregation nämns igen.

:::only{audience=ledning}
Bara för ledningen.
:::

:::detail
En detalj.
:::

:::notes
Talarnot: säg inget om budgeten.
:::

## Resultat

Det fungerade. <!-- utkast: siffrorna är osäkra -->

## Bakgrund

Bakgrunden.

## Rekommendationer

- Gör så här.
- Och så här <!-- inte detta -->.
`,
      ),
      'findings/audiences/boende.md': audience('sections: [recommendations, results]\nglossary: { segregation: när grupper lever åtskilda }'),
      'findings/audiences/ledning.md': audience('name: Ledning\ndepth: brief'),
    })
    const [view] = tailor(project, 'boende').findings
    expect(view!.summary).toBe('Labben minskade segregationen (när grupper lever åtskilda).')
    expect(view!.sections.map((s) => s.key)).toEqual(['recommendations', 'results'])
    expect(view!.recommendations).toEqual(['Gör så här.', 'Och så här .'])
    expect(view!.text).toBe(
      [
        'Labben hjälpte',
        'Labben minskade segregationen (när grupper lever åtskilda).',
        'Hela 12,5\u00a0% deltog. Segregation nämns igen.',
        'Rekommendationer',
        'Gör så här.\nOch så här .',
        'Resultat',
        'Det fungerade.',
      ].join('\n'),
    )
    for (const hidden of ['ledningen', 'detalj', 'Talarnot', 'budgeten', 'utkast', 'osäkra', 'inte detta', 'Bakgrunden']) {
      expect(view!.html).not.toContain(hidden)
      expect(view!.text).not.toContain(hidden)
      for (const section of view!.sections) expect(section.html + section.text).not.toContain(hidden)
    }
    expect(view!.notes.text).toBe('Talarnot: säg inget om budgeten.')
    expect(view!.keyFigure?.formatted).toBe('12,5\u00a0%')

    const [brief] = tailor(project, 'ledning').findings
    expect(brief!.sections).toEqual([])
    expect(brief!.text).toBe('Labben hjälpte\nLabben minskade segregationen.')
  })
})

describe('HTML safety', () => {
  const body = `Före.

<script>alert(1)</script>

<img src="x.png" onerror="alert(1)"> <a href="javascript:alert(1)">rå länk</a> <b onclick="alert(1)">fet</b>

<iframe src="https://example.org"></iframe>

[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) [d](&#x6A;&#x61;vascript&colon;alert(1))
[e](vbscript:msgbox(1)) [f](VBScript:msgbox(1)) [g](data:text/html;base64,PHNjcmlwdD4=) [h](DATA:text/html,x)
[i](<java\tscript:alert(1)>) [j](&#x09;javascript:alert(1)) [k]( javascript:alert(1) ) <javascript:alert(2)>
![bild](data:image/png;base64,AAAA) [ok](https://example.org/a?b=c) [post](mailto:a@example.org) [rel](sida.html)

:::only{audience="alla" onclick="alert(1)" style="color:red" id="x"}
Villkorad text.
:::

Inline :only[ord]{audience=alla onclick=alert(1) class=evil}.
`

  async function html(allowHtml?: boolean) {
    const config: Record<string, string> = allowHtml === undefined ? {} : { 'sprid.config.json': JSON.stringify({ markdown: { allowHtml } }) }
    const project = await projectOf({ ...config, 'findings/a.md': finding('', body), 'findings/audiences/alla.md': audience() })
    return tailor(project, 'alla').findings[0]!.html
  }

  it.each([undefined, false, true])('never lets scripts, handlers or dangerous links through (allowHtml: %s)', async (allowHtml) => {
    const out = await html(allowHtml)
    expect(out).not.toMatch(/<script|<iframe|onerror|onclick|style=/i)
    // Every URL left is http(s), mailto or relative (a `javascript:` autolink survives only as visible text).
    const urls = [...out.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((match) => match[1])
    const safe = ['https://example.org/a?b=c', 'mailto:a@example.org', 'sida.html', ...(allowHtml ? ['x.png'] : [])]
    expect(urls.sort()).toEqual(safe.sort())
    expect(out).toContain('<a href="https://example.org/a?b=c">ok</a>')
    expect(out).toContain('<a href="mailto:a@example.org">post</a>')
    expect(out).toContain('<a href="sida.html">rel</a>')
    expect(out).toContain('<p>Villkorad text.</p>')
    expect(out).toContain('Inline ord.')
    expect(out).not.toContain('class="evil"')
  })

  it('drops raw HTML by default', async () => {
    const out = await html()
    expect(out).not.toContain('<img src="x.png"')
    expect(out).not.toContain('<b>')
  })

  it('sanitizes raw HTML when allowHtml is on', async () => {
    const out = await html(true)
    expect(out).toContain('<img src="x.png">')
    expect(out).toContain('<b>fet</b>')
    expect(out).toContain('<a>rå länk</a>')
  })
})
