/**
 * The built site checked by real tools: the W3C Nu HTML checker, axe-core in
 * headless Chromium (light and dark), layout at 320 px, and the network: no
 * page asks for anything outside the output folder.
 */
import path from 'node:path'
import type { Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.js'
import { build, removeBuilds, type Built } from './build.js'
import { HOSTILE, hostilePacks, hostileSite, realisticPacks, site } from './fixtures.js'
import { serve, type StaticServer } from './server.js'
import { folder } from '../render/helpers.js'
import { axePages, vnu } from '../helpers/validators.js'

let realistic: Built
let hostile: Built
let browser: Browser
const servers: StaticServer[] = []

beforeAll(async () => {
  realistic = await build({ site: site({ baseUrl: 'https://forskning.example.org' }), packs: realisticPacks(), format: { hasCards: () => true } })
  hostile = await build({ site: hostileSite(), packs: hostilePacks(), formats: { hostile: ['web', 'card'] } })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await removeBuilds()
  await browser?.close()
  for (const server of servers) await server.close()
})

describe('W3C Nu HTML checker', () => {
  it('finds no errors in any page', async () => {
    const files = [...realistic.html().map((f) => path.join(realistic.dir, f)), ...hostile.html().map((f) => path.join(hostile.dir, f))]
    expect(files.length).toBeGreaterThan(10)
    const messages = await vnu(files)
    expect(messages.map((m) => `${m.url}:${m.lastLine}: ${m.message}`)).toEqual([])
  }, 120_000)
})

/** axe-core on every page of `built`, in light and in dark mode. */
async function axe(built: Pick<Built, 'dir' | 'html'>) {
  const server = await serve(built.dir)
  servers.push(server)
  return axePages(browser, server.origin, built.html())
}

describe('axe-core (WCAG 2.1 A and AA)', () => {
  it.each([
    ['realistic', () => realistic],
    ['hostile', () => hostile],
  ] as const)('reports no violations on any %s page, in light and dark mode', async (_, built) => {
    const results = await axe(built())
    expect(results.length).toBe(built().html().length * 2)
    for (const { file, scheme, violations } of results) expect(violations, `${file} (${scheme})`).toEqual([])
  }, 240_000)

  it('does catch violations (the harness works)', async () => {
    const dir = await folder({
      'bad.html': '<!doctype html><html lang="sv"><title>x</title><p style="color:#bbb">Svag kontrast</p><img src="x.png"></html>',
    })
    const [light] = await axe({ dir, html: () => ['bad.html'] })
    expect(light!.violations.map((v) => v.split(':')[0])).toEqual(['color-contrast', 'image-alt'])
  }, 60_000)
})

describe('in the browser', () => {
  it('loads nothing from outside the output folder, and nothing fails', async () => {
    const server = await serve(realistic.dir)
    servers.push(server)
    for (const file of realistic.html()) {
      const page = await browser.newPage()
      const outside: string[] = []
      const failed: string[] = []
      await page.setRequestInterception(true)
      page.on('request', (request) => {
        if (request.url().startsWith(`${server.origin}/`)) void request.continue()
        else {
          outside.push(request.url())
          void request.abort()
        }
      })
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
      })
      page.on('requestfailed', (request) => {
        if (request.url().startsWith(server.origin)) failed.push(request.url())
      })
      await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' })
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready
        return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`)
      })
      expect(outside, file).toEqual([])
      expect(failed, file).toEqual([])
      expect(fonts, file).toContain('Inter 400')
      await page.close()
    }
  }, 120_000)

  it('fits 320 px without horizontal scrolling', async () => {
    for (const built of [realistic, hostile]) {
      const server = await serve(built.dir)
      servers.push(server)
      const page = await browser.newPage()
      await page.setViewport({ width: 320, height: 640 })
      for (const file of built.html()) {
        await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' })
        const width = await page.evaluate(async () => {
          await document.fonts.ready
          return document.documentElement.scrollWidth
        })
        expect(width, file).toBeLessThanOrEqual(320)
      }
      await page.close()
    }
  }, 120_000)

  it('sees hostile content as text: no handlers, no script links, titles intact', async () => {
    const server = await serve(hostile.dir)
    servers.push(server)
    for (const file of hostile.html()) {
      const page = await browser.newPage()
      let dialogs = 0
      page.on('dialog', (dialog) => {
        dialogs++
        void dialog.dismiss()
      })
      await page.goto(`${server.origin}/${file}`, { waitUntil: 'networkidle0' })
      const found = await page.evaluate(() => {
        const elements = [...document.querySelectorAll('*')]
        return {
          handlers: elements.flatMap((e) => [...e.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
          scripts: [...document.scripts].map((s) => s.type),
          links: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.protocol).filter((p) => !['http:', 'https:', 'mailto:', 'tel:'].includes(p)),
          images: [...document.images].map((img) => img.getAttribute('src')),
          title: document.title,
          jsonLd: [...document.scripts].map((s) => JSON.parse(s.textContent ?? 'null') as unknown),
        }
      })
      expect(found.handlers, file).toEqual([])
      expect(found.scripts.every((type) => type === 'application/ld+json'), file).toBe(true)
      expect(found.links, file).toEqual([])
      expect(found.images.every((src) => src !== null && src.startsWith('../') || src?.startsWith('assets/')), file).toBe(true)
      expect(found.title, file).toContain(hostileSite().title)
      expect(found.jsonLd.length, file).toBe(1)
      expect(dialogs, file).toBe(0)
      await page.close()
    }
    const page = await browser.newPage()
    await page.goto(`${server.origin}/hostile/one/index.html`, { waitUntil: 'networkidle0' })
    const text = await page.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent,
      alt: document.querySelector('.finding__image img')?.getAttribute('alt'),
      tags: [...document.querySelectorAll('.about .tag')].map((t) => t.textContent),
    }))
    expect(text.h1).toBe(`Titel ${HOSTILE.endScript} ${HOSTILE.script}`)
    expect(text.alt).toBe(`Bild ${HOSTILE.attr} ${HOSTILE.script}`)
    expect(text.tags).toEqual([HOSTILE.js, HOSTILE.script, `tag ${HOSTILE.attr}`])
    await page.close()
  }, 120_000)

  it('parses the Atom feeds and the sitemap as XML with the original text', async () => {
    const server = await serve(hostile.dir)
    servers.push(server)
    const page = await browser.newPage()
    await page.goto(`${server.origin}/index.html`)
    for (const file of ['hostile/feed.xml', 'sitemap.xml']) {
      const xml = hostile.text(file)
      const parsed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'application/xml')
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          titles: [...doc.querySelectorAll('entry > title')].map((t) => t.textContent),
          root: doc.documentElement.namespaceURI,
        }
      }, xml)
      expect(parsed.error, file).toBeNull()
      if (file.endsWith('feed.xml')) {
        expect(parsed.root).toBe('http://www.w3.org/2005/Atom')
        expect(parsed.titles).toEqual([`Titel ${HOSTILE.endScript} ${HOSTILE.script}`, `[Exempel] ${HOSTILE.js}`])
      }
    }
    await page.close()
  }, 60_000)
})
