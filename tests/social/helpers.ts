/**
 * Fixtures for the social and card tests: packs with Swedish content, a
 * small LiquidJS renderer rooted at `templates/` set up like sprid's (every
 * output HTML-escaped, strict variables and filters), and a fake context.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Liquid } from 'liquidjs'
import type { ProjectContext } from '../../src/formats/social/context.js'
import type { BrowserSession, FormatContext, FormatId, RenderMessage, SiteView, TemplateRenderer } from '../../src/formats/types.js'
import type { AudienceView, FigureView, FindingView, Pack } from '../../src/tailor/view.js'

export const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url))

export function site(overrides: Partial<SiteView> = {}): SiteView {
  return {
    title: 'Bostadsforskning',
    organisation: 'Allmännyttans kunskapsnätverk',
    baseUrl: 'https://forskning.example.se',
    lang: 'sv',
    date: '2024-05-20',
    generator: 'sprid 0.1.0',
    ...overrides,
  }
}

export function figure(formatted: string, label: string, value: number | string = 1): FigureView {
  return { id: 'f', value, label, formatted }
}

export function finding(partial: Partial<FindingView> & Pick<FindingView, 'id'>): FindingView {
  const base: FindingView = {
    title: 'Återkoppling på energianvändning sänker hyresgästers förbrukning',
    summary: 'Hushåll som fick månadsvis återkoppling använde 12 procent mindre energi. Effekten höll i sig i tre år.',
    lang: 'sv',
    authors: [],
    tags: [],
    example: false,
    status: 'published',
    figures: [],
    questions: [],
    recommendations: [],
    social: { hashtags: [] },
    sections: [],
    html: '',
    text: '',
    notes: { html: '', text: '' },
    readingMinutes: 1,
    file: `findings/${partial.id}.md`,
    translation: 'native',
    ...partial,
  }
  if (partial.figures && !('keyFigure' in partial)) base.keyFigure = partial.figures[0]
  return base
}

export function audience(overrides: Partial<AudienceView> = {}): AudienceView {
  return {
    id: 'boende',
    name: 'Boende och hyresgäster',
    lang: 'sv',
    internal: false,
    depth: 'brief',
    theme: { accent: '#1d6f6a' },
    introHtml: '',
    introText: '',
    file: 'findings/audiences/boende.md',
    ...overrides,
  }
}

export function pack(findings: FindingView[], overrides: Partial<AudienceView> = {}): Pack {
  const a = audience(overrides)
  return { audience: a, findings, lang: a.lang, date: '2024-05-20' }
}

/** The demo pack: a finding with everything, one with nothing optional, an example. */
export function demoPack(overrides: Partial<AudienceView> = {}): Pack {
  return pack(
    [
      finding({
        id: 'aterkoppling',
        social: { hook: 'Månadsvis återkoppling fick hyresgäster att spara energi & pengar.', hashtags: ['energi', '#Boende', 'öppen data'] },
        figures: [figure('12\u00a0%', 'lägre energianvändning', 12)],
      }),
      finding({ id: 'utan-extra', title: 'Kort titel', summary: 'Bara en sammanfattning.' }),
      finding({
        id: 'exempel',
        title: 'Ett påhittat exempel',
        summary: 'Så här ser ett exempel ut.',
        example: true,
        figures: [figure('4 av 4', 'labb', '4 av 4')],
      }),
    ],
    overrides,
  )
}

/** A renderer like sprid's for tests: `templates/<format>/` then `templates/shared/`, escaping every output. */
export function testRenderer(globals: Record<string, unknown> = { site: site() }): TemplateRenderer & { renders: Array<{ format: string; name: string }> } {
  const engines = new Map<string, Liquid>()
  const folders = (format: string) => [path.join(TEMPLATES, format), path.join(TEMPLATES, 'shared')]
  const engine = (format: string) => {
    let liquid = engines.get(format)
    if (!liquid) {
      liquid = new Liquid({
        root: folders(format),
        extname: '.liquid',
        outputEscape: 'escape',
        strictFilters: true,
        strictVariables: true,
        lenientIf: true,
        ownPropertyOnly: true,
        jsTruthy: false,
      })
      engines.set(format, liquid)
    }
    return liquid
  }
  const renders: Array<{ format: string; name: string }> = []
  return {
    renders,
    async render(format, name, data) {
      renders.push({ format, name })
      return String(await engine(format).renderFile(name, { ...globals, ...data }))
    },
    async readFile(format, name) {
      for (const folder of folders(format)) {
        try {
          return new Uint8Array(await readFile(path.join(folder, name)))
        } catch {
          continue
        }
      }
      throw new Error(`Template file not found: ${format}/${name}`)
    },
  }
}

export interface FakeContext extends FormatContext, ProjectContext {
  messages: RenderMessage[]
}

export function fakeContext(
  options: {
    site?: SiteView
    templates?: TemplateRenderer
    formats?: Partial<Record<FormatId, Record<string, unknown> | undefined>>
    social?: ProjectContext['social']
    files?: Record<string, Uint8Array>
    browser?: BrowserSession
  } = {},
): FakeContext {
  const messages: RenderMessage[] = []
  const context: FakeContext = {
    site: options.site ?? site(),
    packs: [],
    templates: options.templates ?? testRenderer({ site: options.site ?? site() }),
    browser: async () => {
      if (!options.browser) throw new Error('no browser in this test')
      return options.browser
    },
    report: (message) => messages.push(message),
    messages,
  }
  if (options.formats) {
    const formats = options.formats
    context.formatOptions = (format) => (format in formats ? formats[format] : undefined)
  }
  if (options.social) context.social = options.social
  if (options.files) {
    const files = options.files
    context.readProjectFile = async (file) => {
      const contents = files[file]
      if (!contents) throw new Error(`ENOENT: ${file}`)
      return contents
    }
  }
  return context
}
