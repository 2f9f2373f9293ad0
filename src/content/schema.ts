/**
 * The schemas of a finding's front matter and an audience profile. The same
 * definitions validate content and generate `schemas/*.schema.json`.
 */
import { z } from 'zod'

export const FORMAT_IDS = ['web', 'conference', 'handout', 'social', 'card'] as const
export const EVIDENCE_LEVELS = ['emerging', 'moderate', 'strong'] as const
export const STATUSES = ['published', 'draft', 'internal', 'embargoed'] as const
export const DEPTHS = ['brief', 'standard', 'full'] as const

/** `YYYY-MM-DD` that names a real calendar day. Kept as a string: no timezone shifts. */
export const dateString = z
  .string()
  // `abort`: a date like `6 feb 2020` gets one message, not a second "not a real date".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Expected a date as YYYY-MM-DD', abort: true })
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
  }, 'Not a real calendar date')

/** Safe as a URL and path segment: lowercase letters, digits, `-` and `_`. */
export const idString = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'An id may hold only a-z, 0-9, `-` and `_`, and must start with a letter or digit')
  .max(100)

const text = z.string().trim().min(1, 'Must not be empty')

/**
 * A BCP 47 language tag that `Intl` accepts: the shape alone lets `sv-1` or
 * `en-x` through, and those make `Intl.NumberFormat` and `localeCompare` throw.
 */
export const langString = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { message: 'Expected a language tag such as `sv` or `en-GB`', abort: true })
  .refine((value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1
    } catch {
      return false
    }
  }, 'Not a valid language tag: use one such as `sv` or `en-GB`')

const figureSchema = z.strictObject({
  value: z.union([z.number(), text], { error: 'Expected a number or a short text' }).describe('The number (or text such as "4 av 4").'),
  unit: z.string().optional().describe('Unit shown after the value, e.g. `%` or `labb`.'),
  label: text.describe('Short label shown under the number.'),
  source: z.string().optional().describe('Where the number comes from.'),
})

export const findingSchema = z
  .strictObject({
    title: text.describe('The finding as a full-sentence claim.'),
    summary: text.describe('One or two sentences; a warning above 280 characters.'),
    id: idString.optional().describe('Default: the file name, slugified (å/ä -> a, ö -> o, é -> e).'),
    date: dateString.optional().describe('YYYY-MM-DD, kept as written.'),
    authors: z.array(text).optional(),
    source: z
      .strictObject({ lab: z.string().optional(), organisation: z.string().optional(), report: z.string().optional() })
      .optional()
      .describe('Where the finding comes from.'),
    tags: z.array(text).optional(),
    evidence: z.enum(EVIDENCE_LEVELS).optional(),
    example: z.boolean().optional().describe('Illustrative content: every output says so.'),
    status: z.enum(STATUSES).optional().describe('Default: published.'),
    embargo_until: dateString.optional().describe('With `status: embargoed`: held back until this date.'),
    audiences: z.array(idString).optional().describe('Only these audiences may receive the finding.'),
    figures: z
      .record(idString, figureSchema)
      .optional()
      .describe('Named key figures, used in the body as `:fig[id]`.'),
    quote: z.strictObject({ text, by: z.string().optional() }).optional(),
    questions: z.array(text).optional().describe('Discussion questions for training.'),
    image: z.string().optional().describe('Path relative to the finding file.'),
    image_alt: z.string().optional().describe('Required with `image`.'),
    social: z
      .strictObject({ hook: z.string().optional(), hashtags: z.array(z.string()).optional() })
      .optional()
      .describe('Hook text and hashtags for social posts.'),
    lang: langString.optional().describe('Default: the config `lang`.'),
  })
  .superRefine((data, context) => {
    if (data.status === 'embargoed' && data.embargo_until === undefined) {
      // At `status`: `embargo_until` is missing, so it has no line to point at.
      context.addIssue({ code: 'custom', path: ['status'], message: '`status: embargoed` needs `embargo_until: YYYY-MM-DD`' })
    }
  })

export type FindingFrontMatter = z.infer<typeof findingSchema>

const formatOptions = z.union([z.boolean(), z.record(z.string(), z.unknown())])

export const audienceSchema = z.strictObject({
  name: text.describe('Shown as the pack title.'),
  id: idString.optional().describe('Default: the file name.'),
  lang: langString.optional(),
  description: z.string().optional(),
  internal: z.boolean().optional().describe('May receive findings with `status: internal`.'),
  select: z
    .strictObject({
      tags: z.array(text).optional().describe('Any of these tags.'),
      all_tags: z.array(text).optional().describe('All of these tags.'),
      exclude_tags: z.array(text).optional(),
      min_evidence: z.enum(EVIDENCE_LEVELS).optional(),
      findings: z.array(idString).optional().describe('Explicit, ordered finding ids.'),
      exclude: z.array(idString).optional(),
    })
    .optional(),
  order: z.enum(['explicit', 'date', 'title', 'evidence']).optional().describe('Default: explicit with `select.findings`, else date.'),
  depth: z.enum(DEPTHS).optional().describe('Default: standard.'),
  sections: z.array(text).optional().describe('Ordered section roles to keep; default all.'),
  glossary: z.record(z.string(), text).optional().describe('Term -> plain explanation, given at first use.'),
  readability: z
    .strictObject({ lix_max: z.number().positive().optional(), flesch_min: z.number().optional() })
    .optional(),
  formats: z
    .union([z.array(z.enum(FORMAT_IDS)), z.partialRecord(z.enum(FORMAT_IDS), formatOptions)])
    .optional()
    .describe('Which outputs this audience gets; default all.'),
  theme: z
    .strictObject({
      accent: z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'Expected a hex colour like #1d6f6a').optional(),
      logo: z.string().optional(),
    })
    .optional(),
  cta: z.strictObject({ text, url: z.string().optional() }).optional(),
})

export type AudienceFrontMatter = z.infer<typeof audienceSchema>
