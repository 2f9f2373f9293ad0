/**
 * The config schema. `sprid.config.*` or `package.json#sprid` is validated
 * against it once; the result is resolved into a `Readonly<ResolvedConfig>`.
 */
import { z } from 'zod'
import { langString } from '../content/schema.js'

export const configSchema = z.strictObject({
  title: z.string().min(1).optional().describe('Site title. @default "sprid"'),
  organisation: z.string().optional().describe('Publisher, shown in footers, PDFs and cards.'),
  lang: langString.optional().describe('Default language of findings. @default "en"'),
  baseUrl: z.url({ protocol: /^https?$/ }).optional().describe('Public URL of the web output; enables canonical URLs, Open Graph, sitemap and social links.'),
  out: z.string().min(1).optional().describe('Output folder. @default "dist"'),
  findings: z.string().min(1).optional().describe('Glob of finding files. @default "findings/**/*.md"'),
  audiences: z.string().min(1).optional().describe('Glob of audience profiles. @default "findings/audiences/*.md"'),
  templates: z.string().min(1).optional().describe('Folder of template overrides. @default "templates"'),
  cache: z.string().min(1).optional().describe('Cache folder. @default ".sprid-cache"'),
  sections: z
    .record(z.string(), z.array(z.string()))
    .optional()
    .describe('Extra section aliases: role -> headings, e.g. { "results": ["Fynd"] }.'),
  labels: z
    .record(z.string(), z.record(z.string(), z.string()))
    .optional()
    .describe('Label overrides per language: { "sv": { "nav.home": "Start" } }.'),
  markdown: z
    .strictObject({
      remarkPlugins: z.array(z.any()).optional().describe('Extra remark plugins (JS/TS configs).'),
      rehypePlugins: z.array(z.any()).optional().describe('Extra rehype plugins (JS/TS configs).'),
      allowHtml: z.boolean().optional().describe('Pass raw HTML through (still sanitized). @default false'),
    })
    .optional(),
  social: z
    .strictObject({
      utm_campaign: z.string().optional(),
      platforms: z.record(z.string(), z.record(z.string(), z.unknown())).optional().describe('Override platform rules.'),
    })
    .optional(),
  browser: z.string().optional().describe('Path to Chrome or Chromium for PDFs and images.'),
})

export type UserConfig = z.infer<typeof configSchema>
