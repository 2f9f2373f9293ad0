/** Who gets what: `decide` for every reason a finding is left out, orders and languages. */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadProject, type Project } from '../../src/content/load.js'
import { check } from '../../src/check/check.js'
import { decide } from '../../src/tailor/select.js'
import { tailor } from '../../src/tailor/tailor.js'
import { FIXTURES, audience, finding, messages, projectOf } from './helpers.js'

function decisions(project: Project, id: string) {
  const target = project.audiences.find((a) => a.id === id)!
  return decide(project, target).map((d) => ({ finding: d.finding, included: d.included, reason: d.reason, translation: d.translation }))
}

const reasonOf = (project: Project, audienceId: string, findingId: string) =>
  decide(project, project.audiences.find((a) => a.id === audienceId)!).find((d) => d.finding === findingId)

describe('decide: status and restrictions', () => {
  const files = {
    'sprid.config.json': '{ "lang": "sv" }',
    'findings/publicerad.md': finding('date: 2020-01-01'),
    'findings/utkast.md': finding('status: draft'),
    'findings/intern.md': finding('status: internal'),
    'findings/embargo.md': finding('status: embargoed\nembargo_until: 2026-06-01'),
    'findings/begransad.md': finding('audiences: [personal]'),
    'findings/audiences/alla.md': audience(),
    'findings/audiences/personal.md': audience('name: Personal\ninternal: true'),
  }

  it('gives every reason', async () => {
    const project = await projectOf(files)
    expect(decisions(project, 'alla')).toEqual([
      { finding: 'publicerad', included: true, reason: undefined, translation: 'native' },
      { finding: 'begransad', included: false, reason: 'restricted', translation: undefined },
      { finding: 'embargo', included: false, reason: 'embargoed', translation: undefined },
      { finding: 'intern', included: false, reason: 'internal', translation: undefined },
      { finding: 'utkast', included: false, reason: 'draft', translation: undefined },
    ])
    expect(reasonOf(project, 'alla', 'embargo')?.detail).toBe('embargoed until 2026-06-01')
    expect(reasonOf(project, 'alla', 'begransad')?.detail).toBe('restricted to personal')
    expect(decisions(project, 'personal').filter((d) => d.included).map((d) => d.finding).sort()).toEqual(['begransad', 'intern', 'publicerad'])
  })

  it('includes drafts with --drafts', async () => {
    const project = await projectOf(files, { drafts: true })
    expect(reasonOf(project, 'alla', 'utkast')?.included).toBe(true)
  })

  it.each([
    ['2026-05-31', false],
    ['2026-06-01', true],
    ['2027-01-01', true],
  ])('lifts the embargo when the build date reaches embargo_until (%s)', async (date, included) => {
    const project = await projectOf(files, { date })
    expect(reasonOf(project, 'alla', 'embargo')?.included).toBe(included)
  })

  it('holds back a finding with a future embargo_until even without `status: embargoed`', async () => {
    const project = await projectOf({ 'findings/a.md': finding('embargo_until: 2026-06-01'), 'findings/audiences/alla.md': audience() })
    expect(reasonOf(project, 'alla', 'a')).toMatchObject({ included: false, reason: 'embargoed' })
  })
})

describe('decide: selection rules', () => {
  const files = {
    'findings/stark.md': finding('date: 2020-03-01\ntitle: Bravo\nevidence: strong\ntags: [Boende, trygghet]'),
    'findings/mattlig.md': finding('date: 2020-01-01\ntitle: Alfa\nevidence: moderate\ntags: [boende]'),
    'findings/ny.md': finding('date: 2021-01-01\ntitle: Charlie\nevidence: emerging\ntags: [boende, styrning]'),
    'findings/okand.md': finding('title: Delta\ntags: [annat]'),
    'findings/audiences/taggar.md': audience('select: { tags: [boende, ingen] }'),
    'findings/audiences/alla-taggar.md': audience('select: { all_tags: [boende, trygghet] }'),
    'findings/audiences/utom.md': audience('select: { exclude_tags: [STYRNING] }'),
    'findings/audiences/evidens.md': audience('select: { min_evidence: moderate }\norder: evidence'),
    'findings/audiences/lista.md': audience('select: { findings: [okand, stark, ny], exclude: [ny] }'),
    'findings/audiences/titel.md': audience('order: title'),
  }

  it('tags: any of them, case-insensitively', async () => {
    const project = await projectOf(files)
    expect(reasonOf(project, 'taggar', 'okand')).toMatchObject({ included: false, reason: 'tags', detail: 'has none of the tags boende, ingen' })
    expect(decisions(project, 'taggar').filter((d) => d.included).map((d) => d.finding)).toEqual(['ny', 'stark', 'mattlig'])
  })

  it('all_tags: every one of them', async () => {
    const project = await projectOf(files)
    expect(decisions(project, 'alla-taggar').filter((d) => d.included).map((d) => d.finding)).toEqual(['stark'])
    expect(reasonOf(project, 'alla-taggar', 'mattlig')?.reason).toBe('all-tags')
  })

  it('exclude_tags: none of them', async () => {
    const project = await projectOf(files)
    expect(reasonOf(project, 'utom', 'ny')).toMatchObject({ included: false, reason: 'exclude-tags', detail: 'has the excluded tag STYRNING' })
  })

  it('min_evidence: at least this strong (unknown evidence is below), ordered by evidence', async () => {
    const project = await projectOf(files)
    expect(decisions(project, 'evidens').map((d) => [d.finding, d.reason ?? 'included'])).toEqual([
      ['stark', 'included'],
      ['mattlig', 'included'],
      ['ny', 'evidence'],
      ['okand', 'evidence'],
    ])
    expect(reasonOf(project, 'evidens', 'okand')?.detail).toBe('evidence unknown is below moderate')
  })

  it('findings: only these, in this order; exclude wins', async () => {
    const project = await projectOf(files)
    expect(decisions(project, 'lista').map((d) => [d.finding, d.reason ?? 'included'])).toEqual([
      ['okand', 'included'],
      ['stark', 'included'],
      ['mattlig', 'not-listed'],
      ['ny', 'excluded'],
    ])
  })

  it('orders by date (newest first, undated last) by default, or by title', async () => {
    const project = await projectOf(files)
    expect(decisions(project, 'utom').filter((d) => d.included).map((d) => d.finding)).toEqual(['stark', 'mattlig', 'okand'])
    expect(decisions(project, 'titel').map((d) => d.finding)).toEqual(['mattlig', 'stark', 'ny', 'okand'])
  })
})

describe('decide: languages', () => {
  const files = {
    'sprid.config.json': '{ "lang": "sv" }',
    'findings/motesplatser.md': finding('title: Mötesplatser'),
    'findings/motesplatser.en.md': finding('title: Meeting places'),
    'findings/trygghet.md': finding('title: Trygghet'),
    'findings/audiences/boende.md': audience(),
    'findings/audiences/researchers.md': audience('name: Researchers\nlang: en'),
  }

  it('gives the variant in the audience’s language, else falls back to the base', async () => {
    const project = await projectOf(files)
    expect(decisions(project, 'researchers').map((d) => [d.finding, d.translation])).toEqual([
      ['motesplatser', 'variant'],
      ['trygghet', 'fallback'],
    ])
    expect(reasonOf(project, 'researchers', 'trygghet')?.detail).toBe('no en translation; gets sv')
    expect(decisions(project, 'boende').map((d) => d.translation)).toEqual(['native', 'native'])
    expect(tailor(project, 'researchers').findings.map((f) => [f.title, f.lang])).toEqual([
      ['Meeting places', 'en'],
      ['Trygghet', 'sv'],
    ])
  })

  it('warns about the missing translation, naming the file', async () => {
    const project = await projectOf(files)
    check(project)
    expect(messages(project)).toEqual(['findings/trygghet.md:1:1 warning missing-translation'])
    expect(project.files.find((f) => f.path === 'findings/trygghet.md')!.messages[0]!.reason).toBe(
      'No en translation (`findings/trygghet.en.md`) for audience `researchers`: it gets the sv text',
    )
  })

  it('holds back a translation that is stricter than its base, and calls it a leak when named', async () => {
    const project = await projectOf({
      ...files,
      'findings/motesplatser.en.md': finding('title: Meeting places\nstatus: internal\naudiences: [researchers]'),
    })
    expect(reasonOf(project, 'researchers', 'motesplatser')).toMatchObject({
      included: false,
      reason: 'internal',
      detail: 'internal, and this audience is not (set in `findings/motesplatser.en.md`)',
    })
    expect(tailor(project, 'researchers').findings.map((f) => f.id)).toEqual(['trygghet'])
    check(project)
    expect(messages(project)).toContain('findings/motesplatser.en.md:5:13 error leak')
  })
})

describe('leaks and embargoes in the leak fixture', () => {
  const root = path.join(FIXTURES, 'leak')

  it('reports leaks while the embargo holds', async () => {
    const project = await loadProject(root, { date: '2026-01-01' })
    expect(check(project).errors).toBe(5)
    expect(reasonOf(project, 'boende', 'embargo-framtid')?.reason).toBe('embargoed')
  })

  it('lifts the embargo, and the leak, when --date passes embargo_until', async () => {
    const project = await loadProject(root, { date: '2026-06-01' })
    const result = check(project)
    // Only the internal finding named for `boende` is still a leak.
    expect(messages(project)).toEqual(['findings/audiences/boende.md:4:26 error leak'])
    expect(result.errors).toBe(1)
    expect(tailor(project, 'boende').findings.map((f) => f.id)).toEqual(['publicerad', 'embargo-framtid', 'embargo-passerat'])
  })
})
