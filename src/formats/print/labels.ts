/**
 * Labels for text a paged format writes outside templates (PDF metadata,
 * CSS footers, overflow messages), with the project's overrides when the
 * renderer offers them.
 */
import type { TemplateRenderer } from '../types.js'
import { formatLabel, resolveLabels, type Labels } from '../../render/labels.js'

interface WithLabels {
  labels(lang: string): Labels
}

const hasLabels = (templates: TemplateRenderer): templates is TemplateRenderer & WithLabels =>
  typeof (templates as Partial<WithLabels>).labels === 'function'

/** Look up labels of `lang`: the renderer's table (project overrides included) or sprid's own. */
export function labeller(templates: TemplateRenderer, lang: string) {
  const table = hasLabels(templates) ? templates.labels(lang) : resolveLabels(lang)
  return (key: string, values: Readonly<Record<string, unknown>> = {}): string =>
    formatLabel(table, lang, key, values) ?? key
}

export type Label = ReturnType<typeof labeller>
