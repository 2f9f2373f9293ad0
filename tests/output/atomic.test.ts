import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, stat, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OutputFile } from '../../src/formats/types.js'
import {
  assertSafeOutputDir,
  MARKER_FILE,
  OutputFolderError,
  OutputPathError,
  prepareOutput,
  type PrepareOutputOptions,
} from '../../src/output/index.js'
import { sandbox, snapshot, type Sandbox } from './helpers.js'

function options(box: Sandbox, overrides: Partial<PrepareOutputOptions> = {}): PrepareOutputOptions {
  return {
    outDir: 'dist',
    projectRoot: box.project,
    protectedPaths: [box.findings, box.templates],
    home: box.home,
    version: '0.1.0',
    ...overrides,
  }
}

function page(file: string, contents: string): OutputFile {
  return { path: file, contents, audience: 'boende', format: 'web', finding: null }
}

async function build(box: Sandbox, files: Record<string, string>): Promise<void> {
  const output = await prepareOutput(options(box))
  for (const [file, contents] of Object.entries(files)) await output.write(page(file, contents))
  await output.commit()
}

describe('prepareOutput', () => {
  it('builds into a sibling temporary folder and swaps it into place on commit', async () => {
    const box = await sandbox()
    const output = await prepareOutput(options(box))
    expect(path.dirname(output.tempDir)).toBe(box.project)
    expect(path.basename(output.tempDir)).toMatch(/^\.dist\.sprid-tmp-[0-9a-f]+$/)
    await output.write(page('boende/index.html', '<h1>Boende</h1>'))
    await expect(stat(box.dist)).rejects.toThrow()

    await output.commit()
    const files = await snapshot(box.dist)
    expect(files['boende/index.html']).toBe('<h1>Boende</h1>')
    expect(files[MARKER_FILE]).toBe('{\n  "sprid": "0.1.0"\n}\n')
    expect(files['manifest.json']).toContain('"boende/index.html"')
    // Nothing is left next to the output folder: no temporary folder, no lock.
    expect((await readdir(box.project)).sort()).toEqual(['dist', 'findings', 'templates'])
  })

  it('replaces the previous output completely', async () => {
    const box = await sandbox()
    await build(box, { 'a.html': 'A', 'old/b.html': 'B' })
    await build(box, { 'a.html': 'A2' })
    expect(Object.keys(await snapshot(box.dist)).sort()).toEqual([
      '.sprid-output',
      'a.html',
      'manifest.json',
    ])
    expect((await readdir(box.project)).sort()).toEqual(['dist', 'findings', 'templates'])
  })

  it('leaves the previous output intact when a build fails mid-way', async () => {
    const box = await sandbox()
    await build(box, { 'index.html': 'v1', 'boende/deck.pdf': 'pdf v1' })
    const before = await snapshot(box.dist)

    const output = await prepareOutput(options(box))
    await output.write(page('index.html', 'v2'))
    const failingJob = async (): Promise<void> => {
      await output.write(page('boende/deck.pdf', 'pdf v2, half'))
      throw new Error('Chromium crashed')
    }
    await expect(failingJob()).rejects.toThrow('Chromium crashed')
    await output.abort()

    expect(await snapshot(box.dist)).toEqual(before)
    expect((await readdir(box.project)).sort()).toEqual(['dist', 'findings', 'templates'])
    await expect(output.write(page('late.html', 'x'))).rejects.toThrow(OutputPathError)
    await expect(output.commit()).rejects.toThrow('Cannot commit the output: it was already committed or aborted')
    await output.abort()
  })

  it('creates the output folder’s parent when it is missing', async () => {
    const box = await sandbox()
    const output = await prepareOutput(options(box, { outDir: 'out/site' }))
    await output.write(page('index.html', 'x'))
    await output.commit()
    expect(await readFile(path.join(box.project, 'out/site/index.html'), 'utf8')).toBe('x')
  })

  it('replaces an empty folder without a marker', async () => {
    const box = await sandbox()
    await mkdir(box.dist)
    await build(box, { 'index.html': 'x' })
    expect(await readFile(path.join(box.dist, 'index.html'), 'utf8')).toBe('x')
  })

  it('gives byte-identical outputs for the same input', async () => {
    const box = await sandbox()
    const files = { 'b.html': 'B', 'a.html': 'A', 'x/y.json': '{}' }
    await build(box, files)
    const first = await snapshot(box.dist)
    await build(box, files)
    expect(await snapshot(box.dist)).toEqual(first)
  })

  it('allows one build per output folder at a time', async () => {
    const box = await sandbox()
    const first = await prepareOutput(options(box))
    const second = prepareOutput(options(box))
    await expect(second).rejects.toThrow(OutputFolderError)
    await expect(second).rejects.toMatchObject({ reason: 'locked', exitCode: 2 })
    await first.abort()
    const third = await prepareOutput(options(box))
    await third.abort()
  })

  it('removes stale temporary folders carrying the marker, and only those', async () => {
    const box = await sandbox()
    await build(box, { 'index.html': 'v1' })
    const stale = path.join(box.project, '.dist.sprid-tmp-0badc0ffee00')
    const staleOld = path.join(box.project, '.dist.sprid-old-0badc0ffee00')
    const foreign = path.join(box.project, '.dist.sprid-tmp-notours')
    for (const dir of [stale, staleOld, foreign]) await mkdir(dir)
    await writeFile(path.join(stale, MARKER_FILE), '{"sprid":"0.1.0"}')
    await writeFile(path.join(staleOld, MARKER_FILE), '{"sprid":"0.1.0"}')
    await writeFile(path.join(foreign, 'keep.txt'), 'not ours')

    const output = await prepareOutput(options(box))
    await output.abort()
    expect((await readdir(box.project)).sort()).toEqual([
      '.dist.sprid-tmp-notours',
      'dist',
      'findings',
      'templates',
    ])
  })

  it('puts the previous output back when a build was killed between the two renames', async () => {
    const box = await sandbox()
    await build(box, { 'index.html': 'v1' })
    // What a kill between `dist -> old-<id>` and `tmp-<id> -> dist` leaves behind.
    await rename(box.dist, path.join(box.project, '.dist.sprid-old-0badc0ffee00'))
    const temp = path.join(box.project, '.dist.sprid-tmp-0badc0ffee00')
    await mkdir(temp)
    await writeFile(path.join(temp, MARKER_FILE), '{"sprid":"0.1.0"}')

    const output = await prepareOutput(options(box))
    await output.abort()
    expect(await readFile(path.join(box.dist, 'index.html'), 'utf8')).toBe('v1')
    expect((await readdir(box.project)).sort()).toEqual(['dist', 'findings', 'templates'])
  })

  it('does not resurrect a leftover old output the user deleted dist after', async () => {
    const box = await sandbox()
    await build(box, { 'index.html': 'v1' })
    // A previous output whose removal was interrupted after a successful swap.
    await rename(box.dist, path.join(box.project, '.dist.sprid-old-0badc0ffee00'))

    const output = await prepareOutput(options(box))
    await output.abort()
    expect((await readdir(box.project)).sort()).toEqual(['findings', 'templates'])
  })

  it('leaves no trace of a failed write and still commits the others', async () => {
    const box = await sandbox()
    const output = await prepareOutput(options(box))
    await output.write(page('a.html', 'A'))
    const bad = { path: 'b.html', contents: 42 as unknown as string, audience: null, format: 'web' as const, finding: null }
    await expect(output.write(bad)).rejects.toThrow(OutputPathError)
    const { manifest } = await output.commit()
    expect(manifest.outputs.map((entry) => entry.path)).toEqual(['a.html'])
    expect(Object.keys(await snapshot(box.dist)).sort()).toEqual(['.sprid-output', 'a.html', 'manifest.json'])
  })

  it('refuses at commit when the folder was replaced by a foreign one during the build', async () => {
    const box = await sandbox()
    const output = await prepareOutput(options(box))
    await output.write(page('index.html', 'x'))
    await mkdir(box.dist)
    await writeFile(path.join(box.dist, 'thesis.docx'), 'precious')
    await expect(output.commit()).rejects.toMatchObject({ reason: 'not-sprid-output' })
    expect(await snapshot(box.dist)).toEqual({ 'thesis.docx': 'precious' })
    expect((await readdir(box.project)).sort()).toEqual(['dist', 'findings', 'templates'])
  })
})

describe('refusing unsafe output folders', () => {
  const cases: Array<{
    name: string
    reason: OutputFolderError['reason']
    setup: (box: Sandbox) => Promise<string | { outDir: string; protectedPaths: string[] }>
  }> = [
    {
      name: 'a non-empty folder without the marker',
      reason: 'not-sprid-output',
      setup: async (box) => {
        await mkdir(box.dist)
        await writeFile(path.join(box.dist, 'notes.txt'), 'mine')
        return 'dist'
      },
    },
    {
      name: 'a folder with a broken marker',
      reason: 'not-sprid-output',
      setup: async (box) => {
        await mkdir(box.dist)
        await writeFile(path.join(box.dist, MARKER_FILE), 'not json')
        return 'dist'
      },
    },
    { name: 'the project root', reason: 'project-root', setup: async () => '.' },
    { name: 'the project root, spelled absolutely', reason: 'project-root', setup: async (box) => `${box.project}/` },
    { name: 'the home folder', reason: 'home', setup: async (box) => box.home },
    { name: 'the filesystem root', reason: 'filesystem-root', setup: async () => path.parse(process.cwd()).root },
    { name: 'the parent of the project', reason: 'ancestor', setup: async () => '..' },
    { name: 'an ancestor of the home folder', reason: 'ancestor', setup: async (box) => path.dirname(box.home) },
    {
      name: 'a folder containing the findings',
      reason: 'protected',
      setup: async (box) => {
        // Findings one level down, `content/findings`, in a folder that even carries the marker.
        const content = path.join(box.project, 'content')
        await mkdir(path.join(content, 'findings'), { recursive: true })
        await writeFile(path.join(content, MARKER_FILE), '{"sprid":"0.1.0"}')
        return { outDir: 'content', protectedPaths: [path.join(content, 'findings'), box.templates] }
      },
    },
    { name: 'the templates folder itself', reason: 'protected', setup: async () => 'templates' },
    {
      name: 'a marked folder containing .git',
      reason: 'git',
      setup: async (box) => {
        await mkdir(path.join(box.dist, '.git'), { recursive: true })
        await writeFile(path.join(box.dist, MARKER_FILE), '{"sprid":"0.1.0"}')
        return 'dist'
      },
    },
    {
      name: 'a git checkout (gh-pages style), marker or not',
      reason: 'git',
      setup: async (box) => {
        await mkdir(path.join(box.dist, '.git'), { recursive: true })
        await writeFile(path.join(box.dist, 'index.html'), 'deployed')
        return 'dist'
      },
    },
    {
      name: 'a marked folder with a nested .git file (a worktree)',
      reason: 'git',
      setup: async (box) => {
        await mkdir(path.join(box.dist, 'site'), { recursive: true })
        await writeFile(path.join(box.dist, MARKER_FILE), '{"sprid":"0.1.0"}')
        await writeFile(path.join(box.dist, 'site/.git'), 'gitdir: ../../.git/worktrees/site')
        return 'dist'
      },
    },
    { name: 'a folder inside .git', reason: 'git', setup: async () => '.git/dist' },
    {
      name: 'a symlink to a marked folder',
      reason: 'symlink',
      setup: async (box) => {
        const real = path.join(box.root, 'elsewhere')
        await mkdir(real)
        await writeFile(path.join(real, MARKER_FILE), '{"sprid":"0.1.0"}')
        await symlink(real, box.dist, 'dir')
        return 'dist'
      },
    },
    {
      name: 'a file',
      reason: 'not-a-folder',
      setup: async (box) => {
        await writeFile(box.dist, 'a file')
        return 'dist'
      },
    },
  ]

  for (const { name, reason, setup } of cases) {
    it(`refuses ${name} and touches nothing`, async () => {
      const box = await sandbox()
      const setting = await setup(box)
      const before = await snapshot(box.root)
      const opts = options(box, typeof setting === 'string' ? { outDir: setting } : setting)

      await expect(assertSafeOutputDir(opts)).rejects.toMatchObject({ reason })
      const error = await prepareOutput(opts).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(error).toBeInstanceOf(OutputFolderError)
      expect(error).toMatchObject({ reason, exitCode: 2, name: 'OutputFolderError' })
      expect((error as Error).message).toMatch(/^Refusing to use `.+` as the output folder: /)
      expect(await snapshot(box.root)).toEqual(before)
    })
  }

  it('accepts a folder inside the project when the project is inside home', async () => {
    const box = await sandbox()
    await expect(assertSafeOutputDir(options(box, { home: box.root }))).resolves.toEqual({
      outDir: box.dist,
      exists: false,
    })
  })

  it('names the folder relative to the project in messages', async () => {
    const box = await sandbox()
    await mkdir(box.dist)
    await writeFile(path.join(box.dist, 'notes.txt'), 'mine')
    await expect(assertSafeOutputDir(options(box))).rejects.toThrow(
      /^Refusing to use `dist` as the output folder: it is not empty and sprid did not make it/,
    )
  })
})

describe('OutputWriter.write', () => {
  const escapes = [
    '../outside.html',
    'a/../../outside.html',
    'a/../b.html',
    './a.html',
    '/etc/passwd',
    'C:/x.html',
    'a\\b.html',
    'a\0b.html',
    '',
    'a//b.html',
    'folder/',
    'a:b.html',
  ]

  for (const file of escapes) {
    it(`rejects ${JSON.stringify(file)}`, async () => {
      const box = await sandbox()
      const output = await prepareOutput(options(box))
      await expect(output.write(page(file, 'x'))).rejects.toThrow(OutputPathError)
      await output.abort()
      expect((await readdir(box.root)).sort()).toEqual(['home', 'project'])
      expect((await readdir(box.project)).sort()).toEqual(['findings', 'templates'])
    })
  }

  it('rejects reserved names and clashing paths', async () => {
    const box = await sandbox()
    const output = await prepareOutput(options(box))
    await output.write(page('boende/index.html', 'x'))
    await output.write(page('boende/deck.pdf', 'x'))
    const clashes = [
      '.sprid-output',
      'manifest.json',
      'boende/index.html',
      'Boende/Index.html',
      'boende',
      'boende/deck.pdf/page.html',
    ]
    for (const file of clashes) {
      await expect(output.write(page(file, 'y')), file).rejects.toThrow(OutputPathError)
    }
    expect(output.entries().map((entry) => entry.path)).toEqual(['boende/deck.pdf', 'boende/index.html'])
    await output.abort()
  })

  it('writes bytes and strings and returns manifest entries', async () => {
    const box = await sandbox()
    const output = await prepareOutput(options(box))
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    const entry = await output.write({ path: 'social/card.png', contents: png, audience: null, format: 'social', finding: 'f1' })
    expect(entry).toEqual({
      path: 'social/card.png',
      audience: null,
      format: 'social',
      finding: 'f1',
      bytes: 4,
      sha256: createHash('sha256').update(png).digest('hex'),
    })
    const raw = await output.write({ path: 'robots.txt', contents: 'User-agent: *\n' })
    expect(raw).toMatchObject({ audience: null, format: null, finding: null, bytes: 14 })
    await output.commit()
    expect(new Uint8Array(await readFile(path.join(box.dist, 'social/card.png')))).toEqual(png)
  })

  it('links existing files and refuses to link a symlink', async () => {
    const box = await sandbox()
    const source = path.join(box.root, 'font.woff2')
    await writeFile(source, 'font bytes')
    await symlink(source, path.join(box.root, 'font-link'))
    const output = await prepareOutput(options(box))
    const entry = await output.link(source, 'assets/font.woff2', { format: 'web' })
    expect(entry).toMatchObject({ path: 'assets/font.woff2', bytes: 10, format: 'web', audience: null })
    await expect(output.link(path.join(box.root, 'font-link'), 'assets/evil')).rejects.toThrow(OutputPathError)
    await output.commit()
    expect(await readFile(path.join(box.dist, 'assets/font.woff2'), 'utf8')).toBe('font bytes')
  })
})
