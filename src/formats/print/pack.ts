/**
 * Facts about a pack that every printed format shows the same way: its
 * title, where its web version lives, its PDF metadata.
 */
import type { PdfMetadata } from '../../browser/pdf-metadata.js'
import { webPaths, webUrl } from '../web/paths.js'
import type { Pack } from '../../tailor/view.js'
import type { SiteView } from '../types.js'
import type { Label } from './labels.js'

/** The pack's title: `{audience} – {site}` (label `pack.feed_title`). */
export function packTitle(label: Label, site: SiteView, pack: Pack): string {
  return label('pack.feed_title', { audience: pack.audience.name, site: site.title })
}

/** `<baseUrl>/<audience>/`, the pack's web home, when `site.baseUrl` is set. */
export function webPackUrl(site: SiteView, pack: Pack): string | undefined {
  return webUrl(site.baseUrl, webPaths.pack(pack.audience.id)) ?? undefined
}

/**
 * The anchor of a finding in a printed document, `finding-<id>`: its
 * section in the handout, its first slide in the deck. Links to it make it
 * a named destination in the PDF (`handout.pdf#finding-<id>`).
 */
export const findingAnchor = (finding: string): string => `finding-${finding}`

/** Every tag of the pack's findings, once, in order of appearance. */
export function packTags(pack: Pack): string[] {
  return [...new Set(pack.findings.flatMap((finding) => finding.tags))]
}

/**
 * PDF metadata: Title, Author (the organisation), Subject (the audience),
 * Keywords (the tags), language, Creator (`sprid <version>`) and the build
 * date, so two builds of the same input give the same bytes.
 */
export function printMetadata(site: SiteView, pack: Pack, title: string): PdfMetadata {
  return {
    title,
    ...(site.organisation ? { author: site.organisation } : {}),
    subject: pack.audience.name,
    keywords: packTags(pack),
    lang: pack.lang,
    creator: site.generator,
    date: pack.date || site.date,
  }
}
