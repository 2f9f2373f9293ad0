/**
 * The one place the web tests launch Chromium (src/browser/ will replace it):
 * `CHROME_PATH`, a system Chromium, or the @sparticuz/chromium package.
 */
import { access } from 'node:fs/promises'
import puppeteer, { type Browser } from 'puppeteer-core'

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

export async function launchBrowser(): Promise<Browser> {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  for (const candidate of candidates) {
    if (candidate && (await exists(candidate))) {
      return puppeteer.launch({ executablePath: candidate, headless: true, args: ['--no-sandbox', '--font-render-hinting=none'] })
    }
  }
  const chromium = (await import('@sparticuz/chromium')).default
  return puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true })
}
