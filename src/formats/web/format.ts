/**
 * The web format: a static site. `index.html` lists the packs; each pack has
 * a home (`<audience>/index.html`), a page per finding
 * (`<audience>/<finding>/index.html`) and an Atom feed; `assets/` holds the
 * CSS, the self-hosted fonts and content-hashed copies of project images.
 * No page loads anything from outside the output folder, and none needs
 * JavaScript.
 */
import { sha256 } from '../../output/hash.js'
import { hashedAssetPath } from '../../render/assets.js'
import { fontAssets } from '../../render/fonts.js'
import { formatLabel, resolveLabels, type Labels } from '../../render/labels.js'
import type { Pack } from '../../tailor/view.js'
import type { Format, FormatContext, OutputFile, RenderJob, TemplateRenderer } from '../types.js'
import { feedData, findingPageData, packPageData, sitemapData, sitePageData, type ThemeData } from './data.js'
import { RESERVED_AUDIENCE_IDS, webPaths } from './paths.js'
import { accentFor, DARK_SURFACE, DEFAULT_ACCENT } from './theme.js'
import { ensureContrast } from '../../render/contrast.js'

/** Template names of the web format (in `templates/web/`). */
export const WEB_TEMPLATES = {
  site: 'site-index.liquid',
  pack: 'pack.liquid',
  finding: 'finding.liquid',
  feed: 'feed.liquid',
  sitemap: 'sitemap.liquid',
} as const

/** CSS files joined, in this order, into `assets/site.css` (looked up with the override rule). */
export const WEB_CSS = ['fonts.css', 'tokens.css', 'site.css'] as const

export interface WebFormatOptions {
  /**
   * Read a project file (finding images, logos) by its project-relative posix path.
   * @default context.readProjectFile
   */
  readProjectFile?: (file: string) => Promise<Uint8Array>
  /**
   * Whether `pack`'s audience also gets share cards (the `card` format), so
   * pages can point Open Graph / Twitter images at `<audience>/cards/<finding>.png`.
   * @default defaultHasCards: the audience's profile asks for the `card` format
   */
  hasCards?: (pack: Pack, context: FormatContext) => boolean
}

/** The default `hasCards`: the audience gets the `card` format (`context.formatOptions('card', id)` is defined). */
export function defaultHasCards(pack: Pack, context: Pick<FormatContext, 'formatOptions'>): boolean {
  return context.formatOptions('card', pack.audience.id) !== undefined
}

interface CopiedFile {
  /** Output path, `assets/img/<name>.<hash8>.<ext>`. */
  path: string
  contents: Uint8Array
  hash: string
}

type ProjectReader = (file: string) => Promise<Uint8Array>

/** What one build's planning shares between `planSite` and `planPack`. */
interface BuildState {
  files: Map<string, Promise<CopiedFile | null>>
}

function labelsOf(templates: TemplateRenderer, lang: string): Labels {
  const withLabels = templates as TemplateRenderer & { labels?: (lang: string) => Labels }
  return typeof withLabels.labels === 'function' ? withLabels.labels(lang) : resolveLabels(lang)
}

function text(labels: Labels, lang: string, key: string, values: Record<string, unknown> = {}): string {
  return formatLabel(labels, lang, key, values) ?? key
}

function projectReader(options: WebFormatOptions, context: FormatContext): ProjectReader {
  return options.readProjectFile ?? ((file) => context.readProjectFile(file))
}

function htmlFile(file: string, contents: string, audience: string | null, finding: string | null): OutputFile {
  return { path: file, contents, audience, format: 'web', finding }
}

/** Create the web format. `webFormat` is this with the defaults. */
export function createWebFormat(options: WebFormatOptions = {}): Format {
  const hasCards = options.hasCards ?? defaultHasCards
  const builds = new WeakMap<FormatContext, BuildState>()

  const state = (context: FormatContext): BuildState => {
    let build = builds.get(context)
    if (!build) {
      build = { files: new Map() }
      builds.set(context, build)
    }
    return build
  }

  /** Read and name a project file once per build; a missing file is a warning about `about`. */
  const copy = (context: FormatContext, file: string, about: { file: string; what: string }): Promise<CopiedFile | null> => {
    const files = state(context).files
    let copied = files.get(file)
    if (!copied) {
      const read = projectReader(options, context)
      copied = (async () => {
        try {
          const contents = await read(file)
          return { path: hashedAssetPath(file, contents, webPaths.images), contents, hash: sha256(contents) }
        } catch (error) {
          context.report({
            severity: 'warning',
            ruleId: 'missing-image',
            message: `Cannot read ${about.what} \`${file}\`: ${(error as Error).message}; it is left out of the web pages`,
            file: about.file,
          })
          return null
        }
      })()
      files.set(file, copied)
    }
    return copied
  }

  /** The pack's checked accent and copied logo; contrast warnings are reported here, once per build. */
  const packTheme = async (pack: Pack, context: FormatContext): Promise<ThemeData> => {
    const accent = accentFor(pack.audience)
    for (const message of accent.messages) context.report(message)
    const logo = pack.audience.theme.logo
      ? await copy(context, pack.audience.theme.logo, { file: pack.audience.file, what: 'logo' })
      : null
    return { accent: accent.accent, accentOnDark: accent.accentOnDark, logo: logo ? { path: logo.path } : null }
  }

  return {
    id: 'web',

    async planSite(context) {
      const { site, packs, templates } = context
      const jobs: RenderJob[] = []

      for (const pack of packs) {
        if (RESERVED_AUDIENCE_IDS.has(pack.audience.id)) {
          context.report({
            severity: 'error',
            ruleId: 'render',
            message: `The audience id \`${pack.audience.id}\` is taken by the web format's \`${pack.audience.id}/\` folder; rename the audience`,
            file: pack.audience.file,
          })
        }
      }

      // Landing page.
      const labels = labelsOf(templates, site.lang)
      const siteTheme: ThemeData = {
        accent: DEFAULT_ACCENT,
        accentOnDark: ensureContrast(DEFAULT_ACCENT, { background: DARK_SURFACE }).color,
        logo: null,
      }
      const accents = new Map(packs.map((pack) => [pack.audience.id, accentFor(pack.audience)] as const))
      const landing = sitePageData({
        site,
        packs,
        theme: siteTheme,
        accents,
        text: { separator: text(labels, site.lang, 'meta.separator'), intro: text(labels, site.lang, 'site.intro') },
      })
      jobs.push({
        label: `web ${webPaths.site}`,
        audience: null,
        finding: null,
        inputs: { template: WEB_TEMPLATES.site, data: landing },
        async run() {
          return [htmlFile(webPaths.site, await templates.render('web', WEB_TEMPLATES.site, { ...landing }), null, null)]
        },
      })

      // Stylesheet and fonts.
      jobs.push({
        label: `web ${webPaths.css}`,
        audience: null,
        finding: null,
        inputs: { assets: 'web', css: [...WEB_CSS], favicon: 'favicon.svg' },
        async run() {
          const decoder = new TextDecoder()
          const parts = await Promise.all(WEB_CSS.map(async (name) => decoder.decode(await templates.readFile('web', name))))
          const css = parts.map((part, index) => `/* ${WEB_CSS[index]} */\n${part.trim()}\n`).join('\n')
          const favicon = await templates.readFile('web', 'favicon.svg')
          return [
            { path: webPaths.css, contents: css, audience: null, format: 'web', finding: null },
            { path: webPaths.favicon, contents: favicon, audience: null, format: 'web', finding: null },
          ]
        },
      })

      // Sitemap (needs absolute URLs).
      const sitemap = sitemapData(site, packs)
      if (sitemap) {
        jobs.push({
          label: `web ${webPaths.sitemap}`,
          audience: null,
          finding: null,
          inputs: { template: WEB_TEMPLATES.sitemap, data: sitemap },
          async run() {
            return [
              { path: webPaths.sitemap, contents: await templates.render('web', WEB_TEMPLATES.sitemap, { ...sitemap }), audience: null, format: 'web', finding: null },
            ]
          },
        })
      }
      return jobs
    },

    // sprid's fonts, and the project images and logos of every pack (each once however many packs use it).
    async siteAssets(context) {
      const wanted = new Map<string, { file: string; what: string }>()
      for (const pack of context.packs) {
        if (pack.audience.theme.logo) wanted.set(pack.audience.theme.logo, { file: pack.audience.file, what: 'logo' })
        for (const finding of pack.findings) {
          if (finding.image) wanted.set(finding.image.path, { file: finding.file, what: 'image' })
        }
      }
      const images: OutputFile[] = []
      for (const [file, about] of wanted) {
        const copied = await copy(context, file, about)
        if (copied) images.push({ path: copied.path, contents: copied.contents, audience: null, format: 'web', finding: null })
      }
      const fonts = await fontAssets(webPaths.fonts)
      return [...fonts.map((font): OutputFile => ({ path: font.path, contents: font.contents, audience: null, format: 'web', finding: null })), ...images]
    },

    async planPack(pack, context) {
      const { site, templates } = context
      const audience = pack.audience.id
      const lang = pack.lang
      const labels = labelsOf(templates, lang)
      const separator = text(labels, lang, 'meta.separator')
      const home = text(labels, lang, 'nav.home')
      const feedTitle = text(labels, lang, 'pack.feed_title', { audience: pack.audience.name, site: site.title })
      const theme = await packTheme(pack, context)
      const cards = hasCards(pack, context)
      const jobs: RenderJob[] = []

      const packData = packPageData({ site, pack, theme, text: { separator, home, feedTitle } })
      const packFile = webPaths.pack(audience)
      jobs.push({
        label: `web ${packFile}`,
        audience,
        finding: null,
        inputs: { template: WEB_TEMPLATES.pack, data: packData },
        async run() {
          return [htmlFile(packFile, await templates.render('web', WEB_TEMPLATES.pack, { ...packData }), audience, null)]
        },
      })

      for (let index = 0; index < pack.findings.length; index++) {
        const finding = pack.findings[index]!
        const image = finding.image
          ? await copy(context, finding.image.path, { file: finding.file, what: 'image' })
          : null
        const figure = finding.keyFigure
        const cardAlt = figure
          ? text(labels, lang, 'card.alt_figure', { title: finding.title, figure: figure.formatted, label: figure.label })
          : text(labels, lang, 'card.alt', { title: finding.title })
        const data = findingPageData({
          site,
          pack,
          index,
          theme,
          image: image && finding.image ? { path: image.path, alt: finding.image.alt } : null,
          hasCards: cards,
          text: { separator, home, feedTitle, cardAlt },
        })
        const file = webPaths.finding(audience, finding.id)
        jobs.push({
          label: `web ${file}`,
          audience,
          finding: finding.id,
          inputs: { template: WEB_TEMPLATES.finding, data },
          async run() {
            return [htmlFile(file, await templates.render('web', WEB_TEMPLATES.finding, { ...data }), audience, finding.id)]
          },
        })
      }

      const feed = feedData({ site, pack, text: { feedTitle } })
      const feedFile = webPaths.feed(audience)
      jobs.push({
        label: `web ${feedFile}`,
        audience,
        finding: null,
        inputs: { template: WEB_TEMPLATES.feed, data: feed },
        async run() {
          return [
            { path: feedFile, contents: await templates.render('web', WEB_TEMPLATES.feed, { ...feed }), audience, format: 'web', finding: null },
          ]
        },
      })
      return jobs
    },
  }
}

/** The web format with default options. */
export const webFormat: Format = createWebFormat()
