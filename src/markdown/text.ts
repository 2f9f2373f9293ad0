/**
 * Plain text of a tree, one line per block, so sentences in lists and
 * headings stay apart for readability scores and leak checks. Raw HTML is left out.
 */
import { toString } from 'mdast-util-to-string'
import type { Nodes, Root } from 'mdast'

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code'])

export function toPlainText(tree: Root | Nodes): string {
  const lines: string[] = []
  const walk = (node: Nodes): void => {
    if (BLOCKS.has(node.type)) {
      // Raw HTML is markup, not text: an author's `<!-- not for publication -->` must not reach posts or handouts.
      const text = collapseSpace(toString(node, { includeHtml: false }))
      if (text) lines.push(text)
      return
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes)
  }
  walk(tree)
  return lines.join('\n')
}

/**
 * Runs of whitespace become one space, except no-break spaces: they hold a
 * figure to its unit (`12,5 %`, `1 234`) in plain text as in HTML.
 */
export function collapseSpace(value: string): string {
  return value.replace(/[^\S\u00a0\u202f]+/g, ' ').trim()
}
