/**
 * The preview's own pages: the index of every pack and format
 * (`/__sprid/`) and one finding side by side for every audience
 * (`/__sprid/finding/<id>`). Built from the last good build's manifest and
 * the `sprid list` matrix; every value is escaped.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { FormatId } from '../formats/types.js'
import type { Matrix } from '../list.js'
import type { ManifestEntry } from '../output/index.js'
import { PLATFORMS } from '../formats/social/platforms.js'
import { webPaths } from '../formats/web/paths.js'
import { findingAnchor } from '../formats/print/index.js'
import { fileUrl, html, raw, type SafeHtml } from './html.js'
import { problemHtml } from './overlay.js'
import { printedFrom } from './print.js'
import type { PreviewProblem } from './problems.js'

/** Where the preview's own pages live. */
export const PREVIEW_BASE = '/__sprid/'

/** What the pages are made from: the last good build. */
export interface PagesData {
  /** The project's title. */
  title: string
  /** The folder being served. */
  outDir: string
  outputs: readonly ManifestEntry[]
  matrix: Matrix
}

/** The state of the last build, shown in the header. */
export interface PagesStatus {
  ok: boolean
  errors: number
}

const FORMAT_LABELS = {
  web: 'Web',
  conference: 'Conference deck',
  handout: 'Handout',
  social: 'Social posts',
  card: 'Share cards',
} as const satisfies Record<FormatId, string>

const FORMATS = Object.keys(FORMAT_LABELS) as FormatId[]

const FILE_LABELS: Readonly<Record<string, string>> = {
  'index.html': 'Pack home',
  'feed.xml': 'Atom feed',
  'conference.html': 'Slides',
  'conference-notes.html': 'Speaker notes',
  'handout.html': 'Handout',
  'social.md': 'social.md',
  'social.json': 'social.json',
  'social.csv': 'social.csv',
}

/** A post as the preview reads it from `<audience>/social.json`; anything else in the file is ignored. */
interface Post {
  finding: string
  platform: string
  thread: { index: number; total: number } | null
  text: string
  length: number
  limit: number
  fits: boolean
  image: { path: string; alt: string } | null
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1c1c1f;--muted:#62626b;--bg:#f7f7f8;--card:#fff;--line:#dcdce0;--accent:#0b6b5c;--bad:#c2262c}
@media (prefers-color-scheme:dark){:root{--fg:#ececef;--muted:#a1a1aa;--bg:#131316;--card:#1d1d21;--line:#33333a;--accent:#4fd1b5;--bad:#ff8a8f}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}header.top{padding:1rem 1.5rem;border-bottom:1px solid var(--line);display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
header.top h1{font-size:1.2rem;margin:0}.muted{color:var(--muted)}.bad{color:var(--bad)}main{padding:1rem 1.5rem 3rem}
section.pack{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1.5rem}
section.pack h2{margin:0 0 .5rem;font-size:1.15rem}h3{font-size:1rem;margin:1rem 0 .35rem}
ul.links{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.35rem 1.25rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.cards{display:flex;flex-wrap:wrap;gap:.75rem}.cards img{width:240px;height:auto;border:1px solid var(--line);border-radius:4px;display:block}
.posts{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:.75rem}
.post{border:1px solid var(--line);border-radius:12px;padding:.75rem .9rem;background:var(--bg);display:flex;flex-direction:column;gap:.5rem}
.post header{display:flex;justify-content:space-between;gap:.5rem;font-weight:600}.post .count{font:12px ui-monospace,monospace;font-weight:400}
.post--over{border-color:var(--bad)}.post--over .count{color:var(--bad);font-weight:700}
.post p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}.post img{width:100%;height:auto;border-radius:8px}.post footer{font-size:13px}
.columns{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(380px,1fr);gap:1rem;overflow-x:auto;padding-bottom:1rem}
.column{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;display:flex;flex-direction:column;gap:.75rem;min-width:0}
.column h2{margin:0;font-size:1.05rem}.column p{margin:0}.printed{display:flex;gap:.75rem;flex-wrap:wrap;align-items:baseline}
section.pack:first-of-type{margin-top:1.5rem}.column iframe{width:100%;height:70vh;border:1px solid var(--line);border-radius:4px;background:#fff}.column iframe.paged{height:auto;background:#5f6368}.paged--slide{aspect-ratio:16/10}.paged--sheet{aspect-ratio:3/4}
.column .card{width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
.problem{border-top:1px solid var(--line);padding:.75rem 0}.where{font:13px ui-monospace,monospace;margin:0}.rule{font:12px ui-monospace,monospace;color:var(--muted);margin-left:.5rem}
.problem pre{margin:.5rem 0 0;padding:.75rem;background:var(--card);border:1px solid var(--line);border-radius:4px;overflow-x:auto;font:13px/1.45 ui-monospace,monospace}
`

function page(title: string, status: PagesStatus, body: SafeHtml): string {
  const state = status.ok
    ? html`<span class="muted">last build ok</span>`
    : html`<span class="bad">last build failed (${status.errors} ${status.errors === 1 ? 'error' : 'errors'}): showing the last good output</span>`
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · sprid preview</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="top"><h1><a href="${PREVIEW_BASE}">sprid preview</a></h1>${state}</header>
<main>
${body}
</main>
</body>
</html>
`.value
}

/** The index: every pack, every format, every file, and the posts as they will look. */
export async function indexPage(data: PagesData | undefined, status: PagesStatus): Promise<string> {
  if (!data) return page('No build yet', status, html`<p>Nothing has been built yet. Fix the problems shown and save.</p>`)
  const byAudience = groupBy(data.outputs, (entry) => entry.audience)
  const audiences = data.matrix.audiences.filter((audience) => byAudience.has(audience.id))
  const site = byAudience.get(null) ?? []
  const findings = data.matrix.findings.filter((finding) => audiences.some((a) => finding.cells[a.id]?.included))
  const packs = await Promise.all(audiences.map((audience) => packSection(data, audience, byAudience.get(audience.id) ?? [])))
  const siteFiles = site.filter((entry) => !entry.path.startsWith('assets/'))
  const assets = site.length - siteFiles.length
  return page(
    data.title,
    status,
    html`<h2>${data.title}</h2>
<nav aria-label="Packs"><ul class="links">${audiences.map((a) => html`<li><a href="${`#pack-${a.id}`}">${a.name}</a></li>`)}</ul></nav>
<p class="muted">${audiences.length} packs · ${data.outputs.length} files${siteFiles.length > 0 ? html` · ${siteFiles.map((entry) => html`<a href="${fileUrl(entry.path)}">${entry.path}</a> `)}` : ''}${assets > 0 ? ` · ${assets} shared assets` : ''}</p>
<h3>Findings side by side</h3>
<table><thead><tr><th>Finding</th>${audiences.map((a) => html`<th>${a.id}</th>`)}</tr></thead><tbody>
${findings.map(
  (finding) =>
    html`<tr><td><a href="${findingUrl(finding.id)}">${finding.title}</a> <span class="muted">${finding.id}</span></td>${audiences.map((a) => html`<td>${finding.cells[a.id]?.included ? '✓' : html`<span class="muted" title="${finding.cells[a.id]?.detail ?? ''}">–</span>`}</td>`)}</tr>\n`,
)}</tbody></table>
${packs}`,
  )
}

async function packSection(data: PagesData, audience: Matrix['audiences'][number], entries: readonly ManifestEntry[]): Promise<SafeHtml> {
  const byFormat = groupBy(entries, (entry) => entry.format)
  const titles = new Map(data.matrix.findings.map((f) => [f.id, f.title]))
  const parts: SafeHtml[] = []
  for (const format of FORMATS) {
    const files = byFormat.get(format)
    if (!files) continue
    if (format === 'web') {
      const pages = files.filter((entry) => entry.finding !== null)
      const rest = files.filter((entry) => entry.finding === null)
      parts.push(html`<h3>${FORMAT_LABELS.web}</h3>${links(rest)}
<ul>${pages.map((entry) => html`<li><a href="${fileUrl(entry.path)}">${titles.get(entry.finding!) ?? entry.finding}</a> · <a href="${findingUrl(entry.finding!)}">side by side</a></li>`)}</ul>`)
    } else if (format === 'card') {
      parts.push(html`<h3>${FORMAT_LABELS.card}</h3><div class="cards">${files.map((entry) => html`<a href="${fileUrl(entry.path)}"><img src="${fileUrl(entry.path)}" alt="${titles.get(entry.finding ?? '') ?? entry.path}" loading="lazy"></a>`)}</div>`)
    } else if (format === 'social') {
      const posts = await readPosts(data.outDir, audience.id)
      parts.push(html`<h3>${FORMAT_LABELS.social}</h3>${links(files)}<div class="posts">${posts.map((post) => postCard(audience.id, post, titles))}</div>`)
    } else {
      parts.push(html`<h3>${FORMAT_LABELS[format]}</h3>${links(files)}`)
    }
  }
  const other = byFormat.get(null)
  if (other) parts.push(html`<h3>Other files</h3>${links(other)}`)
  return html`<section class="pack" id="${`pack-${audience.id}`}"><h2>${audience.name} <span class="muted">${audience.id} · ${audience.lang}</span></h2>${parts}</section>\n`
}

/** Links to files, the pack's main file first (`FILE_LABELS` order), the rest by path. */
function links(entries: readonly ManifestEntry[]): SafeHtml {
  const order = Object.keys(FILE_LABELS)
  const rank = (entry: ManifestEntry) => {
    const index = order.indexOf(path.posix.basename(entry.path))
    return index === -1 ? order.length : index
  }
  const sorted = [...entries].sort((a, b) => rank(a) - rank(b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return html`<ul class="links">${sorted.map((entry) => html`<li>${fileLink(entry)}</li>`)}</ul>`
}

/**
 * A link to an output file. The deck's and the handout's HTML open as paged
 * HTML (`?paged`), followed by a link that prints their PDF now.
 */
function fileLink(entry: ManifestEntry): SafeHtml {
  const label = FILE_LABELS[path.posix.basename(entry.path)] ?? entry.path
  const pdf = printedFrom(entry.path)
  if (!pdf) return html`<a href="${fileUrl(entry.path)}">${label}</a>`
  return html`<a href="${pagedUrl(entry.path)}">${label}</a> <span class="muted">(<a href="${pdf}">PDF</a>)</span>`
}

/** The paged view of a paged format's HTML file. */
const pagedUrl = (file: string, fragment = ''): string => `${fileUrl(file)}?paged${fragment ? `#${encodeURIComponent(fragment)}` : ''}`

function postCard(audience: string, post: Post, titles: ReadonlyMap<string, string>): SafeHtml {
  const platform = (PLATFORMS as Readonly<Record<string, { name: string }>>)[post.platform]?.name ?? post.platform
  const thread = post.thread ? ` · ${post.thread.index}/${post.thread.total}` : ''
  return html`<article class="${post.fits ? 'post' : 'post post--over'}"><header><span>${platform}${thread}</span><span class="count" title="${post.fits ? 'fits' : 'too long'}">${post.length} / ${post.limit}</span></header>
<p>${post.text}</p>${post.image ? html`<img src="${fileUrl(`${audience}/${post.image.path}`)}" alt="${post.image.alt}" loading="lazy">` : ''}<footer><a href="${findingUrl(post.finding)}">${titles.get(post.finding) ?? post.finding}</a></footer></article>`
}

/** The paged files that show a finding on a page of its own, by their page shape. */
const FINDING_PAGES: Readonly<Record<string, 'slide' | 'sheet'>> = { 'conference.html': 'slide', 'handout.html': 'sheet' }

/** One finding as each audience gets it: web page, its first slide and handout page (paged, at its anchor), card and posts, next to each other. */
export async function findingPage(data: PagesData | undefined, status: PagesStatus, id: string): Promise<string | undefined> {
  const finding = data?.matrix.findings.find((f) => f.id === id)
  if (!data || !finding) return undefined
  const byAudience = groupBy(data.outputs, (entry) => entry.audience)
  const audiences = data.matrix.audiences.filter((audience) => byAudience.has(audience.id))
  const receiving = audiences.filter((audience) => finding.cells[audience.id]?.included)
  const left = audiences.filter((audience) => !finding.cells[audience.id]?.included)
  const titles = new Map(data.matrix.findings.map((f) => [f.id, f.title]))
  const columns = await Promise.all(
    receiving.map(async (audience) => {
      const entries = byAudience.get(audience.id) ?? []
      const has = (file: string) => entries.find((entry) => entry.path === file)
      const webPage = has(webPaths.finding(audience.id, id))
      const card = has(webPaths.card(audience.id, id))
      const printed = (['conference', 'handout'] as const)
        .map((format) => ({ format, files: entries.filter((entry) => entry.finding === null && entry.format === format) }))
        .filter(({ files }) => files.length > 0)
      const pages = Object.entries(FINDING_PAGES).flatMap(([file, kind]) => {
        const entry = has(`${audience.id}/${file}`)
        return entry ? [{ entry, kind }] : []
      })
      const posts = (await readPosts(data.outDir, audience.id)).filter((post) => post.finding === id)
      const cell = finding.cells[audience.id]
      return html`<section class="column"><h2>${audience.name}</h2>
<p class="muted">${audience.id} · ${audience.lang}${cell?.translation === 'fallback' ? html` · <span class="bad">language fallback</span>` : ''}${cell?.translation === 'variant' ? ' · translation' : ''}</p>
${printed.map(({ format, files }) => html`<div class="printed"><strong>${FORMAT_LABELS[format]}</strong>${links(files)}</div>`)}
${pages.map(({ entry, kind }) => html`<iframe class="${`paged paged--${kind}`}" src="${pagedUrl(entry.path, findingAnchor(id))}" title="${`${finding.title}, ${FILE_LABELS[path.posix.basename(entry.path)] ?? entry.path}, for ${audience.name}`}" loading="lazy"></iframe>`)}
${webPage ? html`<a href="${fileUrl(webPage.path)}">Open the page</a><iframe src="${fileUrl(webPage.path)}" title="${`${finding.title}, for ${audience.name}`}" loading="lazy"></iframe>` : html`<p class="muted">No web page for this audience.</p>`}
${card ? html`<a href="${fileUrl(card.path)}"><img class="card" src="${fileUrl(card.path)}" alt="${`Share card: ${finding.title}`}"></a>` : ''}
${posts.length > 0 ? html`<div class="posts">${posts.map((post) => postCard(audience.id, post, titles))}</div>` : ''}
</section>`
    }),
  )
  return page(
    finding.title,
    status,
    html`<p><a href="${PREVIEW_BASE}">← All packs</a></p>
<h2>${finding.title} <span class="muted">${finding.id} · ${finding.file}</span></h2>
${receiving.length === 0 ? html`<p>No audience in this build receives this finding.</p>` : html`<div class="columns">${columns}</div>`}
${left.length > 0 ? html`<h3>Not sent to</h3><ul>${left.map((a) => html`<li>${a.name} (${a.id}): ${finding.cells[a.id]?.detail ?? finding.cells[a.id]?.reason ?? 'not selected'}</li>`)}</ul>` : ''}`,
  )
}

/** What a PDF asked for on demand shows when it could not be printed. */
export function pdfFailedPage(file: string, problems: readonly PreviewProblem[], status: PagesStatus): string {
  return page(
    `${file} not printed`,
    status,
    html`<h2>${file} could not be printed</h2>
<p class="muted">Fix the problems below and follow the link again; the paged preview shows the last good build meanwhile.</p>
${problems.map(problemHtml)}`,
  )
}

export function findingUrl(id: string): string {
  return `${PREVIEW_BASE}finding/${encodeURIComponent(id)}`
}

/** The posts of `<audience>/social.json`, or none when there is no such file or it does not parse. */
async function readPosts(outDir: string, audience: string): Promise<Post[]> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path.join(outDir, audience, 'social.json'), 'utf8'))
  } catch {
    return []
  }
  const posts = (data as { posts?: unknown })?.posts
  return Array.isArray(posts) ? posts.filter(isPost) : []
}

function isPost(value: unknown): value is Post {
  const post = value as Post
  return (
    typeof post === 'object' &&
    post !== null &&
    typeof post.finding === 'string' &&
    typeof post.platform === 'string' &&
    typeof post.text === 'string' &&
    typeof post.length === 'number' &&
    typeof post.limit === 'number' &&
    typeof post.fits === 'boolean' &&
    (post.image === null || (typeof post.image?.path === 'string' && typeof post.image.alt === 'string'))
  )
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
