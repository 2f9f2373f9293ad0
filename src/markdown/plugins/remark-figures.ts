import { SKIP, visit } from 'unist-util-visit'
import { toString } from 'mdast-util-to-string'
import type { Parent, Root } from 'mdast'
import type { FigureView } from '../../tailor/view.js'
import { isDirective } from '../directives.js'

export interface FiguresOptions {
  figures: ReadonlyMap<string, FigureView>
}

/** Replace `:fig[id]` with the figure's formatted value, so a number is written once. */
export function remarkFigures(options: FiguresOptions) {
  return (tree: Root): void => {
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (!isDirective(node) || node.type !== 'textDirective' || node.name !== 'fig') return
      if (parent === undefined || index === undefined) return
      const figure = options.figures.get(toString(node).trim())
      // Unknown ids are reported by the linter at load time; leave the id visible.
      const value = figure?.formatted ?? toString(node)
      parent.children.splice(index, 1, { type: 'strong', children: [{ type: 'text', value }] } as never)
      return [SKIP, index + 1]
    })
  }
}
