import { describe, expect, it } from 'vitest'
import { countFor, PLATFORM_IDS, resolvePlatforms } from '../../src/formats/social/index.js'

const FAMILY = '👨\u200d👩\u200d👧\u200d👦'
const FLAG = '🇸🇪'
const THUMB = '👍🏽'
const COMBINING = 'e\u0301' // e + combining acute, one grapheme
const CJK = '日本語'
const SWEDISH = 'Grön växt på ö' // 14 characters, all in Latin-1
const LONG_URL = `https://example.org/${'a'.repeat(2000)}`

describe('countFor', () => {
  it.each([
    // text, x, bluesky, mastodon, linkedin (UTF-16)
    ['ZWJ family', FAMILY, 2, 1, 1, 11],
    ['flag', FLAG, 2, 1, 1, 4],
    ['skin tone', THUMB, 2, 1, 1, 4],
    ['combining mark', COMBINING, 1, 1, 1, 2],
    ['CJK', CJK, 6, 3, 3, 3],
    ['Swedish letters', SWEDISH, 14, 14, 14, 14],
    ['emoji run', '🎉🎉🎉', 6, 3, 3, 6],
  ] as const)('counts %s', (_name, text, x, bluesky, mastodon, linkedin) => {
    expect(countFor('x', text)).toBe(x)
    expect(countFor('bluesky', text)).toBe(bluesky)
    expect(countFor('mastodon', text)).toBe(mastodon)
    expect(countFor('linkedin', text)).toBe(linkedin)
  })

  it('counts a URL with a scheme as 23 on X and Mastodon, as written on Bluesky', () => {
    const url = 'https://forskning.example.se/boende/aterkoppling/?utm_source=x&utm_medium=social&utm_campaign=boende'
    expect(countFor('x', url)).toBe(23)
    expect(countFor('mastodon', url)).toBe(23)
    expect(countFor('bluesky', url)).toBe(url.length)
    expect(countFor('linkedin', url)).toBe(url.length)
  })

  it('counts a very long URL as 23 on X and Mastodon', () => {
    expect(countFor('x', LONG_URL)).toBe(23)
    expect(countFor('mastodon', LONG_URL)).toBe(23)
    expect(countFor('bluesky', LONG_URL)).toBe(LONG_URL.length)
  })

  it('treats a URL without a scheme as a link on X only (Mastodon needs http/https)', () => {
    expect(countFor('x', 'example.com/abc')).toBe(23)
    expect(countFor('mastodon', 'example.com/abc')).toBe(15)
    expect(countFor('x', 'Läs mer på example.se idag')).toBe('Läs mer på '.length + 23 + ' idag'.length)
  })

  it('adds up mixed text the way each platform does', () => {
    const text = `Läs mer: https://example.org/a ${FLAG} ${FAMILY}`
    expect(countFor('x', text)).toBe(9 + 23 + 1 + 2 + 1 + 2)
    expect(countFor('mastodon', text)).toBe(9 + 23 + 1 + 1 + 1 + 1)
    expect(countFor('bluesky', text)).toBe(9 + 'https://example.org/a'.length + 1 + 1 + 1 + 1)
  })

  it('counts a remote mention on Mastodon by its local part', () => {
    expect(countFor('mastodon', '@anna@example.social hej')).toBe('@anna hej'.length)
    expect(countFor('bluesky', '@anna@example.social hej')).toBe(24)
  })

  it('counts the ellipsis as 2 on X (it is outside twitter-text\'s light ranges)', () => {
    expect(countFor('x', '…')).toBe(2)
    expect(countFor('bluesky', '…')).toBe(1)
  })

  it('uses overridden URL weights and limits', () => {
    const rules = resolvePlatforms({ x: { urlWeight: 30 }, bluesky: { urlWeight: 10 } })
    expect(countFor(rules.x, 'https://example.org')).toBe(30)
    expect(countFor(rules.bluesky, 'https://example.org x')).toBe(12)
  })

  it('counts the empty string as 0 everywhere', () => {
    for (const id of PLATFORM_IDS) expect(countFor(id, '')).toBe(0)
  })
})
