/**
 * A realistic pack for the paged formats (conference deck, handout): Swedish
 * public housing, with å/ä/ö, a key figure per finding but one, a quote,
 * speaker notes, an example finding, more than three recommendations, and a
 * finding that is deliberately left out of the pack.
 */
import type { SiteView } from '../../src/formats/types.js'
import { formatFigure } from '../../src/tailor/figures.js'
import type { AudienceView, FigureView, FindingView, Pack } from '../../src/tailor/view.js'

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A key figure formatted as the tailor stage does it. */
function figure(id: string, value: number | string, label: string, source?: string, unit?: string, lang = 'sv'): FigureView {
  return formatFigure(id, { value, label, ...(unit ? { unit } : {}), ...(source ? { source } : {}) }, lang)
}

type FindingInput = Partial<FindingView> & Pick<FindingView, 'id' | 'title' | 'summary'>

/** A complete FindingView from the fields a test cares about. */
export function finding(input: FindingInput): FindingView {
  const figures = input.figures ?? []
  const notesText = input.notes?.text ?? ''
  const base: FindingView = {
    lang: 'sv',
    authors: ['Anna Kanervo'],
    tags: [],
    example: false,
    status: 'published',
    figures,
    questions: [],
    recommendations: [],
    social: { hashtags: [] },
    sections: [],
    html: `<p>${escapeHtml(input.summary)}</p>`,
    text: `${input.title}\n${input.summary}`,
    notes: { html: notesText ? `<p>${escapeHtml(notesText)}</p>` : '', text: notesText },
    readingMinutes: 1,
    file: `findings/${input.id}.md`,
    translation: 'native',
    ...input,
  }
  if (figures.length > 0 && !input.keyFigure) base.keyFigure = figures[0]
  return base
}

export const site: SiteView = {
  title: 'Allmännyttans innovationslabb',
  organisation: 'Sveriges Allmännytta',
  baseUrl: 'https://example.org/labb',
  lang: 'sv',
  date: '2025-03-14',
  generator: 'sprid 0.1.0',
}

export const motesplatser = finding({
  id: 'motesplatser',
  title: 'Mötesplatser i bottenvåningen fick fler grannar att hälsa på varandra',
  summary:
    'Där bostadsbolaget öppnade en lokal för grannar i bottenvåningen uppgav fler boende efter ett år att de hälsar på sina grannar. Effekten var störst i hus där hyresgästerna själva fick bestämma över lokalen.',
  date: '2020-05-12',
  source: { organisation: 'Sveriges Allmännytta', report: 'Följeforskningsrapport, Allmännyttans innovationslabb' },
  tags: ['mötesplatser', 'delaktighet', 'segregation'],
  evidence: 'moderate',
  figures: [
    figure('halsar', 38, 'fler boende hälsar på sina grannar efter ett år', 'Enkät till boende 2019 och 2020', '%'),
    figure('lokaler', 12, 'lokaler öppnades i fyra städer', 'Allmännyttans innovationslabb'),
  ],
  quote: {
    text: 'Förut kände jag ingen i trappuppgången. Nu vet jag vem jag kan fråga om hjälp.',
    by: 'Boende i Gårdsten, Göteborg',
  },
  recommendations: [
    'Låt hyresgästerna själva bestämma vad lokalen ska användas till.',
    'Håll lokalen öppen på kvällar och helger, när de flesta är hemma.',
    'Utse en person på bostadsbolaget som ansvarar för lokalen.',
    'Följ upp med en enkel enkät efter ett år.',
  ],
  questions: [
    'Vilka lokaler i era bostadsområden står tomma i dag?',
    'Hur kan hyresgästerna få bestämma mer över gemensamma ytor?',
  ],
  notes: {
    html: '<p>Börja med citatet från Gårdsten. Fråga publiken hur många som hälsar på sina grannar – räck upp handen.</p>',
    text: 'Börja med citatet från Gårdsten. Fråga publiken hur många som hälsar på sina grannar – räck upp handen.',
  },
})

export const partnerskap = finding({
  id: 'partnerskap',
  title: 'Lokala partnerskap höll längre när bostadsbolaget hade en utsedd kontaktperson',
  summary:
    'I alla fyra labben överlevde samarbetet med föreningar och kommun projektets slut där en namngiven person på bostadsbolaget höll ihop det. Där ansvaret var delat mellan flera avdelningar rann samarbetet ut.',
  date: '2020-09-01',
  source: { lab: 'Malmö universitet', report: 'Följeforskning 2018–2020' },
  tags: ['partnerskap', 'samverkan', 'styrning'],
  evidence: 'strong',
  figures: [figure('labb', '4 av 4', 'labb där samarbetet levde vidare med en utsedd kontaktperson', 'Följeforskning 2018–2020')],
  recommendations: [
    'Utse en kontaktperson med mandat innan samarbetet börjar.',
    'Skriv in ansvaret i befattningsbeskrivningen, inte bara i projektplanen.',
  ],
  questions: ['Vem hos er skulle kunna vara kontaktperson, och vad behöver den personen för att lyckas?'],
  notes: {
    html: '<p>Betona att det handlar om mandat, inte om eldsjälar. Nämn att ett labb bytte kontaktperson tre gånger.</p>',
    text: 'Betona att det handlar om mandat, inte om eldsjälar. Nämn att ett labb bytte kontaktperson tre gånger.',
  },
})

export const sommarjobb = finding({
  id: 'sommarjobb',
  title: 'Sommarjobb för unga i området halverade skadegörelsen i trapphusen',
  summary:
    'Ett bostadsbolag anställde ungdomar från området under sommaren för att sköta gårdar och trapphus. Kostnaden för skadegörelse sjönk till hälften jämfört med året innan.',
  date: '2019-10-20',
  tags: ['aktiviteter', 'unga', 'trygghet'],
  evidence: 'emerging',
  example: true,
  figures: [figure('kostnad', 1234500, 'lägre kostnad för skadegörelse på ett år', 'Illustrativt räkneexempel', 'kr')],
  recommendations: [
    'Rekrytera ungdomarna lokalt, gärna tillsammans med fritidsgården.',
    'Ge varje ungdom en handledare bland bostadsbolagets medarbetare.',
    'Avsluta sommaren med ett intyg som ungdomarna kan visa nästa arbetsgivare.',
  ],
  questions: ['Vilka arbetsuppgifter hos er skulle passa för sommarjobbare?', 'Hur kan ni mäta effekten?'],
})

export const foljeforskning = finding({
  id: 'foljeforskning',
  title: 'Följeforskningen gav labben ett gemensamt språk för sina lärdomar',
  summary:
    'Forskarens återkommande frågor tvingade labben att formulera vad de faktiskt hade lärt sig. Det gjorde det lättare att jämföra erfarenheter mellan städerna och att föra lärdomarna vidare.',
  date: '2021-01-15',
  tags: ['metod', 'kunskapsdelning'],
  evidence: 'moderate',
  questions: ['Hur dokumenterar ni det ni lär er i dag?'],
  image: {
    path: 'findings/images/foljeforskning.svg',
    alt: 'Fyra cirklar kring en gemensam mitt, som fyra labb som delar sina lärdomar.',
  },
})

/** A finding that is not in the pack: none of its text may show up anywhere. */
export const excluded = finding({
  id: 'styrgrupp',
  title: 'Styrgruppens protokoll visade oenighet om budgeten',
  summary: 'Ett internt resultat om styrgruppens arbete som bara projektteamet ska se. Hemligt Xylofonord.',
  tags: ['styrning'],
  recommendations: ['Ta upp budgetfrågan tidigt i styrgruppen.'],
  notes: { html: '<p>Internt talarmanus Zebrafink.</p>', text: 'Internt talarmanus Zebrafink.' },
})

export const audience: AudienceView = {
  id: 'ledning',
  name: 'Bostadsbolagens ledning',
  lang: 'sv',
  description: 'För vd och ledningsgrupp i allmännyttiga bostadsföretag.',
  internal: false,
  depth: 'standard',
  theme: { accent: '#0b5c5a', logo: 'findings/images/logo.svg' },
  cta: {
    text: 'Boka ett samtal med oss om hur ni kan starta ett eget labb',
    url: 'https://www.sverigesallmannytta.se/innovationslabb',
  },
  introHtml:
    '<p>Här är det viktigaste från Allmännyttans innovationslabb för er som leder ett bostadsbolag. Fyra labb arbetade i två år med att motverka segregation.</p>',
  introText:
    'Här är det viktigaste från Allmännyttans innovationslabb för er som leder ett bostadsbolag. Fyra labb arbetade i två år med att motverka segregation.',
  file: 'findings/audiences/ledning.md',
}

/** The Swedish pack: four findings (one an example), one finding excluded. */
export const pack: Pack = {
  audience,
  findings: [motesplatser, partnerskap, sommarjobb, foljeforskning],
  lang: 'sv',
  date: '2025-03-14',
}

/** Every speaker note's text in the pack. */
export const notesTexts = pack.findings.map((f) => f.notes.text).filter((text) => text !== '')

/** An English pack with one finding and no organisation-wide call to action. */
export const englishPack: Pack = {
  audience: {
    ...audience,
    id: 'researchers',
    name: 'Researchers',
    lang: 'en',
    theme: { accent: '#4c2a85' },
    // No logo file: left out quietly.
    cta: undefined,
    introHtml: '<p>What Swedish public housing learned from four innovation labs.</p>',
    introText: 'What Swedish public housing learned from four innovation labs.',
    file: 'findings/audiences/forskare.md',
  },
  findings: [
    finding({
      id: 'meeting-places',
      lang: 'en',
      title: 'Meeting places on the ground floor made more neighbours greet each other',
      summary: 'Where the housing company opened a room for neighbours, more residents said after a year that they greet their neighbours.',
      tags: ['meeting places'],
      evidence: 'moderate',
      figures: [figure('greet', 38, 'more residents greet their neighbours after a year', 'Resident survey 2019 and 2020', '%', 'en')],
      recommendations: ['Let the tenants decide what the room is for.', 'Keep it open in the evenings.'],
      questions: ['Which rooms stand empty in your estates today?'],
    }),
  ],
  lang: 'en',
  date: '2025-03-14',
}

/** A finding whose text cannot fit a slide at the minimum type sizes. */
export const tooLong = finding({
  id: 'for-mycket-text',
  title:
    'Bostadsbolag som samarbetade med civilsamhällets organisationer, kommunens förvaltningar, skolor, fritidsgårdar, polisen och de boende själva i långsiktiga, formaliserade partnerskap med gemensamma mål, gemensam budget och regelbunden uppföljning uppnådde över tid betydligt bättre resultat',
  summary:
    'Sammanfattningen är också lång, för att visa hur layouten krymper texten och varnar i stället för att klippa den. '.repeat(4),
  tags: ['samverkan'],
  figures: [figure('procent', 87, 'av de tillfrågade bostadsbolagen instämde helt eller delvis i påståendet om partnerskapens betydelse för resultatet', 'Enkät 2020', '%')],
  recommendations: [
    'Formalisera partnerskapet med ett skriftligt avtal som anger mål, roller, ansvar, budget, beslutsvägar och hur uppföljningen ska gå till, och se till att avtalet förankras i ledningen hos samtliga parter innan arbetet börjar.',
    'Avsätt en gemensam budget som ingen enskild part kan dra tillbaka utan att de andra parterna först har fått yttra sig, och redovisa hur pengarna används minst två gånger per år för alla parter och för de boende.',
    'Följ upp arbetet regelbundet med både siffror och berättelser från de boende, och använd uppföljningen för att justera arbetet i stället för att bara rapportera den uppåt i organisationen.',
  ],
  file: 'findings/for-mycket-text.md',
})
