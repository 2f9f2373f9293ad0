/**
 * Screenshots for looking at the design, outside the repo:
 * `SPRID_SCREENSHOTS=/tmp/shots npx vitest run tests/web/screenshots.test.ts`.
 * Skipped unless the variable names a folder.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { launchBrowser } from './browser.js'
import { build, removeBuilds } from './build.js'
import { realisticPacks, site } from './fixtures.js'
import { serve } from './server.js'

const out = process.env.SPRID_SCREENSHOTS

afterAll(removeBuilds)

it.skipIf(!out)('takes screenshots of the pack home and a finding at 375 and 1280 px, light and dark', async () => {
  const built = await build({ site: site(), packs: realisticPacks() })
  const server = await serve(built.dir)
  const browser = await launchBrowser()
  await mkdir(out!, { recursive: true })
  try {
    const page = await browser.newPage()
    for (const file of ['index.html', 'forvaltare/index.html', 'forvaltare/tillaggsisolering-vind/index.html']) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const width of [375, 1280]) {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }])
          await page.setViewport({ width, height: 900 })
          await page.goto(`${server.origin}/${file}`, { waitUntil: 'load' })
          await page.evaluate(() => document.fonts.ready)
          const name = `${file.replace(/\/index\.html$|\.html$/g, '').replace(/\//g, '_') || 'index'}-${width}-${scheme}.png`
          await page.screenshot({ path: path.join(out!, name), fullPage: true })
        }
      }
    }
    expect(true).toBe(true)
  } finally {
    await browser.close()
    await server.close()
  }
}, 180_000)
