/**
 * The script the preview adds to every HTML page it serves (and only there):
 * it listens on `/__sprid/events`, reloads on `reload` (or when the page is
 * older than the last build), shows the overlay on `error` and hides it on
 * `ok`. Pages inside a same-origin frame (the side-by-side view) leave this
 * to the top page, so a view with many frames holds one connection.
 */
import { overlayElement } from './overlay.js'
import type { PreviewProblem } from './problems.js'

/** The endpoint of the live-reload events. */
export const EVENTS_PATH = '/__sprid/events'

const CLIENT = `(v=>{try{if(top!==self&&top.location.origin===location.origin)return}catch{}
const hide=()=>document.querySelectorAll('sprid-overlay').forEach(e=>e.remove())
const show=h=>{hide();const o=document.createElement('sprid-overlay');o.attachShadow({mode:'open'}).innerHTML=h;document.body.append(o)}
new EventSource('${EVENTS_PATH}').onmessage=e=>{const m=JSON.parse(e.data)
if(m.type==='reload'||m.type==='hello'&&m.version!==v)location.reload()
else if(m.type==='error')show(m.html)
else if(m.type==='ok')hide()}
addEventListener('keydown',e=>{if(e.key==='Escape')hide()})})`

export interface InjectOptions {
  /** The version of the build the page comes from; the page reloads when the server has a newer one. */
  version: number
  /** The last build's errors; the page is served with the overlay when there are any. */
  problems: readonly PreviewProblem[]
  /** Leave out the overlay (pages requested for a frame: the top page shows it). */
  framed?: boolean
}

/** The markup added before `</body>`. */
export function clientSnippet(options: InjectOptions): string {
  const overlay = options.problems.length > 0 && !options.framed ? overlayElement(options.problems) : ''
  return `${overlay}<script>${CLIENT}(${JSON.stringify(options.version)})</script>`
}

/** `page` with the client snippet before its last `</body>` (or at its end when it has none). */
export function injectClient(page: string, options: InjectOptions): string {
  const snippet = clientSnippet(options)
  const index = page.toLowerCase().lastIndexOf('</body')
  return index === -1 ? page + snippet : page.slice(0, index) + snippet + page.slice(index)
}
