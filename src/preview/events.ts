/**
 * Server-Sent Events for live reload: one `data:` line of JSON per event.
 *
 * - `{ type: 'hello', version, ok }` on connecting (a page older than `version` reloads)
 * - `{ type: 'error', messages, html }` when a build failed (`html` is the escaped overlay)
 * - `{ type: 'ok', version, changed }` when a build succeeded (the overlay goes away); `changed` output files
 * - `{ type: 'reload', version, changed }` right after `ok` when any output changed: pages reload
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PreviewProblem } from './problems.js'

export type PreviewEvent =
  | { type: 'hello'; version: number; ok: boolean }
  | { type: 'error'; messages: readonly PreviewProblem[]; html: string }
  | { type: 'ok'; version: number; changed: number }
  | { type: 'reload'; version: number; changed: number }

export interface EventHub {
  /** Take over `response` as an event stream and send it `initial` first. */
  connect(request: IncomingMessage, response: ServerResponse, initial: readonly PreviewEvent[]): void
  broadcast(event: PreviewEvent): void
  /** Open streams. */
  readonly size: number
  /** End every stream and stop the heartbeat. */
  close(): void
}

/** Comments sent this often keep idle connections open through proxies. */
const HEARTBEAT_MS = 25_000

export function createEventHub(): EventHub {
  const clients = new Set<ServerResponse>()
  let heartbeat: NodeJS.Timeout | undefined

  const send = (response: ServerResponse, chunk: string) => {
    if (!response.writableEnded) response.write(chunk)
  }

  return {
    connect(request, response, initial) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      send(response, 'retry: 1000\n\n')
      for (const event of initial) send(response, format(event))
      clients.add(response)
      request.socket.setNoDelay(true)
      request.on('close', () => {
        clients.delete(response)
        if (clients.size === 0 && heartbeat) {
          clearInterval(heartbeat)
          heartbeat = undefined
        }
      })
      heartbeat ??= setInterval(() => {
        for (const client of clients) send(client, ': ping\n\n')
      }, HEARTBEAT_MS).unref()
    },
    broadcast(event) {
      const chunk = format(event)
      for (const client of clients) send(client, chunk)
    },
    get size() {
      return clients.size
    },
    close() {
      if (heartbeat) clearInterval(heartbeat)
      heartbeat = undefined
      for (const client of clients) client.end()
      clients.clear()
    },
  }
}

function format(event: PreviewEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`
}
