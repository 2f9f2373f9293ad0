/**
 * `sprid check`: the rules that need the whole project (selection, leaks,
 * translations, readability), added to the messages loading already made.
 */
import type { VFile } from 'vfile'
import type { Project, SourceAudience } from '../content/load.js'
import { countMessages, report } from '../content/messages.js'
import { toString } from 'mdast-util-to-string'
import { SECTION_ALIASES } from '../config/sections.js'
import { sectionKey } from '../markdown/sections.js'
import { decide, heldBack, type Decision } from '../tailor/select.js'
import { tailorDecisions } from '../tailor/tailor.js'
import type { FindingView, Pack } from '../tailor/view.js'
import { fleschReadingEase, lix } from './readability.js'

export interface CheckResult {
  files: readonly VFile[]
  errors: number
  warnings: number
  /** Every audience's decisions, for `list` and reports. */
  decisions: ReadonlyMap<string, readonly Decision[]>
  /** Every audience's tailored pack. */
  packs: ReadonlyMap<string, Pack>
}

/** Run every project-wide rule; messages land on the files they are about. */
export function check(project: Project): CheckResult {
  const decisions = new Map<string, Decision[]>()
  const packs = new Map<string, Pack>()
  const reported = new Set<string>()
  for (const audience of project.audiences) {
    const audienceDecisions = decide(project, audience)
    decisions.set(audience.id, audienceDecisions)
    const included = audienceDecisions.filter((d) => d.included)
    checkLeaks(project, audience)
    checkSections(project, audience)
    if (included.length === 0) {
      report(audience.vfile, 'warning', 'empty-selection', `Audience \`${audience.id}\` selects no findings: its pack will be empty`, audience.pointOf(['select']))
    }
    for (const decision of included) {
      if (decision.translation !== 'fallback') continue
      const entry = project.findings.find((f) => f.id === decision.finding)!
      const key = `${entry.id}:${audience.lang}`
      if (reported.has(key)) continue
      reported.add(key)
      const missing = entry.base.file.replace(/\.md$/, `.${audience.lang}.md`)
      report(entry.base.vfile, 'warning', 'missing-translation', `No ${audience.lang} translation (\`${missing}\`) for audience \`${audience.id}\`: it gets the ${entry.base.lang} text`, { line: 1, column: 1 })
    }
    const pack = tailorDecisions(project, audience, included)
    packs.set(audience.id, pack)
    checkReadability(project, audience, pack)
  }
  const { errors, warnings } = countMessages(project.files)
  return { files: project.files, errors, warnings, decisions, packs }
}

/** A held-back finding named explicitly for an audience that may not see it is an error, not a silent drop. */
function checkLeaks(project: Project, audience: SourceAudience): void {
  const sensitive = (reason: string | undefined) => reason === 'internal' || reason === 'embargoed'
  audience.data.select?.findings?.forEach((id, index) => {
    const entry = project.findings.find((f) => f.id === id)
    if (!entry) {
      report(audience.vfile, 'error', 'unknown-finding', `Unknown finding \`${id}\` in select.findings`, audience.pointOf(['select', 'findings', index]))
      return
    }
    const held = heldBack(entry, audience, project)
    if (held && sensitive(held.reason)) {
      report(audience.vfile, 'error', 'leak', `\`${id}\` is ${held.detail}: audience \`${audience.id}\` may not receive it`, audience.pointOf(['select', 'findings', index]))
    }
  })
  for (const entry of project.findings) {
    // Translations can name audiences too; each file that names one is told.
    for (const source of [entry.base, ...entry.variants.values()]) {
      const index = source.data.audiences?.indexOf(audience.id) ?? -1
      if (index === -1) continue
      const held = heldBack(entry, audience, project)
      if (held && sensitive(held.reason)) {
        report(source.vfile, 'error', 'leak', `Finding is ${held.detail}, but \`audiences\` names \`${audience.id}\`, which may not receive it`, source.pointOf(['audiences', index]))
      }
    }
  }
}

function checkSections(project: Project, audience: SourceAudience): void {
  const present = new Set<string>(Object.keys(SECTION_ALIASES))
  for (const role of project.config.sectionAliases.values()) present.add(role)
  for (const entry of project.findings) {
    for (const node of entry.base.tree.children) {
      if (node.type === 'heading' && node.depth === 2) {
        present.add(sectionKey(toString(node, { includeHtml: false }), project.config.sectionAliases))
      }
    }
  }
  audience.data.sections?.forEach((key, index) => {
    if (!present.has(key)) {
      report(audience.vfile, 'warning', 'unknown-section', `No finding has a section \`${key}\`; known roles: ${Object.keys(SECTION_ALIASES).join(', ')}`, audience.pointOf(['sections', index]))
    }
  })
}

function checkReadability(project: Project, audience: SourceAudience, pack: Pack): void {
  const target = audience.data.readability
  if (!target) return
  for (const finding of pack.findings) {
    const source = project.findings.find((f) => f.id === finding.id)!
    const file = finding.translation === 'variant' ? source.variants.get(finding.lang)! : source.base
    const place = file.pointOf(['title'])
    if (target.lix_max !== undefined && finding.lang.startsWith('sv')) {
      const score = lixOf(finding)
      if (score > target.lix_max) {
        report(file.vfile, 'warning', 'readability', `LIX ${score.toFixed(0)} for audience \`${audience.id}\` is above its target ${target.lix_max}: use shorter sentences and words`, place)
      }
    }
    if (target.flesch_min !== undefined && finding.lang.startsWith('en')) {
      const score = fleschOf(finding)
      if (score < target.flesch_min) {
        report(file.vfile, 'warning', 'readability', `Flesch Reading Ease ${score.toFixed(0)} for audience \`${audience.id}\` is below its target ${target.flesch_min}: use shorter sentences and words`, place)
      }
    }
  }
}

/** A score per view: views the preview's builds share (see tailorDecisions) are scored once. */
function scoredOnce(score: (text: string) => number): (view: FindingView) => number {
  const scores = new WeakMap<FindingView, number>()
  return (view) => {
    let value = scores.get(view)
    if (value === undefined) scores.set(view, (value = score(view.text)))
    return value
  }
}

const lixOf = scoredOnce(lix)
const fleschOf = scoredOnce(fleschReadingEase)
