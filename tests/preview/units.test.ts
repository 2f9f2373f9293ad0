/** The preview's small pieces on their own: paths, code frames, escaping, injection, the build queue. */
import { describe, expect, it } from 'vitest'
import { requestSegments, contentType } from '../../src/preview/static.js'
import { codeFrame } from '../../src/preview/frame.js'
import { overlayHtml } from '../../src/preview/overlay.js'
import { injectClient } from '../../src/preview/client.js'
import { escapeHtml, fileUrl, html } from '../../src/preview/html.js'
import { createBuildQueue } from '../../src/preview/queue.js'
import { openCommand } from '../../src/preview/open.js'
import { isLoopbackHost } from '../../src/preview/server.js'
import * as api from '../../src/preview/index.js'

it('pins the public names of the preview', () => {
  expect(Object.keys(api).sort()).toEqual(['DEFAULT_HOST', 'DEFAULT_PORT', 'PreviewServerError', 'preview'])
})

describe('requestSegments', () => {
  it.each([
    ['/', ['']],
    ['/boende/', ['boende', '']],
    ['/boende/tak/index.html?x=1#y', ['boende', 'tak', 'index.html']],
    ['/Mötesplats%20A.png', ['Mötesplats A.png']],
    ['/%252e%252e/x', ['%2e%2e', 'x']],
  ])('decodes %s', (url, segments) => {
    expect(requestSegments(url)).toEqual(segments)
  })

  it.each([
    ['/../x', 403],
    ['/a/../../x', 403],
    ['/%2e%2e/x', 403],
    ['/%2E./x', 403],
    ['/./x', 403],
    ['/a%2F..%2Fx', 400],
    ['/..%2fx', 400],
    ['/..\\x', 400],
    ['/%5c..%5cx', 400],
    ['/x%00.html', 400],
    ['/%c0%ae%c0%ae/x', 400],
    ['/%', 400],
    ['//evil.example/x', 400],
    ['http://evil.example/x', 400],
    ['/.git/config', 404],
    ['/a//b', 404],
  ])('refuses %s with %i', (url, status) => {
    expect(requestSegments(url)).toBe(status)
  })

  it('names types the way browsers need them', () => {
    expect(['a.html', 'a.css', 'a.js', 'a.svg', 'a.png', 'a.pdf', 'a.woff2', 'social.md', 'social.csv', 'social.json', 'feed.xml', 'x.bin'].map(contentType)).toEqual([
      'text/html; charset=utf-8',
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'image/svg+xml',
      'image/png',
      'application/pdf',
      'font/woff2',
      'text/markdown; charset=utf-8',
      'text/csv; charset=utf-8',
      'application/json; charset=utf-8',
      'application/atom+xml; charset=utf-8',
      'application/octet-stream',
    ])
  })
})

describe('codeFrame', () => {
  const source = ['---', 'title: Tak', 'date: 2020-13-01', 'tags: [a]', '---', '', 'Text'].join('\n')

  it('shows two lines around the line, with a caret under the column', () => {
    expect(codeFrame(source, 3, 7)).toBe(
      ['  1 | ---', '  2 | title: Tak', '> 3 | date: 2020-13-01', '    |       ^', '  4 | tags: [a]', '  5 | ---'].join('\n'),
    )
  })

  it('stops at the start and end of the file and pads line numbers', () => {
    const long = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\r\n')
    expect(codeFrame(long, 1)).toBe(['> 1 | line 1', '  2 | line 2', '  3 | line 3'].join('\n'))
    expect(codeFrame(long, 12, 1)).toBe(['  10 | line 10', '  11 | line 11', '> 12 | line 12', '     | ^'].join('\n'))
  })

  it('keeps tabs in front of the caret and cuts very long lines', () => {
    expect(codeFrame('\tx = 1', 1, 2)).toBe('> 1 | \tx = 1\n    | \t^')
    expect(codeFrame('x'.repeat(1000), 1, 1).split('\n')[0]!.length).toBeLessThan(260)
  })

  it('is empty for a line outside the file', () => {
    expect(codeFrame(source, 99)).toBe('')
    expect(codeFrame(source, 0)).toBe('')
  })
})

describe('escaping', () => {
  const hostile = '<img src=x onerror=alert(1)>"\'&'

  it('escapes every interpolation unless it is html itself', () => {
    expect(escapeHtml(hostile)).toBe('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;')
    expect(html`<p title="${hostile}">${hostile}${html`<b>${hostile}</b>`}</p>`.value).not.toMatch(/<img|"'/)
    expect(fileUrl('boende/a b/"x".png')).toBe('/boende/a%20b/%22x%22.png')
  })

  it('escapes file names, messages, rule ids and frames in the overlay', () => {
    const overlay = overlayHtml([
      { file: `findings/${hostile}.md`, line: 2, column: 1, ruleId: hostile, message: `Bad ${hostile}`, frame: `> 2 | ${hostile}` },
      { file: null, line: null, column: null, ruleId: 'ConfigError', message: '</style><script>alert(1)</script>', frame: null },
    ])
    expect(overlay).not.toContain('<img')
    expect(overlay).not.toContain('<script>')
    expect(overlay.match(/<\/style>/g)).toHaveLength(1)
    expect(overlay).toContain('findings/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;.md:2:1')
    expect(overlay).toContain('sprid: the build failed (2 errors)')
  })
})

describe('injectClient', () => {
  it('goes before the last </body>, or at the end', () => {
    const page = injectClient('<html><body><p>&lt;/body&gt;</p></BODY></html>', { version: 3, problems: [] })
    expect(page).toMatch(/<p>&lt;\/body&gt;<\/p><script>.*\(3\)<\/script><\/BODY><\/html>$/s)
    expect(injectClient('<p>x</p>', { version: 1, problems: [] })).toMatch(/^<p>x<\/p><script>/)
  })

  it('adds the overlay while the last build failed, except in frames', () => {
    const problems = [{ file: 'a.md', line: 1, column: 1, ruleId: 'schema', message: 'm', frame: null }]
    expect(injectClient('<body></body>', { version: 1, problems })).toContain('<sprid-overlay><template shadowrootmode="open">')
    expect(injectClient('<body></body>', { version: 1, problems, framed: true })).not.toContain('<sprid-overlay>')
  })
})

describe('the build queue', () => {
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  it('waits for changes to settle, never runs two builds at once, and queues one follow-up', async () => {
    let running = 0
    let most = 0
    const runs: string[][] = []
    let release!: () => void
    const queue = createBuildQueue({
      debounce: 10,
      run: async (changed) => {
        running++
        most = Math.max(most, running)
        runs.push([...changed])
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve))
        running--
        return runs.length
      },
    })
    queue.change('a')
    queue.change('b')
    await tick(30)
    expect(runs).toEqual([['a', 'b']])
    expect(queue.busy).toBe(true)
    queue.change('c')
    await tick(30)
    queue.change('d')
    await tick(30)
    expect(runs).toHaveLength(1)
    release()
    await queue.idle()
    expect(runs).toEqual([['a', 'b'], ['c', 'd']])
    expect(most).toBe(1)
    await queue.close()
  })

  it('builds nothing after close()', async () => {
    let runs = 0
    const queue = createBuildQueue({ debounce: 5, run: async () => ++runs })
    queue.change('a')
    await queue.close()
    await tick(20)
    expect(runs).toBe(0)
    await expect(queue.build()).rejects.toThrow(/closed/)
  })
})

it('accepts only loopback host names', () => {
  expect(['localhost:4321', '127.0.0.1:4321', '[::1]:4321', 'app.localhost', 'LOCALHOST'].map(isLoopbackHost)).toEqual([true, true, true, true, true])
  expect(['evil.example', '127.0.0.1.evil.example', '', undefined].map(isLoopbackHost)).toEqual([false, false, false, false])
})

it('opens URLs with the platform opener', () => {
  expect(openCommand('http://127.0.0.1:4321/__sprid/', 'linux')).toEqual(['xdg-open', ['http://127.0.0.1:4321/__sprid/']])
  expect(openCommand('http://x/', 'darwin')).toEqual(['open', ['http://x/']])
  expect(openCommand('http://x/', 'win32')).toEqual(['cmd', ['/c', 'start', '""', 'http://x/']])
})
