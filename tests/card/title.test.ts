import { describe, expect, it } from 'vitest'
import { cardAlt, shortenTitle } from '../../src/formats/card/index.js'
import { countGraphemes, graphemes } from '../../src/formats/social/index.js'

const words = (text: string) => text.replace(/…$/, '').split(' ').length

describe('shortenTitle', () => {
  it('keeps a title of twelve words or fewer', () => {
    const title = 'Återkoppling på energianvändning sänker hyresgästers förbrukning med tolv procent'
    expect(shortenTitle(title)).toBe(title)
  })

  it('cuts a long title at a clause boundary near the end', () => {
    const title = 'Hyresgäster som får återkoppling varje månad sparar energi, och effekten håller i sig i minst tre år enligt studien'
    expect(shortenTitle(title)).toBe('Hyresgäster som får återkoppling varje månad sparar energi…')
  })

  it('cuts at twelve words without a clause boundary, never after a dangling conjunction', () => {
    const title = 'Ett två tre fyra fem sex sju åtta nio tio elva och tretton fjorton femton'
    const short = shortenTitle(title)
    expect(short).toBe('Ett två tre fyra fem sex sju åtta nio tio elva…')
    expect(words(short)).toBeLessThanOrEqual(12)
    expect(shortenTitle('One two three four five six seven eight nine ten eleven the end is near')).toBe('One two three four five six seven eight nine ten eleven…')
  })

  it('cuts before a dash that opens a clause', () => {
    const title = 'Tilläggsisolering av fasader sänker värmebehovet i äldre flerbostadshus – men bara om ventilationen också justeras'
    expect(shortenTitle(title)).toBe('Tilläggsisolering av fasader sänker värmebehovet i äldre flerbostadshus…')
  })

  it('keeps emoji-only titles whole when short, and cuts long ones between graphemes', () => {
    const family = '👨\u200d👩\u200d👧\u200d👦'
    expect(shortenTitle('🎉🎉🎉')).toBe('🎉🎉🎉')
    const long = shortenTitle(family.repeat(120))
    expect(countGraphemes(long)).toBeLessThanOrEqual(90)
    expect(graphemes(long).slice(0, -1).every((g) => g === family)).toBe(true)
    expect(long.endsWith('…')).toBe(true)
  })

  it('limits few but very long words by graphemes', () => {
    const title = 'Fastighetsägareföreningensårsmötesprotokollsjusteringsmännen '.repeat(4).trim()
    expect(countGraphemes(shortenTitle(title))).toBeLessThanOrEqual(90)
  })
})

describe('cardAlt', () => {
  it('is the title and the key figure, by the label table', () => {
    expect(cardAlt({ title: 'Titel', example: false, keyFigure: { id: 'a', value: 12, label: 'färre', formatted: '12\u00a0%' } }, 'sv')).toBe('Titel – 12\u00a0% färre')
    expect(cardAlt({ title: 'Title', example: true }, 'en')).toBe('Example: Title')
  })
})
