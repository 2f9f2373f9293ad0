/**
 * What the social and card formats need from the engine beyond
 * `FormatContext`. The engine passes them as extra members of the context
 * (until `FormatContext` declares them); every member is optional, and
 * without them the formats use their defaults.
 */
import { resolveLabels, type Labels } from '../../render/labels.js'
import type { FormatContext, FormatId, TemplateRenderer } from '../types.js'

export interface ProjectContext {
  /**
   * The profile's options for `format` (its entry in `formats`, `{}` for
   * `true` or a list entry); `undefined` when the audience does not get it.
   * Without this member every audience gets every format with no options.
   */
  formatOptions?(format: FormatId, audience: string): Readonly<Record<string, unknown>> | undefined
  /** The resolved config's `social` section: `utm_campaign` and platform rule overrides. */
  social?: { utm_campaign?: string; platforms?: unknown }
  /** Read a file given relative to the project root (posix), e.g. the audience's logo. */
  readProjectFile?(path: string): Promise<Uint8Array>
}

export function projectContext(context: FormatContext): FormatContext & ProjectContext {
  return context as FormatContext & ProjectContext
}

/** The profile's options for `format`: `{}` without the engine's help, `undefined` when the format is off. */
export function formatOptionsOf(context: FormatContext, format: FormatId, audience: string): Readonly<Record<string, unknown>> | undefined {
  const { formatOptions } = projectContext(context)
  return formatOptions ? formatOptions(format, audience) : {}
}

/** The label table of `lang`: sprid's renderer's (with the project's overrides) when it has one, else the built-in table. */
export function labelsOf(templates: TemplateRenderer, lang: string): Labels {
  const withLabels = templates as TemplateRenderer & { labels?: (lang: string) => Labels }
  return typeof withLabels.labels === 'function' ? withLabels.labels(lang) : resolveLabels(lang)
}
