import type { Root } from 'mdast'
import type { Depth } from '../../tailor/view.js'
import { resolveDirectives } from './unwrap.js'

export interface DepthOptions {
  depth: Depth
}

/** `:::detail` blocks appear only at depth `full`. */
export function remarkDepth(options: DepthOptions) {
  return (tree: Root): void => {
    resolveDirectives(tree, (node) =>
      node.name !== 'detail' ? 'keep' : options.depth === 'full' ? 'unwrap' : 'remove',
    )
  }
}
