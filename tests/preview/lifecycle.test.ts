/** Starting and stopping: port fallback, and `close()` leaving nothing behind. */
import { access } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preview, PreviewServerError } from '../../src/preview/index.js'
import { createProject, rawRequest } from './helpers.js'

let project: Awaited<ReturnType<typeof createProject>>

beforeAll(async () => {
  project = await createProject()
})

afterAll(async () => {
  await project?.remove()
})

/** Listen on a random high port, like another dev server sitting on 4321. */
async function occupy(): Promise<{ port: number; server: Server }> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 40_000)
    const server = createServer()
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false))
      server.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (ok) return { port: (server.address() as AddressInfo).port, server }
  }
}

/** The kinds of handles that would keep the process alive. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) {
    if (['TCPServerWrap', 'TCPSocketWrap', 'FSEventWrap', 'StatWatcher'].includes(kind)) counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}

/** Wait (a little) until there are no more handles of each kind than `before`; sockets finish closing on later turns of the event loop. */
async function expectNoMoreHandles(before: Record<string, number>): Promise<void> {
  const more = () => Object.entries(handles()).filter(([kind, count]) => count > (before[kind] ?? 0))
  for (let i = 0; i < 40 && more().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 25))
  expect(Object.fromEntries(more())).toEqual({})
}

describe('the port', () => {
  it('takes the next free port when the wanted one is taken', async () => {
    const taken = await occupy()
    try {
      const server = await preview(project.root, { date: '2026-01-01', port: taken.port })
      try {
        expect(server.port).toBeGreaterThan(taken.port)
        expect(server.port).toBeLessThanOrEqual(taken.port + 20)
        expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
        expect((await rawRequest(server.port, '/boende/')).status).toBe(200)
      } finally {
        await server.close()
      }
    } finally {
      await new Promise((resolve) => taken.server.close(resolve))
    }
  })

  it('fails with a PreviewServerError when it cannot listen, and cleans up', async () => {
    const before = handles()
    // A documentation address (TEST-NET-3): never one of this machine's.
    await expect(preview(project.root, { date: '2026-01-01', port: 0, host: '203.0.113.1' })).rejects.toBeInstanceOf(PreviewServerError)
    await expectNoMoreHandles(before)
  })
})

describe('close()', () => {
  it('closes the server, open event streams and the watcher, and removes the build folder', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50))
    const before = handles()
    const server = await preview(project.root, { date: '2026-01-01', port: 0 })
    const during = handles()
    expect(during.FSEventWrap ?? 0).toBeGreaterThan(before.FSEventWrap ?? 0)
    expect(during.TCPServerWrap ?? 0).toBeGreaterThan(before.TCPServerWrap ?? 0)

    // An open event stream must not keep the server open.
    const stream = new Promise<void>((resolve) => {
      import('node:http').then(({ get }) =>
        get({ host: '127.0.0.1', port: server.port, path: '/__sprid/events', agent: false }, (response) => {
          response.resume()
          response.on('close', () => resolve())
          response.on('error', () => resolve())
        }),
      )
    })
    await new Promise((resolve) => setTimeout(resolve, 100))

    await server.close()
    await stream
    await expect(rawRequest(server.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await expect(access(server.outDir)).rejects.toMatchObject({ code: 'ENOENT' })
    await expectNoMoreHandles(before)
    // Closing twice is fine.
    await server.close()
  })

  it('refuses flags that editing files cannot fix, and cleans up', async () => {
    const before = handles()
    await expect(preview(project.root, { date: '2026-01-01', port: 0, audiences: ['nobody'] })).rejects.toThrow(/Unknown audience `nobody`/)
    await expectNoMoreHandles(before)
  })
})

describe('the signal', () => {
  it('closes the preview when aborted, as Ctrl-C does', async () => {
    const controller = new AbortController()
    const server = await preview(project.root, { date: '2026-01-01', port: 0, signal: controller.signal })
    controller.abort()
    await server.closed
    await expect(rawRequest(server.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    await expect(access(server.outDir)).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('stops a preview that is still starting, and leaves nothing behind', async () => {
    const before = handles()
    const controller = new AbortController()
    const starting = preview(project.root, { date: '2026-01-01', port: 0, signal: controller.signal })
    setTimeout(() => controller.abort(new Error('stopped')), 5)
    await expect(starting).rejects.toThrow('stopped')
    await expectNoMoreHandles(before)
  })
})
