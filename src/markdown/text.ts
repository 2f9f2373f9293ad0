/**
 * Plain text of a tree, one line per block, so sentences in lists and
 * headings stay apart for readability scores and leak checks.
 */
import { toString } from 'mdast-util-to-string'
import type { Nodes, Root } from 'mdast'

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code', 'html'])

export function toPlainText(tree: Root | Nodes): string {
  const lines: string[] = []
  const walk = (node: Nodes): void => {
    if (BLOCKS.has(node.type)) {
      const text = toString(node).replace(/\s+/g, ' ').trim()
      if (text) lines.push(text)
      return
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes)
  }
  walk(tree)
  return lines.join('\n')
}
