/**
 * `sprid list`: the findings x audiences matrix, with the reason for every
 * exclusion. The base of the build's coverage report.
 */
import type { Project } from './content/load.js'
import { decide } from './tailor/select.js'

export interface MatrixCell {
  included: boolean
  reason?: string
  detail?: string
  translation?: 'native' | 'variant' | 'fallback'
}

export interface Matrix {
  audiences: { id: string; name: string; lang: string }[]
  findings: { id: string; title: string; file: string; status: string; cells: Record<string, MatrixCell> }[]
}

export function listMatrix(project: Project): Matrix {
  const cells = new Map<string, Record<string, MatrixCell>>()
  for (const audience of project.audiences) {
    for (const d of decide(project, audience)) {
      const row = cells.get(d.finding) ?? {}
      row[audience.id] = { included: d.included, reason: d.reason, detail: d.detail, translation: d.translation }
      cells.set(d.finding, row)
    }
  }
  return {
    audiences: project.audiences.map((a) => ({ id: a.id, name: a.data.name, lang: a.lang })),
    findings: project.findings.map((f) => ({
      id: f.id,
      title: f.base.data.title,
      file: f.base.file,
      status: f.base.data.status ?? 'published',
      cells: cells.get(f.id) ?? {},
    })),
  }
}

/** A plain-text table: ✓ included, ✓* language fallback, – excluded (with reasons listed below). */
export function formatMatrix(matrix: Matrix): string {
  const ids = matrix.audiences.map((a) => a.id)
  const first = Math.max(7, ...matrix.findings.map((f) => f.id.length))
  const widths = ids.map((id) => Math.max(id.length, 3))
  const pad = (value: string, width: number) => value + ' '.repeat(Math.max(0, width - [...value].length))
  const lines = [[pad('finding', first), ...ids.map((id, i) => pad(id, widths[i]!))].join('  ')]
  const reasons: string[] = []
  for (const finding of matrix.findings) {
    const row = ids.map((id, i) => {
      const cell = finding.cells[id]
      const mark = !cell ? '?' : cell.included ? (cell.translation === 'fallback' ? '✓*' : '✓') : '–'
      if (cell && !cell.included) reasons.push(`  ${finding.id} → ${id}: ${cell.reason} (${cell.detail})`)
      if (cell?.translation === 'fallback') reasons.push(`  ${finding.id} → ${id}: language fallback (${cell.detail})`)
      return pad(mark, widths[i]!)
    })
    lines.push([pad(finding.id, first), ...row].join('  '))
  }
  const totals = ids.map((id) => `${id} ${matrix.findings.filter((f) => f.cells[id]?.included).length}`)
  lines.push('', `Findings per audience: ${totals.join(', ')}`)
  if (reasons.length > 0) lines.push('', 'Why not (or why fallback):', ...reasons)
  return `${lines.join('\n')}\n`
}
