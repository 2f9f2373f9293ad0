/**
 * The `card` format: a share card per finding and audience,
 * `cards/<finding>.png` at 1200x630 (and `cards/<finding>-square.png` at
 * 1080x1080 with `formats.card.square`), rendered from
 * `templates/card/card.liquid` and `card.css` through the shared browser.
 */
import path from 'node:path'
import { ASSET_BASE } from '../../browser/csp.js'
import { ensureContrast } from '../../render/contrast.js'
import { fontAssets } from '../../render/fonts.js'
import { mimeType } from '../../render/assets.js'
import { resolveLabels, type Labels } from '../../render/labels.js'
import { sha256 } from '../../output/hash.js'
import type { FigureView, FindingView, Pack } from '../../tailor/view.js'
import { countGraphemes } from '../social/count.js'
import type { Asset, Format, FormatContext, RenderJob, TemplateRenderer } from '../types.js'
import { formatOptionsOf, labelsOf, projectContext } from '../social/context.js'
import { CARD_SIZE, SQUARE_SIZE, cardAlt, cardPath } from './image.js'
import { cardOptionsSchema } from './options.js'
import { shortenTitle } from './title.js'

/** What `card.liquid` receives (besides the shared globals such as `site`). */
export interface CardView {
  /** The page's language. */
  lang: string
  /** `<base href>` for relative asset URLs in the browser. */
  assetBase: string
  card: {
    width: number
    height: number
    shape: 'landscape' | 'square'
    /** Shortened to about twelve words. */
    title: string
    /** The full title (for `<title>` and alt text). */
    titleFull: string
    /** `l`, `m` or `s`: the type size the title's length calls for. */
    titleSize: 'l' | 'm' | 's'
    /**
     * The key figure. `number` is shown large; a unit longer than two
     * characters (`lägenheter`) comes apart as `unit`, in smaller type;
     * `size` (`l`, `m`, `s`) follows the number's length.
     */
    figure?: { formatted: string; number: string; unit?: string; label: string; size: 'l' | 'm' | 's' }
    organisation?: string
    /** Asset path of the logo (relative to `<base href>`), when the audience has one. */
    logo?: string
    /** The visible example label ("Exempel") for illustrative findings. */
    example?: string
    /** The audience's name. */
    audience: string
    /** The audience's accent as given (decoration). */
    accent: string
    /** The accent adjusted to 4.5:1 on white, for text. */
    accentText: string
    /** Alt text of the whole card. */
    alt: string
  }
}

const DEFAULT_ACCENT = '#1d5e8c'

export const cardFormat: Format = {
  id: 'card',
  async planPack(pack, context) {
    const audience = pack.audience
    const raw = formatOptionsOf(context, 'card', audience.id)
    if (raw === undefined) return []
    const parsed = cardOptionsSchema.safeParse(raw)
    if (!parsed.success) {
      context.report({
        severity: 'error',
        ruleId: 'invalid-options',
        message: `\`formats.card\` of \`${audience.id}\`: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`,
        file: audience.file,
      })
      return []
    }
    const shapes: Array<'landscape' | 'square'> = parsed.data.square ? ['landscape', 'square'] : ['landscape']
    const logo = await readLogo(pack, context)
    const labels = labelsOf(context.templates, pack.lang)
    let assets: Promise<Asset[]> | undefined

    return pack.findings.map((finding): RenderJob => {
      const views = shapes.map((shape) => cardView(pack, finding, context, { shape, labels, logo: logo?.path }))
      return {
        label: `${audience.id}/cards/${finding.id}`,
        audience: audience.id,
        finding: finding.id,
        inputs: { views, logo: logo && sha256(logo.contents) },
        async run() {
          assets ??= cardAssets(context.templates, logo)
          const browser = await context.browser()
          const files = []
          for (const view of views) {
            const square = view.card.shape === 'square'
            const file = `${audience.id}/${cardPath(finding.id, square)}`
            const html = await context.templates.render('card', 'card.liquid', { ...view })
            const png = await browser.screenshot(html, {
              label: file,
              viewport: square ? { ...SQUARE_SIZE } : { ...CARD_SIZE },
              assets: await assets,
            })
            files.push({ path: file, contents: png, audience: audience.id, format: 'card' as const, finding: finding.id })
          }
          return files
        },
      }
    })
  },
}

/** The template data of one card. Pure. */
export function cardView(
  pack: Pack,
  finding: FindingView,
  context: Pick<FormatContext, 'site'>,
  options: { shape?: 'landscape' | 'square'; labels?: Labels; logo?: string } = {},
): CardView {
  const shape = options.shape ?? 'landscape'
  const size = shape === 'square' ? SQUARE_SIZE : CARD_SIZE
  const labels = options.labels ?? resolveLabels(pack.lang)
  const title = shortenTitle(finding.title, { lang: finding.lang })
  const accent = /^#(?:[0-9a-f]{3}){1,2}$/i.test(pack.audience.theme.accent) ? pack.audience.theme.accent : DEFAULT_ACCENT
  return {
    lang: finding.lang,
    assetBase: ASSET_BASE,
    card: {
      width: size.width,
      height: size.height,
      shape,
      title,
      titleFull: finding.title,
      titleSize: titleSize(title),
      figure: finding.keyFigure && cardFigure(finding.keyFigure),
      organisation: context.site.organisation || undefined,
      logo: options.logo,
      example: finding.example ? (labels['example.badge'] ?? 'Example') : undefined,
      audience: pack.audience.name,
      accent,
      accentText: ensureContrast(accent, { background: '#ffffff', min: 4.5 }).color,
      alt: cardAlt(finding, pack.lang, labels),
    },
  }
}

/** Type size by length in graphemes: large up to 45, medium up to 75, small beyond. */
export function titleSize(title: string): 'l' | 'm' | 's' {
  const length = countGraphemes(title)
  return length <= 45 ? 'l' : length <= 75 ? 'm' : 's'
}

/** A key figure for the card: a long unit comes apart from the number so the number can stay large. */
export function cardFigure(figure: FigureView): NonNullable<CardView['card']['figure']> {
  const unit = figure.unit?.trim()
  const formatted = figure.formatted
  let number = formatted
  let apart: string | undefined
  if (unit && countGraphemes(unit) > 2 && formatted.endsWith(unit)) {
    number = formatted.slice(0, -unit.length).replace(/[\s\u00a0]+$/u, '')
    apart = unit
  }
  const length = countGraphemes(number)
  return { formatted, number, unit: apart, label: figure.label, size: length <= 6 ? 'l' : length <= 10 ? 'm' : 's' }
}

async function readLogo(pack: Pack, context: FormatContext): Promise<Asset | undefined> {
  const logo = pack.audience.theme.logo
  const read = projectContext(context).readProjectFile
  if (!logo || !read) return undefined
  try {
    const ext = path.posix.extname(logo).toLowerCase()
    return { path: `assets/logo${ext}`, contents: await read(logo), type: mimeType(logo) }
  } catch (error) {
    context.report({
      severity: 'warning',
      ruleId: 'card-logo',
      message: `Cannot read the logo \`${logo}\` for the share cards of \`${pack.audience.id}\`: ${error instanceof Error ? error.message : String(error)}`,
      file: pack.audience.file,
    })
    return undefined
  }
}

/** CSS, fonts and logo for the card page, under `assets/`. */
async function cardAssets(templates: TemplateRenderer, logo: Asset | undefined): Promise<Asset[]> {
  const css = async (name: string): Promise<Asset> => ({ path: `assets/${name}`, contents: await templates.readFile('card', name), type: 'text/css; charset=utf-8' })
  const assets = await Promise.all([css('card.css'), css('fonts.css'), css('tokens.css')])
  return [...assets, ...(await fontAssets('assets/fonts')), ...(logo ? [logo] : [])]
}
