/** A small project in a temp folder, and raw HTTP and event-stream clients for the preview. */
import { request } from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export const FINDING_A = `---
title: Mötesplatser gör skillnad
summary: Boende som möts får fler idéer.
date: 2020-02-06
tags: [boende]
evidence: strong
---

Fyra labb prövade nya mötesplatser.

## Bakgrund

Många känner inte sina grannar.
`

export const FINDING_B = `---
title: Mätbara mål hjälper
summary: Labb med mätbara mål nådde längre.
date: 2020-03-01
tags: [boende]
evidence: moderate
---

Mål som går att mäta gör det lättare att följa upp.
`

/** Two findings and one audience that gets `formats` (the web format unless told). */
export async function createProject(formats: readonly string[] = ['web']): Promise<{ root: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sprid-preview-project-'))
  await mkdir(path.join(root, 'findings', 'audiences'), { recursive: true })
  await writeFile(path.join(root, 'sprid.config.yaml'), 'title: Testprojekt\nlang: sv\nbaseUrl: https://example.org/test\n')
  await writeFile(path.join(root, 'findings', 'motesplatser.md'), FINDING_A)
  await writeFile(path.join(root, 'findings', 'matbara-mal.md'), FINDING_B)
  await writeFile(
    path.join(root, 'findings', 'audiences', 'boende.md'),
    `---\nname: Boende\nselect: { tags: [boende] }\nformats: [${formats.join(', ')}]\n---\n\nDet här är vad labben lärde sig.\n`,
  )
  return { root, remove: () => rm(root, { recursive: true, force: true }) }
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** GET (or another method) with the path sent exactly as given: no URL normalization, unlike `fetch`. */
export function rawRequest(port: number, rawPath: string, options: { method?: string; host?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers }, agent: false },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

export interface EventClient {
  /** Every event received so far. */
  events: { type: string; [key: string]: unknown }[]
  /** The first event from index `from` on that satisfies `predicate`. */
  next(predicate: (event: { type: string; [key: string]: unknown }) => boolean, options?: { from?: number; timeout?: number }): Promise<{ type: string; [key: string]: unknown }>
  close(): void
}

/** Connect to the preview's event stream. Resolves once the `hello` event arrived. */
export function connectEvents(port: number): Promise<EventClient> {
  return new Promise((resolve, reject) => {
    const events: EventClient['events'] = []
    const waiters = new Set<() => void>()
    const req = request({ host: '127.0.0.1', port, path: '/__sprid/events', agent: false }, (res) => {
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n')
          if (data) events.push(JSON.parse(data))
        }
        for (const waiter of waiters) waiter()
      })
      const client: EventClient = {
        events,
        next(predicate, { from = 0, timeout = 20_000 } = {}) {
          return new Promise((resolveEvent, rejectEvent) => {
            const check = () => {
              const found = events.slice(from).find(predicate)
              if (!found) return
              waiters.delete(check)
              clearTimeout(timer)
              resolveEvent(found)
            }
            const timer = setTimeout(() => {
              waiters.delete(check)
              rejectEvent(new Error(`No matching event within ${timeout} ms; got ${JSON.stringify(events.map((e) => e.type))}`))
            }, timeout)
            waiters.add(check)
            check()
          })
        },
        close: () => req.destroy(),
      }
      client.next((event) => event.type === 'hello').then(() => resolve(client), reject)
    })
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error)
    })
    req.end()
  })
}
