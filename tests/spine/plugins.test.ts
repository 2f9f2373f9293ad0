/** The tailoring transforms, one at a time, on trees parsed from Markdown. */
import type { Root, RootContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from '../../src/markdown/parse.js'
import { toHtml } from '../../src/markdown/html.js'
import { toPlainText } from '../../src/markdown/text.js'
import { splitSections } from '../../src/markdown/sections.js'
import { sectionAliasMap } from '../../src/config/sections.js'
import { remarkAudience } from '../../src/markdown/plugins/remark-audience.js'
import { remarkDepth } from '../../src/markdown/plugins/remark-depth.js'
import { remarkNotes } from '../../src/markdown/plugins/remark-notes.js'
import { remarkFigures } from '../../src/markdown/plugins/remark-figures.js'
import { explainText, remarkGlossary } from '../../src/markdown/plugins/remark-glossary.js'
import { keepSections } from '../../src/tailor/tailor.js'
import { formatFigure } from '../../src/tailor/figures.js'
import type { FigureView } from '../../src/tailor/view.js'

const text = (tree: Root) => toPlainText(tree)

describe('remarkAudience', () => {
  const markdown = `Alla ser detta.

:::only{audience="boende kommun"}
Bara boende och kommun.
:::

:::only[En etikett]{audience="ledning,kommun"}
Bara ledning och kommun.
:::

:::except{audience="boende"}
Alla utom boende.
:::

Inline :only[bara ledning]{audience=ledning} och :except[inte ledning]{audience=ledning}.
`
  const tailored = (audience: string) => {
    const tree = parseMarkdown(markdown)
    remarkAudience({ audience })(tree)
    return text(tree)
  }

  it('keeps `only` blocks for the audiences they name (space- or comma-separated)', () => {
    expect(tailored('boende')).toBe('Alla ser detta.\nBara boende och kommun.\nInline och inte ledning.')
    expect(tailored('kommun')).toBe(
      'Alla ser detta.\nBara boende och kommun.\nBara ledning och kommun.\nAlla utom boende.\nInline och inte ledning.',
    )
  })

  it('drops `except` blocks and inline spans for the audiences they name', () => {
    expect(tailored('ledning')).toBe('Alla ser detta.\nBara ledning och kommun.\nAlla utom boende.\nInline bara ledning och .')
  })

  it('drops container labels with the wrapper', () => {
    expect(tailored('ledning')).not.toContain('En etikett')
  })

  it('resolves nested blocks', () => {
    const tree = parseMarkdown('::::only{audience=a}\nYttre.\n\n:::except{audience=a}\nInre.\n:::\n::::\n')
    remarkAudience({ audience: 'a' })(tree)
    expect(text(tree)).toBe('Yttre.')
  })
})

describe('remarkDepth', () => {
  const markdown = 'Kort.\n\n:::detail[Mer om metoden]\nDetaljer.\n:::\n'
  it.each([
    ['brief', 'Kort.'],
    ['standard', 'Kort.'],
    ['full', 'Kort.\nDetaljer.'],
  ] as const)('at depth %s', (depth, expected) => {
    const tree = parseMarkdown(markdown)
    remarkDepth({ depth })(tree)
    expect(text(tree)).toBe(expected)
  })
})

describe('remarkNotes', () => {
  it('takes speaker notes out of the tree and hands them over', () => {
    const tree = parseMarkdown('Till läsaren.\n\n:::notes\nHemlig talarnot.\n:::\n\n## Resultat\n\n:::notes\nEn till.\n:::\n')
    const notes: RootContent[] = []
    remarkNotes({ collect: (content) => notes.push(...content) })(tree)
    expect(text(tree)).toBe('Till läsaren.\nResultat')
    expect(toHtml(tree)).not.toContain('talarnot')
    expect(toHtml(tree)).not.toContain('En till')
    expect(text({ type: 'root', children: notes })).toBe('Hemlig talarnot.\nEn till.')
  })

  it('leaves inline `:notes` alone (the linter reports it as unknown)', () => {
    const tree = parseMarkdown('Text :notes[x].\n')
    const notes: RootContent[] = []
    remarkNotes({ collect: (content) => notes.push(...content) })(tree)
    expect(notes).toEqual([])
  })
})

describe('remarkFigures', () => {
  const figures = new Map<string, FigureView>([['andel', formatFigure('andel', { value: 12.5, unit: '%', label: 'andel' }, 'sv')]])

  it('writes the formatted figure in place of `:fig[id]`, in bold', () => {
    const tree = parseMarkdown('Hela :fig[andel] svarade.\n')
    remarkFigures({ figures })(tree)
    expect(text(tree)).toBe('Hela 12,5\u00a0% svarade.')
    expect(toHtml(tree)).toBe('<p>Hela <strong>12,5\u00a0%</strong> svarade.</p>')
  })

  it('leaves an unknown id visible', () => {
    const tree = parseMarkdown('Hela :fig[saknas] svarade.\n')
    remarkFigures({ figures })(tree)
    expect(text(tree)).toBe('Hela saknas svarade.')
  })
})

describe('remarkGlossary', () => {
  const glossary = { segregation: 'när grupper lever åtskilda', labb: 'en plats för försök' }
  const explain = (markdown: string, explained = new Set<string>()) => {
    const tree = parseMarkdown(markdown)
    remarkGlossary({ glossary, explained })(tree)
    return { tree, explained }
  }

  it('explains the first use only', () => {
    const { tree, explained } = explain('Segregation ökar. Segregation minskar.\n\nMer segregation.\n')
    expect(text(tree)).toBe('Segregation (när grupper lever åtskilda) ökar. Segregation minskar.\nMer segregation.')
    expect(toHtml(tree)).toContain('<dfn>Segregation</dfn> (när grupper lever åtskilda)')
    expect(explained).toEqual(new Set(['segregation']))
  })

  it('counts Swedish inflections as a use', () => {
    const { tree } = explain('Segregationen i området.\n')
    expect(text(tree)).toBe('Segregationen (när grupper lever åtskilda) i området.')
  })

  it('matches whole words only', () => {
    expect(text(explain('Desegregation och labbet.\n').tree)).toBe('Desegregation och labbet (en plats för försök).')
  })

  it('finds later terms in the same text', () => {
    expect(text(explain('Labb mot segregation.\n').tree)).toBe('Labb (en plats för försök) mot segregation (när grupper lever åtskilda).')
  })

  it('never explains inside links, code or headings', () => {
    const { tree } = explain('### Segregation\n\n[segregation](https://example.org) och `segregation`, sedan segregation.\n')
    expect(text(tree)).toBe('Segregation\nsegregation och segregation, sedan segregation (när grupper lever åtskilda).')
    expect(toHtml(tree)).toContain('<a href="https://example.org">segregation</a>')
  })

  it('skips terms already explained (in the summary)', () => {
    const explained = new Set<string>()
    expect(explainText('Segregation ökar.', { glossary, explained })).toBe('Segregation (när grupper lever åtskilda) ökar.')
    expect(text(explain('Segregation igen.\n', explained).tree)).toBe('Segregation igen.')
  })
})

describe('sections', () => {
  const tree = parseMarkdown('Ingress.\n\n## Resultat\n\nR.\n\n## Bakgrund\n\nB.\n\n## Övrigt\n\nÖ.\n\n## Övrigt\n\nÖ2.\n')
  const { intro, sections } = splitSections(tree, sectionAliasMap({ results: ['Fynden'] }))

  it('splits at H2 headings into roles (aliases) or slugs', () => {
    expect(intro).toHaveLength(1)
    expect(sections.map((s) => [s.key, s.slug])).toEqual([
      ['results', 'resultat'],
      ['background', 'bakgrund'],
      ['ovrigt', 'ovrigt'],
      ['ovrigt', 'ovrigt-1'],
    ])
  })

  it('keepSections keeps the audience’s sections in the audience’s order', () => {
    expect(keepSections(sections, ['background', 'results']).map((s) => s.key)).toEqual(['background', 'results'])
    expect(keepSections(sections, ['ovrigt', 'method']).map((s) => s.slug)).toEqual(['ovrigt', 'ovrigt-1'])
  })

  it('keepSections keeps every section, in document order, when none are named', () => {
    expect(keepSections(sections, undefined).map((s) => s.slug)).toEqual(['resultat', 'bakgrund', 'ovrigt', 'ovrigt-1'])
    expect(keepSections(sections, [])).toEqual([])
  })
})

describe('toPlainText', () => {
  it('leaves raw HTML (and comments in it) out', () => {
    const tree = parseMarkdown('Synlig <!-- hemlig kommentar --> text.\n\n<!-- hemligt block -->\n\n<div>rå html</div>\n')
    expect(text(tree)).toBe('Synlig text.')
  })
})

describe('toHtml', () => {
  // A rehype plugin that sets an attribute on every paragraph.
  const mark = (name: string, value: string) => () => (tree: { children: { type: string; tagName?: string; properties?: Record<string, unknown> }[] }) => {
    for (const node of tree.children) if (node.type === 'element' && node.tagName === 'p') node.properties = { ...node.properties, [name]: value }
  }

  it('runs each project’s own rehype plugins (processors are not shared between plugin lists)', () => {
    const tree = parseMarkdown('Text.\n')
    expect(toHtml(tree, { rehypePlugins: [mark('title', 'a')] })).toBe('<p title="a">Text.</p>')
    expect(toHtml(tree, { rehypePlugins: [mark('title', 'b')] })).toBe('<p title="b">Text.</p>')
    expect(toHtml(tree)).toBe('<p>Text.</p>')
  })

  it('sanitizes after the project’s rehype plugins', () => {
    expect(toHtml(parseMarkdown('Text.\n'), { rehypePlugins: [mark('onClick', 'alert(1)')] })).toBe('<p>Text.</p>')
  })
})
