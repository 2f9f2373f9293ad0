/**
 * Running footers of paged documents, drawn by Chromium in `@page` margin
 * boxes (`@bottom-left`, `@bottom-right`) with `counter(page)` and
 * `counter(pages)`: same fonts as the page, no header/footer template.
 * Templates write `content: "{{ footer.left }}";` and loop over `footer.pageOf`.
 */
import { contentParts, cssString, type ContentPart } from './css.js'
import type { Label } from './labels.js'

export interface PrintFooter {
  /** Text for the left margin box, CSS-escaped (no quotes needed besides the template's own). */
  left: string
  /** `Sida {n} av {total}` as CSS content parts (label `handout.page_of`). */
  pageOf: ContentPart[]
}

/** The footer of a paged document whose left box shows `left`. */
export function printFooter(label: Label, left: string): PrintFooter {
  // Without values, the label keeps its `{n}` and `{total}` placeholders.
  const text = label('handout.page_of')
  return { left: cssString(left), pageOf: contentParts(text, { n: 'page', total: 'pages' }) }
}
