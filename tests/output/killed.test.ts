import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { prepareOutput } from '../../src/output/index.js'
import { sandbox, snapshot } from './helpers.js'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const child = fileURLToPath(new URL('fixtures/slow-build.ts', import.meta.url))

describe('a build killed mid-way', () => {
  it('leaves the previous output intact, and the next build cleans up after it', async () => {
    const box = await sandbox()
    const options = { outDir: 'dist', projectRoot: box.project, home: box.home, version: '0.1.0' }
    const first = await prepareOutput(options)
    await first.write({ path: 'index.html', contents: 'v1', audience: null, format: 'web', finding: null })
    await first.commit()
    const before = await snapshot(box.dist)

    const proc = spawn(process.execPath, ['--import', 'jiti/register', child, box.project, box.home], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise((resolve) => proc.on('exit', (_code, signal) => resolve(signal)))
    try {
      let stderr = ''
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      await new Promise<void>((resolve, reject) => {
        proc.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('writing')) resolve()
        })
        proc.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
      })
    } finally {
      proc.kill('SIGKILL')
    }
    expect(await exited).toBe('SIGKILL')

    // The killed build left its temporary folder and lock, and did not touch dist.
    const left = (await readdir(box.project)).sort()
    expect(left).toContain('.dist.sprid-lock')
    expect(left.some((name) => name.startsWith('.dist.sprid-tmp-'))).toBe(true)
    expect(await snapshot(box.dist)).toEqual(before)

    // The next build takes over the stale lock and removes the stale folder.
    const next = await prepareOutput(options)
    const during = (await readdir(box.project)).filter((name) => name.startsWith('.dist.sprid-tmp-'))
    expect(during).toEqual([path.basename(next.tempDir)])
    await next.write({ path: 'index.html', contents: 'v2', audience: null, format: 'web', finding: null })
    await next.commit()
    expect((await readdir(box.project)).sort()).toEqual(['dist', 'findings', 'templates'])
    expect(await snapshot(box.dist)).toMatchObject({ 'index.html': 'v2' })
  }, 30_000)
})
