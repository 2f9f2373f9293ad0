/**
 * `sprid init`: the scaffold in both languages passes `check` with no
 * errors or warnings and builds every format at once (real Chromium); it
 * refuses folders it must not write into; its GitHub Actions workflow is
 * valid YAML with the steps that publish to Pages.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { build } from '../../src/build.js'
import { check } from '../../src/check/check.js'
import { loadProject } from '../../src/content/load.js'
import { extractPdfText, normalize, pdfTextString } from '../../src/coverage/index.js'
import { EXIT, SpridError } from '../../src/errors.js'
import { init, InitError, INIT_LANGS } from '../../src/init/index.js'

const made: string[] = []
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sprid-init-'))
  made.push(dir)
  return dir
}

const EXPECTED = {
  sv: ['findings/audiences/boende.md', 'findings/audiences/ledning.md', 'findings/motesplatsen.md', 'findings/tidig-dialog.md'],
  en: ['findings/audiences/leadership.md', 'findings/audiences/residents.md', 'findings/early-dialogue.md', 'findings/meeting-place.md'],
}

describe.each(INIT_LANGS)('sprid init --lang %s', (lang) => {
  it('scaffolds a project that passes check with no problems and builds every format at once', async () => {
    const root = path.join(await tempDir(), 'project')
    const { files } = await init(root, { lang })
    expect(files).toEqual(['.github/workflows/sprid.yml', '.gitignore', ...EXPECTED[lang], 'sprid.config.yaml'])

    const config = await readFile(path.join(root, 'sprid.config.yaml'), 'utf8')
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/sprid/schemas/config.schema.json')
    expect(parse(config)).toMatchObject({ lang, title: expect.any(String), organisation: expect.any(String) })
    expect(config).toMatch(/^# baseUrl: https:\/\//m)

    const project = await loadProject(root, { date: '2026-01-01' })
    const checked = check(project)
    const problems = project.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line} ${m.ruleId} ${m.reason}`))
    expect(problems).toEqual([])
    expect(checked.errors + checked.warnings).toBe(0)
    expect(project.findings).toHaveLength(2)
    expect(project.audiences).toHaveLength(2)
    // The example finding with the invented number says so, and has a key figure, an :::only block and notes.
    const withFigure = project.findings.find((f) => Object.keys(f.base.data.figures ?? {}).length > 0)!
    expect(withFigure.base.data.example).toBe(true)
    const body = await readFile(path.join(root, withFigure.base.file), 'utf8')
    expect(body).toMatch(/:fig\[\w+\]/)
    expect(body).toMatch(/^:::only\{audience="\w+"\}$/m)
    expect(body).toMatch(/^:::notes$/m)
    expect(body).toMatch(lang === 'sv' ? /^## Bakgrund$[\s\S]*^## Resultat$[\s\S]*^## Rekommendationer$/m : /^## Background$[\s\S]*^## Results$[\s\S]*^## Recommendations$/m)
    // One brief audience with a readability target in the scaffold's language.
    const brief = project.audiences.find((a) => a.data.depth === 'brief')!
    expect(brief.data.readability).toEqual(lang === 'sv' ? { lix_max: 40 } : { flesch_min: 60 })
    for (const a of project.audiences) expect(a.lang).toBe(lang)
    for (const f of project.findings) expect(f.base.lang).toBe(lang)

    // The build CI runs: with a base URL, every format, one browser.
    const result = await build(root, { date: '2026-01-01', baseUrl: 'https://example.org/packs', cache: false, env: process.env })
    const buildProblems = result.files.flatMap((f) => f.messages.map((m) => `${f.path}:${m.line} ${m.ruleId} ${m.reason}`))
    expect(buildProblems).toEqual([])
    expect(result.ok).toBe(true)
    expect(Object.keys(result.perFormat).sort()).toEqual(['card', 'conference', 'handout', 'social', 'web'])
    const leadership = lang === 'sv' ? 'ledning' : 'leadership'
    const deck = await extractPdfText(await readFile(path.join(result.outDir, leadership, 'conference.pdf')))
    expect(normalize(pdfTextString(deck))).toContain(normalize(withFigure.base.data.title))
    expect(deck.pages.length).toBeGreaterThan(3)
  })
})

describe('sprid init', () => {
  it('writes every text in the chosen language', async () => {
    const sv = await tempDir()
    const en = await tempDir()
    await init(sv, { lang: 'sv' })
    await init(en, { lang: 'en' })
    for (const file of EXPECTED.en) expect(await readFile(path.join(en, file), 'utf8'), file).not.toMatch(/[åäöÅÄÖ]/)
    for (const file of EXPECTED.sv) expect(await readFile(path.join(sv, file), 'utf8'), file).toMatch(/[åäö]/)
  })

  it('ignores dist, the cache and node_modules in git', async () => {
    const root = await tempDir()
    await init(root, { lang: 'en' })
    const lines = (await readFile(path.join(root, '.gitignore'), 'utf8')).split('\n')
    expect(lines).toEqual(expect.arrayContaining(['dist/', '.sprid-cache/', 'node_modules/']))
  })

  it('refuses a folder that is not empty (exit code 2) and writes nothing', async () => {
    const root = await tempDir()
    await writeFile(path.join(root, 'notes.txt'), 'mine')
    const error = await init(root, { lang: 'sv' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InitError)
    expect(error).toBeInstanceOf(SpridError)
    expect(error).toMatchObject({ exitCode: EXIT.USAGE, reason: 'not-empty' })
    expect((error as Error).message).toContain('--force')
    expect(await readdir(root)).toEqual(['notes.txt'])
  })

  it('with force, writes its files, replaces its own names, keeps the rest and never touches .git', async () => {
    const root = await tempDir()
    await mkdir(path.join(root, '.git'))
    await writeFile(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    await writeFile(path.join(root, 'notes.txt'), 'mine')
    await writeFile(path.join(root, 'sprid.config.yaml'), 'title: old\n')
    const result = await init(root, { lang: 'en', force: true })
    expect(result.replaced).toEqual(['sprid.config.yaml'])
    expect(await readFile(path.join(root, 'notes.txt'), 'utf8')).toBe('mine')
    expect(await readFile(path.join(root, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n')
    expect(await readdir(path.join(root, '.git'))).toEqual(['HEAD'])
    expect(await readFile(path.join(root, 'sprid.config.yaml'), 'utf8')).toContain('lang: en')
  })

  it('treats a folder with only .git as empty', async () => {
    const root = await tempDir()
    await mkdir(path.join(root, '.git'))
    await expect(init(root, { lang: 'sv' })).resolves.toMatchObject({ files: expect.arrayContaining(['sprid.config.yaml']) })
  })

  it('does not write through a symlink, even with force', async () => {
    const root = await tempDir()
    const elsewhere = await tempDir()
    await symlink(elsewhere, path.join(root, 'findings'))
    const error = await init(root, { lang: 'sv', force: true }).catch((e: unknown) => e)
    expect(error).toMatchObject({ exitCode: EXIT.USAGE, reason: 'symlink' })
    expect(await readdir(elsewhere)).toEqual([])
  })

  it('refuses a file, and an unknown language', async () => {
    const root = await tempDir()
    await writeFile(path.join(root, 'file'), '')
    await expect(init(path.join(root, 'file'), { lang: 'sv' })).rejects.toMatchObject({ reason: 'not-a-folder', exitCode: EXIT.USAGE })
    await expect(init(path.join(root, 'new'), { lang: 'de' as 'sv' })).rejects.toMatchObject({ reason: 'unknown-lang', exitCode: EXIT.USAGE })
    await expect(lstat(path.join(root, 'new'))).rejects.toThrow()
  })

  it('ships its scaffold with the package', async () => {
    const pkg = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { files: string[] }
    expect(pkg.files).toContain('templates')
  })
})

describe('the GitHub Actions workflow', () => {
  interface Step { uses?: string; run?: string; id?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, string> }
  interface Job { 'runs-on': string; if?: string; needs?: string; permissions?: Record<string, string>; environment?: { name: string }; steps: Step[] }
  const load = async () => {
    const root = await tempDir()
    await init(root, { lang: 'sv' })
    const source = await readFile(path.join(root, '.github/workflows/sprid.yml'), 'utf8')
    return { source, workflow: parse(source) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> } }
  }

  it('parses, runs on push and pull requests, and checks with annotations', async () => {
    const { workflow } = await load()
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push'])
    const steps = workflow.jobs.build!.steps
    const uses = (name: string) => steps.find((s) => s.uses === name)
    expect(uses('actions/checkout@v4')).toBeDefined()
    expect(uses('actions/setup-node@v4')?.with).toEqual({ 'node-version': 20, cache: 'npm' })
    const runs = steps.map((s) => s.run ?? '')
    expect(runs).toContain('npm ci')
    expect(runs.some((r) => r.includes('sudo apt-get install -y chromium'))).toBe(true)
    expect(runs).toContain('npx sprid check --format github')
    // Steps run in this order.
    const order = ['npm ci', 'apt-get install -y chromium', 'sprid check', 'configure-pages', 'actions/cache', 'sprid build', 'upload-pages-artifact'].map((needle) =>
      steps.findIndex((s) => (s.run ?? s.uses ?? '').includes(needle)),
    )
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]!))).toBe(true)
  })

  it('builds with the Pages base URL, caches .sprid-cache and publishes dist from main only', async () => {
    const { workflow } = await load()
    const { build: buildJob, deploy } = workflow.jobs
    const steps = buildJob!.steps
    const pages = steps.find((s) => s.uses === 'actions/configure-pages@v5')!
    expect(pages.id).toBe('pages')
    const buildStep = steps.find((s) => s.run?.includes('npx sprid build --ci'))!
    expect(buildStep.run).toContain('--base-url')
    // Pages is public: internal audiences' packs stay out of it.
    expect(buildStep.run).toContain('--public')
    expect(buildStep.env).toEqual({ BASE_URL: '${{ steps.pages.outputs.base_url }}' })
    const cache = steps.find((s) => s.uses === 'actions/cache@v4')!
    expect(cache.with!.path).toBe('.sprid-cache')
    for (const input of ['findings/**', 'templates/**', 'sprid.config.*', 'package-lock.json']) expect(String(cache.with!.key)).toContain(`'${input}'`)
    expect(String(cache.with!.key)).toContain('hashFiles(')
    const upload = steps.find((s) => s.uses === 'actions/upload-pages-artifact@v3')!
    expect(upload.with).toEqual({ path: 'dist' })
    expect(upload.if).toContain("github.ref == 'refs/heads/main'")

    expect(deploy!.needs).toBe('build')
    expect(deploy!.if).toContain("github.ref == 'refs/heads/main'")
    expect(deploy!.if).toContain("github.event_name == 'push'")
    expect(deploy!.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
    expect(deploy!.environment?.name).toBe('github-pages')
    expect(deploy!.steps.map((s) => s.uses)).toEqual(['actions/deploy-pages@v4'])
    // Least privilege everywhere else.
    expect(workflow.permissions).toEqual({ contents: 'read' })
    expect(buildJob!.permissions).toEqual({ contents: 'read', pages: 'read' })
  })

  it('mentions both ways of getting a browser', async () => {
    const { source } = await load()
    expect(source).toContain('@sparticuz/chromium')
    expect(source).toContain('sudo apt-get install -y chromium')
  })
})
