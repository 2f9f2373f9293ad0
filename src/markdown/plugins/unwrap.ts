import { SKIP, visit } from 'unist-util-visit'
import type { Parent, Root, RootContent } from 'mdast'
import { isDirective, type Directive } from '../directives.js'

/** What to do with a directive: keep its content in place, drop it, or leave it. */
export type Decision = 'unwrap' | 'remove' | 'keep'

/**
 * Walk every directive and unwrap or remove it as `decide` says. Container
 * labels (`:::detail[Label]`) are dropped with the wrapper.
 */
export function resolveDirectives(tree: Root, decide: (node: Directive) => Decision): void {
  visit(tree, (node, index, parent: Parent | undefined) => {
    if (!isDirective(node) || parent === undefined || index === undefined) return
    const decision = decide(node)
    if (decision === 'keep') return
    parent.children.splice(index, 1, ...(decision === 'unwrap' ? (directiveContent(node) as never[]) : []))
    return [SKIP, index]
  })
}

/** A directive's children without its `[label]` paragraph. */
export function directiveContent(node: Directive): RootContent[] {
  return (node.children as RootContent[]).filter(
    (child) => !(child.type === 'paragraph' && child.data?.directiveLabel === true),
  )
}
