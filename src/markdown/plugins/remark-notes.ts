import type { Root, RootContent } from 'mdast'
import { directiveContent, resolveDirectives } from './unwrap.js'

export interface NotesOptions {
  /** Receives the content of every `:::notes` block, in document order. */
  collect: (content: RootContent[]) => void
}

/** Take `:::notes` (speaker notes) out of reader-facing text, handing them to `collect`. */
export function remarkNotes(options: NotesOptions) {
  return (tree: Root): void => {
    resolveDirectives(tree, (node) => {
      if (node.name !== 'notes' || node.type !== 'containerDirective') return 'keep'
      options.collect(directiveContent(node))
      return 'remove'
    })
  }
}
