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

/** Parse `markdown` and run the project's extra remark plugins on it. */
export function parseMarkdown(markdown: string, remarkPlugins: readonly unknown[] = []): Root {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkColonText)
    .use(remarkPlugins as PluggableList)
  return processor.runSync(processor.parse(markdown)) as Root
}
