/**
 * The coverage stage inside `sprid build`, through the CLI: `report.json`
 * and `report.html` land in the output folder, and a leak fails the build
 * (exit 1, rule `leak` on the finding's file) with the previous output
 * folder untouched. Skipped while `src/build.ts` does not call the stage yet.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, it } from 'vitest'
import { audience, cli, finding, tempProject } from '../spine/helpers.js'

const SECRET = 'Hemliga planen för kvarteret Eken'

it('writes the report, and a leak fails the build and leaves the output folder as it was', async (context) => {
  const root = await tempProject({
    'sprid.config.json': JSON.stringify({ title: 'Test', lang: 'sv', organisation: 'Org', baseUrl: 'https://example.org/t' }),
    'findings/audiences/boende.md': audience('name: Boende\nformats: [web, social]'),
    'findings/publicerad.md': finding('title: Mötesplatser behöver en ägare som finns kvar\ndate: "2025-01-01"', 'Text.\n'),
    'findings/hemlig.md': finding(`title: ${SECRET}\nstatus: internal`, 'Internt.\n'),
  })
  const build = () => cli(['build', '--date', '2026-01-01', '--no-cache', '--json'], { cwd: root })
  const first = await build()
  expect(first.code, first.stderr).toBe(0)
  const manifest = await readFile(path.join(root, 'dist/manifest.json'), 'utf8')
  const report = JSON.parse(await readFile(path.join(root, 'dist/report.json'), 'utf8'))
  expect(report).toMatchObject({ version: 1, date: '2026-01-01', withheld: { count: 1, reasons: { internal: 1 } } })
  expect(await readFile(path.join(root, 'dist/report.html'), 'utf8')).toContain('<caption')
  const summary = JSON.parse(first.stdout) as { perFormat: Record<string, number> }
  expect(Object.keys(summary.perFormat).sort()).toEqual(['social', 'web'])

  // A hand-edited template prints the internal finding's title on every page.
  const layout = await readFile(path.resolve(import.meta.dirname, '../../templates/web/layout.liquid'), 'utf8')
  await mkdir(path.join(root, 'templates/web'), { recursive: true })
  await writeFile(path.join(root, 'templates/web/layout.liquid'), layout.replace(/(<body[^\n]*\n)/, `$1<p>${SECRET}</p>\n`))
  const second = await build()
  expect(second.code).toBe(1)
  const messages = (JSON.parse(second.stdout) as { report: { files: { path: string; messages: { ruleId: string; severity: string; message: string }[] }[] } }).report.files
  const leaks = messages.find((f) => f.path === 'findings/hemlig.md')!.messages.filter((m) => m.ruleId === 'leak')
  expect(leaks.map((m) => m.severity)).toEqual(['error', 'error'])
  expect(leaks.map((m) => m.message).join('\n')).toContain('`boende/index.html` (title in HTML)')
  expect(await readFile(path.join(root, 'dist/manifest.json'), 'utf8')).toBe(manifest)
})
