import { describe, expect, it } from 'vitest'
import {
  ASSET_ORIGIN,
  CONTENT_SECURITY_POLICY,
  assetPathOf,
  assetUrl,
  cspMeta,
  injectCsp,
} from '../../src/browser/index.js'

describe('asset URLs', () => {
  it('round-trips paths, encoding what needs it', () => {
    expect(ASSET_ORIGIN).toBe('https://sprid.local')
    expect(assetUrl('assets/inter-400.woff2')).toBe('https://sprid.local/assets/inter-400.woff2')
    expect(assetUrl('/img/a b#1.png')).toBe('https://sprid.local/img/a%20b%231.png')
    expect(assetPathOf(assetUrl('img/å b.png'))).toBe('img/å b.png')
    expect(assetPathOf('https://sprid.local/a.css?v=1#x')).toBe('a.css')
    expect(assetPathOf('https://example.com/a.css')).toBeUndefined()
    expect(assetPathOf('http://sprid.local/a.css')).toBeUndefined()
    expect(assetPathOf('not a url')).toBeUndefined()
  })
})

describe('CSP', () => {
  it('allows nothing but assets, data: and inline styles', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("style-src https://sprid.local 'unsafe-inline'")
    expect(CONTENT_SECURITY_POLICY).toContain('font-src https://sprid.local data:')
    expect(CONTENT_SECURITY_POLICY).toContain('img-src https://sprid.local data:')
    expect(CONTENT_SECURITY_POLICY).not.toContain('script-src')
    expect(cspMeta()).toMatch(/^<meta http-equiv="Content-Security-Policy" content="[^"]+">$/)
  })

  it('injects the meta first in <head>', () => {
    expect(injectCsp('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>x</title>')).toBe(
      `<!doctype html><html lang="sv"><head>${cspMeta()}<meta charset="utf-8"><title>x</title>`,
    )
    expect(injectCsp('<HEAD data-x="1"><header>')).toBe(`<HEAD data-x="1">${cspMeta()}<header>`)
  })

  it('creates a head when there is none', () => {
    expect(injectCsp('<html><body>x')).toBe(`<html><head>${cspMeta()}</head><body>x`)
    expect(injectCsp('<!DOCTYPE html><p>x')).toBe(`<!DOCTYPE html><head>${cspMeta()}</head><p>x`)
    expect(injectCsp('<header>x</header>')).toBe(`<head>${cspMeta()}</head><header>x</header>`)
  })
})
