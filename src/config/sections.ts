/**
 * Section roles: an H2 heading maps to a canonical key through these aliases
 * (Swedish and English built in, extendable with config `sections`).
 */
export const SECTION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  background: ['Bakgrund', 'Background', 'Sammanhang', 'Context'],
  method: ['Metod', 'Method', 'Methods', 'Så gjorde vi', 'Approach'],
  results: ['Resultat', 'Results', 'Findings', 'Fynd', 'Slutsatser', 'Conclusions'],
  recommendations: ['Rekommendationer', 'Recommendations', 'Råd', 'Advice'],
  questions: ['Diskussionsfrågor', 'Discussion questions', 'Frågor att diskutera', 'Questions'],
}

/** Lower-cased heading -> role, from the built-ins merged with `extra`. */
export function sectionAliasMap(extra: Readonly<Record<string, readonly string[]>> = {}): Map<string, string> {
  const map = new Map<string, string>()
  for (const table of [SECTION_ALIASES, extra]) {
    for (const [role, headings] of Object.entries(table)) {
      map.set(role.toLowerCase(), role)
      for (const heading of headings) map.set(heading.trim().toLowerCase(), role)
    }
  }
  return map
}
