/**
 * `sprid build` end to end on small projects (web and social only, so no
 * browser): atomic output, refusals, the cache and the no-change fast path.
 */
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { audience, cli, finding, tempProject } from '../spine/helpers.js'

const project = () =>
  tempProject({
    'sprid.config.json': JSON.stringify({ title: 'Test', lang: 'sv', organisation: 'Org', baseUrl: 'https://example.org/x' }),
    'findings/audiences/alla.md': audience('formats: [web, social]'),
    'findings/a.md': finding('title: Första fyndet\ndate: "2020-01-01"', '## Resultat\n\nText om **a**.\n'),
    'findings/b.md': finding('title: Andra fyndet\ndate: "2020-01-02"', '## Resultat\n\nText om b.\n'),
    'findings/hemligt.md': finding('title: Hemligt fynd\nstatus: internal', 'Internt.\n'),
  })

const build = (root: string, ...flags: string[]) => cli(['build', '--date', '2026-01-01', '--json', ...flags], { cwd: root })
const summary = (stdout: string) => JSON.parse(stdout) as { ok: boolean; files: number; cached: number; ran: number; upToDate: boolean; perFormat: Record<string, number> }

describe('sprid build', () => {
  it('writes the web pack, posts and a manifest of every file', async () => {
    const root = await project()
    const { code, stdout, stderr } = await build(root)
    expect(code, stderr).toBe(0)
    const result = summary(stdout)
    expect(result.ok).toBe(true)
    expect(result.perFormat.web).toBeGreaterThan(3)
    expect(result.perFormat.social).toBe(3)
    const manifest = JSON.parse(await readFile(path.join(root, 'dist/manifest.json'), 'utf8'))
    const paths = manifest.outputs.map((o: { path: string }) => o.path)
    expect(paths).toContain('alla/a/index.html')
    expect(paths).toContain('alla/social.json')
    expect(paths.some((p: string) => p.includes('hemligt'))).toBe(false)
    expect(await readFile(path.join(root, 'dist/alla/a/index.html'), 'utf8')).toContain('Första fyndet')
  })

  it('does nothing when nothing changed, and redoes only what an edit touches', async () => {
    const root = await project()
    const first = summary((await build(root)).stdout)
    const again = summary((await build(root)).stdout)
    expect(again).toMatchObject({ ok: true, upToDate: true, ran: 0, files: first.files })

    const file = path.join(root, 'findings/b.md')
    await writeFile(file, (await readFile(file, 'utf8')).replace('Text om b.', 'Ny text om b.'))
    const edited = summary((await build(root)).stdout)
    expect(edited.upToDate).toBe(false)
    expect(edited.ran).toBeGreaterThan(0)
    expect(edited.ran).toBeLessThan(first.ran)
    expect(await readFile(path.join(root, 'dist/alla/b/index.html'), 'utf8')).toContain('Ny text om b.')
  })

  it('leaves the previous output untouched when the content has errors', async () => {
    const root = await project()
    expect((await build(root)).code).toBe(0)
    const before = await readFile(path.join(root, 'dist/manifest.json'), 'utf8')
    await writeFile(path.join(root, 'findings/c.md'), '---\ntitle: [oops\n---\n')
    const { code, stdout } = await build(root)
    expect(code).toBe(1)
    expect(summary(stdout).ok).toBe(false)
    expect(await readFile(path.join(root, 'dist/manifest.json'), 'utf8')).toBe(before)
    expect((await readdir(root)).filter((name) => name.includes('sprid-tmp'))).toEqual([])
  })

  it('refuses an unknown audience or format with exit 2, listing the known ones', async () => {
    const root = await project()
    const audienceRun = await build(root, '--audience', 'nope')
    expect(audienceRun.code).toBe(2)
    expect(audienceRun.stderr).toContain('known: alla')
    const formatRun = await build(root, '--format', 'pdf')
    expect(formatRun.code).toBe(2)
  })

  it('leaves internal audiences out with --public, from the packs, the landing page and the sitemap', async () => {
    const root = await project()
    await writeFile(path.join(root, 'findings/audiences/intern.md'), audience('name: Personalen\ninternal: true\nformats: [web]'))
    const all = summary((await build(root)).stdout)
    expect(all.ok).toBe(true)
    expect(await readFile(path.join(root, 'dist/index.html'), 'utf8')).toContain('Personalen')

    const { code, stdout, stderr } = await build(root, '--public')
    expect(code, stderr).toBe(0)
    expect(summary(stdout).upToDate).toBe(false)
    const manifest = JSON.parse(await readFile(path.join(root, 'dist/manifest.json'), 'utf8'))
    const paths: string[] = manifest.outputs.map((o: { path: string }) => o.path)
    expect(paths).toContain('alla/a/index.html')
    expect(paths.filter((p) => p.startsWith('intern/') || p.includes('hemligt'))).toEqual([])
    for (const shared of ['index.html', 'sitemap.xml']) {
      expect(await readFile(path.join(root, 'dist', shared), 'utf8')).not.toMatch(/Personalen|intern\/|Hemligt fynd/)
    }

    const asked = await build(root, '--public', '--audience', 'intern')
    expect(asked.code).toBe(2)
    expect(asked.stderr).toContain('`intern` is internal')
  })

  it('refuses to replace a folder it did not make, and touches nothing', async () => {
    const root = await project()
    await mkdir(path.join(root, 'mine'))
    await writeFile(path.join(root, 'mine/notes.txt'), 'keep me')
    const { code, stderr } = await build(root, '--out', 'mine')
    expect(code).toBe(2)
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(await readFile(path.join(root, 'mine/notes.txt'), 'utf8')).toBe('keep me')
    expect((await build(root, '--out', '.')).code).toBe(2)
    expect((await build(root, '--out', 'findings')).code).toBe(2)
  })
})
