/**
 * Parse Markdown once into an mdast tree (GFM + directives). The body handed
 * in has its front matter blanked, so node positions are file positions.
 */
import { unified, type PluggableList } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkDirective from 'remark-directive'
import type { Root } from 'mdast'
import { remarkColonText } from './plugins/remark-colon-text.js'

function createParser(remarkPlugins: readonly unknown[]) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkColonText)
    .use(remarkPlugins as PluggableList)
    .freeze()
}

/** One frozen processor per plugin list: building a processor costs more than parsing a finding. */
const parsers = new WeakMap<readonly unknown[], ReturnType<typeof createParser>>()
const NO_PLUGINS: readonly unknown[] = []

/** Parse `markdown` and run the project's extra remark plugins on it. */
export function parseMarkdown(markdown: string, remarkPlugins: readonly unknown[] = NO_PLUGINS): Root {
  // Every config load makes a new empty list: share one processor for all of them.
  const key = remarkPlugins.length === 0 ? NO_PLUGINS : remarkPlugins
  let processor = parsers.get(key)
  if (!processor) {
    processor = createParser(key)
    parsers.set(key, processor)
  }
  return processor.runSync(processor.parse(markdown)) as Root
}
