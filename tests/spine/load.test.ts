/** Loading edge cases that do not fit a committed fixture. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadProject } from '../../src/content/load.js'
import { check } from '../../src/check/check.js'
import { tailor } from '../../src/tailor/tailor.js'
import { MAX_FILE_BYTES } from '../../src/content/read.js'
import { FIXTURES, audience, finding, messages, projectOf, tempProject } from './helpers.js'

describe('loadProject', () => {
  it('refuses a file over 1 MB, and still loads the others', async () => {
    const big = finding('title: Stor', `${'Lorem ipsum dolor sit amet. '.repeat(Math.ceil(MAX_FILE_BYTES / 28))}\n`)
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_FILE_BYTES)
    const root = await tempProject({ 'findings/stor.md': big }, 'valid')
    const project = await loadProject(root, { date: '2026-01-01' })
    expect(messages(project)).toEqual(['findings/stor.md:1:1 error file-too-large'])
    expect(project.files.find((f) => f.path === 'findings/stor.md')!.messages[0]!.reason).toBe(
      'File is too large (1.0 MB; the limit is 1 MB)',
    )
    expect(project.findings.map((f) => f.id)).toEqual(['motesplatser'])
  })

  it('keeps the byte-exact fixtures byte-exact (a BOM and CRLF that git did not convert)', async () => {
    const bytes = await readFile(path.join(FIXTURES, 'files/findings/bom-crlf.md'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8').split('\r\n')).toHaveLength(10)
  })

  it('reads a UTF-8 BOM and CRLF line endings as usual', async () => {
    const project = await projectOf({
      'findings/a.md': '\uFEFF---\r\ntitle: A\r\nsummary: B\r\n---\r\n\r\n## Resultat\r\n\r\nText.\r\n',
      'findings/audiences/alla.md': audience(),
    })
    check(project)
    expect(messages(project)).toEqual([])
    expect(project.findings[0]!.base.data).toMatchObject({ title: 'A', summary: 'B' })
    expect(tailor(project, 'alla').findings[0]!.sections.map((s) => [s.key, s.text])).toEqual([['results', 'Text.']])
  })

  it.each(['sv-1', 'en-x', 'en-abcdefghijk'])('reports the language tag %s instead of crashing in Intl', async (lang) => {
    const project = await projectOf({
      'findings/a.md': finding(`lang: ${lang}\nfigures: { n: { value: 1234, label: n } }`, ':fig[n]\n'),
      'findings/b.md': finding('title: B'),
      'findings/audiences/alla.md': audience(`lang: ${lang}`),
    })
    expect(() => check(project)).not.toThrow()
    expect(messages(project)).toEqual(['findings/audiences/alla.md:3:7 error schema', 'findings/a.md:4:7 error schema'])
  })

  it('does not follow a body image out of the project, nor choke on a stray %', async () => {
    const project = await projectOf({
      'findings/a.md': finding('', '![Lösenord](../../../../../../etc/passwd)\n\n![Hälften](50%.png)\n\n![Mellanslag](min%20bild.png)\n'),
      'findings/min bild.png': new Uint8Array([0x89, 0x50]),
      'findings/audiences/alla.md': audience(),
    })
    expect(project.files.flatMap((f) => f.messages.map((m) => `${m.line}:${m.column} ${m.reason}`))).toEqual([
      '6:1 Image `../../../../../../etc/passwd` is outside the project',
      '8:1 Image `50%.png` does not exist',
    ])
  })

  it('says a translation is left out because of its base file’s errors, not that the base is missing', async () => {
    const project = await projectOf({
      'findings/a.md': finding('title: [oavslutad'),
      'findings/a.en.md': finding('title: A'),
      'findings/b.en.md': finding('title: B\nid: a'),
      'findings/audiences/alla.md': audience(),
    })
    const reasons = project.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'orphan-translation').map((m) => `${f.path}: ${m.reason}`))
    expect(reasons).toEqual([
      'findings/a.en.md: Translation of `a` is left out: its base file `findings/a.md` has errors',
      'findings/b.en.md: Translation of `a` has no base file (expected `findings/b.md`, or an `id: a` in it)',
    ])
  })
})
