/**
 * The leak guard on a real build (real Chromium): a project overrides sprid's
 * templates with copies that print an internal finding's title, as a
 * hand-edited template might. Every output of the public audience that
 * carries it is found: web pages and feed, the handout's HTML and PDF, the
 * deck and notes PDFs, the social posts. The internal audience's own files
 * and the shared landing page (the internal pack is part of the build) are
 * not leaks.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { check } from '../../src/check/check.js'
import { findLeaks, reportLeaks } from '../../src/coverage/index.js'
import { audience, finding, tempProject } from '../spine/helpers.js'

const BUILTIN = path.resolve(import.meta.dirname, '../../templates')
const SECRET = 'Hemliga planen för kvarteret Eken'

/** A copy of a built-in template with `html` inserted after the line that contains `after`. */
async function inject(file: string, after: string, html: string): Promise<string> {
  const source = await readFile(path.join(BUILTIN, file), 'utf8')
  const index = source.indexOf(after)
  if (index === -1) throw new Error(`${after} not in ${file}`)
  const end = source.indexOf('\n', index)
  return `${source.slice(0, end + 1)}${html}\n${source.slice(end + 1)}`
}

describe('the leak guard on a real build', () => {
  it('finds an internal title printed by overridden templates in every format of the public audience', async () => {
    const leak = `<p class="leak">${SECRET}</p>`
    const root = await tempProject({
      'sprid.config.json': JSON.stringify({ title: 'Testbolaget', lang: 'sv', organisation: 'Testbolaget AB', baseUrl: 'https://example.org/t' }),
      'findings/audiences/boende.md': audience('name: Boende\nformats:\n  web: {}\n  handout: {}\n  conference: {}\n  card: {}\n  social: { platforms: [mastodon] }'),
      'findings/audiences/intern.md': audience('name: Internt\ninternal: true\nformats: [web]'),
      'findings/publicerad.md': finding('title: Mötesplatser behöver en ägare som finns kvar\nsummary: En mötesplats lever vidare när någon äger den.\ndate: "2025-01-01"', '## Resultat\n\nText.\n'),
      'findings/hemlig.md': finding(`title: ${SECRET}\nsummary: Bolaget tänker riva två hus i kvarteret.\nstatus: internal\ndate: "2025-02-01"`, 'Internt.\n'),
      'templates/web/layout.liquid': await inject('web/layout.liquid', '<body', leak),
      'templates/handout/handout.liquid': await inject('handout/handout.liquid', '<body', leak),
      'templates/conference/deck.liquid': await inject('conference/deck.liquid', '<body', `<section class="slide"><h2>${SECRET}</h2></section>`),
      'templates/conference/notes.liquid': await inject('conference/notes.liquid', '<body', leak),
      'templates/social/mastodon.liquid': `${await readFile(path.join(BUILTIN, 'social/mastodon.liquid'), 'utf8')}\n${SECRET}\n`,
    })
    const result = await build(root, { date: '2026-01-01', cache: false, env: process.env })
    const { project } = result
    const expected = [
      'boende/index.html (title in HTML)',
      'boende/publicerad/index.html (title in HTML)',
      'boende/handout.html (title in HTML)',
      'boende/handout.pdf (title in PDF text)',
      'boende/conference.pdf (title in PDF text)',
      'boende/conference-notes.pdf (title in PDF text)',
      'boende/social.json (title in JSON)',
      'boende/social.md (title in Markdown)',
      'boende/social.csv (title in CSV)',
    ]
    if (result.ok) {
      // The build does not run the guard itself (yet): scan what it committed.
      const scan = await findLeaks({ project, decisions: check(project).decisions, outputs: result.outputs, readOutput: (file) => readFile(path.join(result.outDir, file)) })
      expect(scan.skipped).toEqual([])
      expect(scan.leaks.map((l) => `${l.output} (${l.kind} in ${l.via})`)).toEqual(expect.arrayContaining(expected))
      // Only the public audience's files: the internal pack may have it, and so may the shared pages of a build that makes it.
      expect(scan.leaks.every((l) => l.audience === 'boende' && l.finding === 'hemlig')).toBe(true)
      expect(reportLeaks(project, scan)).toBe(4)
    }
    // Either way (reported by the build, or above): errors on the finding's file naming every output, one per format.
    const leaks = project.files.find((f) => f.path === 'findings/hemlig.md')!.messages.filter((m) => m.ruleId === 'leak')
    expect(leaks.every((m) => m.fatal === true)).toBe(true)
    expect(leaks.map((m) => /the (\w+) outputs of audience `boende`/.exec(m.reason)?.[1]).sort()).toEqual(['conference', 'handout', 'social', 'web'])
    const text = leaks.map((m) => m.reason).join('\n')
    for (const item of expected) expect(text).toContain(`\`${item.replace(' (', '` (')}`)
    expect(text).not.toMatch(/`intern\//)
  })
})
