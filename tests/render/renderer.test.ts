import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTemplateRenderer, findUnusedOverrides, TemplateError, type TemplateRendererOptions } from '../../src/render/index.js'
import { folder } from './helpers.js'

const site = { title: 'Sajt', lang: 'sv', generator: 'sprid 0.1.0', date: '2024-05-20' }

async function renderer(files: Record<string, string | { link: string }>, options: Partial<TemplateRendererOptions> = {}) {
  const root = await folder(files)
  const templates = createTemplateRenderer({
    builtinDir: path.join(root, 'builtin'),
    projectDir: path.join(root, 'project'),
    globals: { site },
    ...options,
  })
  return { root, templates }
}

async function failure(promise: Promise<unknown>): Promise<TemplateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(TemplateError)
  return error as TemplateError
}

describe('escaping', () => {
  it('escapes every output unless it is sanitized HTML of the view model passed through raw', async () => {
    const { templates } = await renderer({
      'builtin/web/page.liquid': '<h1 title="{{ finding.title }}">{{ finding.title }}</h1>{{ finding.html | raw }}{{ audience.introHtml | raw }}{{ finding.notes.html | raw }}',
    })
    const html = await templates.render('web', 'page.liquid', {
      finding: { title: `"><script>alert(1)</script>`, html: '<p>Säker <strong>text</strong></p>', notes: { html: '<p>Anteckning</p>' } },
      audience: { introHtml: '<p>Intro</p>' },
    })
    expect(html).toBe(
      '<h1 title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1><p>Säker <strong>text</strong></p><p>Intro</p><p>Anteckning</p>',
    )
  })

  it('refuses raw on anything else, at the template line', async () => {
    const { root, templates } = await renderer({ 'builtin/web/page.liquid': 'ok\n  {{ finding.title | raw }}' })
    const error = await failure(templates.render('web', 'page', { finding: { title: '<b>x</b>', html: '<p>x</p>' } }))
    expect(error.file).toBe(path.join(root, 'builtin/web/page.liquid'))
    expect(error.line).toBe(2)
    expect(error.reason).toMatch(/`raw` only outputs the sanitized HTML/)
  })

  it('does not unescape through capture, and json_ld neutralises </script>', async () => {
    const { templates } = await renderer({
      'builtin/web/page.liquid': '{% capture c %}{{ t }}{% endcapture %}{{ c }}|<script type="application/ld+json">{{ data | json_ld }}</script>',
    })
    const html = await templates.render('web', 'page', { t: '<b>', data: { name: '</script><!--\u2028' } })
    expect(html).toBe('&amp;lt;b&amp;gt;|<script type="application/ld+json">{"name":"\\u003c/script\\u003e\\u003c!--\\u2028"}</script>')
  })
})

describe('strictness', () => {
  it('reports a misspelt variable as a TemplateError at file:line:column', async () => {
    const { root, templates } = await renderer({
      'builtin/web/finding.liquid': '<h1>{{ finding.title }}</h1>\n<p>\n  {{ finding.titel }}</p>',
    })
    const error = await failure(templates.render('web', 'finding', { finding: { title: 'T' } }))
    expect(error.file).toBe(path.join(root, 'builtin/web/finding.liquid'))
    expect(error.line).toBe(3)
    expect(error.column).toBe(6)
    expect(error.reason).toBe('undefined variable: finding.titel')
    expect(error.message).toBe(`${path.join(root, 'builtin/web/finding.liquid')}:3:6: undefined variable: finding.titel`)
    expect(error.exitCode).toBe(1)
    expect(error.frame).toContain('>>')
  })

  it('places an error in an included partial at the partial', async () => {
    const { root, templates } = await renderer({
      'builtin/web/page.liquid': 'a\n{% render "partials/p", x: 1 %}',
      'builtin/web/partials/p.liquid': '\n\n{{ y }}',
    })
    const error = await failure(templates.render('web', 'page', {}))
    expect(error.file).toBe(path.join(root, 'builtin/web/partials/p.liquid'))
    expect(error.line).toBe(3)
  })

  it('rejects unknown filters and hides prototype properties', async () => {
    const { templates } = await renderer({
      'builtin/web/a.liquid': '{{ "x" | no_such_filter }}',
      'builtin/web/b.liquid': '{{ finding.constructor }}',
    })
    expect((await failure(templates.render('web', 'a', {}))).reason).toMatch(/undefined filter: no_such_filter/)
    expect((await failure(templates.render('web', 'b', { finding: {} }))).reason).toMatch(/undefined variable/)
  })

  it('lets if and default treat a missing optional field as empty', async () => {
    const { templates } = await renderer({ 'builtin/web/a.liquid': '{% if f.quote %}q{% else %}none{% endif %}|{{ f.by | default: "–" }}' })
    expect(await templates.render('web', 'a', { f: {} })).toBe('none|–')
  })

  it('bounds parse size, memory and render time', async () => {
    const loop = '{% for i in (1..100000) %}{% for j in (1..100) %}{{ i | plus: j }}{% endfor %}{% endfor %}'
    const files = { 'builtin/web/loop.liquid': loop, 'builtin/web/big.liquid': 'x'.repeat(2000) }
    const memory = await renderer(files, { limits: { memory: 1000 } })
    expect((await failure(memory.templates.render('web', 'loop', {}))).reason).toBe('memory alloc limit exceeded')
    const time = await renderer(files, { limits: { render: 50 } })
    expect((await failure(time.templates.render('web', 'loop', {}))).reason).toBe('template render limit exceeded')
    const parse = await renderer(files, { limits: { parse: 1000 } })
    expect((await failure(parse.templates.render('web', 'big', {}))).reason).toBe('parse length limit exceeded')
  })

  it('names a missing template', async () => {
    const { templates } = await renderer({ 'builtin/web/a.liquid': '' })
    const error = await failure(templates.render('web', 'nope.liquid', {}))
    expect(error.reason).toMatch(/Template not found: `web\/nope.liquid`/)
  })
})

describe('confinement', () => {
  const secret = 'SECRET=do-not-leak'

  it.each([
    ['a relative path out of the folders', '{% include "../../.env" %}'],
    ['an absolute path', '{% include "ABS" %}'],
    ['a render of a path outside', '{% render "../../../.env" %}'],
    ['a layout outside', '{% layout "../../.env" %}'],
    ['a node module', '{% include "liquidjs/package.json" %}'],
  ])('refuses %s', async (_, source) => {
    const { root, templates } = await renderer({ '.env': secret, 'builtin/web/page.liquid': 'x' })
    await writeFile(path.join(root, 'builtin/web/evil.liquid'), source.replace('ABS', path.join(root, '.env')))
    const error = await failure(templates.render('web', 'evil', {}))
    expect(error.message).not.toContain('do-not-leak')
    expect(error.file).toBe(path.join(root, 'builtin/web/evil.liquid'))
  })

  it('refuses a symlink that leads out of the template folder', async () => {
    const { root, templates } = await renderer({
      '.env': secret,
      'builtin/web/page.liquid': '{% include "partials/link" %}',
    })
    const { symlink, mkdir } = await import('node:fs/promises')
    await mkdir(path.join(root, 'builtin/web/partials'), { recursive: true })
    await symlink(path.join(root, '.env'), path.join(root, 'builtin/web/partials/link.liquid'))
    const error = await failure(templates.render('web', 'page', {}))
    expect(error.message).not.toContain('do-not-leak')
  })

  it('refuses unsafe names for render and readFile', async () => {
    const { templates } = await renderer({ '.env': secret, 'builtin/web/a.liquid': '' })
    await failure(templates.render('web', '../../.env', {}))
    await failure(templates.readFile('web', '../../.env'))
    await failure(templates.readFile('web', '/etc/passwd'))
  })
})

describe('overrides', () => {
  const builtin = {
    'builtin/web/page.liquid': '<main>{% include "partials/footer" %}</main>',
    'builtin/web/partials/footer.liquid': 'built-in footer',
    'builtin/web/site.css': 'body{}',
    'builtin/shared/tokens.css': ':root{}',
  }

  it('uses a project file instead of the built-in file of the same name, also for includes and static files', async () => {
    const { templates } = await renderer({
      ...builtin,
      'project/web/partials/footer.liquid': 'project footer',
      'project/shared/tokens.css': ':root{--accent:red}',
    })
    expect(await templates.render('web', 'page', {})).toBe('<main>project footer</main>')
    expect(new TextDecoder().decode(await templates.readFile('web', 'tokens.css'))).toBe(':root{--accent:red}')
    expect(new TextDecoder().decode(await templates.readFile('web', 'site.css'))).toBe('body{}')
  })

  it('reports project files that replace nothing', async () => {
    const { root } = await renderer({
      ...builtin,
      'project/web/partials/footer.liquid': 'ok',
      'project/web/findng.liquid': 'typo',
      'project/web/tokens.css': 'replaces shared/tokens.css',
      'project/shared/extra.css': 'nothing',
      'project/.DS_Store': '',
    })
    expect(await findUnusedOverrides(path.join(root, 'builtin'), path.join(root, 'project'))).toEqual([
      'shared/extra.css',
      'web/findng.liquid',
    ])
    expect(await findUnusedOverrides(path.join(root, 'builtin'), path.join(root, 'missing'))).toEqual([])
  })

  it('compiles a template once per renderer', async () => {
    const { root, templates } = await renderer({ 'builtin/web/page.liquid': 'first' })
    expect(await templates.render('web', 'page', {})).toBe('first')
    await writeFile(path.join(root, 'builtin/web/page.liquid'), 'second')
    expect(await templates.render('web', 'page', {})).toBe('first')
  })
})

describe('filters', () => {
  async function render(source: string, data: Record<string, unknown> = {}, options: Partial<TemplateRendererOptions> = {}) {
    const { templates } = await renderer({ 'builtin/web/t.liquid': source }, options)
    return templates.render('web', 't', data)
  }

  it('formats dates in the page language, in UTC', async () => {
    expect(await render('{{ d | date_long }}', { lang: 'sv', d: '2020-02-06' })).toBe('6 februari 2020')
    expect(await render('{{ d | date_long }}', { lang: 'en', d: '2020-02-06' })).toBe('6 February 2020')
    expect(await render('{{ d | date_long: "en" }}|{{ d | date_iso }}|{{ d | date_time }}', { lang: 'sv', d: '2020-01-01' })).toBe(
      '1 January 2020|2020-01-01|2020-01-01T00:00:00Z',
    )
    expect(await render('{{ d | date_month }}', { lang: 'sv', d: '2020-12-31' })).toBe('december 2020')
  })

  it('formats numbers the Swedish way', async () => {
    expect(await render('{{ 1234.5 | number }}', { lang: 'sv' })).toBe('1\u00a0234,5')
    expect(await render('{{ 1234.5 | number }}', { lang: 'en' })).toBe('1,234.5')
    expect(await render('{{ "4 av 4" | number }}', { lang: 'sv' })).toBe('4 av 4')
  })

  it('writes reading time and plural labels', async () => {
    expect(await render('{{ 3 | reading_time }}', { lang: 'sv' })).toBe('3 min läsning')
    expect(await render('{{ 1 | reading_time }}', { lang: 'en' })).toBe('1 min read')
    expect(await render("{{ 'pack.count' | label: count: 1 }}/{{ 'pack.count' | label: count: 1234 }}", { lang: 'en' })).toBe(
      '1 finding/1,234 findings',
    )
    expect(await render("{{ 'handout.page_of' | label: n: 2, total: 8 }}", { lang: 'sv' })).toBe('Sida 2 av 8')
  })

  it('looks labels up in the page language, with project overrides; an unknown key is an error', async () => {
    expect(await render("{{ 'nav.home' | label }}", { lang: 'sv' })).toBe('Startsida')
    expect(await render("{{ 'nav.home' | label }}", {}, { globals: { site: { ...site, lang: 'en' } } })).toBe('Home')
    expect(await render("{{ 'nav.home' | label: 'en' }}", { lang: 'sv' })).toBe('Home')
    expect(
      await render("{{ 'nav.home' | label }}|{{ 'custom.x' | label }}", { lang: 'sv' }, { labels: { sv: { 'nav.home': 'Start', 'custom.x': 'Eget' } } }),
    ).toBe('Start|Eget')
    const { templates } = await renderer({ 'builtin/web/t.liquid': "\n{{ 'nav.hom' | label }}" })
    const error = await failure(templates.render('web', 't', { lang: 'sv' }))
    expect(error.line).toBe(2)
    expect(error.reason).toBe('Unknown label `nav.hom` (sv); did you mean `nav.home`?')
  })

  it('makes URLs between output pages relative, and absolute with the base URL', async () => {
    expect(await render("{{ 'assets/site.css' | rel: page.path }}", { page: { path: 'boende/tak/index.html' } })).toBe('../../assets/site.css')
    expect(await render("{{ 'boende/index.html' | rel: page.path }}", { page: { path: 'boende/tak/index.html' } })).toBe('../index.html')
    expect(await render("{{ 'index.html' | rel: page.path }}", { page: { path: 'index.html' } })).toBe('index.html')
    expect(
      await render("{{ 'boende/tak/index.html' | abs }}", {}, { globals: { site: { ...site, baseUrl: 'https://x.example/forskning' } } }),
    ).toBe('https://x.example/forskning/boende/tak/')
  })

  it('keeps only safe link URLs', async () => {
    const urls = ['https://example.org/a?b=1', 'mailto:a@example.org', 'javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', 'data:text/html,x', '../rel', 'java&#x73;cript:x']
    expect(await render('{% for u in urls %}[{{ u | safe_url }}]{% endfor %}', { urls })).toBe(
      '[https://example.org/a?b=1][mailto:a@example.org][][][][../rel][]',
    )
  })

  it('splits key figures into number and unit', async () => {
    const source = '{% assign p = f | figure_parts %}{{ p.number }}|{{ p.separator }}|{{ p.unit }}|{{ p.short }}'
    expect(await render(source, { f: { value: 1234, unit: 'lägenheter', formatted: '1\u00a0234\u00a0lägenheter' } })).toBe(
      '1\u00a0234|\u202f|lägenheter|false',
    )
    expect(await render(source, { f: { value: 21, unit: '%', formatted: '21%' } })).toBe('21||%|true')
  })

  it('names languages in the page language', async () => {
    expect(await render("{{ 'en' | language_name }}", { lang: 'sv' })).toBe('engelska')
  })
})
