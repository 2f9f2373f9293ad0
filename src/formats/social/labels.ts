/** The social format's words, in Swedish and English (other languages fall back to English). */
export interface SocialLabels {
  linkText: string
  heading: string
  intro: string
  count: string
  image: string
  dropped: string
  noLink: string
  overLimit: string
  part: { hook: string; figure: string; hashtag: string }
  shortened: string
  example: string
}

const LABELS: Record<'sv' | 'en', SocialLabels> = {
  sv: {
    linkText: 'Länk i bio',
    heading: 'Inlägg för sociala medier',
    intro: 'Varje inlägg är räknat som plattformen räknar. Kopiera texten i rutan.',
    count: 'tecken',
    image: 'Bild',
    dropped: 'Utelämnat',
    noLink: 'Ingen länk: ange `baseUrl` i konfigurationen för att länka till fyndets sida.',
    overLimit: 'För långt även utan valfria delar',
    part: { hook: 'inledning', figure: 'nyckeltal', hashtag: 'hashtagg' },
    shortened: 'förkortad',
    example: 'Exempel',
  },
  en: {
    linkText: 'Link in bio',
    heading: 'Social media posts',
    intro: 'Each post is counted the way its platform counts. Copy the text in the box.',
    count: 'characters',
    image: 'Image',
    dropped: 'Left out',
    noLink: 'No link: set `baseUrl` in the config to link to the finding\'s page.',
    overLimit: 'Too long even without optional parts',
    part: { hook: 'hook', figure: 'key figure', hashtag: 'hashtag' },
    shortened: 'shortened',
    example: 'Example',
  },
}

export function socialLabels(lang: string): SocialLabels {
  return lang.toLowerCase().startsWith('sv') ? LABELS.sv : LABELS.en
}
