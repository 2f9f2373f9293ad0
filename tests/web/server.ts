/** A static file server on 127.0.0.1 for one folder, for loading built pages in Chromium. */
import { createServer, type Server } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { mimeType } from '../../src/render/assets.js'

export interface StaticServer {
  origin: string
  close(): Promise<void>
}

export async function serve(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir)
  const server: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      let file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`)
      if (file !== root && !file.startsWith(root + path.sep)) throw new Error('outside')
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html')
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': mimeType(file) })
      response.end(body)
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' })
      response.end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
