/**
 * Hyphenation of a paged format's HTML before it goes into Chromium (and,
 * for the handout, into `handout.html`): `addSoftHyphens` adds soft hyphens
 * to the text by language; every tag, the `<head>` with its fonts and CSS,
 * stays byte for byte as the template wrote it. Templates keep
 * `hyphens: auto` (or `manual`) for the soft hyphens to count, and
 * `hyphens: none` or `data-hyphenate="false"` where a title must not break.
 */
import type { FormatId, TemplateRenderer } from '../types.js'
import type { HyphenationOptions } from '../../markdown/hyphenation.js'
import { addSoftHyphens } from '../../markdown/hyphenate-html.js'

/**
 * Where words on printed pages may break: words of seven letters or more,
 * three letters on each side of a break (what the handout asks of Chromium
 * with `hyphenate-limit-chars: 7 3 3`, which it applies to its own
 * dictionaries only, never to soft hyphens): `bostads-företag`, not `bo-stadsföretag`.
 */
export const PRINT_HYPHENATION: Readonly<HyphenationOptions> = { minWordLength: 7, leftMin: 3, rightMin: 3 }

/**
 * Where words on slides may break: only long compounds, five letters on each
 * side (`innovations-labb`, `bransch-organisationen`). Large type on a
 * projector reads better with whole words; hyphens are for words that would
 * not fit a column otherwise.
 */
export const SLIDE_HYPHENATION: Readonly<HyphenationOptions> = { minWordLength: 12, leftMin: 5, rightMin: 5 }

/**
 * `html` with soft hyphens in its text, `lang` (the pack's) for text
 * outside any `lang` attribute, words breaking as `options` allow.
 */
export function hyphenateHtml(html: string, lang: string, options: Readonly<HyphenationOptions> = PRINT_HYPHENATION): Promise<string> {
  return addSoftHyphens(html, { ...options, lang })
}

/** The one render running now, or the last one; the next starts after it. */
let turn: Promise<unknown> = Promise.resolve()

/**
 * A printed format's HTML: template `file` of `format` drawn with `data`,
 * then hyphenated in `lang`. Renders take turns, first come first served:
 * Liquid and hyphenation are work on Node's one thread, so two jobs'
 * renders interleaved would both finish late, with Chromium idle meanwhile;
 * in turn, the first document goes to Chromium while the next is drawn.
 */
export function renderPrintHtml(
  templates: TemplateRenderer,
  format: FormatId,
  file: string,
  data: Record<string, unknown> & { lang: string },
  hyphenation: Readonly<HyphenationOptions>,
): Promise<string> {
  const render = turn.then(async () => hyphenateHtml(await templates.render(format, file, data), data.lang, hyphenation))
  turn = render.catch(() => undefined)
  return render
}
