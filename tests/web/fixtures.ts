/**
 * Fake packs for the web format's tests: realistic Swedish and English
 * content (å/ä/ö, figures, a quote, sections, an example finding, a fallback
 * translation), and a hostile site whose every text field tries to break out
 * of its context.
 */
import { deflateSync } from 'node:zlib'
import type { SiteView } from '../../src/formats/types.js'
import type { AudienceView, FigureView, FindingView, Pack, SectionView } from '../../src/tailor/view.js'

/** Strings that must come out inert wherever they are put. */
export const HOSTILE = {
  script: '"><script>alert(1)</script>',
  endScript: '</script><script>x</script>',
  comment: '<!-- </script> -->',
  img: '<img src=x onerror=alert(1)>',
  attr: '" onmouseover="alert(1)" data-x="',
  js: 'javascript:alert(1)',
  lineSeparators: 'rad\u2028ett\u2029två',
  template: '{{ site.title }} {% raw %}',
} as const

const BUILD_DATE = '2024-05-20'

export function site(overrides: Partial<SiteView> = {}): SiteView {
  return {
    title: 'Bostadsforskning i praktiken',
    organisation: 'Allmännyttans kunskapsnätverk',
    lang: 'sv',
    date: BUILD_DATE,
    generator: 'sprid 0.1.0',
    ...overrides,
  }
}

function figure(id: string, value: number | string, formatted: string, label: string, unit?: string, source?: string): FigureView {
  return { id, value, unit, label, source, formatted }
}

function section(key: string, heading: string, slug: string, html: string): SectionView {
  return { key, heading, slug, html, text: html.replace(/<[^>]+>/g, '') }
}

function joinHtml(intro: string, sections: SectionView[]): string {
  return [intro, ...sections.map((s) => `<h2 id="${s.slug}">${s.heading}</h2>\n${s.html}`)].filter(Boolean).join('\n')
}

function finding(partial: Partial<FindingView> & Pick<FindingView, 'id' | 'title' | 'summary'>, intro = ''): FindingView {
  const sections = partial.sections ?? []
  const base: FindingView = {
    lang: 'sv',
    authors: [],
    tags: [],
    example: false,
    status: 'published',
    figures: [],
    questions: [],
    recommendations: [],
    social: { hashtags: [] },
    sections,
    html: joinHtml(intro, sections),
    text: '',
    notes: { html: '', text: '' },
    readingMinutes: 3,
    file: `findings/${partial.id}.md`,
    translation: 'native',
    ...partial,
  }
  base.keyFigure ??= base.figures[0]
  base.text = `${base.title}\n${base.summary}`
  return base
}

// ---------------------------------------------------------------------------
// Realistic content

const vindFigures = [
  figure('varme', 21, '21\u00a0%', 'lägre värmebehov efter tilläggsisolering', '%', 'Energimätningar 2017–2019'),
  figure('lagenheter', 1234, '1\u00a0234\u00a0lägenheter', 'i 38 flerbostadshus ingick i studien', 'lägenheter'),
  figure('aterbetalning', 7.5, '7,5\u00a0år', 'återbetalningstid vid dagens energipriser', 'år', 'Egen kalkyl'),
]

const vindSections = [
  section(
    'background',
    'Bakgrund',
    'bakgrund',
    '<p>Många av miljonprogrammets hus har ett tunt isolerat vindsbjälklag. Värmen stiger och försvinner ut genom taket, särskilt under årets kallaste månader.</p>\n<p>Allmännyttiga bostadsbolag står inför stora renoveringsbehov och behöver veta vilka åtgärder som ger mest effekt för pengarna.</p>',
  ),
  section(
    'method',
    'Så gjordes studien',
    'sa-gjordes-studien',
    '<p>Forskargruppen jämförde <strong>38 flerbostadshus</strong> i Göteborg, Örebro och Umeå. Hälften fick 300 mm lösull på vindsbjälklaget, hälften fungerade som jämförelsegrupp.</p>\n<table>\n<thead>\n<tr>\n<th>Ort</th>\n<th>Hus</th>\n<th>Lägenheter</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Göteborg</td>\n<td>16</td>\n<td>512</td>\n</tr>\n<tr>\n<td>Örebro</td>\n<td>12</td>\n<td>398</td>\n</tr>\n<tr>\n<td>Umeå</td>\n<td>10</td>\n<td>324</td>\n</tr>\n</tbody>\n</table>',
  ),
  section(
    'results',
    'Resultat',
    'resultat',
    '<p>Värmebehovet sjönk med i genomsnitt <strong>21 procent</strong> i de isolerade husen. Effekten var störst i Umeå, där vintrarna är längst.</p>\n<p>Inomhustemperaturen blev jämnare, och antalet felanmälningar om kalla lägenheter på översta våningen halverades. Läs mer i <a href="https://example.org/rapport-2020-3">rapporten</a>.</p>',
  ),
  section(
    'recommendations',
    'Rekommendationer',
    'rekommendationer',
    '<ul>\n<li>Börja med hus vars vindsbjälklag har mindre än 150 mm isolering.</li>\n<li>Samordna tilläggsisoleringen med takomläggning för att dela på etableringskostnaden.</li>\n<li>Mät värmebehovet ett år före och ett år efter åtgärden.</li>\n</ul>',
  ),
  section(
    'questions',
    'Diskussionsfrågor',
    'diskussionsfragor',
    '<ol>\n<li>Vilka av era hus har sämst isolerade vindar?</li>\n<li>Hur kan ni följa upp effekten av åtgärden?</li>\n</ol>',
  ),
]

const boende: AudienceView = {
  id: 'forvaltare',
  name: 'Förvaltare och fastighetschefer',
  lang: 'sv',
  description: 'Forskningsresultat om drift, underhåll och energi för dig som förvaltar bostäder.',
  internal: false,
  depth: 'full',
  theme: { accent: '#1d6f6a', logo: 'findings/img/logo.svg' },
  cta: { text: 'Boka en genomgång av resultaten för er förvaltning', url: 'mailto:kunskap@example.org' },
  introHtml:
    '<p>Här har vi samlat aktuella forskningsresultat om energi, underhåll och hyresgästernas vardag – utvalda och sammanfattade för dig som ansvarar för allmännyttans bostäder.</p>',
  introText:
    'Här har vi samlat aktuella forskningsresultat om energi, underhåll och hyresgästernas vardag – utvalda och sammanfattade för dig som ansvarar för allmännyttans bostäder.',
  file: 'findings/audiences/forvaltare.md',
}

export function realisticPacks(): Pack[] {
  const svFindings: FindingView[] = [
    finding(
      {
        id: 'tillaggsisolering-vind',
        title: 'Tilläggsisolering av vindsbjälklaget sänker värmebehovet med en femtedel',
        summary:
          'I 38 flerbostadshus från 1960- och 70-talen minskade värmebehovet med 21 procent efter tilläggsisolering av vinden. Åtgärden betalar sig på sju till åtta år.',
        date: '2020-02-06',
        authors: ['Åsa Lindqvist', 'Jörgen Öberg'],
        source: { lab: 'Energi i bebyggelsen', organisation: 'Chalmers tekniska högskola', report: 'https://example.org/rapport-2020-3' },
        tags: ['energi', 'klimatskal', 'värme'],
        evidence: 'strong',
        figures: vindFigures,
        quote: { text: 'Vi trodde att fönstren var det stora problemet. Det var vinden.', by: 'Fastighetschef, Örebrobostäder' },
        sections: vindSections,
        recommendations: [
          'Börja med hus vars vindsbjälklag har mindre än 150 mm isolering.',
          'Samordna tilläggsisoleringen med takomläggning för att dela på etableringskostnaden.',
          'Mät värmebehovet ett år före och ett år efter åtgärden.',
        ],
        questions: ['Vilka av era hus har sämst isolerade vindar?', 'Hur kan ni följa upp effekten av åtgärden?'],
        image: { path: 'findings/img/vind.png', alt: 'Lösull blåses in på ett vindsbjälklag i ett flerbostadshus.' },
        readingMinutes: 4,
      },
      '<p>Studien är en av de största svenska uppföljningarna av en enskild energiåtgärd i befintliga flerbostadshus.</p>',
    ),
    finding({
      id: 'aterkoppling-el',
      title: 'Månadsvis återkoppling på elanvändningen minskar hushållens förbrukning med sju procent',
      summary:
        'Hushåll som varje månad fick se sin elanvändning jämförd med liknande hushåll använde i snitt sju procent mindre el än de som inte fick någon återkoppling.',
      date: '2022-11-14',
      authors: ['Karin Ström'],
      source: { organisation: 'Uppsala universitet' },
      tags: ['energi', 'hyresgäster', 'beteende'],
      evidence: 'moderate',
      figures: [figure('el', 7, '7\u00a0%', 'lägre elanvändning per hushåll', '%')],
      sections: [
        section('results', 'Resultat', 'resultat', '<p>Effekten höll i sig under hela uppföljningsåret men var störst de första tre månaderna.</p>'),
        section(
          'recommendations',
          'Rekommendationer',
          'rekommendationer',
          '<ul>\n<li>Skicka återkopplingen varje månad, inte en gång om året.</li>\n<li>Jämför med liknande hushåll, inte med ett genomsnitt.</li>\n</ul>',
        ),
      ],
      readingMinutes: 2,
    }),
    finding({
      id: 'digital-felanmalan',
      title: 'Digital felanmälan med bild kortar tiden till åtgärd med flera dagar',
      summary:
        'När hyresgäster kunde bifoga en bild till felanmälan kunde fler ärenden lösas vid första besöket, och den genomsnittliga ledtiden sjönk.',
      date: '2023-09-01',
      authors: ['Exempelgruppen'],
      tags: ['förvaltning', 'service'],
      evidence: 'emerging',
      example: true,
      figures: [figure('ledtid', 3.5, '3,5\u00a0dagar', 'kortare ledtid från anmälan till åtgärd', 'dagar')],
      sections: [section('results', 'Resultat', 'resultat', '<p>Siffrorna i det här exemplet visar hur ett resultat kan presenteras.</p>')],
      readingMinutes: 1,
    }),
    finding({
      id: 'shared-laundry',
      lang: 'en',
      translation: 'fallback',
      title: 'Booking systems for shared laundry rooms reduce conflicts between neighbours',
      summary: 'Estates that replaced paper lists with digital booking saw fewer complaints about the laundry room within a year.',
      date: '2021-03-22',
      authors: ['Maria Svensson'],
      tags: ['hyresgäster', 'grannsämja'],
      evidence: 'moderate',
      sections: [section('results', 'Results', 'results', '<p>Complaints fell in nine of the twelve estates studied.</p>')],
      readingMinutes: 1,
    }),
    finding({
      id: 'kort-sammanfattning',
      title: 'Trygghetsvandringar ger underlag för åtgärder som hyresgästerna märker',
      summary: 'Gemensamma trygghetsvandringar med hyresgäster ledde till konkreta åtgärder i utemiljön inom ett halvår.',
      tags: ['trygghet', 'hyresgäster'],
      recommendations: ['Bjud in hyresgäster i alla åldrar.', 'Återkoppla vad som har gjorts inom sex månader.'],
      readingMinutes: 1,
    }),
  ]

  const board: AudienceView = {
    id: 'board',
    name: 'Board members',
    lang: 'en',
    description: 'Findings for boards of municipal housing companies.',
    internal: false,
    depth: 'brief',
    theme: { accent: '#5a3e85' },
    introHtml: '<p>Short summaries of the research that matters for strategic decisions.</p>',
    introText: 'Short summaries of the research that matters for strategic decisions.',
    file: 'findings/audiences/board.md',
  }
  const enFindings: FindingView[] = [
    finding({
      id: 'tillaggsisolering-vind',
      lang: 'en',
      translation: 'variant',
      title: 'Insulating the attic floor cuts heating demand by a fifth',
      summary: 'In 38 apartment blocks from the 1960s and 70s, heating demand fell by 21 per cent after the attic floor was insulated.',
      date: '2020-02-06',
      authors: ['Åsa Lindqvist', 'Jörgen Öberg'],
      source: { organisation: 'Chalmers University of Technology' },
      tags: ['energy'],
      evidence: 'strong',
      figures: [figure('varme', 21, '21%', 'lower heating demand', '%', 'Energy metering 2017–2019'), figure('lagenheter', 1234, '1,234 apartments', 'in the study', 'apartments')],
      quote: { text: 'We thought the windows were the big problem. It was the attic.', by: 'Property manager, Örebro' },
      recommendations: ['Start with buildings with less than 150 mm of insulation.'],
      readingMinutes: 1,
    }),
  ]

  return [
    { audience: boende, findings: svFindings, lang: 'sv', date: BUILD_DATE },
    { audience: board, findings: enFindings, lang: 'en', date: BUILD_DATE },
  ]
}

// ---------------------------------------------------------------------------
// Hostile content

export function hostileSite(): SiteView {
  return site({
    title: `Forskning ${HOSTILE.script} ${HOSTILE.endScript}`,
    organisation: `Bolaget ${HOSTILE.comment} ${HOSTILE.lineSeparators}`,
    baseUrl: 'https://forskning.example.org',
  })
}

export function hostilePacks(): Pack[] {
  const audience: AudienceView = {
    id: 'hostile',
    name: `Målgrupp ${HOSTILE.script}`,
    lang: 'sv',
    description: `Beskrivning ${HOSTILE.attr} ${HOSTILE.img}`,
    internal: true,
    depth: 'standard',
    // Too light for text on white: must be darkened, with a warning.
    theme: { accent: '#ffd400' },
    cta: { text: `Klicka ${HOSTILE.script}`, url: HOSTILE.js },
    introHtml: '<p>En helt vanlig introduktion.</p>',
    introText: 'En helt vanlig introduktion.',
    file: 'findings/audiences/hostile.md',
  }
  const findings: FindingView[] = [
    finding({
      id: 'one',
      title: `Titel ${HOSTILE.endScript} ${HOSTILE.script}`,
      summary: `Sammanfattning ${HOSTILE.img} ${HOSTILE.attr} ${HOSTILE.lineSeparators} ${HOSTILE.template}`,
      date: '2021-01-02',
      authors: [`Författare ${HOSTILE.endScript}`, HOSTILE.comment],
      source: { organisation: `Org ${HOSTILE.endScript}`, lab: HOSTILE.attr, report: HOSTILE.js },
      tags: [HOSTILE.js, HOSTILE.script, `tag ${HOSTILE.attr}`],
      evidence: 'strong',
      figures: [figure('x', 42, '42\u00a0%', `etikett ${HOSTILE.script}`, '%', `källa ${HOSTILE.endScript}`)],
      quote: { text: `Citat ${HOSTILE.endScript}`, by: HOSTILE.script },
      image: { path: 'findings/img/vind.png', alt: `Bild ${HOSTILE.attr} ${HOSTILE.script}` },
      sections: [section('results', `Resultat ${HOSTILE.script}`, 'resultat', '<p>Ofarlig text.</p>')],
      recommendations: [`Gör ${HOSTILE.img}`],
    }),
    finding({
      id: 'two',
      title: HOSTILE.js,
      summary: HOSTILE.comment,
      example: true,
      status: 'draft',
      tags: [],
    }),
  ]
  return [{ audience, findings, lang: 'sv', date: BUILD_DATE }]
}

// ---------------------------------------------------------------------------
// Project files

/** A PNG (RGB, no alpha): a calm two-tone illustration with a roof line. */
export function makePng(width = 960, height = 480): Uint8Array {
  const crcTable = new Uint32Array(256).map((_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Uint8Array) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length)
    const view = new DataView(out.buffer)
    view.setUint32(0, data.length)
    out.set(Buffer.from(type, 'ascii'), 4)
    out.set(data, 8)
    view.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)))
    return out
  }
  const raw = new Uint8Array((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      const roof = height * 0.55 - Math.abs(x - width / 2) * 0.55
      const sky = y < roof
      const insulation = !sky && y < roof + height * 0.12
      const t = y / height
      const [r, g, b] = sky
        ? [222 - t * 30, 234 - t * 20, 238]
        : insulation
          ? [232, 214, 170]
          : [49 + t * 20, 96 + t * 10, 92]
      raw[row + 1 + x * 3] = r
      raw[row + 2 + x * 3] = g
      raw[row + 3 + x * 3] = b
    }
  }
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([8, 2, 0, 0, 0], 8)
  const signature = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])
  const parts = [signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]
  return Buffer.concat(parts)
}

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32"><rect width="32" height="32" rx="4" fill="#1d6f6a"/><path d="M6 16 16 7l10 9v10H6z" fill="#fff"/><rect x="13" y="19" width="6" height="7" fill="#1d6f6a"/></svg>`

/** The project files the fixtures refer to. */
export const projectFiles: Readonly<Record<string, Uint8Array>> = {
  'findings/img/vind.png': makePng(),
  'findings/img/logo.svg': new TextEncoder().encode(LOGO_SVG),
}

export async function readProjectFile(file: string): Promise<Uint8Array> {
  const contents = projectFiles[file]
  if (!contents) throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' })
  return contents
}
