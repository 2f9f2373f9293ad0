/**
 * The preview keeps what loading made of unchanged files between builds
 * (`createLoadMemo`), and tailoring memoizes on that data: a save re-reads
 * and re-tailors only what it changed, with the same results as a load
 * without the memo.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadProject, type Project } from '../../src/content/load.js'
import { createLoadMemo } from '../../src/content/memo.js'
import { tailor } from '../../src/tailor/tailor.js'
import { audience, finding, messages, tempProject } from './helpers.js'

const DATE = '2026-01-01'

async function project() {
  return tempProject({
    'sprid.config.json': JSON.stringify({ title: 'Test', lang: 'sv' }),
    'findings/audiences/alla.md': audience('name: Alla'),
    'findings/a.md': finding('title: Första fyndet', 'Första texten.\n'),
    'findings/b.md': finding('title: Andra fyndet', 'Andra texten.\n'),
  })
}

const entry = (loaded: Project, id: string) => loaded.findings.find((f) => f.id === id)!.base

describe('createLoadMemo', () => {
  it('keeps the data and tree of unchanged files, and reads a changed file anew', async () => {
    const root = await project()
    const memo = createLoadMemo()
    const first = await loadProject(root, { date: DATE, memo })
    await writeFile(path.join(root, 'findings/b.md'), finding('title: Andra fyndet, ändrat', 'Ny text.\n'))
    const second = await loadProject(root, { date: DATE, memo })

    expect(entry(second, 'a').data).toBe(entry(first, 'a').data)
    expect(entry(second, 'a').tree).toBe(entry(first, 'a').tree)
    expect(second.audiences[0]!.data).toBe(first.audiences[0]!.data)
    expect(entry(second, 'b').data.title).toBe('Andra fyndet, ändrat')
    expect(entry(second, 'b').tree).not.toBe(entry(first, 'b').tree)
    // Each load has its own files, so messages never pile up across builds.
    expect(entry(second, 'a').vfile).not.toBe(entry(first, 'a').vfile)
  })

  it('reports the problems of an unchanged file on every load', async () => {
    const root = await project()
    await writeFile(path.join(root, 'findings/c.md'), finding('title: Tredje fyndet\ntittle: stavfel'))
    const memo = createLoadMemo()
    const first = messages(await loadProject(root, { date: DATE, memo }))
    const second = messages(await loadProject(root, { date: DATE, memo }))
    expect(first.some((m) => m.startsWith('findings/c.md:'))).toBe(true)
    expect(second).toEqual(first)
  })

  it('tailors an unchanged finding once, with the result a load without the memo gives', async () => {
    const root = await project()
    const memo = createLoadMemo()
    const first = tailor(await loadProject(root, { date: DATE, memo }), 'alla')
    await writeFile(path.join(root, 'findings/b.md'), finding('title: Andra fyndet', 'Ändrad text.\n'))
    const loaded = await loadProject(root, { date: DATE, memo })
    const second = tailor(loaded, 'alla')

    const view = (pack: typeof first, id: string) => pack.findings.find((f) => f.id === id)!
    expect(view(second, 'a')).toBe(view(first, 'a'))
    expect(view(second, 'b')).not.toBe(view(first, 'b'))
    expect(view(second, 'b').html).toContain('Ändrad text.')
    expect(second).toEqual(tailor(await loadProject(root, { date: DATE }), 'alla'))
  })

  it('forgets everything when the remark plugins change', async () => {
    const root = await project()
    const memo = createLoadMemo()
    const first = await loadProject(root, { date: DATE, memo })
    memo.begin([() => undefined]) // a build with a plugin in between
    const second = await loadProject(root, { date: DATE, memo })
    expect(entry(second, 'a').tree).not.toBe(entry(first, 'a').tree)
    expect(entry(second, 'a').tree).toEqual(entry(first, 'a').tree)
  })

  it('drops what the previous load did not use', () => {
    const memo = createLoadMemo()
    let computed = 0
    const get = (key: string) => memo.get(key, () => ++computed, () => true)
    memo.begin([])
    get('a')
    get('b')
    memo.begin([])
    get('a')
    memo.begin([])
    get('a')
    get('b')
    expect(computed).toBe(3)
  })
})
