import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { counterFor, countGraphemes, graphemes, PLATFORMS, protectedSpans, shorten, type Counter } from '../../src/formats/social/index.js'

const x = counterFor(PLATFORMS.x)
const mastodon = counterFor(PLATFORMS.mastodon)

describe('shorten', () => {
  it('returns text that fits unchanged', () => {
    expect(shorten('Kort text.', 10)).toBe('Kort text.')
  })

  it('keeps whole sentences when that keeps enough', () => {
    const text = 'Hyresgäster sparar energi. De sparar mest på vintern när det är kallt ute.'
    expect(shorten(text, 40)).toBe('Hyresgäster sparar energi.')
  })

  it('cuts at a word boundary with an ellipsis when a sentence cut would keep too little', () => {
    const text = 'Kort. Hyresgäster som får återkoppling sparar energi, mest på vintern.'
    expect(shorten(text, 40)).toBe('Kort. Hyresgäster som får återkoppling…')
    expect(shorten('Hyresgäster sparar energi, mest på vintern.', 27)).toBe('Hyresgäster sparar energi…')
  })

  it('counts the ellipsis in the budget', () => {
    const result = shorten('aaaa bbbb cccc dddd', 10)
    expect(result).toBe('aaaa bbbb…')
    expect(countGraphemes(result)).toBe(10)
  })

  it('cuts inside one overlong word only at grapheme boundaries', () => {
    const family = '👨\u200d👩\u200d👧\u200d👦'
    const result = shorten(family.repeat(10), 9, x)
    expect(result).toBe(`${family.repeat(3)}…`)
    expect(x(result)).toBeLessThanOrEqual(9)
    expect(shorten('e\u0301'.repeat(10), 4)).toBe(`${'e\u0301'.repeat(3)}…`)
  })

  it('cuts Japanese (no spaces) at word boundaries', () => {
    const result = shorten('日本語のテキストはスペースなしで書かれています。とても長い文章です。', 20, x)
    expect(result.endsWith('…')).toBe(true)
    expect(x(result)).toBeLessThanOrEqual(20)
  })

  it('never cuts a URL or a hashtag: it drops the whole token', () => {
    const url = 'https://example.org/en/mycket/lang/sokvag/'
    expect(shorten(`Läs mer ${url} nu`, 30)).toBe('Läs mer…')
    expect(shorten(`${url} nu`, 30)).toBe('')
    expect(shorten('Om #öppenData och annat', 15)).toBe('Om #öppenData…')
    expect(shorten('Om #öppenData och annat', 12)).toBe('Om…')
  })

  it('keeps a URL\'s trailing slash (it is part of the URL)', () => {
    expect(shorten('Se https://example.org/ och mer text', 26)).toBe('Se https://example.org/…')
  })

  it('returns the empty string when not even one grapheme and the ellipsis fit', () => {
    expect(shorten('Hej på dig', 1)).toBe('')
    expect(shorten('Hej', 0)).toBe('')
  })
})

// ---------------------------------------------------------------------------
// Properties

const TOKENS = [
  'hyresgäster',
  'sparar',
  'energi',
  'och',
  'pengar',
  'värme',
  'över',
  'år',
  'Öppna',
  'data',
  '12\u00a0%',
  '👨\u200d👩\u200d👧\u200d👦',
  '🇸🇪',
  '👍🏽',
  'e\u0301tude',
  '日本語のテキスト',
  '한국어',
  'https://example.org/very/long/path?x=1&y=2',
  'example.se/sida',
  '#öppenData',
  '@anna@example.social',
  'supercalifragilisticexpialidocious',
  'Fastighetsägareföreningensårsmöte',
]
const PUNCTUATION = ['', '', '', '', '.', ',', '!', '?', ':', ' –']

const text = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(...PUNCTUATION)), { minLength: 1, maxLength: 60 })
  .map((words) => words.map(([word, mark]) => word + mark).join(' '))

const counters: Array<[string, Counter]> = [
  ['graphemes', countGraphemes],
  ['x', x],
  ['mastodon', mastodon],
]

const NO_SPACE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

describe.each(counters)('shorten with the %s counter (properties)', (_name, counter) => {
  it('stays within the budget and returns text that fits unchanged', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 400 }), (input, budget) => {
        const result = shorten(input, budget, counter)
        expect(counter(result)).toBeLessThanOrEqual(budget)
        if (counter(input) <= budget) expect(result).toBe(input)
      }),
      { numRuns: 300 },
    )
  })

  it('reads as the original\'s words up to a boundary, plus "…" unless it ends a sentence', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 400 }), (input, budget) => {
        const result = shorten(input, budget, counter)
        if (result === input || result === '') return
        if (input.startsWith(result) && !result.endsWith('…')) {
          // A sentence cut: whole sentences, followed by a space in the original.
          expect(result).toMatch(/[.!?]$/)
          expect(input.slice(result.length)).toMatch(/^\s/)
          return
        }
        expect(result.endsWith('…')).toBe(true)
        const head = result.slice(0, -1)
        expect(input.startsWith(head)).toBe(true)
        // No grapheme split.
        const kept = graphemes(head)
        expect(graphemes(input).slice(0, kept.length)).toEqual(kept)
        // A word boundary (after dropped joining punctuation), or inside the first word, or in a no-space script.
        const after = input.slice(head.length)
        const atWord = /^[\s,;:\-–—]*\s/u.test(after)
        const firstWord = !/\s/u.test(head)
        const cjk = NO_SPACE.test(head.slice(-1)) || NO_SPACE.test(after.slice(0, 1))
        expect(atWord || firstWord || cjk).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('never cuts inside a URL, hashtag or mention', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 400 }), (input, budget) => {
        const result = shorten(input, budget, counter)
        const head = result.endsWith('…') && !input.startsWith(result) ? result.slice(0, -1) : result
        for (const [start, end] of protectedSpans(input)) {
          expect(head.length <= start || head.length >= end).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})
