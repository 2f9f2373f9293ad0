import { SKIP, visit } from 'unist-util-visit'
import type { Parent, PhrasingContent, Root, Text } from 'mdast'

export interface GlossaryOptions {
  /** Term -> plain explanation. */
  glossary: Readonly<Record<string, string>>
  /** Terms already explained (e.g. in the summary); updated as terms are explained. */
  explained: Set<string>
}

/** Skip code, headings and links: an explanation there would break them. */
const SKIPPED = new Set(['code', 'inlineCode', 'heading', 'link', 'linkReference', 'html'])

/**
 * The first use of each glossary term gets its explanation in parentheses:
 * `<dfn>term</dfn> (explanation)`, which reads right in HTML, PDF and plain text.
 */
export function remarkGlossary(options: GlossaryOptions) {
  return (tree: Root): void => {
    const terms = Object.keys(options.glossary)
    if (terms.length === 0) return
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (SKIPPED.has(node.type)) return SKIP
      if (node.type !== 'text' || parent === undefined || index === undefined) return
      const text = node as Text
      const match = firstTerm(text.value, terms, options.explained)
      if (!match) return
      options.explained.add(match.term)
      const replacement: PhrasingContent[] = [
        { type: 'text', value: text.value.slice(0, match.start) },
        { type: 'emphasis', data: { hName: 'dfn' }, children: [{ type: 'text', value: match.text }] },
        { type: 'text', value: ` (${options.glossary[match.term]})` },
        { type: 'text', value: text.value.slice(match.end) },
      ]
      parent.children.splice(index, 1, ...(replacement as never[]))
      // Continue after the explanation: later terms in the same text are still found.
      return [SKIP, index + 3]
    })
  }
}

interface TermMatch {
  term: string
  text: string
  start: number
  end: number
}

/** Earliest unexplained term in `value`; Swedish inflections (`segregationen`) count. */
export function firstTerm(value: string, terms: readonly string[], explained: ReadonlySet<string>): TermMatch | undefined {
  let best: TermMatch | undefined
  for (const term of terms) {
    if (explained.has(term)) continue
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}\\p{L}{0,4}(?![\\p{L}\\p{N}])`, 'iu')
    const found = pattern.exec(value)
    if (found && (best === undefined || found.index < best.start)) {
      best = { term, text: found[0], start: found.index, end: found.index + found[0].length }
    }
  }
  return best
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Apply the glossary to plain text (a summary), with the same first-use rule. */
export function explainText(value: string, options: GlossaryOptions): string {
  let out = ''
  let rest = value
  for (let match = firstTerm(rest, Object.keys(options.glossary), options.explained); match; match = firstTerm(rest, Object.keys(options.glossary), options.explained)) {
    options.explained.add(match.term)
    out += `${rest.slice(0, match.end)} (${options.glossary[match.term]})`
    rest = rest.slice(match.end)
  }
  return out + rest
}
