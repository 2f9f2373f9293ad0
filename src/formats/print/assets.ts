/**
 * Where a paged format's HTML finds its fonts: in Chromium, sprid's
 * self-hosted font files are served from memory under
 * `https://sprid.local/assets/fonts/`, the same paths the web format writes.
 */
import { ASSET_BASE } from '../../browser/csp.js'

/** `https://sprid.local/assets/`: the output's `assets/` folder as the browser sees it. */
export const BROWSER_ASSET_BASE = `${ASSET_BASE}assets/`
