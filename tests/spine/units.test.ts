/** Small pure functions: slugs, figures, readability, build dates. */
import { describe, expect, it } from 'vitest'
import { createSlugger, slugify } from '../../src/content/slug.js'
import { formatFigure } from '../../src/tailor/figures.js'
import { formatNumber } from '../../src/render/intl.js'
import { fleschReadingEase, lix, sentenceCount, words } from '../../src/check/readability.js'
import { resolveBuildDate } from '../../src/content/date.js'
import { UsageError } from '../../src/errors.js'

const NBSP = '\u00a0'

describe('slugify', () => {
  it.each([
    ['Mötesplats', 'motesplats'],
    ['Åtgärder för äldre', 'atgarder-for-aldre'],
    ['Café Élan', 'cafe-elan'],
    ['Ørsted og Æble', 'orsted-og-aeble'],
    ['Straße', 'strasse'],
    ['  --Hej, världen!!  ', 'hej-varlden'],
    ['../../etc/passwd', 'etc-passwd'],
    ['a\0b', 'a-b'],
    ['日本', ''],
  ])('%s -> %s', (value, slug) => {
    expect(slugify(value)).toBe(slug)
  })

  it('gives case and å/a variants of a name the same slug (so they collide as ids)', () => {
    expect(slugify('Mötesplats')).toBe(slugify('motesplats'))
    expect(slugify('HYRESGASTER')).toBe(slugify('Hyresgäster'))
  })

  it('keeps slugs unique within a slugger', () => {
    const slug = createSlugger()
    expect(['Bakgrund', 'Bakgrund', 'bakgrund', '!!!'].map(slug)).toEqual(['bakgrund', 'bakgrund-1', 'bakgrund-2', 'section'])
  })
})

describe('formatFigure', () => {
  const figure = (value: number | string, unit?: string) => ({ value, unit, label: 'x' })

  it('writes Swedish numbers with a no-break space between thousands and a decimal comma', () => {
    expect(formatNumber(1234567.5, 'sv')).toBe(`1${NBSP}234${NBSP}567,5`)
    expect(formatFigure('a', figure(1234.5, '%'), 'sv').formatted).toBe(`1${NBSP}234,5${NBSP}%`)
    expect(formatFigure('a', figure(4, 'labb'), 'sv').formatted).toBe(`4${NBSP}labb`)
  })

  it('writes English numbers with a comma and a point, and % tight', () => {
    expect(formatFigure('a', figure(1234.5, '%'), 'en').formatted).toBe('1,234.5%')
    expect(formatFigure('a', figure(4, 'labs'), 'en').formatted).toBe(`4${NBSP}labs`)
  })

  it('rounds to two decimals and passes text values through', () => {
    expect(formatFigure('a', figure(0.125), 'sv').formatted).toBe('0,13')
    expect(formatFigure('a', figure('4 av 4'), 'sv').formatted).toBe('4 av 4')
  })

  it('keeps the raw value, unit, label and id', () => {
    expect(formatFigure('labb', { value: 4, unit: ' labb ', label: 'labb', source: 'Rapport' }, 'sv')).toEqual({
      id: 'labb',
      value: 4,
      unit: 'labb',
      label: 'labb',
      source: 'Rapport',
      formatted: `4${NBSP}labb`,
    })
  })
})

describe('readability', () => {
  // 13 words, 2 sentences; meningen, innehåller, betydligt are longer than 6 letters.
  const swedish = 'Det här är en kort mening. Den andra meningen innehåller betydligt längre ord.'

  it('counts words and sentences (. ! ? : and line ends)', () => {
    expect(words(swedish)).toHaveLength(13)
    expect(sentenceCount(swedish)).toBe(2)
    expect(sentenceCount('Rubrik\nEn mening: en till! Och? Klart')).toBe(5)
    expect(sentenceCount('')).toBe(1)
  })

  it('computes LIX as words/sentences + 100 x long words/words', () => {
    expect(lix(swedish)).toBeCloseTo(13 / 2 + (100 * 3) / 13, 10)
    expect(lix('')).toBe(0)
  })

  it('computes Flesch Reading Ease from words, sentences and syllables', () => {
    // 6 one-syllable words in one sentence.
    expect(fleschReadingEase('The cat sat on the mat.')).toBeCloseTo(206.835 - 1.015 * 6 - 84.6 * 1, 10)
    expect(fleschReadingEase('Interdisciplinary organisational collaboration.')).toBeLessThan(0)
  })
})

describe('resolveBuildDate', () => {
  it('prefers --date, then SOURCE_DATE_EPOCH, then today', () => {
    expect(resolveBuildDate({ date: '2026-01-01', sourceDateEpoch: '0' })).toBe('2026-01-01')
    expect(resolveBuildDate({ sourceDateEpoch: '1767225600' })).toBe('2026-01-01')
    expect(resolveBuildDate({ now: new Date('2026-03-04T23:59:59Z') })).toBe('2026-03-04')
  })

  it.each(['2020-13-45', '6 feb 2020', '2020-2-6'])('refuses --date %s as a usage error', (date) => {
    expect(() => resolveBuildDate({ date })).toThrow(UsageError)
  })
})
