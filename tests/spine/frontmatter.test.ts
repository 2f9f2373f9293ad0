import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseFrontMatter } from '../../src/content/frontmatter.js'
import { closest } from '../../src/content/validate.js'

function parse(text: string) {
  const file = new VFile({ path: 'findings/x.md' })
  const result = parseFrontMatter(text, file)
  const messages = file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)
  return { ...result, messages }
}

describe('parseFrontMatter', () => {
  it('reads YAML 1.2: no octals, sexagesimals or yes/no booleans', () => {
    const { data, messages } = parse('---\nmode: 0755\ntime: 1:30\nanswer: no\nswitch: on\nyes: y\n---\n')
    expect(messages).toEqual([])
    expect(data).toEqual({ mode: 755, time: '1:30', answer: 'no', switch: 'on', yes: 'y' })
  })

  it('keeps dates as the strings they were written as', () => {
    const { data } = parse('---\ndate: 2020-02-06\nembargo_until: 2026-12-01T10:00:00Z\n---\n')
    expect(data).toEqual({ date: '2020-02-06', embargo_until: '2026-12-01T10:00:00Z' })
  })

  it('blanks the front matter so body positions are file positions', () => {
    const { body } = parse('---\ntitle: A\nsummary: B\n---\n\nText\n')
    expect(body).toBe('\n\n\n\n\nText\n')
    expect(body.split('\n')[5]).toBe('Text')
  })

  it('points at where a value starts, in file lines', () => {
    const { pointOf } = parse('---\ntitle: A\nsource:\n  lab: Malmö\naudiences: [a, b]\n---\n')
    expect(pointOf(['title'])).toEqual({ line: 2, column: 8 })
    expect(pointOf(['source', 'lab'])).toEqual({ line: 4, column: 8 })
    expect(pointOf(['audiences', 1])).toEqual({ line: 5, column: 16 })
    expect(pointOf(['missing'])).toEqual({ line: 1, column: 1 })
  })

  it('reports invalid YAML at its line in the file, not in the block', () => {
    const { data, messages } = parse('---\ntitle: A\nsummary: B\ndate: 2020-02-06\ntitle: C\n---\n')
    expect(data).toBeUndefined()
    expect(messages).toEqual(['5:1 yaml-syntax Invalid YAML: Map keys must be unique'])
  })

  it('accepts `...` as the closing fence, and reads no further', () => {
    const { data, body, messages } = parse('---\ntitle: A\n...\n\nText\n\n---\n\nMore\n')
    expect(messages).toEqual([])
    expect(data).toEqual({ title: 'A' })
    expect(body).toBe('\n\n\n\nText\n\n---\n\nMore\n')
  })

  it('reports an opening fence that is never closed', () => {
    expect(parse('---\ntitle: A\n\nText\n').messages).toEqual([
      '1:1 frontmatter-unclosed Front matter opened on line 1 is never closed: add a line with `---` after it',
    ])
  })

  it('reports blank lines before the opening fence at the fence', () => {
    expect(parse('\n \n---\ntitle: A\n---\n').messages).toEqual([
      '3:1 frontmatter-position Front matter must start on the first line: remove the blank lines before `---`',
    ])
  })

  it('reads `----` as a thematic break, not a fence', () => {
    expect(parse('----\ntitle: A\n---\n').messages).toEqual([
      '1:1 frontmatter-missing Expected front matter (`---` on the first line) with at least `title`',
    ])
  })

  it.each(['js', 'javascript', 'JS', 'coffee', ' js'])('never executes `---%s` front matter', (engine) => {
    const global = globalThis as { spridExecuted?: boolean }
    delete global.spridExecuted
    const { data, messages } = parse(`---${engine}\n{ title: (globalThis.spridExecuted = true, 'x') }\n---\n`)
    expect(global.spridExecuted).toBeUndefined()
    expect(data).toBeUndefined()
    expect(messages).toEqual([
      `1:4 frontmatter-engine Front matter in \`${engine.trim()}\` is not allowed: use YAML (sprid never executes front matter)`,
    ])
  })

  it('accepts an explicit `---yaml` fence', () => {
    expect(parse('---yaml\ntitle: A\n---\n').data).toEqual({ title: 'A' })
  })

  it('refuses prototype and merge keys without polluting anything', () => {
    const { data, messages } = parse(
      '---\n__proto__: { polluted: true }\nbase: &b { x: 1 }\n<<: *b\nsource: { constructor: { prototype: 1 } }\n---\n',
    )
    expect(messages).toEqual([
      '2:1 yaml-forbidden-key The key `__proto__` is not allowed in front matter',
      '4:1 yaml-forbidden-key The key `<<` is not allowed in front matter',
      '5:11 yaml-forbidden-key The key `constructor` is not allowed in front matter',
    ])
    expect(data).toEqual({ base: { x: 1 }, source: {} })
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype)
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('reports an alias to a missing anchor at the alias, without throwing', () => {
    expect(parse('---\na: &x 1\nb: *x\ntitle: *nope\n---\n').messages).toEqual([
      '4:8 yaml-syntax Invalid YAML: Unresolved alias (the anchor must be set before the alias): nope',
    ])
  })

  it('refuses an alias bomb without expanding it', () => {
    const row = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`
    const text = ['---', 'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]', row('b', 'a'), row('c', 'b'), row('d', 'c'), '---', ''].join('\n')
    const { data, messages } = parse(text)
    expect(data).toBeUndefined()
    expect(messages).toEqual(['3:8 yaml-syntax Invalid YAML: Excessive alias count indicates a resource exhaustion attack'])
  })

  it('reports front matter that is not a mapping', () => {
    expect(parse('---\n- a\n- b\n---\n').messages).toEqual(['2:1 schema Front matter must be a mapping of fields (`key: value`)'])
  })

  it('reads an empty or comment-only block as no fields', () => {
    expect(parse('---\n---\nText\n').data).toEqual({})
    expect(parse('---\n# just a comment\n---\nText\n').data).toEqual({})
  })
})

describe('closest (did you mean)', () => {
  const known = ['title', 'summary', 'tags', 'source', 'depth', 'select', 'lab', 'evidence']
  it.each([
    ['titel', 'title'],
    ['depht', 'depth'],
    ['sumary', 'summary'],
    ['tag', 'tags'],
    ['lba', 'lab'],
    ['SOURCE', 'source'],
    ['evidens', 'evidence'],
  ])('suggests %s -> %s', (key, suggestion) => {
    expect(closest(key, known)).toBe(suggestion)
  })

  it.each(['bas', 'taggar', 'forfattare', 'x'])('suggests nothing for %s', (key) => {
    expect(closest(key, known)).toBeUndefined()
  })
})
