// Save-to-reload latency of `sprid preview` on the demo project (the
// repository root), web format only. A script, not a test: it prints numbers.
//
//   npm run build && node scripts/preview-latency.js        # 10 edits of each kind
//   node scripts/preview-latency.js 20                      # 20 edits of each kind
//
// Two kinds of edit to findings/motesplatser.md, each written and then restored:
// - text:  a word added to a paragraph; timed from the write to the `reload`
//          event, and to the changed page fetched from the preview.
// - space: a space appended to the file (no output changes, so no reload);
//          timed from the write to the `ok` event that ends the build.
// The finding is restored byte for byte when the script ends, fails or is interrupted.
import { request } from 'node:http'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { preview } from '../lib/preview/index.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const EDITS = Number(process.argv[2]) || 10
const FINDING = path.join(root, 'findings', 'motesplatser.md')
// `intern` reads the finding at full depth, so the edited paragraph is on its page.
const PAGE = '/intern/motesplatser/index.html'
const ANCHOR = 'Segregation handlar bland annat om att människor med olika bakgrund sällan möts.'
const TIMEOUT = 10_000

const original = await readFile(FINDING)
const text = original.toString('utf8')
if (!text.includes(ANCHOR)) throw new Error(`${FINDING} no longer holds the sentence this script edits`)

let restored = false
const restore = async () => {
  if (restored) return
  restored = true
  await writeFile(FINDING, original)
}
process.once('SIGINT', () => {
  restore().finally(() => process.exit(130))
})

const started = performance.now()
const server = await preview(root, { date: '2026-01-01', formats: ['web'], port: 0 })
console.log(`preview of the demo (web) ready in ${Math.round(performance.now() - started)} ms at ${server.url}`)

try {
  const events = await connect(server.port)
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150))
  await settle()

  /** Write `contents` and time the event of `type`, then (for a reload) the page that shows `expect`. */
  const edit = async (contents, type, expect) => {
    const from = events.list.length
    const t0 = performance.now()
    await writeFile(FINDING, contents)
    const event = await events.next(type, from)
    const tEvent = performance.now() - t0
    let tPage = null
    if (expect !== undefined) {
      const body = await get(server.port, PAGE)
      tPage = performance.now() - t0
      if (!body.includes(expect)) throw new Error(`${PAGE} does not show the edit after the reload`)
    }
    const build = server.last.elapsedMs
    await settle()
    return { event: tEvent, page: tPage, build, changed: event.changed }
  }

  const textEdits = []
  const spaceEdits = []
  // One edit to warm up (JIT, file caches); not counted.
  const warm = await edit(text.replace(ANCHOR, `${ANCHOR} Mätpunkt 0.`), 'reload', 'Mätpunkt 0.')
  await edit(original, 'reload', ANCHOR)
  console.log(`warm-up edit: reload after ${ms(warm.event)}, page after ${ms(warm.page)}`)

  for (let i = 1; i <= EDITS; i++) {
    const marker = `Mätpunkt ${i}.`
    textEdits.push(await edit(text.replace(ANCHOR, `${ANCHOR} ${marker}`), 'reload', marker))
    textEdits.push(await edit(original, 'reload', ANCHOR))
  }
  for (let i = 1; i <= EDITS; i++) {
    spaceEdits.push(await edit(`${text} `, 'ok'))
    spaceEdits.push(await edit(original, 'ok'))
  }
  events.close()

  console.log(`\n${EDITS} edits of each kind (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores), each written and restored (${EDITS * 2} saves):`)
  console.log(`text  (${textEdits[0].changed} files change): save → reload event  median ${ms(median(textEdits.map((e) => e.event)))}  max ${ms(Math.max(...textEdits.map((e) => e.event)))}`)
  console.log(`                        save → page fetched  median ${ms(median(textEdits.map((e) => e.page)))}  max ${ms(Math.max(...textEdits.map((e) => e.page)))}`)
  console.log(`                        of which build()     median ${ms(median(textEdits.map((e) => e.build)))}  max ${ms(Math.max(...textEdits.map((e) => e.build)))}`)
  console.log(`space (no output change): save → ok event      median ${ms(median(spaceEdits.map((e) => e.event)))}  max ${ms(Math.max(...spaceEdits.map((e) => e.event)))}`)
  console.log(`                        of which build()     median ${ms(median(spaceEdits.map((e) => e.build)))}  max ${ms(Math.max(...spaceEdits.map((e) => e.build)))}`)
} finally {
  await restore()
  await server.close()
}

function ms(value) {
  return `${Math.round(value)} ms`
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function get(port, file) {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: file }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve(body))
    })
      .on('error', reject)
      .end()
  })
}

/** The preview's event stream: `next(type, from)` resolves with the first event of `type` at or after index `from`. */
function connect(port) {
  return new Promise((resolve, reject) => {
    const list = []
    let wake = () => {}
    const req = request({ host: '127.0.0.1', port, path: '/__sprid/events', agent: false }, (response) => {
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => {
        buffer += chunk
        let end
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const line = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '))
          buffer = buffer.slice(end + 2)
          if (line) list.push(JSON.parse(line.slice(6)))
        }
        wake()
      })
      resolve({
        list,
        next: (type, from) =>
          new Promise((resolveEvent, rejectEvent) => {
            const timer = setTimeout(() => rejectEvent(new Error(`no \`${type}\` event within ${TIMEOUT} ms`)), TIMEOUT)
            const check = () => {
              const found = list.slice(from).find((event) => event.type === type || event.type === 'error')
              if (!found) return
              clearTimeout(timer)
              wake = () => {}
              if (found.type === 'error') rejectEvent(new Error(`the build failed: ${JSON.stringify(found.messages)}`))
              else resolveEvent(found)
            }
            wake = check
            check()
          }),
        close: () => req.destroy(),
      })
    })
    req.on('error', (error) => {
      if (error.code !== 'ECONNRESET') reject(error)
    })
    req.end()
  })
}
