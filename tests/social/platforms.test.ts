import { describe, expect, it } from 'vitest'
import { DEFAULT_PLATFORMS, PLATFORM_IDS, PLATFORMS, platformOverridesSchema, resolvePlatforms } from '../../src/formats/social/index.js'

describe('PLATFORMS', () => {
  it('holds one rule per platform with the documented limits', () => {
    expect(Object.keys(PLATFORMS)).toEqual([...PLATFORM_IDS])
    expect(Object.fromEntries(PLATFORM_IDS.map((id) => [id, PLATFORMS[id].limit]))).toEqual({
      linkedin: 3000,
      x: 280,
      bluesky: 300,
      mastodon: 500,
      threads: 500,
      facebook: 63206,
      instagram: 2200,
    })
    expect(PLATFORMS.instagram.maxHashtags).toBe(5)
    expect(PLATFORMS.threads.maxHashtags).toBe(1)
    expect(PLATFORMS.instagram.clickableLinks).toBe(false)
    expect(DEFAULT_PLATFORMS).toEqual(['linkedin', 'x', 'bluesky', 'mastodon'])
  })
})

describe('resolvePlatforms', () => {
  it('returns the built-in table without overrides', () => {
    expect(resolvePlatforms()).toEqual(PLATFORMS)
  })

  it('applies overrides without touching the built-in table', () => {
    const rules = resolvePlatforms({ instagram: { maxHashtags: 3 }, x: { limit: 25000, urlWeight: 24 } })
    expect(rules.instagram.maxHashtags).toBe(3)
    expect(rules.x.limit).toBe(25000)
    expect(rules.x.urlWeight).toBe(24)
    expect(rules.linkedin).toEqual(PLATFORMS.linkedin)
    expect(PLATFORMS.x.limit).toBe(280)
    expect(Object.isFrozen(rules.x)).toBe(true)
  })

  it('validates overrides: known platforms and fields, positive whole numbers', () => {
    expect(platformOverridesSchema.safeParse({ x: { limit: 300 } }).success).toBe(true)
    expect(platformOverridesSchema.safeParse({ myspace: { limit: 300 } }).success).toBe(false)
    expect(platformOverridesSchema.safeParse({ x: { limt: 300 } }).success).toBe(false)
    expect(platformOverridesSchema.safeParse({ x: { limit: -1 } }).success).toBe(false)
    expect(platformOverridesSchema.safeParse({ x: { limit: 2.5 } }).success).toBe(false)
  })
})
