/** Namespaced debug logging for the browser layer (`DEBUG=sprid:browser*`). */
import createDebug from 'debug'

export const debugBrowser = createDebug('sprid:browser')
export const debugFinder = createDebug('sprid:browser:finder')
export const debugPage = createDebug('sprid:browser:page')
