/**
 * sprid's directives and their checks. Known: `:::only`, `:::except` (and
 * inline `:only[...]`), `:::detail`, `:::notes`, and inline `:fig[id]`.
 */
import { visit } from 'unist-util-visit'
import { toString } from 'mdast-util-to-string'
import type { Root } from 'mdast'
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive'
import type { Position } from 'unist'

export type Directive = ContainerDirective | LeafDirective | TextDirective

const KNOWN: Record<Directive['type'], ReadonlySet<string>> = {
  containerDirective: new Set(['only', 'except', 'detail', 'notes']),
  leafDirective: new Set(),
  textDirective: new Set(['only', 'except', 'fig']),
}

export interface DirectiveProblem {
  ruleId: 'unknown-directive' | 'unknown-audience' | 'unknown-figure'
  message: string
  position?: Position
}

export function isDirective(node: { type: string }): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective'
}

/** Audience ids named by an `only`/`except` directive (space- or comma-separated). */
export function directiveAudiences(node: Directive): string[] {
  return (node.attributes?.audience ?? '').split(/[\s,]+/).filter(Boolean)
}

/** Report unknown directives, audiences and figures, each at its position. */
export function lintDirectives(
  tree: Root,
  known: { audiences: ReadonlySet<string>; figures: ReadonlySet<string> },
): DirectiveProblem[] {
  const problems: DirectiveProblem[] = []
  visit(tree, (node) => {
    if (!isDirective(node)) return
    const marker = node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':'
    if (!KNOWN[node.type].has(node.name)) {
      problems.push({
        ruleId: 'unknown-directive',
        message: `Unknown directive \`${marker}${node.name}\`: ${KNOWN[node.type].size > 0 ? `expected ${[...KNOWN[node.type]].map((n) => marker + n).join(', ')}` : `sprid has no \`${marker}\` directives (use :::only, :::except, :::detail, :::notes or :fig)`}`,
        position: node.position,
      })
      return
    }
    if (node.name === 'only' || node.name === 'except') {
      const ids = directiveAudiences(node)
      if (ids.length === 0) {
        problems.push({ ruleId: 'unknown-audience', message: `\`${marker}${node.name}\` needs {audience="id ..."}`, position: node.position })
      }
      for (const id of ids) {
        if (!known.audiences.has(id)) {
          problems.push({
            ruleId: 'unknown-audience',
            message: `Unknown audience \`${id}\` in \`${marker}${node.name}\`; known: ${[...known.audiences].join(', ')}`,
            position: node.position,
          })
        }
      }
    }
    if (node.name === 'fig') {
      const id = toString(node).trim()
      if (!known.figures.has(id)) {
        problems.push({
          ruleId: 'unknown-figure',
          message: `Unknown figure \`:fig[${id}]\`; ${known.figures.size > 0 ? `defined: ${[...known.figures].join(', ')}` : 'this finding defines no `figures`'}`,
          position: node.position,
        })
      }
    }
  })
  return problems
}
