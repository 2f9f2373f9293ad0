/**
 * Tailored mdast -> sanitized HTML. Raw HTML in Markdown is dropped unless the
 * config allows it, and sanitized even then; only safe link protocols survive.
 */
import { unified, type PluggableList } from 'unified'
import remarkRehype from 'remark-rehype'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import { rehypeTaskLabels } from './plugins/rehype-task-labels.js'
import type { Root } from 'mdast'

/** GitHub's schema plus what sprid's own plugins produce (`<dfn>` for glossary terms). */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'dfn'],
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto', 'tel'] },
}

export interface HtmlOptions {
  allowHtml?: boolean
  rehypePlugins?: readonly unknown[]
  /** Footnote labels in the pack's language. */
  footnoteLabel?: string
  footnoteBackLabel?: string
}

type Processor = ReturnType<typeof createProcessor>

/** Per plugin list (by identity: two projects' lists of equal length are different plugins), then per option set. */
const processors = new WeakMap<readonly unknown[], Map<string, Processor>>()
const NO_PLUGINS: readonly unknown[] = []

function createProcessor(options: HtmlOptions) {
  return unified()
    .use(remarkRehype, {
      allowDangerousHtml: options.allowHtml === true,
      footnoteLabel: options.footnoteLabel,
      footnoteBackLabel: options.footnoteBackLabel,
    })
    .use(options.allowHtml === true ? [rehypeRaw] : [])
    .use(options.rehypePlugins as PluggableList ?? [])
    .use(rehypeSanitize, sanitizeSchema)
    // After sanitizing: it only adds accessible names to what the schema let through.
    .use(rehypeTaskLabels)
    .use(rehypeStringify)
}

/** Render a (tailored) tree to sanitized HTML. Processors are built once per option set. */
export function toHtml(tree: Root, options: HtmlOptions = {}): string {
  // Every config load makes a new empty list: share one processor for all of them.
  const plugins = options.rehypePlugins?.length ? options.rehypePlugins : NO_PLUGINS
  const key = `${options.allowHtml === true}|${options.footnoteLabel}|${options.footnoteBackLabel}`
  let byOptions = processors.get(plugins)
  if (!byOptions) {
    byOptions = new Map()
    processors.set(plugins, byOptions)
  }
  let processor = byOptions.get(key)
  if (!processor) {
    processor = createProcessor(options)
    byOptions.set(key, processor)
  }
  const hast = processor.runSync(tree)
  return processor.stringify(hast as never)
}
