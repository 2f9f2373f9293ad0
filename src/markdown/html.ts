/**
 * Tailored mdast -> sanitized HTML. Raw HTML in Markdown is dropped unless the
 * config allows it, and sanitized even then; only safe link protocols survive.
 */
import { unified, type PluggableList } from 'unified'
import remarkRehype from 'remark-rehype'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
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

const processors = new Map<string, ReturnType<typeof createProcessor>>()

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
    .use(rehypeStringify)
}

/** Render a (tailored) tree to sanitized HTML. Processors are built once per option set. */
export function toHtml(tree: Root, options: HtmlOptions = {}): string {
  const key = `${options.allowHtml === true}|${options.footnoteLabel}|${options.footnoteBackLabel}|${options.rehypePlugins?.length ?? 0}`
  let processor = processors.get(key)
  if (!processor) {
    processor = createProcessor(options)
    processors.set(key, processor)
  }
  const hast = processor.runSync(tree)
  return processor.stringify(hast as never)
}
