/**
 * The preview's HTTP server: the build folder (with the live-reload client
 * in every HTML page), the preview pages under `/__sprid/` and the event
 * stream. GET and HEAD only; on loopback only unless a host was chosen.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import createDebug from 'debug'
import { EVENTS_PATH, injectClient } from './client.js'
import { PreviewServerError } from './errors.js'
import type { EventHub, PreviewEvent } from './events.js'
import { overlayHtml } from './overlay.js'
import { findingPage, indexPage, pdfFailedPage, PREVIEW_BASE, type PagesData, type PagesStatus } from './pages.js'
import { injectPaged, PAGED_SCRIPT_PATH, pagedPolyfill, wantsPaged } from './paged.js'
import { PRINTED_FILES, printedFrom, type PrintOutcome } from './print.js'
import type { PreviewProblem } from './problems.js'
import { contentType, resolveRequest } from './static.js'

const debug = createDebug('sprid:preview')

/** What the server needs to know about the builds. */
export interface ServerState {
  /** Successful builds so far; pages embed it and reload when it moves on. */
  version: number
  /** The last build's errors; empty when it succeeded. */
  problems: readonly PreviewProblem[]
  /** The last good build, for the preview pages; `undefined` before the first. */
  pages: PagesData | undefined
}

export interface ServerContext {
  /** The build folder. */
  outDir: string
  state(): ServerState
  /** Resolves once no build is running (a file missing during a build may appear when it commits). */
  idle(): Promise<void>
  events: EventHub
  /** Accept any `Host` header; otherwise only loopback names (against DNS rebinding). */
  anyHost: boolean
  /** Print `<audience>/<file>` (a key of `PRINTED_FILES`) now. */
  print(audience: string, file: string): Promise<PrintOutcome>
}

/** How to answer one request. */
interface Reply {
  request: IncomingMessage
  response: ServerResponse
  /** Add the live-reload client to a page. */
  inject: (page: string) => string
  status: PagesStatus
  head: boolean
}

/** `/__sprid/pdf/<audience>/<file>`: a PDF printed on demand. */
const PDF_BASE = `${PREVIEW_BASE}pdf/`

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function createPreviewServer(context: ServerContext): Server {
  const server = createServer((request, response) => {
    handle(context, request, response).catch((error: unknown) => {
      debug('request %s failed: %O', request.url, error)
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error', request.method === 'HEAD')
      else response.destroy()
    })
  })
  return server
}

async function handle(context: ServerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = request.url ?? '/'
  const head = request.method === 'HEAD'
  if (!context.anyHost && !isLoopbackHost(request.headers.host)) {
    return send(response, 403, 'text/plain; charset=utf-8', 'This host name is not allowed. Start the preview with --host to serve other names.', head)
  }
  if (request.method !== 'GET' && !head) {
    response.setHeader('allow', 'GET, HEAD')
    return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', head)
  }
  const pathname = url.split(/[?#]/, 1)[0]!
  const state = context.state()
  const framed = request.headers['sec-fetch-dest'] === 'iframe'
  const inject = (page: string) => injectClient(page, { version: state.version, problems: state.problems, framed })
  const status = { ok: state.problems.length === 0, errors: state.problems.length }

  if (pathname === EVENTS_PATH) {
    if (head) return send(response, 200, 'text/event-stream; charset=utf-8', '', head)
    const initial: PreviewEvent[] = [{ type: 'hello', version: state.version, ok: status.ok }]
    if (!status.ok) {
      initial.push({ type: 'error', messages: state.problems, html: overlayHtml(state.problems) })
    }
    return context.events.connect(request, response, initial)
  }
  if (pathname === PREVIEW_BASE || pathname === PREVIEW_BASE.slice(0, -1)) {
    return send(response, 200, 'text/html; charset=utf-8', inject(await indexPage(state.pages, status)), head)
  }
  if (pathname.startsWith(`${PREVIEW_BASE}finding/`)) {
    let id: string
    try {
      id = decodeURIComponent(pathname.slice(`${PREVIEW_BASE}finding/`.length).replace(/\/$/, ''))
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad request', head)
    }
    const page = await findingPage(state.pages, status, id)
    if (page) return send(response, 200, 'text/html; charset=utf-8', inject(page), head)
    return notFound(response, inject, head)
  }
  if (pathname === PAGED_SCRIPT_PATH) return send(response, 200, 'text/javascript; charset=utf-8', await pagedPolyfill(), head)
  if (pathname.startsWith(PDF_BASE)) return printOnDemand(context, pathname.slice(PDF_BASE.length), { request, response, inject, status, head })
  if (pathname.startsWith(PREVIEW_BASE)) return notFound(response, inject, head)

  let resolved = await resolveRequest(context.outDir, url)
  if (resolved.kind === 'error' && resolved.status === 404) {
    // The build folder is swapped when a build commits; ask again once it has.
    await context.idle()
    resolved = await resolveRequest(context.outDir, url)
  }
  if (resolved.kind === 'redirect') {
    response.writeHead(301, { location: resolved.location, 'cache-control': 'no-store' })
    return void response.end()
  }
  if (resolved.kind === 'error') {
    // Without a web format there is no landing page: the preview index stands in.
    if (pathname === '/' && resolved.status === 404) {
      response.writeHead(302, { location: PREVIEW_BASE, 'cache-control': 'no-store' })
      return void response.end()
    }
    if (resolved.status === 404) return notFound(response, inject, head)
    return send(response, resolved.status, 'text/plain; charset=utf-8', resolved.status === 400 ? 'Bad request' : 'Forbidden', head)
  }
  const type = contentType(resolved.file)
  // The state is read before the file: should a build commit in between, the page says it is older than it is
  // and reloads once more, instead of missing the reload.
  const now = context.state()
  let body: Buffer | string
  try {
    body = await readFile(resolved.file)
  } catch {
    return notFound(response, inject, head)
  }
  if (type.startsWith('text/html')) {
    let page = body.toString('utf8')
    if (wantsPaged(url)) page = injectPaged(page, { pdfUrl: printedFrom(path.relative(context.outDir, resolved.file).split(path.sep).join('/')) })
    body = injectClient(page, { version: now.version, problems: now.problems, framed })
  }
  send(response, 200, type, body, head)
}

/**
 * Answer `/__sprid/pdf/<audience>/<file>`: print the PDF now and send it,
 * or a page with the problems that stopped it. Only files of a format the
 * audience gets in the last good build are printed.
 */
async function printOnDemand(context: ServerContext, rest: string, reply: Reply): Promise<void> {
  const { request, response, inject, status, head } = reply
  let audience: string, file: string
  try {
    ;[audience = '', file = ''] = rest.split('/').map(decodeURIComponent)
  } catch {
    return send(response, 400, 'text/plain; charset=utf-8', 'Bad request', head)
  }
  const state = context.state()
  const format = PRINTED_FILES.get(file)
  const known = rest.split('/').length === 2 && state.pages?.outputs.some((entry) => entry.audience === audience && entry.format === format)
  if (!format || !known) return notFound(response, inject, head)
  // Printing starts Chromium: not for a HEAD request, nor for another site's page that links here.
  if (head) return send(response, 405, 'text/plain; charset=utf-8', 'Follow the link (GET) to print the PDF', head)
  if (request.headers['sec-fetch-site'] === 'cross-site') return send(response, 403, 'text/plain; charset=utf-8', 'Forbidden', head)
  const outcome = await context.print(audience, file)
  if (!outcome.ok) return send(response, 500, 'text/html; charset=utf-8', inject(pdfFailedPage(`${audience}/${file}`, outcome.problems, status)), head)
  response.setHeader('x-sprid-print', outcome.cached ? 'cached' : 'printed')
  send(response, 200, 'application/pdf', outcome.pdf, head)
}

function notFound(response: ServerResponse, inject: (page: string) => string, head: boolean): void {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · sprid preview</title></head><body><h1>Not found</h1><p>The build has no such file. <a href="${PREVIEW_BASE}">All packs</a></p></body></html>`
  send(response, 404, 'text/html; charset=utf-8', inject(page), head)
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  response.writeHead(status, {
    'content-type': type,
    'content-length': bytes.byteLength,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(head ? undefined : bytes)
}

/** The host name of a `Host` header is a loopback name (`localhost`, `127.0.0.1`, `[::1]`, `*.localhost`). */
export function isLoopbackHost(header: string | undefined): boolean {
  if (!header) return false
  const name = header.replace(/:\d+$/, '').toLowerCase()
  return LOOPBACK_HOSTS.has(name) || name.endsWith('.localhost')
}

/**
 * Listen on `port`, or on the next free one when it is taken (up to
 * `attempts` ports in all). Port 0 takes any free port.
 *
 * @throws {PreviewServerError} when no port could be used.
 */
export async function listen(server: Server, port: number, host: string, attempts = 20): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const candidate = port === 0 ? 0 : port + attempt
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => {
          server.off('listening', onListening)
          reject(error)
        }
        const onListening = () => {
          server.off('error', onError)
          resolve()
        }
        server.once('error', onError)
        server.once('listening', onListening)
        server.listen(candidate, host)
      })
      return (server.address() as AddressInfo).port
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EADDRINUSE' && port !== 0 && attempt + 1 < attempts && candidate < 65535) {
        debug('port %d is taken, trying %d', candidate, candidate + 1)
        continue
      }
      const why = code === 'EADDRINUSE' ? `ports ${port}–${candidate} are all taken` : (error as Error).message
      throw new PreviewServerError(`Cannot start the preview server on ${host}: ${why}. Choose another with --port.`, { cause: error })
    }
  }
}
