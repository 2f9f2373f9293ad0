/**
 * `preview()` on a small project in a temp folder: serving, safety, live
 * reload, the error overlay, and the preview's own pages. Real builds, real
 * HTTP, real file watching.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preview, type PreviewServer } from '../../src/preview/index.js'
import { connectEvents, createProject, FINDING_A, FINDING_B, rawRequest } from './helpers.js'

let project: Awaited<ReturnType<typeof createProject>>
let server: PreviewServer
const builds: { ok: boolean; changed: readonly string[] }[] = []

beforeAll(async () => {
  project = await createProject()
  server = await preview(project.root, {
    date: '2026-01-01',
    port: 0,
    onBuild: (build) => builds.push({ ok: build.ok, changed: build.changed }),
  })
})

afterAll(async () => {
  await server?.close()
  await project?.remove()
})

const get = (file: string) => rawRequest(server.port, file)

describe('serving the build', () => {
  it('builds once into a temporary folder and listens on 127.0.0.1', () => {
    expect(server.host).toBe('127.0.0.1')
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    expect(server.outDir.startsWith(project.root)).toBe(false)
    expect(builds[0]).toEqual({ ok: true, changed: [] })
    expect(server.last.ok).toBe(true)
  })

  it('serves pages with the live-reload client before </body>', async () => {
    const page = await get('/boende/motesplatser/index.html')
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('Mötesplatser gör skillnad')
    expect(page.body).toMatch(/<script>\(v=>\{[\s\S]*\/__sprid\/events[\s\S]*\}\)\(1\)<\/script><\/body>/)
    expect(page.body).not.toContain('<sprid-overlay>')
  })

  it('does not change the files in the build folder', async () => {
    const onDisk = await readFile(path.join(server.outDir, 'boende', 'motesplatser', 'index.html'), 'utf8')
    expect(onDisk).not.toContain('__sprid')
  })

  it('serves index.html for folders and redirects folders without a slash', async () => {
    const folder = await get('/boende/')
    expect(folder.status).toBe(200)
    expect(folder.body).toContain('Boende')
    const bare = await get('/boende?x=1')
    expect(bare.status).toBe(301)
    expect(bare.headers.location).toBe('/boende/?x=1')
    expect((await get('/')).status).toBe(200)
  })

  it('answers with the right MIME types', async () => {
    const types = Object.fromEntries(
      await Promise.all(['/assets/site.css', '/assets/favicon.svg', '/boende/feed.xml', '/manifest.json', '/sitemap.xml'].map(async (file) => [file, (await get(file)).headers['content-type']])),
    )
    expect(types).toMatchInlineSnapshot(`
      {
        "/assets/favicon.svg": "image/svg+xml",
        "/assets/site.css": "text/css; charset=utf-8",
        "/boende/feed.xml": "application/atom+xml; charset=utf-8",
        "/manifest.json": "application/json; charset=utf-8",
        "/sitemap.xml": "application/xml; charset=utf-8",
      }
    `)
    const font = (await readFile(path.join(server.outDir, 'manifest.json'), 'utf8')).match(/"path": "(assets\/fonts\/[^"]+\.woff2)"/)?.[1]
    expect((await get(`/${font}`)).headers['content-type']).toBe('font/woff2')
  })

  it('answers 404 for missing files, 405 for other methods, and HEAD without a body', async () => {
    const missing = await get('/boende/nothing-here/')
    expect(missing.status).toBe(404)
    expect((await rawRequest(server.port, '/index.html', { method: 'POST' })).status).toBe(405)
    const head = await rawRequest(server.port, '/index.html', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0)
  })

  it('refuses host names other than loopback ones (DNS rebinding)', async () => {
    expect((await rawRequest(server.port, '/index.html', { host: 'evil.example' })).status).toBe(403)
    expect((await rawRequest(server.port, '/index.html', { host: `localhost:${server.port}` })).status).toBe(200)
  })
})

describe('path traversal', () => {
  const SECRET = 'TOP-SECRET-' + Math.random().toString(36).slice(2)

  beforeAll(async () => {
    // Next to the build folder, and in the project: neither may be served.
    await writeFile(path.join(path.dirname(server.outDir), 'secret.txt'), SECRET)
    await writeFile(path.join(project.root, 'secret.txt'), SECRET)
  })

  const attempts = [
    '/../secret.txt',
    '/boende/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/.%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/boende%2F..%2F..%2Fsecret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/..%5csecret.txt',
    '/boende/..%5c..%5csecret.txt',
    '/secret.txt%00.html',
    '/%00/../secret.txt',
    '/%252e%252e/secret.txt',
    '/%25252e%25252e/secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '//secret.txt',
    '/./secret.txt',
    '/.sprid-output',
    `/${'../'.repeat(12)}etc/passwd`,
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  ]

  it.each(attempts)('refuses %s', async (attempt) => {
    const response = await get(attempt)
    expect([400, 403, 404]).toContain(response.status)
    expect(response.body).not.toContain(SECRET)
    expect(response.body).not.toContain('root:')
  })

  it('still serves the real file of the same name inside the folder', async () => {
    expect((await get('/sitemap.xml')).status).toBe(200)
  })
})

describe('the preview pages', () => {
  it('lists every pack, format and finding at /__sprid/', async () => {
    const index = await get('/__sprid/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('Boende')
    expect(index.body).toContain('href="/boende/index.html"')
    expect(index.body).toContain('href="/boende/motesplatser/index.html"')
    expect(index.body).toContain('href="/__sprid/finding/matbara-mal"')
    expect(index.body).toContain('/__sprid/events')
  })

  it('shows one finding side by side for every audience', async () => {
    const side = await get('/__sprid/finding/motesplatser')
    expect(side.status).toBe(200)
    expect(side.body).toContain('<iframe src="/boende/motesplatser/index.html"')
    expect((await get('/__sprid/finding/nope')).status).toBe(404)
    expect((await get('/__sprid/finding/%3Cscript%3E')).body).not.toContain('<script>alert')
  })
})

describe('live reload', () => {
  const file = () => path.join(project.root, 'findings', 'motesplatser.md')

  it('rebuilds after an edit and tells open pages to reload', async () => {
    const events = await connectEvents(server.port)
    try {
      const from = events.events.length
      await writeFile(file(), FINDING_A.replace('Mötesplatser gör skillnad', 'Mötesplatser gör stor skillnad'))
      const reload = await events.next((event) => event.type === 'reload', { from })
      expect(reload.version).toBeGreaterThan(1)
      expect(events.events.slice(from).map((e) => e.type)).toEqual(['ok', 'reload'])
      const page = await get('/boende/motesplatser/index.html')
      expect(page.body).toContain('Mötesplatser gör stor skillnad')
      expect(builds.at(-1)).toEqual({ ok: true, changed: ['findings/motesplatser.md'] })
    } finally {
      events.close()
    }
  })

  it('does not reload pages when no output changed', async () => {
    const events = await connectEvents(server.port)
    try {
      const from = events.events.length
      const { version } = server.last
      await writeFile(file(), `${await readFile(file(), 'utf8')} `)
      const ok = await events.next((event) => event.type === 'ok', { from })
      expect(ok).toEqual({ type: 'ok', version, changed: 0 })
      expect(events.events.slice(from).map((e) => e.type)).toEqual(['ok'])
    } finally {
      events.close()
    }
  })

  it('tells a page that is older than the last build to reload when it connects', async () => {
    const events = await connectEvents(server.port)
    events.close()
    expect(events.events[0]).toEqual({ type: 'hello', version: server.last.version, ok: true })
  })

  it('shows an overlay with the place, rule, message and a code frame, escaped; keeps the last good output; clears it when fixed', async () => {
    const broken = path.join(project.root, 'findings', 'matbara-mal.md')
    const events = await connectEvents(server.port)
    try {
      let from = events.events.length
      await writeFile(broken, FINDING_B.replace('evidence: moderate', 'evidence: <script>alert(1)</script>'))
      const error = await events.next((event) => event.type === 'error', { from })
      const messages = error.messages as { file: string; line: number; column: number; ruleId: string; message: string; frame: string }[]
      expect(messages.length).toBeGreaterThan(0)
      const problem = messages.find((m) => m.file === 'findings/matbara-mal.md')!
      expect(problem).toMatchObject({ file: 'findings/matbara-mal.md', line: 6, ruleId: 'schema' })
      expect(problem.frame).toContain('> 6 | evidence: <script>alert(1)</script>')
      expect(problem.frame).toMatch(/\n {4}\| +\^/)
      expect(error.html).toContain('findings/matbara-mal.md:6')
      expect(error.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(error.html).not.toContain('<script>')

      // The last good output is still served, now with the overlay in it.
      const page = await get('/boende/matbara-mal/index.html')
      expect(page.status).toBe(200)
      expect(page.body).toContain('Mätbara mål hjälper')
      expect(page.body).toContain('<sprid-overlay><template shadowrootmode="open">')
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(page.body).not.toContain('<script>alert(1)')
      // Framed pages (the side-by-side view) leave the overlay to the top page.
      const framed = await rawRequest(server.port, '/boende/matbara-mal/index.html', { headers: { 'sec-fetch-dest': 'iframe' } })
      expect(framed.body).not.toContain('<sprid-overlay>')
      expect(framed.body).toContain('/__sprid/events')
      expect((await get('/__sprid/')).body).toContain('last build failed')

      // A page that connects now gets the errors at once.
      const late = await connectEvents(server.port)
      await late.next((event) => event.type === 'error')
      late.close()

      // Fixed as it was: the output is the last good one again, so the overlay goes and nothing reloads.
      from = events.events.length
      await writeFile(broken, FINDING_B)
      const ok = await events.next((event) => event.type === 'ok', { from })
      expect(ok).toMatchObject({ type: 'ok', changed: 0 })
      const fixed = await get('/boende/matbara-mal/index.html')
      expect(fixed.body).not.toContain('sprid-overlay>')
      expect((await get('/__sprid/')).body).toContain('last build ok')
    } finally {
      events.close()
    }
  })
})
