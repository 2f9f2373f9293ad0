/**
 * Crash and relaunch, the relaunch cap, and no orphan Chromium after close,
 * signals, exit or a crash of sprid itself. Each test uses its own browser.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BrowserLaunchError, createBrowserManager } from '../../src/browser/index.js'
import { isAlive, processesMentioning, rendererPids } from './helpers.js'

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>t</title><style>@page{size:A6}</style></head><body>${body}</body></html>`

describe('crash and relaunch', () => {
  it('relaunches once when the browser is killed mid-job, and the job succeeds', async () => {
    let killed: number | undefined
    const manager = createBrowserManager({
      concurrency: 1,
      onBlockedRequest(event) {
        // The page asks for a missing asset while loading: kill the browser right then.
        const { pid } = manager.status()
        if (event.reason === 'missing-asset' && killed === undefined && pid) {
          killed = pid
          process.kill(pid, 'SIGKILL')
        }
      },
    })
    try {
      const pdf = await manager.pdf(page('<img src="https://sprid.local/img/missing.png"><p>x</p>'), {
        label: 'crash/mid-job',
        assets: [],
      })
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
      expect(killed).toBeDefined()
      expect(manager.status().launches).toBe(2)
      expect(manager.status().pid).not.toBe(killed)
      await expect.poll(() => isAlive(killed!)).toBe(false)

      // Killed between jobs: the next job relaunches too.
      const second = manager.status().pid!
      process.kill(second, 'SIGKILL')
      await expect.poll(() => manager.status().running).toBe(false)
      const text = await manager.evaluate(page('<p>after</p>'), { label: 'crash/next', assets: [] }, () =>
        document.body.textContent,
      )
      expect(text).toBe('after')
      expect(manager.status().launches).toBe(3)
    } finally {
      await manager.close()
    }
  }, 120_000)

  it('lets a job whose page crashed wind up before retrying it, so their pages never overlap', async () => {
    let crashed: number[] = []
    const manager = createBrowserManager({
      concurrency: 1,
      onBlockedRequest(event) {
        // The page asks for a missing asset while loading: kill the renderers (not the browser).
        const { userDataDir } = manager.status()
        if (event.reason === 'missing-asset' && crashed.length === 0 && userDataDir) {
          crashed = rendererPids(userDataDir)
          for (const pid of crashed) process.kill(pid, 'SIGKILL')
        }
      },
    })
    try {
      const pdf = await manager.pdf(page('<img src="https://sprid.local/img/missing.png"><p>x</p>'), {
        label: 'crash/page',
        assets: [],
      })
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-')
      expect(crashed.length).toBeGreaterThan(0)
      // The browser lived on; the retry had the only page (concurrency 1) to itself.
      expect(manager.status().launches).toBe(1)
      expect(manager.status().pages).toMatchObject({ open: 0, peak: 1 })
    } finally {
      await manager.close()
    }
  }, 120_000)

  it('gives up after maxRelaunches with a launch error (exit code 3)', async () => {
    const manager = createBrowserManager({ concurrency: 1, maxRelaunches: 0 })
    try {
      await manager.session()
      process.kill(manager.status().pid!, 'SIGKILL')
      const error = await manager
        .pdf(page('<p>x</p>'), { label: 'crash/cap', assets: [] })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BrowserLaunchError)
      expect((error as BrowserLaunchError).exitCode).toBe(3)
      expect((error as Error).message).toMatch(/crashed 1 times/)
    } finally {
      await manager.close()
    }
  }, 120_000)
})

describe('no orphans', () => {
  it('close() ends the browser and removes its profile', async () => {
    const manager = createBrowserManager({ concurrency: 1 })
    await manager.session()
    const { pid, userDataDir } = manager.status()
    expect(pid && isAlive(pid)).toBe(true)
    expect(existsSync(userDataDir!)).toBe(true)
    await manager.close()
    await manager.close() // twice is fine
    await expect.poll(() => isAlive(pid!)).toBe(false)
    expect(existsSync(userDataDir!)).toBe(false)
    // Chromium's helper processes exit a moment after the main one.
    await expect.poll(() => processesMentioning(userDataDir!), { timeout: 10_000 }).toEqual([])
    await expect(manager.session()).rejects.toThrow(/closed/)
  }, 120_000)

  const child = fileURLToPath(new URL('./fixtures/orphan-child.ts', import.meta.url))

  async function runChild(mode: string) {
    const proc = spawn(process.execPath, ['--import', 'jiti/register', child, mode], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      env: { ...process.env, JITI_TRY_NATIVE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      proc.on('exit', (c, s) => resolve([c, s])),
    )
    const line = stdout.split('\n').find((l) => l.startsWith('{'))
    if (!line) throw new Error(`child printed no pid (code ${code}, signal ${signal}):\n${stderr}`)
    const { pid, userDataDir } = JSON.parse(line) as { pid: number; userDataDir: string }
    return { code, signal, pid, userDataDir, stderr }
  }

  it.each([
    ['SIGINT', { signal: 'SIGINT', code: null }],
    ['SIGTERM', { signal: 'SIGTERM', code: null }],
    ['exit', { signal: null, code: 0 }],
    ['throw', { signal: null, code: 1 }],
  ] as const)('leaves no Chromium behind after %s', async (mode, expected) => {
    const result = await runChild(mode)
    expect({ signal: result.signal, code: result.code }).toEqual(expected)
    expect(result.pid).toBeGreaterThan(0)
    await expect.poll(() => isAlive(result.pid), { timeout: 5_000 }).toBe(false)
    // The whole process group got SIGKILL; on a loaded machine a helper can
    // take a moment to finish dying (tearing down its memory), as after close().
    await expect.poll(() => processesMentioning(result.userDataDir), { timeout: 10_000 }).toEqual([])
    expect(existsSync(result.userDataDir)).toBe(false)
  }, 120_000)
})
