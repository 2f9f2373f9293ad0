/**
 * The data each web template receives. Pure functions from the view model:
 * what a page shows depends only on what is passed here, so the same object
 * is the job's cache input.
 *
 * Pages get `site` without its build `date` (and no other build-time value),
 * so an unchanged page is not rebuilt every day.
 */
import { createHash } from 'node:crypto'
import type { AudienceView, FigureView, FindingView, Pack } from '../../tailor/view.js'
import type { SiteView } from '../types.js'
import { webPaths, webUrl } from './paths.js'

/** `site` as web pages see it: the build date is left out. */
export type WebSite = Omit<SiteView, 'date'>

export interface Crumb {
  title: string
  /** Output path the crumb links to. */
  path: string
}

export interface SocialImage {
  /** Absolute URL of the image. */
  url: string
  width: number
  height: number
  alt: string
}

/** Open Graph and Twitter card data (only with `site.baseUrl`). */
export interface SocialMeta {
  type: 'website' | 'article'
  /** `sv_SE`, `en_GB`. */
  locale: string
  image: SocialImage | null
  publishedTime: string | null
}

/** What the layout needs to know about the page. */
export interface PageMeta {
  kind: 'site' | 'pack' | 'finding'
  /** This page's output path: the base for `| rel: page.path`. */
  path: string
  /** The document title (`<title>`), already joined: `Finding – Pack – Site`. */
  title: string
  /** Meta description (plain text). */
  description: string
  /** Absolute URL (canonical), when `site.baseUrl` is set; else `null`. */
  url: string | null
  /** `noindex` for internal packs, else `null`. */
  robots: string | null
  /** Links above the title, from the landing page down (the current page is not included). */
  breadcrumbs: Crumb[]
  social: SocialMeta | null
  /** The pack's Atom feed, for `<link rel="alternate">`. */
  feed: { path: string; title: string } | null
  /** schema.org data for `<script type="application/ld+json">` (use `| json_ld`). */
  jsonLd: Record<string, unknown> | null
}

/** Colours and logo of the page, checked for contrast. */
export interface ThemeData {
  /** Accent on light backgrounds, `#rrggbb`, at least 4.5:1 against white. */
  accent: string
  /** Accent on the dark-mode background, at least 4.5:1 against it. */
  accentOnDark: string
  /** The audience's logo, copied with a hashed name. */
  logo: { path: string } | null
}

/** A finding as its card on the pack home shows it. */
export interface CardData {
  id: string
  path: string
  title: string
  summary: string
  lang: string
  date: string | null
  keyFigure: FigureView | null
  tags: string[]
  evidence: FindingView['evidence'] | null
  example: boolean
  status: FindingView['status']
  readingMinutes: number
}

/** A neighbouring finding, for previous/next links. */
export interface LinkData {
  id: string
  title: string
  lang: string
  path: string
}

interface PageData {
  site: WebSite
  /** Language of the page (`lang` attribute, labels, dates). */
  lang: string
  page: PageMeta
  theme: ThemeData
}

/** `site-index.liquid`: the landing page. */
export interface SitePageData extends PageData {
  packs: Array<{
    id: string
    name: string
    description: string | null
    lang: string
    path: string
    count: number
    internal: boolean
    /** Latest finding date, or null. */
    updated: string | null
    /** The pack's checked accent colours (`#rrggbb`), for its card. */
    accent: string
    accentOnDark: string
  }>
}

/** `pack.liquid`: a pack's home. */
export interface PackPageData extends PageData {
  audience: AudienceView
  pack: {
    path: string
    /** Latest finding date (or null when no finding has one). */
    updated: string | null
    count: number
    feed: string
  }
  findings: CardData[]
}

/** `finding.liquid`: a tailored finding. */
export interface FindingPageData extends PageData {
  audience: AudienceView
  finding: FindingView
  pack: { path: string; feed: string }
  /**
   * Sanitized HTML before the finding's first section (all of `finding.html`
   * when it has no sections): sections are rendered one by one after it.
   */
  intro: { html: string }
  /** The finding's image, copied with a hashed name. */
  image: { path: string; alt: string } | null
  prev: LinkData | null
  next: LinkData | null
  /** Position in the pack, 1-based, and the pack's size. */
  position: { index: number; total: number }
}

/** `feed.liquid`: a pack's Atom feed. */
export interface FeedData {
  site: WebSite
  lang: string
  feed: {
    id: string
    title: string
    subtitle: string | null
    /** RFC 3339. */
    updated: string
    path: string
    /** Link to the pack's home (absolute with `baseUrl`, else relative to the feed). */
    home: string
    /** Absolute URL of the feed itself, when `baseUrl` is set. */
    self: string | null
    author: string
  }
  entries: Array<{
    id: string
    title: string
    summary: string
    lang: string
    /** RFC 3339. */
    updated: string
    link: string
    authors: string[]
    tags: string[]
    example: boolean
  }>
}

/** `sitemap.liquid`. */
export interface SitemapData {
  urls: Array<{ loc: string; lastmod: string | null }>
}

// ---------------------------------------------------------------------------

/** `sv` -> `sv_SE`, `en` -> `en_GB`, `de-AT` -> `de_AT`. */
export function ogLocale(lang: string): string {
  const [primary, region] = lang.split('-')
  if (region) return `${primary!.toLowerCase()}_${region.toUpperCase()}`
  const defaults: Record<string, string> = { sv: 'sv_SE', en: 'en_GB', fi: 'fi_FI', nb: 'nb_NO', no: 'nb_NO', da: 'da_DK', de: 'de_DE' }
  return defaults[primary!.toLowerCase()] ?? primary!.toLowerCase()
}

export function webSite(site: SiteView): WebSite {
  const { date: _date, ...rest } = site
  return rest
}

/** The newest `YYYY-MM-DD` among findings, or null. */
export function latestDate(findings: readonly Pick<FindingView, 'date'>[]): string | null {
  let latest: string | null = null
  for (const finding of findings) if (finding.date && (latest === null || finding.date > latest)) latest = finding.date
  return latest
}

/** Plain text cut at a word boundary to at most `max` characters, with an ellipsis. */
export function clip(text: string, max = 200): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`
}

function join(separator: string, ...parts: Array<string | undefined | null>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(separator)
}

/** A deterministic `urn:uuid:` (RFC 4122 layout, name-based) for Atom ids without a base URL. */
export function urnUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function publisher(site: WebSite, fallback?: string): Record<string, unknown> {
  return { '@type': 'Organization', name: site.organisation ?? fallback ?? site.title }
}

export function cardData(audience: string, finding: FindingView): CardData {
  return {
    id: finding.id,
    path: webPaths.finding(audience, finding.id),
    title: finding.title,
    summary: finding.summary,
    lang: finding.lang,
    date: finding.date ?? null,
    keyFigure: finding.keyFigure ?? null,
    tags: finding.tags,
    evidence: finding.evidence ?? null,
    example: finding.example,
    status: finding.status,
    readingMinutes: finding.readingMinutes,
  }
}

/**
 * The part of `finding.html` before its first section. The view model joins
 * the intro and the sections into `html`; the first section starts at its
 * `<h2 id="slug">`.
 */
export function findingIntroHtml(finding: Pick<FindingView, 'html' | 'sections'>): string {
  const first = finding.sections[0]
  if (!first) return finding.html
  const at = finding.html.indexOf(`<h2 id="${first.slug}">`)
  return at > 0 ? finding.html.slice(0, at).trim() : ''
}

function linkData(audience: string, finding: FindingView | undefined): LinkData | null {
  return finding ? { id: finding.id, title: finding.title, lang: finding.lang, path: webPaths.finding(audience, finding.id) } : null
}

export interface SiteInput {
  site: SiteView
  packs: readonly Pack[]
  theme: ThemeData
  /** Checked accent colours per audience id. */
  accents: ReadonlyMap<string, { accent: string; accentOnDark: string }>
  /** `meta.separator` and the landing page description, in the site's language. */
  text: { separator: string; intro: string }
}

export function sitePageData({ site, packs, theme, accents, text }: SiteInput): SitePageData {
  const web = webSite(site)
  const path = webPaths.site
  const url = webUrl(site.baseUrl, path)
  return {
    site: web,
    lang: site.lang,
    theme,
    page: {
      kind: 'site',
      path,
      title: site.title,
      description: text.intro,
      url,
      robots: null,
      breadcrumbs: [],
      social: url ? { type: 'website', locale: ogLocale(site.lang), image: null, publishedTime: null } : null,
      feed: null,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: site.title,
        inLanguage: site.lang,
        publisher: publisher(web),
        ...(url ? { url } : {}),
      },
    },
    packs: packs.map((pack) => ({
      id: pack.audience.id,
      name: pack.audience.name,
      description: pack.audience.description ?? null,
      lang: pack.lang,
      path: webPaths.pack(pack.audience.id),
      count: pack.findings.length,
      internal: pack.audience.internal,
      updated: latestDate(pack.findings),
      accent: accents.get(pack.audience.id)?.accent ?? theme.accent,
      accentOnDark: accents.get(pack.audience.id)?.accentOnDark ?? theme.accentOnDark,
    })),
  }
}

export interface PackInput {
  site: SiteView
  pack: Pack
  theme: ThemeData
  /** Labels the data needs, in the pack's language. */
  text: { separator: string; home: string; feedTitle: string }
}

export function packPageData({ site, pack, theme, text }: PackInput): PackPageData {
  const web = webSite(site)
  const { audience } = pack
  const path = webPaths.pack(audience.id)
  const url = webUrl(site.baseUrl, path)
  const description = clip(audience.description ?? (audience.introText || audience.name), 200)
  return {
    site: web,
    lang: pack.lang,
    theme,
    audience,
    page: {
      kind: 'pack',
      path,
      title: join(text.separator, audience.name, site.title),
      description,
      url,
      robots: audience.internal ? 'noindex, nofollow' : null,
      breadcrumbs: [{ title: text.home, path: webPaths.site }],
      social: url ? { type: 'website', locale: ogLocale(pack.lang), image: null, publishedTime: null } : null,
      feed: { path: webPaths.feed(audience.id), title: text.feedTitle },
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name: audience.name,
        description,
        inLanguage: pack.lang,
        publisher: publisher(web),
        ...(url ? { url } : {}),
        hasPart: pack.findings.map((finding) => ({
          '@type': 'Report',
          name: finding.title,
          ...(site.baseUrl ? { url: webUrl(site.baseUrl, webPaths.finding(audience.id, finding.id)) } : {}),
        })),
      },
    },
    pack: {
      path,
      updated: latestDate(pack.findings),
      count: pack.findings.length,
      feed: webPaths.feed(audience.id),
    },
    findings: pack.findings.map((finding) => cardData(audience.id, finding)),
  }
}

export interface FindingInput {
  site: SiteView
  pack: Pack
  index: number
  theme: ThemeData
  image: { path: string; alt: string } | null
  /** Whether the audience gets share cards (`<audience>/cards/<finding>.png`). */
  hasCards: boolean
  text: { separator: string; home: string; feedTitle: string; cardAlt: string }
}

export function findingPageData({ site, pack, index, theme, image, hasCards, text }: FindingInput): FindingPageData {
  const web = webSite(site)
  const { audience } = pack
  const finding = pack.findings[index]
  if (!finding) throw new RangeError(`No finding at index ${index} of pack ${audience.id}`)
  const path = webPaths.finding(audience.id, finding.id)
  const url = webUrl(site.baseUrl, path)
  const cardUrl = hasCards ? webUrl(site.baseUrl, webPaths.card(audience.id, finding.id)) : null
  const publisherName = site.organisation ?? finding.source?.organisation
  return {
    site: web,
    lang: pack.lang,
    theme,
    audience,
    finding,
    pack: { path: webPaths.pack(audience.id), feed: webPaths.feed(audience.id) },
    intro: { html: findingIntroHtml(finding) },
    image,
    prev: linkData(audience.id, pack.findings[index - 1]),
    next: linkData(audience.id, pack.findings[index + 1]),
    position: { index: index + 1, total: pack.findings.length },
    page: {
      kind: 'finding',
      path,
      title: join(text.separator, finding.title, audience.name, site.title),
      description: clip(finding.summary, 300),
      url,
      robots: audience.internal || finding.status !== 'published' ? 'noindex, nofollow' : null,
      breadcrumbs: [
        { title: text.home, path: webPaths.site },
        { title: audience.name, path: webPaths.pack(audience.id) },
      ],
      social: url
        ? {
            type: 'article',
            locale: ogLocale(finding.lang),
            image: cardUrl ? { url: cardUrl, width: 1200, height: 630, alt: text.cardAlt } : null,
            publishedTime: finding.date ?? null,
          }
        : null,
      feed: { path: webPaths.feed(audience.id), title: text.feedTitle },
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'Report',
        name: finding.title,
        headline: finding.title,
        description: finding.summary,
        inLanguage: finding.lang,
        ...(finding.date ? { datePublished: finding.date } : {}),
        ...(finding.authors.length > 0 ? { author: finding.authors.map((name) => ({ '@type': 'Person', name })) } : {}),
        publisher: publisher(web, publisherName),
        ...(finding.source?.organisation && finding.source.organisation !== publisherName
          ? { sourceOrganization: { '@type': 'Organization', name: finding.source.organisation } }
          : {}),
        ...(finding.tags.length > 0 ? { keywords: finding.tags.join(', ') } : {}),
        ...(url ? { url, mainEntityOfPage: url } : {}),
        ...(cardUrl ? { image: cardUrl } : {}),
        isAccessibleForFree: true,
      },
    },
  }
}

export interface FeedInput {
  site: SiteView
  pack: Pack
  text: { feedTitle: string }
}

export function feedData({ site, pack, text }: FeedInput): FeedData {
  const { audience } = pack
  const path = webPaths.feed(audience.id)
  const self = webUrl(site.baseUrl, path)
  const home = webUrl(site.baseUrl, webPaths.pack(audience.id)) ?? 'index.html'
  // Deterministic: the newest finding date, or the build date when no finding has one.
  const updated = `${latestDate(pack.findings) ?? pack.date}T00:00:00Z`
  return {
    site: webSite(site),
    lang: pack.lang,
    feed: {
      id: self ?? urnUuid(`sprid:feed:${audience.id}`),
      title: text.feedTitle,
      subtitle: audience.description ?? null,
      updated,
      path,
      home,
      self,
      author: site.organisation ?? site.title,
    },
    entries: pack.findings.map((finding) => {
      const file = webPaths.finding(audience.id, finding.id)
      const link = webUrl(site.baseUrl, file) ?? `${finding.id}/index.html`
      return {
        id: webUrl(site.baseUrl, file) ?? urnUuid(`sprid:finding:${audience.id}/${finding.id}`),
        title: finding.title,
        summary: finding.summary,
        lang: finding.lang,
        updated: `${finding.date ?? latestDate(pack.findings) ?? pack.date}T00:00:00Z`,
        link,
        authors: finding.authors,
        tags: finding.tags,
        example: finding.example,
      }
    }),
  }
}

export function sitemapData(site: SiteView, packs: readonly Pack[]): SitemapData | null {
  if (!site.baseUrl) return null
  const urls: SitemapData['urls'] = [{ loc: webUrl(site.baseUrl, webPaths.site)!, lastmod: null }]
  for (const pack of packs) {
    if (pack.audience.internal) continue
    urls.push({ loc: webUrl(site.baseUrl, webPaths.pack(pack.audience.id))!, lastmod: latestDate(pack.findings) })
    for (const finding of pack.findings) {
      if (finding.status !== 'published') continue
      urls.push({ loc: webUrl(site.baseUrl, webPaths.finding(pack.audience.id, finding.id))!, lastmod: finding.date ?? null })
    }
  }
  return { urls }
}
