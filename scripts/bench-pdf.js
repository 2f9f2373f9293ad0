// The PDF part of `npm run bench` (issue 4): sprid's conference decks and
// handouts against raw puppeteer `page.pdf()` on the same HTML, with a warm
// browser on both sides. A script, not a test: it prints tables.
//
//   node scripts/bench-pdf.js                      # demo and a 200-finding pack, 3 runs each (medians)
//   node scripts/bench-pdf.js --runs 1 --case pack-200
//   node scripts/bench-pdf.js --profile            # add the one-page-at-a-time breakdown (automatic over target)
//   node scripts/bench.js --only pdf [same flags]  # the same, through `npm run bench`'s entry
//
// Each run of a case starts three child processes, one after the other (sprid and raw in
// alternating order):
//
//   build  `sprid build <root> --format conference handout --no-cache --out <tmp> --date 2026-01-01`:
//          wall time end to end; from its DEBUG lines the browser launch and the PDF jobs' phase.
//   sprid  the same PDF jobs (the formats' `planPack()` and the jobs' `run()`: sprid's own code,
//          HTML rendering, measuring, TOC passes and PDF post-processing included) on a browser
//          launched and warmed with one throwaway PDF before the clock starts. It records every
//          `pdf()` call, so the exact HTML, assets and options sprid hands to Chromium, and checks
//          that its PDFs are byte for byte those of `sprid build`.
//   raw    puppeteer-core on the same Chromium with the same flags, warmed the same way; for each
//          final document (deck, speaker notes, handout) one page: request interception answering
//          the same assets from memory, `setContent(html)`, `page.pdf()` with the same options;
//          as many pages at once as sprid's page pool (one per core).
//
// The ratio is the median of the runs' sprid / raw wall times (the two warm numbers); the
// `all cases` row sums both sides over the cases run by run (sprid's total against raw's). Both
// children also report CPU time (their Node process plus the browser's process tree, from
// /proc), which a busy shared machine disturbs far less than wall time. Each document's pages
// and fonts must match between sprid and raw (same HTML, same work), and a failed run (e.g.
// sprid's watchdog) is reported, not fatal. Over target, a one-page-at-a-time run of each
// side shows where the time goes. The demo's full `sprid build --no-cache` (every format) is
// timed last. Nothing is written to the project: outputs go to a temporary folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { timed, writeProject } from './bench.js'

const repo = fileURLToPath(new URL('..', import.meta.url))
const self = fileURLToPath(import.meta.url)
const DATE = '2026-01-01'
const PDF_FORMATS = ['conference', 'handout']
const TARGET = 1.15
const CASES = ['demo', 'pack-200']
const PACK_FINDINGS = 200
/** The throwaway print that warms either browser. */
const WARM_UP = '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>warm-up</title></head><body><p>Uppvärmning.</p></body></html>'
/** Long enough for a 600-slide deck on a slow machine; raw only (sprid has its own watchdog). */
const RAW_TIMEOUT = 600_000
/** sprid's page pool and job pool, as `build()` sizes them. */
const cores = () => Math.max(1, os.availableParallelism())
const jobConcurrency = () => Math.min(8, cores())

const now = () => performance.now()
const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return undefined
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Linux's USER_HZ: the unit of CPU times in /proc. */
const TICK_MS = 10

/** `/proc/<pid>/stat` as ppid and CPU ticks (own, and reaped children's), or undefined. */
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), reaped: Number(fields[13]) + Number(fields[14]) }
  } catch {
    return undefined
  }
}

/**
 * CPU milliseconds used so far by process `pid` and all its descendants,
 * those that exited included (their time rolls up into the parent that
 * reaped them). NaN where there is no /proc.
 */
function treeCpuMs(pid) {
  if (pid === undefined || !existsSync('/proc/self/stat')) return NaN
  const children = new Map()
  const stats = new Map()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = procStat(name)
    if (!stat) continue
    stats.set(Number(name), stat)
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(name)])
  }
  let ticks = 0
  for (const stack = [pid]; stack.length > 0; ) {
    const next = stack.pop()
    const stat = stats.get(next)
    if (!stat) continue
    ticks += stat.ticks + stat.reaped
    stack.push(...(children.get(next) ?? []))
  }
  return ticks * TICK_MS
}

/**
 * A clock of wall time and CPU time (this Node process plus the browser's
 * process tree, less the clock's own reading of /proc). CPU time barely moves
 * when other work shares the machine; wall time does.
 */
function cpuClock(browserPid) {
  let overhead = 0
  return () => {
    const wall = now()
    const before = process.cpuUsage()
    const browser = treeCpuMs(browserPid())
    const after = process.cpuUsage()
    const node = (before.user + before.system) / 1000 - overhead
    overhead += (after.user + after.system - before.user - before.system) / 1000
    return { wall, cpu: node + browser }
  }
}

const since = (start, end) => ({ wall: end.wall - start.wall, cpu: end.cpu - start.cpu })

/** Run `fn` over `items`, at most `limit` at a time; results in order. */
async function pool(items, limit, fn) {
  const results = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** Pages and embedded font names (without subset tags) of a PDF: the same HTML must give the same. */
async function pdfFacts(bytes) {
  const { PDFDocument, PDFDict, PDFName } = await import('pdf-lib')
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  const fonts = new Set()
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue
    const name = object.get(PDFName.of('BaseFont'))
    if (name instanceof PDFName) fonts.add(name.decodeText().replace(/^[A-Z]{6}\+/, ''))
  }
  return { pages: doc.getPageCount(), fonts: [...fonts].sort() }
}

/** Every file under `dir` ending in `.pdf`, as posix paths relative to it. */
async function pdfFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.pdf'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
    .sort()
}

// ---------------------------------------------------------------------------
// Child: sprid's PDF jobs on a warm browser.

/**
 * Build's format context, made the way `src/build.ts` makes it (same site view,
 * template renderer, format options and project file reader), with `session`
 * as the browser. Template renders are timed for the profile.
 */
async function formatContexts(root, session) {
  const { loadConfig } = await import('../lib/config/load.js')
  const { loadProject } = await import('../lib/content/load.js')
  const { check } = await import('../lib/check/check.js')
  const { siteView, audienceFormats } = await import('../lib/build.js')
  const { createTemplateRenderer } = await import('../lib/render/index.js')
  const { packageRoot } = await import('../lib/version.js')
  const config = await loadConfig(root, {})
  const project = await loadProject(root, { date: DATE, config })
  const checked = check(project)
  if (checked.errors > 0) throw new Error(`${root} has content errors; run \`sprid check\``)
  const packs = project.audiences.map((audience) => checked.packs.get(audience.id))
  const site = siteView(project)
  const builtin = fileURLToPath(new URL('templates/', packageRoot))
  const templates = createTemplateRenderer({
    builtinDir: builtin,
    projectDir: path.resolve(config.templates) === path.resolve(builtin) ? undefined : config.templates,
    globals: { site },
    labels: config.labels,
  })
  const rendering = { wall: 0, cpu: 0, count: 0 }
  const render = templates.render.bind(templates)
  templates.render = async (...args) => {
    const [wall, cpu] = [now(), process.cpuUsage()]
    try {
      return await render(...args)
    } finally {
      const used = process.cpuUsage(cpu)
      rendering.wall += now() - wall
      rendering.cpu += (used.user + used.system) / 1000
      rendering.count += 1
    }
  }
  const messages = []
  const context = (packsOfFormat) => ({
    site,
    packs: packsOfFormat,
    templates,
    pdf: true,
    browser: async () => session,
    formatOptions: (format, audienceId) => project.audiences.find((a) => a.id === audienceId)?.formats.get(format),
    social: config.social,
    readProjectFile: async (file) => {
      const absolute = path.resolve(config.root, file)
      if (path.relative(config.root, absolute).startsWith('..')) throw new Error(`\`${file}\` is outside the project`)
      return readFile(absolute)
    },
    report: (message) => messages.push(message),
  })
  const packsOf = (format) => packs.filter((pack) => audienceFormats(project, pack).has(format))
  return { context, packsOf, messages, rendering }
}

/**
 * A session that passes every call on to `manager` and records it (and, with
 * `clock`, its times). In a `withDocument()` job each step is a call of its
 * own; a print's HTML is the page's DOM at that moment (what a hand-written
 * script would have to print), read outside the clock: `capture` adds up
 * its time, which the totals leave out.
 */
function recordingSession(manager, calls, clock, capture) {
  const record = async (kind, html, options, call) => {
    const start = clock?.()
    const result = await call()
    calls.push({ kind, label: options.label, html, options, start, end: clock?.(), bytes: kind === 'pdf' ? result : undefined })
    return result
  }
  const domHtml = async (page) => {
    const start = now()
    const cpu = process.cpuUsage()
    const html = await page.evaluate(() => `<!doctype html>\n${document.documentElement.outerHTML}`)
    const used = process.cpuUsage(cpu)
    capture.wall += now() - start
    capture.cpu += (used.user + used.system) / 1000
    return html
  }
  return {
    pdf: (html, options) => record('pdf', html, options, () => manager.pdf(html, options)),
    evaluate: (html, options, fn) => record('evaluate', html, options, () => manager.evaluate(html, options, fn)),
    screenshot: (html, options) => manager.screenshot(html, options),
    withDocument: (html, options, steps) =>
      manager.withDocument(html, options, (page) =>
        steps({
          evaluate: (fn, arg) => record('evaluate', html, options, () => page.evaluate(fn, arg)),
          pdf: async (print = {}) => {
            const start = clock?.()
            const bytes = await page.pdf(print)
            const end = clock?.()
            calls.push({ kind: 'pdf', label: options.label, html: await domHtml(page), dom: true, options: { ...options, ...print }, start, end, bytes })
            return bytes
          },
        }),
      ),
  }
}

async function spridChild({ root, out, docs, profile }) {
  const { formats, FORMAT_ORDER } = await import('../lib/formats/index.js')
  const { createBrowserManager } = await import('../lib/browser/manager.js')
  const { injectCsp } = await import('../lib/browser/csp.js')
  // One page and one job at a time when profiling, so every call's time is its own.
  const manager = createBrowserManager({ concurrency: profile ? 1 : undefined })
  const clock = cpuClock(() => manager.status().pid)
  const calls = []
  try {
    const capture = { wall: 0, cpu: 0 }
    const { context, packsOf, messages, rendering } = await formatContexts(root, recordingSession(manager, calls, profile ? clock : undefined, capture))
    await manager.session()
    await manager.pdf(WARM_UP, { label: 'warm-up', assets: [] })

    const planned = []
    for (const id of FORMAT_ORDER.filter((f) => PDF_FORMATS.includes(f))) {
      const packs = packsOf(id)
      if (packs.length === 0) continue
      const formatContext = context(packs)
      planned.push(...((await formats[id].planSite?.(formatContext)) ?? []))
      for (const pack of packs) planned.push(...(await formats[id].planPack(pack, formatContext)))
    }

    Object.assign(rendering, { wall: 0, cpu: 0, count: 0 })
    Object.assign(capture, { wall: 0, cpu: 0 })
    const started = clock()
    const jobs = await pool(planned, profile ? 1 : jobConcurrency(), async (job) => {
      const start = profile ? clock() : undefined
      const files = await job.run()
      return { label: job.label, files, ...(profile ? { used: since(start, clock()) } : {}) }
    })
    const spent = since(started, clock())
    const used = { wall: spent.wall - capture.wall, cpu: spent.cpu - capture.cpu }

    // Outputs, for the byte-for-byte comparison with `sprid build`.
    const documents = []
    for (const job of jobs) {
      for (const file of job.files) {
        await mkdir(path.dirname(path.join(out, file.path)), { recursive: true })
        await writeFile(path.join(out, file.path), file.contents)
        if (file.path.endsWith('.pdf')) documents.push({ path: file.path, ...(await pdfFacts(file.contents)) })
      }
    }
    if (documents.length === 0) throw new Error('The jobs printed no PDF: nothing to compare')
    // The last print of each output is its final HTML: what a hand-written script would print.
    const final = new Map()
    for (const call of calls) if (call.kind === 'pdf') final.set(call.label, call)
    if (docs) {
      const assets = {}
      const list = documents.map(({ path: file }) => {
        const call = final.get(file)
        if (!call) throw new Error(`no pdf() call made ${file}`)
        for (const asset of call.options.assets) {
          assets[asset.path] ??= { type: asset.type, base64: Buffer.from(asset.contents).toString('base64') }
        }
        return {
          path: file,
          // A DOM read back from the page has the CSP already.
          html: call.dom ? call.html : injectCsp(call.html),
          assets: call.options.assets.map((asset) => asset.path),
          viewport: call.options.viewport ?? { width: 1280, height: 800 },
          preferCSSPageSize: call.options.preferCSSPageSize ?? true,
          tagged: call.options.tagged ?? true,
          outline: call.options.outline ?? true,
        }
      })
      await writeFile(docs, JSON.stringify({ documents: list, assets }))
    }
    return {
      ms: used.wall,
      cpu: used.cpu,
      documents,
      warnings: messages.length,
      ...(profile ? { profile: { ...(await profileJobs(jobs, calls, final)), templates: { wall: rendering.wall, cpu: rendering.cpu }, renders: rendering.count } } : {}),
    }
  } finally {
    await manager.close()
  }
}

/**
 * Where a one-page-at-a-time run spent its time, as `{ wall, cpu }` per
 * part. A browser call's own share runs from the later of its start and the
 * previous call's end (calls queue for the one page) to its end. PDF post-processing steps
 * are replayed afterwards on the same bytes, one by one.
 */
async function profileJobs(jobs, calls, final) {
  const { destinationPages, finishPdf } = await import('../lib/formats/print/index.js')
  let previous
  for (const call of [...calls].sort((a, b) => a.end.wall - b.end.wall)) {
    call.own = since(previous && previous.wall > call.start.wall ? previous : call.start, call.end)
    previous = call.end
  }
  const finals = new Set(final.values())
  const add = (list) => list.reduce((total, part) => ({ wall: total.wall + part.wall, cpu: total.cpu + part.cpu }), { wall: 0, cpu: 0 })
  const timeIt = async (fn) => {
    const [wall, cpu] = [now(), process.cpuUsage()]
    await fn()
    const used = process.cpuUsage(cpu)
    return { wall: now() - wall, cpu: (used.user + used.system) / 1000 }
  }
  const postProcessing = { destinations: [], finish: [] }
  for (const call of calls) {
    if (call.kind !== 'pdf') continue
    // printHandout reads the destinations of each print (but a last allowed one).
    if (call.label.endsWith('handout.pdf')) postProcessing.destinations.push(await timeIt(() => destinationPages(call.bytes)))
    if (!finals.has(call)) continue
    const metadata = { title: call.label, author: 'Bench AB', subject: call.label, keywords: ['alla'], lang: 'sv', creator: 'sprid', date: DATE }
    postProcessing.finish.push(await timeIt(() => finishPdf(call.bytes, call.html, metadata)))
  }
  return {
    total: add(jobs.map((job) => job.used)),
    measure: add(calls.filter((c) => c.kind === 'evaluate').map((c) => c.own)),
    extraPrints: add(calls.filter((c) => c.kind === 'pdf' && !finals.has(c)).map((c) => c.own)),
    finalPrints: add(calls.filter((c) => finals.has(c)).map((c) => c.own)),
    destinations: add(postProcessing.destinations),
    finish: add(postProcessing.finish),
    calls: calls.map((c) => ({ kind: c.kind, label: c.label, final: finals.has(c), ...c.own })),
  }
}

// ---------------------------------------------------------------------------
// Child: raw puppeteer on the same HTML.

const ASSET_ORIGIN = 'https://sprid.local'

async function rawChild({ docs, out, profile }) {
  const { documents, assets } = JSON.parse(await readFile(docs, 'utf8'))
  const bodies = new Map(Object.entries(assets).map(([file, asset]) => [file, { type: asset.type, body: Buffer.from(asset.base64, 'base64') }]))
  // The browser sprid finds, with the flags sprid launches it with: only the work differs.
  const { findBrowser, nodeFinderContext } = await import('../lib/browser/finder.js')
  const { launchArgs } = await import('../lib/browser/launch.js')
  const found = await findBrowser({ context: nodeFinderContext({ env: process.env }) })
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'sprid-bench-raw-'))
  const { launch } = await import('puppeteer-core')
  const browser = await launch({
    executablePath: found.path,
    headless: found.headless,
    args: launchArgs({ userDataDir, extra: found.args }),
    env: { ...process.env, ...found.env },
    pipe: true,
    defaultViewport: null,
  })
  const clock = cpuClock(() => browser.process()?.pid)
  const print = async (doc) => {
    const start = profile ? clock() : undefined
    const page = await browser.newPage()
    try {
      page.setDefaultTimeout(RAW_TIMEOUT)
      await page.setViewport({ ...doc.viewport, deviceScaleFactor: 1 })
      await page.setRequestInterception(true)
      page.on('request', (request) => {
        const url = request.url()
        if (url.startsWith('data:')) return void request.continue()
        const asset = url.startsWith(`${ASSET_ORIGIN}/`) ? bodies.get(decodeURIComponent(new URL(url).pathname.slice(1))) : undefined
        if (!asset) return void request.abort('blockedbyclient')
        // Fonts load with CORS: the page's origin (about:blank) is not the asset origin.
        void request.respond({ status: 200, contentType: asset.type, body: asset.body, headers: { 'access-control-allow-origin': '*' } })
      })
      await page.setContent(doc.html, { waitUntil: 'load', timeout: RAW_TIMEOUT })
      const loaded = profile ? clock() : undefined
      const pdf = await page.pdf({
        printBackground: true,
        preferCSSPageSize: doc.preferCSSPageSize,
        tagged: doc.tagged,
        outline: doc.outline,
        timeout: RAW_TIMEOUT,
      })
      return { path: doc.path, pdf, ...(profile ? { load: since(start, loaded), print: since(loaded, clock()) } : {}) }
    } finally {
      await page.close()
    }
  }
  try {
    await print({ path: 'warm-up', html: WARM_UP, viewport: { width: 1280, height: 800 }, preferCSSPageSize: true, tagged: true, outline: true })
    const started = clock()
    const printed = await pool(documents, profile ? 1 : cores(), print)
    const used = since(started, clock())
    const results = []
    for (const { pdf, ...doc } of printed) {
      results.push({ ...doc, ...(await pdfFacts(pdf)) })
      if (out) {
        await mkdir(path.dirname(path.join(out, doc.path)), { recursive: true })
        await writeFile(path.join(out, doc.path), pdf)
      }
    }
    return { ms: used.wall, cpu: used.cpu, documents: results }
  } finally {
    await browser.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------
// Parent.

async function child(mode, options) {
  const { stdout } = await timed(process.execPath, [self, '--child', mode, JSON.stringify(options)], { env: { ...process.env, DEBUG: '' } })
  return JSON.parse(stdout.trim().split('\n').at(-1))
}

const DEBUG_LINE = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) (sprid:[\w:-]+) (.*)$/

/** `sprid build` through its bin, with the DEBUG lines that time its stages. */
async function spridBuild(root, out, formats) {
  const args = [path.join(repo, 'bin', 'sprid.js'), 'build', root, '--no-cache', '--out', out, '--date', DATE, '--ci', '--quiet']
  if (formats) args.push('--format', ...formats)
  const env = { ...process.env, DEBUG: 'sprid:build,sprid:browser,sprid:conference,sprid:handout', DEBUG_COLORS: 'no' }
  const { ms, stderr } = await timed(process.execPath, args, { env })
  const lines = stderr.split('\n').map((line) => DEBUG_LINE.exec(line)).filter(Boolean)
  const number = (pattern) => Number(lines.map((m) => pattern.exec(m[3])).find(Boolean)?.[1])
  const planned = lines.find((m) => /^planned \d+ jobs at/.test(m[3]))
  const jobLines = lines.filter((m) => m[2] === 'sprid:conference' || m[2] === 'sprid:handout')
  const launchMs = number(/^launched .* in (\d+) ms$/)
  const plannedAt = number(/^planned \d+ jobs at (\d+) ms/)
  const jobsMs = planned && jobLines.length > 0 ? Math.max(...jobLines.map((m) => Date.parse(m[1]))) - Date.parse(planned[1]) : NaN
  return {
    ms,
    launchMs,
    plannedAt,
    // The jobs' phase less the launch the first job waits for: the PDF work of the real build.
    jobsColdMs: jobsMs - launchMs,
    afterJobsMs: number(/^committed at (\d+) ms/) - plannedAt - jobsMs,
  }
}

/** Documents whose page count or fonts differ between the sprid and raw runs. */
function mismatches(sprid, raw) {
  const byPath = new Map(raw.map((doc) => [doc.path, doc]))
  return sprid
    .filter((doc) => {
      const other = byPath.get(doc.path)
      return !other || other.pages !== doc.pages || other.fonts.join() !== doc.fonts.join()
    })
    .map((doc) => doc.path)
}

async function sameBytes(a, b) {
  const files = await pdfFiles(a)
  let same = 0
  for (const file of files) {
    const [x, y] = await Promise.all([readFile(path.join(a, file)), readFile(path.join(b, file)).catch(() => undefined)])
    if (y && x.equals(y)) same += 1
  }
  return { same, of: files.length }
}

async function caseRoot(id, work) {
  if (id === 'demo') return repo
  const dir = path.join(work, 'pack-200-project')
  await writeProject(dir, PACK_FINDINGS, { alla: PDF_FORMATS })
  return dir
}

/** Run the PDF benchmark; returns what {@link printPdfTables} prints. */
export async function pdfBench({ runs = 3, cases = CASES, profile = false, log = (line) => console.error(line) } = {}) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'sprid-bench-pdf-'))
  try {
    const rows = []
    for (const id of cases) {
      const root = await caseRoot(id, work)
      const dir = path.join(work, id)
      const docs = path.join(dir, 'documents.json')
      await mkdir(dir, { recursive: true })
      const samples = []
      let identical
      const failures = []
      for (let run = 1; run <= runs; run++) {
        const buildOut = path.join(dir, `build-${run}`, 'dist')
        const spridOut = path.join(dir, `sprid-${run}`)
        try {
          const build = await spridBuild(root, buildOut, PDF_FORMATS)
          // The first good run writes the documents raw prints; later runs alternate the order against drift.
          const hasDocs = existsSync(docs)
          let raw = hasDocs && run % 2 === 0 ? await child('raw', { docs }) : undefined
          const sprid = await child('sprid', { root, out: spridOut, docs: hasDocs ? undefined : docs })
          raw ??= await child('raw', { docs })
          identical ??= await sameBytes(spridOut, buildOut)
          samples.push({ build, sprid, raw })
          log(`pdf ${id} run ${run}/${runs}: build ${fmt(build.ms)}; sprid jobs ${fmt(sprid.ms)} (CPU ${fmt(sprid.cpu)}), raw ${fmt(raw.ms)} (CPU ${fmt(raw.cpu)}); ratio ${(sprid.ms / raw.ms).toFixed(2)} (CPU ${(sprid.cpu / raw.cpu).toFixed(2)})`)
        } catch (error) {
          // A failed build (e.g. sprid's watchdog on a busy machine) is a result too: count it, go on.
          const reason = firstLine(error)
          failures.push(reason)
          log(`pdf ${id} run ${run}/${runs} failed: ${reason}`)
        } finally {
          await rm(path.dirname(buildOut), { recursive: true, force: true })
          await rm(spridOut, { recursive: true, force: true })
        }
      }
      if (samples.length === 0) {
        rows.push({ id, failures })
        continue
      }
      const first = samples[0]
      const pick = (get) => median(samples.map(get))
      const row = {
        id,
        documents: first.sprid.documents.length,
        pages: first.sprid.documents.reduce((total, doc) => total + doc.pages, 0),
        mismatches: mismatches(first.sprid.documents, first.raw.documents),
        warnings: first.sprid.warnings,
        identical,
        failures,
        buildMs: pick((s) => s.build.ms),
        launchMs: pick((s) => s.build.launchMs),
        plannedAt: pick((s) => s.build.plannedAt),
        jobsColdMs: pick((s) => s.build.jobsColdMs),
        afterJobsMs: pick((s) => s.build.afterJobsMs),
        sprid: { ms: pick((s) => s.sprid.ms), cpu: pick((s) => s.sprid.cpu) },
        raw: { ms: pick((s) => s.raw.ms), cpu: pick((s) => s.raw.cpu) },
        ratios: samples.map((s) => s.sprid.ms / s.raw.ms),
        cpuRatios: samples.map((s) => s.sprid.cpu / s.raw.cpu),
        runs: samples.map((s) => ({ sprid: s.sprid, raw: s.raw })),
      }
      row.ratio = median(row.ratios)
      row.cpuRatio = median(row.cpuRatios)
      if (profile || row.ratio > TARGET) {
        log(`pdf ${id}: profiling (one page at a time)`)
        const out = path.join(dir, 'profile')
        try {
          row.profile = { sprid: (await child('sprid', { root, out, profile: true })).profile, raw: await child('raw', { docs, profile: true }) }
        } catch (error) {
          log(`pdf ${id}: profiling failed: ${firstLine(error)}`)
        } finally {
          await rm(out, { recursive: true, force: true })
        }
      }
      rows.push(row)
    }
    let full
    if (cases.includes('demo')) {
      const samples = []
      const failures = []
      for (let run = 1; run <= runs; run++) {
        const out = path.join(work, `full-${run}`, 'dist')
        try {
          samples.push(await spridBuild(repo, out))
          log(`pdf demo: full build run ${run}/${runs}: ${fmt(samples.at(-1).ms)}`)
        } catch (error) {
          failures.push(firstLine(error))
          log(`pdf demo: full build run ${run}/${runs} failed: ${failures.at(-1)}`)
        } finally {
          await rm(path.dirname(out), { recursive: true, force: true })
        }
      }
      full = { ms: median(samples.map((s) => s.ms)), failures }
    }
    return { rows, full, runs }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** The line of a failed child that says why (sprid's error, not the command line). */
const firstLine = (error) => {
  const lines = String(error?.message ?? error).split('\n')
  return (lines.find((line) => /Error:|error/.test(line) && !line.includes('--child')) ?? lines[0]).trim()
}

const fmt = (ms) => (ms === undefined || Number.isNaN(ms) ? '–' : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`)
const ms = (value) => (value === undefined || Number.isNaN(value) ? '–' : String(Math.round(value)))
const range = (values) => (values.length > 1 ? ` (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})` : '')

/** Print the result of {@link pdfBench} as Markdown tables. */
export function printPdfTables({ rows, full, runs }) {
  const pages = cores()
  console.log(`PDF: sprid against raw puppeteer page.pdf() on the same HTML and assets, warm browser on both sides`)
  console.log(`(median of ${runs} run${runs === 1 ? '' : 's'}; ${pages} page${pages === 1 ? '' : 's'} at once on both sides, ${jobConcurrency()} sprid jobs at once)\n`)
  console.log(`| case | documents | pages | sprid ms | raw ms | ratio | CPU: sprid ms | CPU: raw ms | CPU ratio | target ≤ ${TARGET} × |`)
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---|`)
  for (const r of rows) {
    if (!r.sprid) {
      console.log(`| ${r.id} | – | – | every run failed | | | | | | missed |`)
      continue
    }
    console.log(
      `| ${r.id} | ${r.documents} | ${r.pages} | ${ms(r.sprid.ms)} | ${ms(r.raw.ms)} | ${r.ratio.toFixed(2)} ×${range(r.ratios)} | ${ms(r.sprid.cpu)} | ${ms(r.raw.cpu)} | ${r.cpuRatio.toFixed(2)} ×${range(r.cpuRatios)} | ${r.ratio <= TARGET ? 'met' : 'missed'} |`,
    )
  }
  const measured = rows.filter((r) => r.sprid)
  if (measured.length > 1) {
    // All cases together, run by run: sprid's total time over raw's, the issue's measure.
    const count = Math.min(...measured.map((r) => r.runs.length))
    const sum = (side, key, i) => measured.reduce((total, r) => total + r.runs[i][side][key], 0)
    const totals = Array.from({ length: count }, (_, i) => ({ sprid: sum('sprid', 'ms', i), raw: sum('raw', 'ms', i), spridCpu: sum('sprid', 'cpu', i), rawCpu: sum('raw', 'cpu', i) }))
    const ratios = totals.map((t) => t.sprid / t.raw)
    const cpuRatios = totals.map((t) => t.spridCpu / t.rawCpu)
    const ratio = median(ratios)
    console.log(
      `| all cases | ${measured.reduce((n, r) => n + r.documents, 0)} | ${measured.reduce((n, r) => n + r.pages, 0)} | ${ms(median(totals.map((t) => t.sprid)))} | ${ms(median(totals.map((t) => t.raw)))} | ${ratio.toFixed(2)} ×${range(ratios)} | ${ms(median(totals.map((t) => t.spridCpu)))} | ${ms(median(totals.map((t) => t.rawCpu)))} | ${median(cpuRatios).toFixed(2)} ×${range(cpuRatios)} | ${ratio <= TARGET ? 'met' : 'missed'} |`,
    )
  }
  console.log(`\nsprid: the PDF jobs of \`sprid build --format conference handout\` (HTML rendering, measuring, TOC passes, PDF post-processing included; planned before the clock), on a browser already launched and warmed.`)
  console.log(`raw: one page, setContent(html) and page.pdf() per final document, on a warmed browser. Ratio: median of the runs' sprid / raw wall times, the target's measure.`)
  console.log(`CPU: this Node process plus the browser's process tree over the same span; it moves far less than wall time when the machine is shared.\n`)

  console.log(`| case | sprid build, end to end | browser launch | before the jobs | PDF jobs (cold browser, launch excluded) | after the jobs |`)
  console.log(`|---|---:|---:|---:|---:|---:|`)
  for (const r of rows.filter((row) => row.sprid)) {
    console.log(`| ${r.id} | ${fmt(r.buildMs)} | ${fmt(r.launchMs)} | ${fmt(r.plannedAt)} | ${fmt(r.jobsColdMs)} (${(r.jobsColdMs / r.raw.ms).toFixed(2)} × raw) | ${fmt(r.afterJobsMs)} |`)
  }
  console.log(`\n\`sprid build --format conference handout --no-cache\` through bin/sprid.js; stages from its DEBUG lines (after the jobs: coverage report, leak scan, commit).`)
  for (const r of rows) {
    const notes = []
    if (r.identical) notes.push(`${r.identical.same}/${r.identical.of} PDFs of the warm run byte-identical to sprid build's`)
    for (const m of r.mismatches ?? []) notes.push(`${m} differs between sprid and raw (pages or fonts): not the same work!`)
    if (r.warnings) notes.push(`${r.warnings} render warnings`)
    for (const failure of r.failures) notes.push(`a run failed: ${failure}`)
    if (notes.length) console.log(`- ${r.id}: ${notes.join('; ')}`)
  }
  if (full) {
    const failed = full.failures.length > 0 ? `; ${full.failures.length} run(s) failed: ${full.failures.join('; ')}` : ''
    console.log(`\nDemo, full \`sprid build --no-cache\` (every format): ${fmt(full.ms)}${failed}`)
  }

  for (const r of rows.filter((row) => row.profile)) printProfile(r)
}

/** The one-page-at-a-time breakdown of a case. */
function printProfile({ id, profile: { sprid: p, raw } }) {
  const add = (parts) => parts.reduce((total, part) => ({ wall: total.wall + part.wall, cpu: total.cpu + part.cpu }), { wall: 0, cpu: 0 })
  const load = add(raw.documents.map((d) => d.load))
  const print = add(raw.documents.map((d) => d.print))
  const known = add([p.finalPrints, p.measure, p.extraPrints, p.destinations, p.finish, p.templates])
  const other = { wall: p.total.wall - known.wall, cpu: p.total.cpu - known.cpu }
  const pct = (part) => `${((part.cpu / p.total.cpu) * 100).toFixed(0)} %`
  const line = (what, part, rawPart = '–') => console.log(`| ${what} | ${ms(part.cpu)} | ${pct(part)} | ${ms(part.wall)} | ${rawPart} |`)
  console.log(`\nProfile, ${id}: one page and one job at a time (single run); CPU ms (Node + browser), wall ms`)
  console.log(`| where | sprid CPU | share | sprid wall | raw CPU (wall) |`)
  console.log(`|---|---:|---:|---:|---:|`)
  line('final documents: page load + print', p.finalPrints, `${ms(raw.cpu)} (${ms(raw.ms)}): load ${ms(load.cpu)}, print ${ms(print.cpu)}`)
  line('measuring and DOM updates (page load of the deck included)', p.measure)
  line('handout: draft prints for the TOC (page load included)', p.extraPrints)
  line('@libpdf/core: destinationPages (replayed)', p.destinations)
  line('@libpdf/core: finishPdf, outline and metadata (replayed)', p.finish)
  line(`Liquid renders (${p.renders})`, p.templates)
  line('the rest (page loads, hyphenation, slides, QR, GC)', other)
  line('total', p.total, `${ms(raw.cpu)} (${ms(raw.ms)})`)
  const name = (c) => (c.kind === 'evaluate' ? 'measure' : c.final ? 'print' : 'toc-print')
  console.log(`\nsprid calls (CPU/wall ms): ${p.calls.map((c) => `${name(c)} ${c.label.replace(/ \(measuring\)$/, '')} ${ms(c.cpu)}/${ms(c.wall)}`).join('; ')}`)
  console.log(`raw (CPU ms): ${raw.documents.map((d) => `${d.path} load ${ms(d.load.cpu)} + print ${ms(d.print.cpu)}`).join('; ')}`)
}

/** `node scripts/bench-pdf.js [--runs N] [--case demo|pack-200]... [--profile]` */
export async function main(args) {
  const runs = Number(valueOf(args, '--runs') ?? 3)
  const cases = args.flatMap((arg, i) => (args[i - 1] === '--case' ? [arg] : []))
  for (const id of cases) if (!CASES.includes(id)) throw new Error(`unknown case ${id}; known: ${CASES.join(', ')}`)
  if (!(runs >= 1)) throw new Error('--runs takes a number >= 1')
  printPdfTables(await pdfBench({ runs, cases: cases.length > 0 ? cases : CASES, profile: args.includes('--profile') }))
}

function valueOf(args, flag) {
  const at = args.indexOf(flag)
  return at === -1 ? undefined : args[at + 1]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  if (args[0] === '--child') {
    const options = JSON.parse(args[2])
    const result = args[1] === 'raw' ? await rawChild(options) : await spridChild(options)
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } else {
    await main(args)
  }
}
