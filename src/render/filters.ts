/**
 * sprid's Liquid filters. Each is documented in the README under "Templates";
 * a filter that is given something it cannot handle throws, and the renderer
 * turns that into a `TemplateError` at the template's file and line.
 */
import type { Context, FilterImplOptions } from 'liquidjs'
import { closest } from '../content/validate.js'
import { slugify } from '../content/slug.js'
import { formatLabel, type Labels } from './labels.js'
import { formatDate, formatDateTime, formatIsoDate, formatNumber, type DateStyle } from './intl.js'
import { serializeJsonLd } from './json-ld.js'
import { absoluteUrl, relativeUrl, safeUrl } from './url.js'

/** What filters need to know about the render call they run in. */
export interface RenderState {
  /** The page's language: `lang` of the render data, else of the globals, else `site.lang`. */
  lang: string
  /** The label table for a language. */
  labels(lang: string): Labels
  /** Strings the view model marks as sanitized HTML: the only values `raw` outputs. */
  trusted: ReadonlySet<string>
}

type Filters = Record<string, FilterImplOptions>

/** Positional and keyword (`name: value`) filter arguments, separated. */
function splitArgs(args: unknown[]): { positional: unknown[]; named: Record<string, unknown> } {
  const positional: unknown[] = []
  const named: Record<string, unknown> = {}
  for (const arg of args) {
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') named[arg[0]] = arg[1]
    else positional.push(arg)
  }
  return { positional, named }
}

function langArg(value: unknown, state: RenderState): string {
  if (value === undefined || value === null || value === '') return state.lang
  if (typeof value !== 'string') throw new TypeError(`Expected a language tag such as "sv", got ${JSON.stringify(value)}`)
  return value
}

function siteBaseUrl(context: Context): string | undefined {
  try {
    const site = context.getSync(['site']) as { baseUrl?: unknown } | undefined
    return typeof site?.baseUrl === 'string' && site.baseUrl !== '' ? site.baseUrl : undefined
  } catch {
    return undefined
  }
}

/** sprid's filters, bound to `stateOf` for the current render call. */
export function createFilters(stateOf: (context: Context) => RenderState): Filters {
  const date = (style: DateStyle): FilterImplOptions =>
    function (value: unknown, lang?: unknown) {
      return formatDate(value, langArg(lang, stateOf(this.context)), style)
    }

  return {
    /**
     * `{{ finding.html | raw }}`: output sprid's sanitized HTML unescaped.
     * Anything that is not one of the view model's HTML fields (`html`,
     * `introHtml`, `notes.html`) is refused, so no template can unescape
     * a title or a tag by accident.
     */
    raw: {
      raw: true,
      handler(this: { context: Context }, value: unknown) {
        if (value === '' ) return ''
        if (typeof value === 'string' && stateOf(this.context).trusted.has(value)) return value
        throw new Error(
          '`raw` only outputs the sanitized HTML fields of the view model (`html`, `introHtml`, `notes.html`); everything else is escaped',
        )
      },
    },

    /**
     * `{{ 'nav.home' | label }}`, `{{ 'pack.count' | label: count: 3 }}`,
     * `{{ 'nav.home' | label: 'en' }}`: a label of the page's language
     * (or the given one). An unknown key is an error.
     */
    label(value: unknown, ...args: unknown[]) {
      const state = stateOf(this.context)
      const { positional, named } = splitArgs(args)
      const lang = langArg(positional[0], state)
      const key = String(value)
      const labels = state.labels(lang)
      const text = formatLabel(labels, lang, key, named)
      if (text === undefined) {
        const known = Object.keys(labels).map((k) => k.replace(/\.(zero|one|two|few|many|other)$/, ''))
        const suggestion = closest(key, [...new Set(known)])
        throw new Error(`Unknown label \`${key}\` (${lang})${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`)
      }
      return text
    },

    /** `{{ finding.date | date_long }}` -> `6 februari 2020` / `6 February 2020`. */
    date_long: date('long'),
    /** `6 feb. 2020` / `6 Feb 2020`. */
    date_medium: date('medium'),
    /** `2020-02-06` / `06/02/2020`. */
    date_short: date('short'),
    /** `februari 2020` / `February 2020`. */
    date_month: date('month'),
    /** `2020-02-06`, for `<time datetime>`. */
    date_iso(value: unknown) {
      return formatIsoDate(value)
    },
    /** `2020-02-06T00:00:00Z`, for Atom and sitemaps. */
    date_time(value: unknown) {
      return formatDateTime(value)
    },

    /** `{{ 1234.5 | number }}` -> `1 234,5` (sv) / `1,234.5` (en). Optional language and maximum decimals. */
    number(value: unknown, lang?: unknown, decimals?: unknown) {
      return formatNumber(value, langArg(lang, stateOf(this.context)), typeof decimals === 'number' ? decimals : 2)
    },

    /** `{{ figure | figure }}`: a `FigureView`'s value and unit as written in the pack's language. */
    figure(value: unknown, lang?: unknown) {
      if (typeof value !== 'object' || value === null || !('value' in value)) {
        throw new TypeError('`figure` expects a key figure (FigureView)')
      }
      const figure = value as { value: unknown; unit?: unknown; formatted?: unknown }
      if (typeof figure.formatted === 'string' && figure.formatted !== '') return figure.formatted
      const number = formatNumber(figure.value, langArg(lang, stateOf(this.context)))
      return typeof figure.unit === 'string' && figure.unit !== '' ? `${number}\u00a0${figure.unit}` : number
    },

    /**
     * `{% assign parts = figure | figure_parts %}`: the formatted figure split
     * into `number`, `separator` (a narrow no-break space or `''`) and `unit` (or
     * `null`), so the number can be set large and the unit smaller.
     */
    figure_parts(value: unknown, lang?: unknown) {
      if (typeof value !== 'object' || value === null || !('value' in value)) {
        throw new TypeError('`figure_parts` expects a key figure (FigureView)')
      }
      const figure = value as { value: unknown; unit?: unknown; formatted?: unknown }
      const unit = typeof figure.unit === 'string' && figure.unit.trim() !== '' ? figure.unit.trim() : null
      const formatted =
        typeof figure.formatted === 'string' && figure.formatted !== ''
          ? figure.formatted
          : formatNumber(figure.value, langArg(lang, stateOf(this.context)))
      if (unit && formatted.endsWith(unit)) {
        const head = formatted.slice(0, -unit.length)
        const number = head.replace(/[\s\u00a0\u202f]+$/, '')
        return { number, separator: number === head ? '' : '\u202f', unit, short: unit.length <= 2 }
      }
      return { number: formatted, separator: '', unit: null, short: true }
    },

    /** `{{ finding.readingMinutes | reading_time }}` -> `3 min läsning` / `3 min read`. */
    reading_time(value: unknown, lang?: unknown) {
      const state = stateOf(this.context)
      const code = langArg(lang, state)
      const minutes = Math.max(1, Math.round(Number(value) || 1))
      return formatLabel(state.labels(code), code, 'finding.reading_time', { n: minutes, count: minutes }) ?? `${minutes} min`
    },

    /**
     * `<script type="application/ld+json">{{ data | json_ld }}</script>`:
     * JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped, so no field can end
     * the script element. Output unescaped (it is safe by construction).
     */
    json_ld: {
      raw: true,
      handler(value: unknown) {
        return serializeJsonLd(value)
      },
    },

    /** `{{ 'assets/site.css' | rel: page.path }}`: the URL of an output file relative to the page at `page.path`. */
    rel(value: unknown, from?: unknown) {
      if (typeof value !== 'string') throw new TypeError('`rel` expects an output path')
      if (typeof from !== 'string') throw new TypeError('`rel` needs the current page\'s path: `| rel: page.path`')
      return relativeUrl(value, from)
    },

    /** `{{ 'boende/index.html' | abs }}` -> `https://example.org/boende/`: needs `site.baseUrl` (or a base as argument). */
    abs(value: unknown, base?: unknown) {
      if (typeof value !== 'string') throw new TypeError('`abs` expects an output path')
      const baseUrl = typeof base === 'string' && base !== '' ? base : siteBaseUrl(this.context)
      if (!baseUrl) throw new Error('`abs` needs `site.baseUrl` (config `baseUrl`); guard it with `{% if site.baseUrl %}`')
      return absoluteUrl(value, baseUrl)
    },

    /** `{{ audience.cta.url | safe_url }}`: the URL when it is relative or http(s)/mailto/tel, else `''`. Optional list of allowed protocols. */
    safe_url(value: unknown, ...protocols: unknown[]) {
      const allowed = protocols.filter((p): p is string => typeof p === 'string')
      return allowed.length > 0 ? safeUrl(value, allowed) : safeUrl(value)
    },

    /** `{{ 'en' | language_name }}` -> `engelska` (in a Swedish page) / `English`: a language's name in the page's language. */
    language_name(value: unknown, lang?: unknown) {
      const code = String(value ?? '')
      try {
        return new Intl.DisplayNames([langArg(lang, stateOf(this.context))], { type: 'language' }).of(code) ?? code
      } catch {
        return code
      }
    },

    /** `{{ 'Värme och el' | slug }}` -> `varme-och-el`. */
    slug(value: unknown) {
      return slugify(String(value ?? ''))
    },
  }
}
