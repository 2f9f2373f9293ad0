/**
 * `report.html`: the coverage report as one standalone page. Inline CSS, no
 * JavaScript, no requests; tables with captions and header scopes; every
 * value escaped (titles, messages and ids come from content, which is not
 * trusted). English, like sprid's other diagnostics; finding titles and
 * audience names carry their own `lang`.
 */
import type { CoverageCell, CoverageReport, FindingCoverage, FormatStatus } from './report.js'

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escape text for HTML content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** A language tag as an attribute, or nothing when it is not a plausible tag. */
function langAttr(lang: string | undefined): string {
  return lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) ? ` lang="${escapeHtml(lang)}"` : ''
}

const STATUS_TEXT: Readonly<Record<FormatStatus, string>> = {
  built: 'built',
  'not-requested': 'not requested',
  'not-built': 'not built this time',
}

const TRANSLATION_TEXT = { native: 'own language', variant: 'translation', fallback: 'fallback' } as const

const CSS = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#555;--line:#d0d0d0;--head:#f2f2f2;--ok:#1b5e20;--no:#8a1c1c;--warn:#7a4b00;--link:#0b4f8a}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#161616;--muted:#b5b5b5;--line:#444;--head:#232323;--ok:#8fd19e;--no:#ffaaa5;--warn:#f3c677;--link:#9ccaff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:80rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.75rem;margin:0 0 .25rem}h2{font-size:1.3rem;margin:2rem 0 .5rem}
p,li{max-width:70ch}a{color:var(--link)}
.meta,.id,.detail,.files{color:var(--muted)}
.id,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
.scroll{overflow-x:auto;margin:0 0 1rem}
.scroll:focus-visible{outline:3px solid var(--link);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem}
th,td{border:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--head)}
tbody th{font-weight:600;min-width:14rem}
.yes{color:var(--ok);font-weight:600}.no{color:var(--no);font-weight:600}.warn{color:var(--warn);font-weight:600}
.files{margin:.25rem 0 0;padding:0;list-style:none;font-size:.85em}
dl{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
@media print{.scroll{overflow:visible}a{color:inherit}}
`.trim()

/** Render the report as a standalone HTML page. */
export function renderReportHtml(report: CoverageReport): string {
  const title = `Coverage report: ${report.site.title}`
  const body = [
    `<h1>Coverage report</h1>`,
    `<p class="meta"><span${langAttr(report.site.lang)}>${escapeHtml(report.site.title)}</span>${report.site.organisation ? ` · <span${langAttr(report.site.lang)}>${escapeHtml(report.site.organisation)}</span>` : ''} · build date <time datetime="${escapeHtml(report.date)}">${escapeHtml(report.date)}</time> · ${escapeHtml(report.generator)}</p>`,
    `<nav aria-label="Sections"><ul><li><a href="#summary">Summary</a></li><li><a href="#matrix">Who gets what</a></li><li><a href="#formats">Formats per audience</a></li><li><a href="#translations">Translations</a></li><li><a href="#messages">Warnings and errors</a></li></ul></nav>`,
    summary(report),
    matrix(report),
    formats(report),
    translations(report),
    messages(report),
  ].join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="generator" content="${escapeHtml(report.generator)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`
}

function section(id: string, heading: string, content: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${escapeHtml(heading)}</h2>\n${content}\n</section>`
}

/** A table in a keyboard-scrollable region named by its caption. */
function table(id: string, caption: string, head: readonly string[], rows: readonly string[]): string {
  const headRow = head.map((cell) => `<th scope="col">${cell}</th>`).join('')
  return `<div class="scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table>
<caption id="${id}">${caption}</caption>
<thead><tr>${headRow}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>`
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

function summary(report: CoverageReport): string {
  const built = report.audiences.filter((a) => a.built)
  const reasons = Object.entries(report.withheld.reasons)
    .map(([reason, count]) => `${count} ${escapeHtml(reason)}`)
    .join(', ')
  const withheld =
    report.withheld.count > 0
      ? `<p>${escapeHtml(plural(report.withheld.count, 'finding'))} (${reasons}) ${report.withheld.count === 1 ? 'is' : 'are'} held back from every audience of this build and not named here, because this folder may be published${report.withheld.messages > 0 ? `; ${escapeHtml(plural(report.withheld.messages, 'message'))} on ${report.withheld.count === 1 ? 'its file is' : 'their files are'} left out too` : ''}. Run <code>sprid list</code> to see ${report.withheld.count === 1 ? 'it' : 'them'}.</p>`
      : ''
  return section(
    'summary',
    'Summary',
    `<dl>
<dt>Audiences built</dt><dd>${escapeHtml(built.map((a) => a.id).join(', ') || 'none')}</dd>
<dt>Formats built</dt><dd>${escapeHtml(report.build.formats.join(', ') || 'none')}</dd>
<dt>Findings</dt><dd>${escapeHtml(String(report.findings.length + report.withheld.count))}</dd>
<dt>Drafts included</dt><dd>${report.build.drafts ? 'yes' : 'no'}</dd>
<dt>Errors</dt><dd>${escapeHtml(String(report.messages.errors))}</dd>
<dt>Warnings</dt><dd>${escapeHtml(String(report.messages.warnings))}</dd>
</dl>
${withheld}`,
  )
}

function audienceHeader(report: CoverageReport, id: string): string {
  const audience = report.audiences.find((a) => a.id === id)!
  return `<span${langAttr(audience.lang)}>${escapeHtml(audience.name)}</span><br><span class="id">${escapeHtml(audience.id)}${audience.internal ? ' · internal' : ''}${audience.built ? '' : ' · not built'}</span>`
}

function findingHeader(finding: FindingCoverage): string {
  const flags = [finding.status, ...(finding.example ? ['example'] : [])].join(' · ')
  return `<th scope="row"><span${langAttr(finding.languages[0])}>${escapeHtml(finding.title)}</span><br><span class="id">${escapeHtml(finding.id)} · ${escapeHtml(flags)}</span></th>`
}

/** Paths in a cell are shown without the audience's folder, which the column already names. */
function shortPath(file: string, audience: string): string {
  return file.startsWith(`${audience}/`) ? file.slice(audience.length + 1) : file
}

function cell(cellData: CoverageCell | undefined, audience: string): string {
  if (!cellData) return '<td>–</td>'
  if (!cellData.included) {
    return `<td><span class="no">Not included</span>: ${escapeHtml(cellData.reason)}<br><span class="detail">${escapeHtml(cellData.detail)}</span></td>`
  }
  const translation =
    cellData.translation === 'fallback'
      ? `<br><span class="warn">Fallback</span>: gets the <span class="id">${escapeHtml(cellData.lang)}</span> text`
      : cellData.translation === 'variant'
        ? `<br><span class="detail">Translation (${escapeHtml(cellData.lang)})</span>`
        : ''
  const files = Object.entries(cellData.formats).map(
    ([format, paths]) => `<li>${escapeHtml(format)}: ${paths.length === 0 ? 'no file' : paths.map((p) => `<code>${escapeHtml(shortPath(p, audience))}</code>`).join(', ')}</li>`,
  )
  return `<td><span class="yes">Included</span>${translation}${files.length > 0 ? `<ul class="files">${files.join('')}</ul>` : ''}</td>`
}

function matrix(report: CoverageReport): string {
  const ids = report.audiences.map((a) => a.id)
  const rows = report.findings.map((finding) => `<tr>${findingHeader(finding)}${ids.map((id) => cell(finding.cells[id], id)).join('')}</tr>`)
  return section(
    'matrix',
    'Who gets what',
    report.findings.length === 0
      ? '<p>No findings.</p>'
      : table(
          'matrix-caption',
          'Every finding (rows) for every audience (columns): included, with the files it went into per format (in the audience\'s folder), or not included, with the reason.',
          ['Finding', ...ids.map((id) => audienceHeader(report, id))],
          rows,
        ),
  )
}

function formats(report: CoverageReport): string {
  const formatIds = report.audiences[0]?.formats.map((f) => f.id) ?? []
  const rows = report.audiences.map((audience) => {
    const cells = audience.formats.map((f) => {
      const status = STATUS_TEXT[f.status]
      const className = f.status === 'built' ? 'yes' : f.status === 'not-built' ? 'warn' : 'detail'
      return `<td><span class="${className}">${escapeHtml(status)}</span>${f.status === 'built' ? `<br><span class="detail">${escapeHtml(plural(f.files, 'file'))}</span>` : ''}</td>`
    })
    const counts = `${audience.included} included, ${audience.excluded} not${audience.fallbacks > 0 ? `, ${audience.fallbacks} in fallback language` : ''}`
    return `<tr><th scope="row">${audienceHeader(report, audience.id)}</th><td>${escapeHtml(counts)}</td>${cells.join('')}</tr>`
  })
  return section(
    'formats',
    'Formats per audience',
    report.audiences.length === 0
      ? '<p>No audiences.</p>'
      : table('formats-caption', 'The formats each audience asked for, and how many files this build made of each.', ['Audience', 'Findings', ...formatIds.map(escapeHtml)], rows),
  )
}

function translations(report: CoverageReport): string {
  const t = report.translations
  const findingRows = t.findings.map((f) => {
    const finding = report.findings.find((x) => x.id === f.id)!
    return `<tr>${findingHeader(finding)}<td>${escapeHtml(f.lang)}</td><td>${escapeHtml(f.variants.join(', ') || 'none')}</td><td>${f.fallbackFor.length > 0 ? `<span class="warn">${escapeHtml(f.fallbackFor.join(', '))}</span>` : 'none'}</td></tr>`
  })
  const audienceRows = t.audiences.map(
    (a) =>
      `<tr><th scope="row">${audienceHeader(report, a.id)}</th><td>${escapeHtml(a.lang)}</td><td>${a.native}</td><td>${a.variant}</td><td>${a.fallback.length > 0 ? `<span class="warn">${escapeHtml(a.fallback.join(', '))}</span>` : 'none'}</td></tr>`,
  )
  return section(
    'translations',
    'Translations',
    `<p>Languages: ${escapeHtml(t.languages.join(', ') || 'none')}. An audience gets a finding in its own language when the finding is written in it or has a variant (<code>x.en.md</code>); otherwise it falls back to the finding's own language.</p>
${table('translations-findings', 'Language variants per finding, and the audiences that get it in another language.', ['Finding', 'Written in', 'Variants', 'Fallback for'], findingRows)}
${table('translations-audiences', 'How each audience gets its language: findings in their own language, in a translation, and fallbacks.', ['Audience', 'Language', 'Own language', 'Translations', 'Fallbacks'], audienceRows)}`,
  )
}

function messages(report: CoverageReport): string {
  const items = report.messages.items
  const rows = items.map((m) => {
    const place = `${m.file}${m.line !== null ? `:${m.line}:${m.column ?? 1}` : ''}`
    return `<tr><th scope="row"><code>${escapeHtml(place)}</code></th><td><span class="${m.severity === 'error' ? 'no' : 'warn'}">${escapeHtml(m.severity)}</span></td><td><code>${escapeHtml(m.ruleId ?? '')}</code></td><td>${escapeHtml(m.message)}</td></tr>`
  })
  return section(
    'messages',
    'Warnings and errors',
    items.length === 0
      ? '<p>No warnings or errors.</p>'
      : table('messages-caption', `${escapeHtml(plural(report.messages.errors, 'error'))} and ${escapeHtml(plural(report.messages.warnings, 'warning'))}, by file and line.`, ['Place', 'Severity', 'Rule', 'Message'], rows),
  )
}
