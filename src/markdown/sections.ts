/**
 * H2 headings divide a finding into sections. Each section's key is the
 * canonical role its heading maps to, else the heading's slug.
 */
import { toString } from 'mdast-util-to-string'
import type { Heading, Root, RootContent } from 'mdast'
import { createSlugger, slugify } from '../content/slug.js'

export interface Section {
  key: string
  heading: string
  /** Anchor, unique within the finding. */
  slug: string
  node: Heading
  children: RootContent[]
}

export interface Sections {
  /** Content before the first H2. */
  intro: RootContent[]
  sections: Section[]
}

export function sectionKey(heading: string, aliases: ReadonlyMap<string, string>): string {
  return aliases.get(heading.trim().toLowerCase()) ?? slugify(heading)
}

export function splitSections(tree: Root, aliases: ReadonlyMap<string, string>): Sections {
  const slug = createSlugger()
  const intro: RootContent[] = []
  const sections: Section[] = []
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) {
      // Raw HTML in a heading is markup, not part of its text (the heading is escaped into HTML later).
      const heading = toString(node, { includeHtml: false }).trim()
      sections.push({ key: sectionKey(heading, aliases), heading, slug: slug(heading), node, children: [] })
    } else {
      ;(sections.at(-1)?.children ?? intro).push(node)
    }
  }
  return { intro, sections }
}
