import { visit } from 'unist-util-visit'
import type { Element, ElementContent, Root } from 'hast'

/**
 * GFM task-list checkboxes have no label, which screen readers announce as a
 * bare "checkbox". Name each one after its list item's text.
 */
export function rehypeTaskLabels() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'li') return
      const box = node.children.find(isCheckbox) ?? firstParagraph(node)?.children.find(isCheckbox)
      if (!box) return
      const label = textOf(node).replace(/\s+/g, ' ').trim()
      if (label) box.properties = { ...box.properties, ariaLabel: label }
    })
  }
}

function isCheckbox(node: ElementContent): node is Element {
  return node.type === 'element' && node.tagName === 'input' && node.properties?.type === 'checkbox'
}

function firstParagraph(node: Element): Element | undefined {
  return node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'p')
}

function textOf(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value
  return 'children' in node ? node.children.map((child) => textOf(child as ElementContent)).join('') : ''
}
