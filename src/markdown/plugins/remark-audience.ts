import type { Root } from 'mdast'
import { directiveAudiences } from '../directives.js'
import { resolveDirectives } from './unwrap.js'

export interface AudienceOptions {
  /** The audience the tree is tailored for. */
  audience: string
}

/** Resolve `only` and `except` blocks and inline spans for one audience. */
export function remarkAudience(options: AudienceOptions) {
  return (tree: Root): void => {
    resolveDirectives(tree, (node) => {
      if (node.name !== 'only' && node.name !== 'except') return 'keep'
      const named = directiveAudiences(node).includes(options.audience)
      return named === (node.name === 'only') ? 'unwrap' : 'remove'
    })
  }
}
