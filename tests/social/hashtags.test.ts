import { describe, expect, it } from 'vitest'
import { formatHashtag, mergeHashtags } from '../../src/formats/social/index.js'

describe('formatHashtag', () => {
  it.each([
    ['klimat', '#klimat'],
    ['#klimat', '#klimat'],
    ['##klimat', '#klimat'],
    ['＃klimat', '#klimat'],
    ['  öppen data ', '#öppenData'],
    ['Värme och el', '#VärmeOchEl'],
    ['åäö', '#åäö'],
    ['covid-19', '#covid19'],
    ['a.b', '#ab'],
    ['日本語', '#日本語'],
    ['café', '#café'],
    ['cafe\u0301', '#café'],
    ['snake_case', '#snake_case'],
  ])('%j -> %j', (raw, tag) => {
    expect(formatHashtag(raw)).toBe(tag)
  })

  it.each(['', '#', '   ', '2025', '#2025', '🎉', '#🎉🎉', '---'])('rejects %j (no letter)', (raw) => {
    expect(formatHashtag(raw)).toBeUndefined()
  })
})

describe('mergeHashtags', () => {
  it('keeps the finding\'s first, then the profile\'s, without case-insensitive duplicates', () => {
    expect(mergeHashtags(['Energi', '#boende'], ['energi', 'Boende', 'klimat', '#ENERGI'])).toEqual(['#Energi', '#boende', '#klimat'])
  })

  it('treats Swedish letters case-insensitively', () => {
    expect(mergeHashtags(['Öppen data'], ['öppen Data', 'ÖPPENDATA'])).toEqual(['#ÖppenData'])
  })

  it('skips unusable tags and missing lists', () => {
    expect(mergeHashtags(undefined, ['🎉', '2024', 'ok'])).toEqual(['#ok'])
  })
})
