import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { FormatId, OutputFile, RenderJob } from '../../src/formats/types.js'
import {
  openCache,
  prepareOutput,
  recordJobMessage,
  runJob,
  runJobs,
  type BuildCache,
  type CacheOptions,
  type PlannedJob,
} from '../../src/output/index.js'
import { sandbox, snapshot, type Sandbox } from './helpers.js'

function cacheOptions(box: Sandbox, overrides: Partial<CacheOptions> = {}): CacheOptions {
  return {
    dir: path.join(box.project, '.sprid-cache'),
    version: '0.1.0',
    templatesHash: 't1',
    configHash: 'c1',
    ...overrides,
  }
}

function job(label: string, inputs: unknown, files: OutputFile[], format: FormatId = 'web') {
  const run = vi.fn(async () => files)
  const planned: PlannedJob = { format, job: { label, audience: 'boende', finding: null, inputs, run } }
  return { planned, run }
}

function file(filePath: string, contents: string | Uint8Array, format: FormatId = 'web'): OutputFile {
  return { path: filePath, contents, audience: 'boende', format, finding: null }
}

/** One whole build: jobs through the cache into a committed output folder. */
async function build(box: Sandbox, cache: BuildCache | undefined, jobs: PlannedJob[]) {
  const output = await prepareOutput({
    outDir: 'dist',
    projectRoot: box.project,
    home: box.home,
    protectedPaths: [box.findings, box.templates, path.join(box.project, '.sprid-cache')],
    version: '0.1.0',
  })
  try {
    const { results, failures } = await runJobs(jobs, { output, cache, concurrency: 2 })
    if (failures.length > 0) throw failures[0]!.error
    const { manifest } = await output.commit()
    return { results, manifest }
  } finally {
    await output.abort()
  }
}

async function countFiles(dir: string): Promise<number> {
  let count = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) count++
  }
  return count
}

describe('the build cache', () => {
  it('materializes a hit with identical bytes by hardlink, without running the job', async () => {
    const box = await sandbox()
    const pdf = new Uint8Array([37, 80, 68, 70, 0, 255])
    const files = [file('boende/deck.pdf', pdf, 'conference'), file('boende/deck.txt', 'notes', 'conference')]
    const first = job('boende/deck.pdf', { slides: ['a', 'b'] }, files, 'conference')
    const one = await build(box, openCache(cacheOptions(box)), [first.planned])
    expect(one.results[0]).toMatchObject({ cached: false, label: 'boende/deck.pdf' })
    expect(first.run).toHaveBeenCalledTimes(1)
    const before = await snapshot(box.dist)

    const again = job('boende/deck.pdf', { slides: ['a', 'b'] }, files, 'conference')
    const two = await build(box, openCache(cacheOptions(box)), [again.planned])
    expect(again.run).not.toHaveBeenCalled()
    expect(two.results[0]).toMatchObject({ cached: true, key: one.results[0]!.key })
    expect(two.results[0]!.entries).toEqual(one.results[0]!.entries)
    expect(two.manifest).toEqual(one.manifest)
    expect(await snapshot(box.dist)).toEqual(before)
    expect(new Uint8Array(await readFile(path.join(box.dist, 'boende/deck.pdf')))).toEqual(pdf)
    // Same filesystem: the output file is a hardlink of the cached object.
    expect((await stat(path.join(box.dist, 'boende/deck.pdf'))).nlink).toBeGreaterThan(1)
  })

  it('runs the job again when its inputs, templates, config, version or format change', async () => {
    const box = await sandbox()
    const base = job('x', { a: 1 }, [file('x.html', 'x')])
    const cache = openCache(cacheOptions(box))
    const key = cache.keyFor(base.planned.job, 'web')
    const variants = [
      cache.keyFor({ ...base.planned.job, inputs: { a: 2 } }, 'web'),
      cache.keyFor({ ...base.planned.job, inputs: { a: '1' } }, 'web'),
      cache.keyFor({ ...base.planned.job, audience: 'press' }, 'web'),
      cache.keyFor(base.planned.job, 'handout'),
      openCache(cacheOptions(box, { templatesHash: 't2' })).keyFor(base.planned.job, 'web'),
      openCache(cacheOptions(box, { configHash: 'c2' })).keyFor(base.planned.job, 'web'),
      openCache(cacheOptions(box, { version: '0.2.0' })).keyFor(base.planned.job, 'web'),
      openCache(cacheOptions(box, { salt: { chromium: '140' } })).keyFor(base.planned.job, 'web'),
    ]
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1)
    const renamed: RenderJob = { ...base.planned.job, label: 'renamed' }
    expect(cache.keyFor(renamed, 'web')).toBe(key)

    await build(box, cache, [base.planned])
    const changed = job('x', { a: 2 }, [file('x.html', 'y')])
    await build(box, openCache(cacheOptions(box)), [changed.planned])
    expect(changed.run).toHaveBeenCalledTimes(1)
    expect(await readFile(path.join(box.dist, 'x.html'), 'utf8')).toBe('y')
  })

  it('treats a corrupt entry as a miss', async () => {
    const box = await sandbox()
    const first = job('x', { a: 1 }, [file('x.html', 'x')])
    const { results } = await build(box, openCache(cacheOptions(box)), [first.planned])
    const key = results[0]!.key!
    const entry = path.join(box.project, '.sprid-cache/entries', key.slice(0, 2), `${key}.json`)

    for (const garbage of ['{"cache":1,"key":', '', 'null', '{"cache":1,"key":"x","files":[]}',
      `{"cache":1,"key":"${key}","files":[{"path":"../x","audience":null,"format":"web","finding":null,"bytes":1,"sha256":"${'0'.repeat(64)}"}]}`]) {
      await writeFile(entry, garbage)
      expect(await openCache(cacheOptions(box)).get(key), garbage).toBeUndefined()
      const again = job('x', { a: 1 }, [file('x.html', 'x')])
      const rebuilt = await build(box, openCache(cacheOptions(box)), [again.planned])
      expect(again.run).toHaveBeenCalledTimes(1)
      expect(rebuilt.results[0]!.cached).toBe(false)
    }
    // The rebuild repaired the entry.
    expect(await openCache(cacheOptions(box)).get(key)).toBeDefined()
  })

  it('treats a damaged or missing object as a miss', async () => {
    const box = await sandbox()
    const first = job('x', { a: 1 }, [file('x.html', 'original')])
    await build(box, openCache(cacheOptions(box)), [first.planned])
    // Edit the output in place: the cache object shares its bytes through the hardlink.
    await writeFile(path.join(box.dist, 'x.html'), 'EDITED!!', { flag: 'r+' })

    const second = job('x', { a: 1 }, [file('x.html', 'original')])
    await build(box, openCache(cacheOptions(box)), [second.planned])
    expect(second.run).toHaveBeenCalledTimes(1)
    expect(await readFile(path.join(box.dist, 'x.html'), 'utf8')).toBe('original')

    const objects = path.join(box.project, '.sprid-cache/objects')
    for (const folder of await readdir(objects)) {
      for (const name of await readdir(path.join(objects, folder))) await unlink(path.join(objects, folder, name))
    }
    const third = job('x', { a: 1 }, [file('x.html', 'original')])
    await build(box, openCache(cacheOptions(box)), [third.planned])
    expect(third.run).toHaveBeenCalledTimes(1)
  })

  it('does not fail the build when the cache cannot be written', async () => {
    const box = await sandbox()
    // A file where the cache folder should be.
    await writeFile(path.join(box.project, 'not-a-folder'), 'x')
    const cache = openCache(cacheOptions(box, { dir: path.join(box.project, 'not-a-folder') }))
    const first = job('x', { a: 1 }, [file('x.html', 'x')])
    const { results } = await build(box, cache, [first.planned])
    expect(results[0]!.cached).toBe(false)
    expect(await cache.get(results[0]!.key!)).toBeUndefined()
  })

  it('keeps the cache out of git', async () => {
    const box = await sandbox()
    await build(box, openCache(cacheOptions(box)), [job('x', {}, [file('x.html', 'x')]).planned])
    expect(await readFile(path.join(box.project, '.sprid-cache/.gitignore'), 'utf8')).toBe('*\n')
  })

  it('prunes entries and objects the last build did not use', async () => {
    const box = await sandbox()
    const shared = 'body { font: 1rem Inter }'
    const jobs = () => ({
      a: job('a', { a: 1 }, [file('a.html', 'A'), file('a.css', shared)]),
      b: job('b', { b: 1 }, [file('b.html', 'B'), file('b.css', shared)]),
    })
    const cacheDir = path.join(box.project, '.sprid-cache')
    const first = jobs()
    await build(box, openCache(cacheOptions(box)), [first.a.planned, first.b.planned])
    expect(await countFiles(path.join(cacheDir, 'entries'))).toBe(2)
    expect(await countFiles(path.join(cacheDir, 'objects'))).toBe(3)

    // The next build only has `a`.
    const second = jobs()
    const cache = openCache(cacheOptions(box))
    await build(box, cache, [second.a.planned])
    expect(second.a.run).not.toHaveBeenCalled()
    const pruned = await cache.prune()
    expect(pruned).toEqual({ entries: 1, objects: 1, json: 0, bytes: 1 })
    expect(await countFiles(path.join(cacheDir, 'entries'))).toBe(1)
    expect(await countFiles(path.join(cacheDir, 'objects'))).toBe(2)

    // `a` is still a hit, `b` is not.
    const third = jobs()
    await build(box, openCache(cacheOptions(box)), [third.a.planned, third.b.planned])
    expect(third.a.run).not.toHaveBeenCalled()
    expect(third.b.run).toHaveBeenCalledTimes(1)

    // Explicit keep list: keep nothing.
    const empty = await openCache(cacheOptions(box)).prune([])
    expect(empty).toMatchObject({ entries: 2, objects: 3 })
    expect(await countFiles(path.join(cacheDir, 'objects'))).toBe(0)
  })
})

describe('messages reported by jobs', () => {
  function reporting(label: string, severity: 'warning' | 'error') {
    const run = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, label === 'slow' ? 20 : 1))
      recordJobMessage({ severity, ruleId: 'render', message: `${label} overflows`, file: `${label}.md` })
      return [file(`${label}.pdf`, label, 'handout')]
    })
    const planned: PlannedJob = { format: 'handout', job: { label, audience: null, finding: label, inputs: label, run } }
    return { planned, run }
  }

  it('are attributed to the right job when jobs run in parallel, and replayed on a hit', async () => {
    const box = await sandbox()
    expect(recordJobMessage({ severity: 'warning', ruleId: 'render', message: 'outside' })).toBe(false)
    const first = await build(box, openCache(cacheOptions(box)), [
      reporting('slow', 'warning').planned,
      reporting('fast', 'warning').planned,
    ])
    expect(first.results.map((result) => result.messages.map((message) => message.message))).toEqual([
      ['slow overflows'],
      ['fast overflows'],
    ])

    const slow = reporting('slow', 'warning')
    const second = await build(box, openCache(cacheOptions(box)), [slow.planned])
    expect(slow.run).not.toHaveBeenCalled()
    expect(second.results[0]).toMatchObject({
      cached: true,
      messages: [{ severity: 'warning', ruleId: 'render', message: 'slow overflows', file: 'slow.md' }],
    })
  })

  it('keep a job that reported an error out of the cache', async () => {
    const box = await sandbox()
    const cache = openCache(cacheOptions(box))
    const output = await prepareOutput({ outDir: 'dist', projectRoot: box.project, home: box.home, version: '1' })
    const failing = reporting('bad', 'error')
    const result = await runJob(failing.planned, { output, cache })
    expect(result.messages).toHaveLength(1)
    expect(await cache.get(result.key!)).toBeUndefined()
    await output.abort()
  })

  it('are kept for failed jobs', async () => {
    const box = await sandbox()
    const output = await prepareOutput({ outDir: 'dist', projectRoot: box.project, home: box.home, version: '1' })
    const job: RenderJob = {
      label: 'x',
      audience: null,
      finding: null,
      inputs: {},
      run: async () => {
        recordJobMessage({ severity: 'warning', ruleId: 'render', message: 'first' })
        throw new Error('then boom')
      },
    }
    const { failures } = await runJobs([{ format: 'web', job }], { output })
    expect(failures[0]!.messages.map((message) => message.message)).toEqual(['first'])
    await output.abort()
  })
})

describe('the JSON store', () => {
  it('round-trips values by any plain key and prunes unused ones per namespace', async () => {
    const box = await sandbox()
    const cache = openCache(cacheOptions(box))
    expect(await cache.getJSON('views', { finding: 'f1', hash: 'abc' })).toBeUndefined()
    await cache.putJSON('views', { finding: 'f1', hash: 'abc' }, { title: 'F1', tags: ['a'] })
    await cache.putJSON('views', { finding: 'f2', hash: 'def' }, { title: 'F2' })
    await cache.putJSON('other', 'k', 1)

    const next = openCache(cacheOptions(box))
    expect(await next.getJSON('views', { hash: 'abc', finding: 'f1' })).toEqual({ title: 'F1', tags: ['a'] })
    expect(await next.getJSON('views', { finding: 'f1', hash: 'abd' })).toBeUndefined()
    // Only `views` was used: its unused value goes, `other` stays untouched.
    expect(await next.prune()).toMatchObject({ json: 1 })
    const after = openCache(cacheOptions(box))
    expect(await after.getJSON('views', { finding: 'f2', hash: 'def' })).toBeUndefined()
    expect(await after.getJSON('views', { finding: 'f1', hash: 'abc' })).toEqual({ title: 'F1', tags: ['a'] })
    expect(await openCache(cacheOptions(box)).getJSON('other', 'k')).toBe(1)
  })

  it('treats a corrupt value as a miss and starts over with a new sprid version', async () => {
    const box = await sandbox()
    const cache = openCache(cacheOptions(box))
    await cache.putJSON('views', 'f1', { ok: true })
    const folder = path.join(box.project, '.sprid-cache/json/views')
    const [sub] = await readdir(folder)
    const [name] = await readdir(path.join(folder, sub!))
    await writeFile(path.join(folder, sub!, name!), '{"cache":1,"key":"')
    expect(await openCache(cacheOptions(box)).getJSON('views', 'f1')).toBeUndefined()

    await cache.putJSON('views', 'f1', { ok: true })
    expect(await openCache(cacheOptions(box, { version: '9.9.9' })).getJSON('views', 'f1')).toBeUndefined()
    await expect(cache.getJSON('../x', 'k')).rejects.toThrow(TypeError)
    await expect(cache.putJSON('', 'k', 1)).rejects.toThrow(TypeError)
  })
})

describe('runJobs', () => {
  it('runs every job, reports failures without stopping, and keeps the given order', async () => {
    const box = await sandbox()
    const output = await prepareOutput({ outDir: 'dist', projectRoot: box.project, home: box.home, version: '1' })
    const broken: RenderJob = {
      label: 'broken',
      audience: null,
      finding: null,
      inputs: {},
      run: async () => {
        throw new Error('template error')
      },
    }
    const progress: string[] = []
    const jobs: PlannedJob[] = [
      job('one', 1, [file('1.html', '1')]).planned,
      { format: 'web', job: broken },
      job('three', 3, [file('3.html', '3')]).planned,
      job('clash', 4, [file('1.html', 'again')]).planned,
    ]
    const { results, failures } = await runJobs(jobs, {
      output,
      concurrency: 1,
      onProgress: (event) => progress.push(`${event.done}/${event.total} ${event.label}${event.error ? ' failed' : ''}`),
    })
    expect(results.map((result) => result.label)).toEqual(['one', 'three'])
    expect(failures.map((failure) => failure.label)).toEqual(['broken', 'clash'])
    expect(String(failures[0]!.error)).toContain('template error')
    expect(progress).toEqual(['1/4 one', '2/4 broken failed', '3/4 three', '4/4 clash failed'])
    await output.abort()
  })

  it('limits concurrency', async () => {
    const box = await sandbox()
    const output = await prepareOutput({ outDir: 'dist', projectRoot: box.project, home: box.home, version: '1' })
    let running = 0
    let peak = 0
    const jobs: PlannedJob[] = Array.from({ length: 10 }, (_, index) => ({
      format: 'web',
      job: {
        label: `j${index}`,
        audience: null,
        finding: null,
        inputs: index,
        run: async () => {
          running++
          peak = Math.max(peak, running)
          await new Promise((resolve) => setTimeout(resolve, 5))
          running--
          return [file(`${index}.html`, String(index))]
        },
      },
    }))
    const { results } = await runJobs(jobs, { output, concurrency: 3 })
    expect(results).toHaveLength(10)
    expect(peak).toBe(3)
    await output.abort()
  })

  it('stops starting jobs when aborted', async () => {
    const box = await sandbox()
    const output = await prepareOutput({ outDir: 'dist', projectRoot: box.project, home: box.home, version: '1' })
    const controller = new AbortController()
    const second = job('two', 2, [file('2.html', '2')])
    const jobs = [job('one', 1, [file('1.html', '1')]).planned, second.planned]
    await expect(
      runJobs(jobs, { output, concurrency: 1, signal: controller.signal, onProgress: () => controller.abort() }),
    ).rejects.toThrow()
    expect(second.run).not.toHaveBeenCalled()
    await output.abort()
  })

  it('runs a single job without a cache', async () => {
    const box = await sandbox()
    const output = await prepareOutput({ outDir: 'dist', projectRoot: box.project, home: box.home, version: '1' })
    const single = job('one', 1, [file('1.html', '1')])
    expect(await runJob(single.planned, { output })).toMatchObject({ cached: false, key: undefined })
    await output.abort()
  })
})
