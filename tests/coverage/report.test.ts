/**
 * The coverage report on small projects: the matrix with reasons and files,
 * format statuses, translations, messages, redaction of findings held back
 * from everyone, and a page that escapes everything and is built for
 * assistive technology.
 */
import { describe, expect, it } from 'vitest'
import { check } from '../../src/check/check.js'
import { coverageReport } from '../../src/coverage/index.js'
import type { Project } from '../../src/content/load.js'
import { audience, finding, projectOf } from '../spine/helpers.js'

const LONG = 'Lång. '.repeat(60)

const files = {
  'sprid.config.json': JSON.stringify({ title: 'Test <&> "bolaget"', lang: 'sv', organisation: 'Org' }),
  'findings/audiences/alla.md': audience('name: Alla <b>boende</b>\nformats: [web, social]'),
  'findings/audiences/english.md': audience('name: Researchers\nlang: en\ninternal: true\nformats: [web, handout]'),
  'findings/a.md': finding('title: Första <script>alert(1)</script> fyndet\ndate: "2020-01-01"', 'Text.\n'),
  'findings/a.en.md': finding('title: The first finding\ndate: "2020-01-01"', 'Text.\n'),
  'findings/b.md': finding('title: Andra fyndet utan översättning\nstatus: internal\ndate: "2020-01-02"', 'Text.\n'),
  'findings/c.md': finding(`title: Hemlig höjning av hyrorna\nsummary: ${LONG}\nstatus: embargoed\nembargo_until: "2030-01-01"`, 'Text.\n'),
}

const outputs = [
  { path: 'alla/a/index.html', audience: 'alla', format: 'web' as const, finding: 'a' },
  { path: 'alla/index.html', audience: 'alla', format: 'web' as const, finding: null },
  { path: 'alla/social.json', audience: 'alla', format: 'social' as const, finding: null },
  { path: 'english/a/index.html', audience: 'english', format: 'web' as const, finding: 'a' },
  { path: 'english/b/index.html', audience: 'english', format: 'web' as const, finding: 'b' },
  { path: 'index.html', audience: null, format: 'web' as const, finding: null },
]

function reportOf(project: Project, extra: Partial<Parameters<typeof coverageReport>[0]> = {}) {
  const checked = check(project)
  return coverageReport({ project, decisions: checked.decisions, outputs, files: checked.files, formats: ['web', 'social'], ...extra })
}

describe('coverageReport', () => {
  it('gives every finding × audience cell: the files per format, or the reason it is left out', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { report } = reportOf(project)
    expect(report.build).toEqual({ audiences: ['alla', 'english'], formats: ['web', 'social'], drafts: false })
    const a = report.findings.find((f) => f.id === 'a')!
    expect(a.cells.alla).toEqual({ included: true, translation: 'native', lang: 'sv', formats: { web: ['alla/a/index.html'], social: ['alla/social.json'] } })
    expect(a.cells.english).toEqual({ included: true, translation: 'variant', lang: 'en', formats: { web: ['english/a/index.html'], handout: [] } })
    const b = report.findings.find((f) => f.id === 'b')!
    expect(b.cells.alla).toEqual({ included: false, reason: 'internal', detail: 'internal, and this audience is not' })
    expect(b.cells.english).toMatchObject({ included: true, translation: 'fallback', lang: 'sv' })
    expect(report.audiences.map((x) => [x.id, x.formats.filter((f) => f.status !== 'not-requested').map((f) => `${f.id}:${f.status}:${f.files}`)])).toEqual([
      ['alla', ['web:built:2', 'social:built:1']],
      ['english', ['web:built:2', 'handout:not-built:0']],
    ])
  })

  it('lists translations and fallbacks, and every message with its place', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { report } = reportOf(project)
    expect(report.translations.languages).toEqual(['en', 'sv'])
    expect(report.translations.findings).toEqual([
      { id: 'a', lang: 'sv', variants: ['en'], fallbackFor: [] },
      { id: 'b', lang: 'sv', variants: [], fallbackFor: ['english'] },
    ])
    expect(report.translations.audiences).toEqual([
      { id: 'alla', lang: 'sv', native: 1, variant: 0, fallback: [] },
      { id: 'english', lang: 'en', native: 0, variant: 1, fallback: ['b'] },
    ])
    expect(report.messages.items).toContainEqual({
      file: 'findings/b.md',
      line: 1,
      column: 1,
      severity: 'warning',
      ruleId: 'missing-translation',
      message: expect.stringContaining('No en translation'),
    })
  })

  it('does not name a finding held back from every audience, nor list messages on its file, unless told to', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { report, json, html } = reportOf(project)
    expect(report.withheld).toEqual({ count: 1, reasons: { embargoed: 1 }, messages: 1 })
    for (const text of [json, html]) {
      expect(text).not.toContain('Hemlig höjning')
      expect(text).not.toContain('findings/c.md')
    }
    expect(html).toContain('1 finding (1 embargoed) is held back from every audience of this build and not named here')
    const open = reportOf(project, { redact: false })
    expect(open.report.withheld.count).toBe(0)
    expect(open.report.findings.find((f) => f.id === 'c')!.cells.alla).toEqual({ included: false, reason: 'embargoed', detail: 'embargoed until 2030-01-01' })
    expect(open.report.messages.items.some((m) => m.file === 'findings/c.md' && m.ruleId === 'long-summary')).toBe(true)
  })

  it('marks audiences a limited build did not make', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { report } = reportOf(project, { audiences: ['alla'] })
    expect(report.audiences.map((x) => [x.id, x.built])).toEqual([['alla', true], ['english', false]])
    // b is in no pack of this build (only english gets it), and it is internal: withheld too.
    expect(report.withheld.count).toBe(2)
  })

  it('writes a standalone, escaped, accessible page', async () => {
    const project = await projectOf(files, { date: '2026-01-01' })
    const { html } = reportOf(project)
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(html).not.toMatch(/<script|<link|src=|javascript:|href="http/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Test &lt;&amp;&gt; &quot;bolaget&quot;')
    expect(html).toContain('Alla &lt;b&gt;boende&lt;/b&gt;')
    expect(html.match(/<table>/g)).toHaveLength(html.match(/<caption id=/g)!.length)
    expect(html).toContain('<th scope="col">Finding</th>')
    expect(html).toContain('<th scope="row"><span lang="sv">Första')
    expect(html).toContain('<span lang="en">Researchers</span>')
    expect(html).toContain('<time datetime="2026-01-01">')
    // Paths in a cell drop the audience folder the column names.
    expect(html).toContain('web: <code>a/index.html</code>')
  })
})
