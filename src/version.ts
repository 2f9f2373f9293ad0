import { readFileSync } from 'node:fs'

const manifest = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string }

/** sprid's own version, from package.json. */
export const version: string = manifest.version

/** Where sprid's package lives (for built-in templates and fonts). */
export const packageRoot: URL = new URL('../', import.meta.url)
