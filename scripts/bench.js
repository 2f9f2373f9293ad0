// `npm run bench`: web build speed and memory on synthetic projects, compared
// with Eleventy 3 on the same pages, then PDF speed (scripts/bench-pdf.js)
// compared with raw puppeteer `page.pdf()`. A script, not a test: it prints tables.
//
//   node scripts/bench.js               # web (100, 1000, 5000 findings x 4 audiences), then PDF
//   node scripts/bench.js 100 1000      # web at these sizes only, then PDF
//   node scripts/bench.js --only web    # one part only (`--only pdf`: see bench-pdf.js for its flags)
import { spawn } from 'node:child_process'
import { mkdir, rm, writeFile, readFile, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))
const AUDIENCES = ['ledning', 'kommun', 'boende', 'forskare']
const ELEVENTY_SIZE = 1000

const WORDS = (
  'bostadsbolag hyresgäster mötesplats segregation samverkan kommun innovationslabb följeforskning ' +
  'kunskap resurser framgångsfaktor rekommendation aktivitet workshop stadsdel boende partnerskap ' +
  'lokala aktörer delaktighet metod experiment verkstad mätbara mål uppföljning spridning erfarenhet ' +
  'och att som för med det en på är av till de om har inte ett kan vi så'
).split(' ')

/** A deterministic pseudo-random generator, so every run builds the same project. */
function random(seed) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state / 0x7fffffff
  }
}

function sentence(next, length) {
  const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)])
  const text = words.join(' ')
  return text[0].toUpperCase() + text.slice(1) + '.'
}

/** About 3 KB of Swedish-like Markdown: two sections, a list, a table and a quote. */
function findingBody(index) {
  const next = random(index + 1)
  const paragraph = () => Array.from({ length: 5 }, () => sentence(next, 8 + Math.floor(next() * 8))).join(' ')
  return [
    paragraph(),
    '',
    '## Bakgrund',
    '',
    paragraph(),
    '',
    paragraph(),
    '',
    '| Labb | Aktiviteter | Deltagare |',
    '|---|---|---|',
    ...Array.from({ length: 4 }, (_, i) => `| Labb ${i + 1} | ${sentence(next, 3)} | ${sentence(next, 2)} |`),
    '',
    `> ${sentence(next, 14)}`,
    '',
    '## Rekommendationer',
    '',
    ...Array.from({ length: 5 }, () => `- ${sentence(next, 9)}`),
    '',
    paragraph(),
    '',
  ].join('\n')
}

function finding(index) {
  const next = random(index + 7)
  const tag = AUDIENCES[index % AUDIENCES.length]
  return `---
title: "Fynd ${index}: ${sentence(next, 6).slice(0, -1)}"
summary: "${sentence(next, 18)}"
date: "2020-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}"
tags: [${tag}, alla]
---

${findingBody(index)}`
}

/**
 * A synthetic project of `count` findings in `dir` (replaced). Every audience
 * gets every finding; `audiences` maps audience ids to the formats they ask for.
 */
export async function writeProject(dir, count, audiences = Object.fromEntries(AUDIENCES.map((id) => [id, ['web']]))) {
  await rm(dir, { recursive: true, force: true })
  await mkdir(path.join(dir, 'findings', 'audiences'), { recursive: true })
  await writeFile(path.join(dir, 'sprid.config.json'), JSON.stringify({ title: 'Bench', lang: 'sv', organisation: 'Bench AB' }))
  for (const [id, formats] of Object.entries(audiences)) {
    await writeFile(
      path.join(dir, 'findings', 'audiences', `${id}.md`),
      `---\nname: ${id}\nformats: [${formats.join(', ')}]\n---\n\nIntroduktion för ${id}.\n`,
    )
  }
  const writes = []
  for (let i = 0; i < count; i++) writes.push(writeFile(path.join(dir, 'findings', `fynd-${i}.md`), finding(i)))
  await Promise.all(writes)
}

/** Run a command, returning its wall time (ms) and output; rejects when it exits non-zero. */
export function timed(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let stderr = ''
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr}`))
      resolve({ ms, stdout, stderr })
    })
  })
}

/** sprid in a child that reports its own peak RSS. */
async function sprid(dir) {
  const child = path.join(repo, 'scripts', 'bench-child.js')
  const { ms, stdout } = await timed(process.execPath, [child, dir])
  const { maxRssMiB, ok } = JSON.parse(stdout.trim().split('\n').at(-1))
  if (!ok) throw new Error(`sprid build failed in ${dir}`)
  return { ms, maxRssMiB }
}

async function eleventy(count, work) {
  const input = path.join(work, `eleventy-${count}`, 'src')
  const output = path.join(work, `eleventy-${count}`, '_site')
  await rm(path.dirname(input), { recursive: true, force: true })
  await mkdir(path.join(input, '_includes'), { recursive: true })
  await writeFile(
    path.join(input, '_includes', 'finding.liquid'),
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{{ title }}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><nav><a href="../">{{ audience }}</a></nav><main><h1>{{ title }}</h1><p class="lead">{{ summary }}</p>{{ content }}</main></body></html>`,
  )
  const writes = []
  for (const audience of AUDIENCES) {
    await mkdir(path.join(input, audience), { recursive: true })
    for (let i = 0; i < count; i++) {
      const source = finding(i).replace('---\ntitle', `---\nlayout: finding.liquid\naudience: ${audience}\ntitle`)
      writes.push(writeFile(path.join(input, audience, `fynd-${i}.md`), source))
    }
  }
  await Promise.all(writes)
  const bin = path.join(repo, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs')
  const { ms } = await timed(process.execPath, [bin, `--input=${input}`, `--output=${output}`, '--quiet'], { cwd: path.dirname(input) })
  return ms
}

/** The web benchmark: prints its table. */
async function webBench(sizes) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'sprid-bench-'))
  const rows = []
  let eleventyMs
  try {
    for (const count of sizes) {
      const dir = path.join(work, `project-${count}`)
      await writeProject(dir, count)
      const cold = await sprid(dir)
      const noChange = await sprid(dir)
      const edited = path.join(dir, 'findings', 'fynd-1.md')
      await writeFile(edited, (await readFile(edited, 'utf8')).replace('## Bakgrund', '## Bakgrund\n\nEn ny mening.'))
      const oneEdit = await sprid(dir)
      rows.push({ count, pages: count * AUDIENCES.length, cold, noChange, oneEdit })
      console.error(`${count} findings: cold ${(cold.ms / 1000).toFixed(1)} s`)
      if (count === ELEVENTY_SIZE) eleventyMs = await eleventy(count, work)
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }

  const s = (ms) => `${(ms / 1000).toFixed(2)} s`
  const pct = (a, b) => `${((a / b) * 100).toFixed(1)} %`
  console.log('| findings | pages | cold | no-change rebuild | one finding edited | peak RSS |')
  console.log('|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    console.log(
      `| ${r.count} | ${r.pages} | ${s(r.cold.ms)} | ${s(r.noChange.ms)} (${pct(r.noChange.ms, r.cold.ms)}) | ${s(r.oneEdit.ms)} (${pct(r.oneEdit.ms, r.cold.ms)}) | ${Math.max(r.cold.maxRssMiB, r.noChange.maxRssMiB, r.oneEdit.maxRssMiB).toFixed(0)} MiB |`,
    )
  }
  const thousand = rows.find((r) => r.count === ELEVENTY_SIZE)
  if (thousand && eleventyMs) {
    console.log(`\nEleventy 3, same ${thousand.pages} pages: ${s(eleventyMs)}; sprid cold / Eleventy = ${(thousand.cold.ms / eleventyMs).toFixed(2)}x (target <= 0.7x)`)
  }
  const five = rows.find((r) => r.count === 5000)
  if (thousand && five) console.log(`5000 / 1000 findings time ratio: ${(five.cold.ms / thousand.cold.ms).toFixed(2)}x (target <= 5.5x)`)
}

/** `node scripts/bench.js [sizes...] [--only web|pdf]`; PDF flags after `--only pdf` go to bench-pdf.js. */
async function main(args) {
  const at = args.indexOf('--only')
  const only = at === -1 ? undefined : args[at + 1]
  if (only !== undefined && only !== 'web' && only !== 'pdf') throw new Error(`--only takes web or pdf, not ${only}`)
  const rest = at === -1 ? args : [...args.slice(0, at), ...args.slice(at + 2)]
  if (only !== 'pdf') {
    const sizes = rest.map(Number).filter(Boolean)
    await webBench(sizes.length > 0 ? sizes : [100, 1000, 5000])
  }
  if (only !== 'web') {
    const { main: pdfMain } = await import('./bench-pdf.js')
    if (only !== 'pdf') console.log('')
    await pdfMain(only === 'pdf' ? rest : [])
  }
}

// Not a top-level await: bench-pdf.js imports this module, which must finish evaluating first.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
}
