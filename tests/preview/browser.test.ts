/**
 * The live-reload client in real Chromium: a page reloads after an edit,
 * shows the overlay (in a shadow root) while the build is broken, hides it
 * when fixed, and a side-by-side view holds one event stream for all frames.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { preview, type PreviewServer } from '../../src/preview/index.js'
import { launchBrowser } from '../web/browser.js'
import { createProject, FINDING_A, FINDING_B } from './helpers.js'

let project: Awaited<ReturnType<typeof createProject>>
let server: PreviewServer
let browser: Browser
let page: Page

beforeAll(async () => {
  project = await createProject()
  server = await preview(project.root, { date: '2026-01-01', port: 0 })
  browser = await launchBrowser()
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await project?.remove()
})

const overlayText = () =>
  page.evaluate(() => {
    const host = document.querySelector('sprid-overlay')
    return host ? (host.shadowRoot?.textContent ?? '(no shadow root)') : null
  })

it('reloads the page after an edit', async () => {
  await page.goto(new URL('boende/motesplatser/index.html', server.url).href)
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
  const navigation = page.waitForNavigation()
  await writeFile(path.join(project.root, 'findings', 'motesplatser.md'), FINDING_A.replace('Fyra labb', 'Fem labb'))
  await navigation
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined()
  expect(await page.$eval('main', (main) => main.textContent)).toContain('Fem labb')
})

it('shows the overlay while the build is broken and hides it when fixed', async () => {
  const file = path.join(project.root, 'findings', 'matbara-mal.md')
  await writeFile(file, FINDING_B.replace('evidence: moderate', 'evidence: <img src=x onerror="document.title=1">'))
  await page.waitForSelector('sprid-overlay', { timeout: 20_000 })
  const text = await overlayText()
  expect(text).toContain('findings/matbara-mal.md:6')
  expect(text).toContain('<img src=x onerror="document.title=1">')
  expect(await page.evaluate(() => document.querySelector('sprid-overlay')!.shadowRoot!.querySelector('img'))).toBeNull()

  // A page opened now is served with the overlay in it.
  const fresh = await browser.newPage()
  await fresh.goto(new URL('boende/index.html', server.url).href)
  expect(await fresh.evaluate(() => document.querySelector('sprid-overlay')?.shadowRoot?.textContent)).toContain('findings/matbara-mal.md:6')
  await fresh.close()

  await writeFile(file, FINDING_B)
  await page.waitForFunction(() => !document.querySelector('sprid-overlay'), { timeout: 20_000 })
})

it('opens one event stream for a side-by-side view and its frames', async () => {
  const streams: string[] = []
  const side = await browser.newPage()
  side.on('request', (request) => {
    if (request.url().endsWith('/__sprid/events')) streams.push(request.frame()?.url() ?? '')
  })
  await side.goto(new URL('__sprid/finding/motesplatser', server.url).href)
  const frame = await (await side.waitForSelector('iframe'))!.contentFrame()
  await frame!.waitForSelector('main')
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(streams).toEqual([new URL('__sprid/finding/motesplatser', server.url).href])
  await side.close()
})
