import { SKIP, visit } from 'unist-util-visit'
import type { Parent, Root } from 'mdast'
import { isDirective } from '../directives.js'

/**
 * Swedish writes genitives and plurals of abbreviations with a colon
 * (`SVT:s`, `vd:ar`, `1:a`). remark-directive reads `:s` there as a text
 * directive; a bare one (no `[label]`, no `{attributes}`) right after a letter
 * or digit is plain text again.
 */
export function remarkColonText() {
  return (tree: Root): void => {
    visit(tree, 'textDirective', (node, index, parent: Parent | undefined) => {
      if (!isDirective(node) || parent === undefined || index === undefined) return
      const bare = node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0
      const previous = parent.children[index - 1]
      const afterWord = previous?.type === 'text' && /[\p{L}\p{N}]$/u.test(previous.value)
      if (!bare || !afterWord) return
      const next = parent.children[index + 1]
      let value = `${previous.value}:${node.name}`
      let remove = 2
      if (next?.type === 'text') {
        value += next.value
        remove = 3
      }
      parent.children.splice(index - 1, remove, { type: 'text', value, position: previous.position } as never)
      return [SKIP, index]
    })
  }
}
