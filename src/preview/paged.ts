/**
 * Paged HTML: the preview shows the deck, its notes and the handout as the
 * pages they print to, without printing them. Asking for an HTML file with
 * `?paged` adds Paged.js (`pagedjs`, a polyfill of CSS Paged Media: `@page`
 * sizes and margin boxes, page counters, page breaks) and a few steps of
 * sprid's own around it:
 *
 * - before paging, the slides are fitted in the viewer's browser by the same
 *   `measureSlides` Chromium runs for the PDF (each slide on its own: the
 *   PDF also gives the slides of one finding one size);
 * - after paging, the table of contents gets its page numbers, which the
 *   PDF takes from a first print, the pages are zoomed to fit a narrow
 *   window (a frame of the side-by-side view), the page of the `#fragment`
 *   is scrolled to (in this frame only, unlike `scrollIntoView`),
 *   and a bar links to the real PDF, printed on demand (not in a frame:
 *   the side-by-side view has its own links).
 */
import { readFile } from 'node:fs/promises'
import { measureSlides } from '../formats/conference/index.js'
import { escapeHtml } from './html.js'

/** Where the Paged.js polyfill is served. */
export const PAGED_SCRIPT_PATH = '/__sprid/paged.polyfill.js'

/** True when the request asks for the paged view (`?paged`). */
export function wantsPaged(url: string): boolean {
  const query = url.split('#', 1)[0]!.split('?')[1]
  return query !== undefined && new URLSearchParams(query).has('paged')
}

let polyfill: Promise<Buffer> | undefined
/** The polyfill's source, read once (tried again after a failed read). `pagedjs` exports no subpath: it is found next to its entry point. */
export function pagedPolyfill(): Promise<Buffer> {
  polyfill ??= readFile(new URL('../dist/paged.polyfill.js', import.meta.resolve('pagedjs')))
  polyfill.catch(() => (polyfill = undefined))
  return polyfill
}

/** Runs in the viewer's browser once Paged.js has laid out the pages. */
const AFTER = `function(flow){
for(const box of document.querySelectorAll('[data-toc-page]')){const t=document.getElementById(box.getAttribute('data-toc-page'));const p=t&&t.closest('.pagedjs_page');box.textContent=p?p.dataset.pageNumber:''}
const first=document.querySelector('.pagedjs_page');const fit=()=>{if(first)document.body.style.zoom=String(Math.min(1,(innerWidth-24)/first.offsetWidth))};fit();addEventListener('resize',fit)
const bar=document.getElementById('sprid-paged-bar');if(bar){bar.querySelector('[data-pages]').textContent=flow.total+(flow.total===1?' page':' pages');bar.hidden=false}
let id='';try{id=decodeURIComponent(location.hash.slice(1))}catch{}const target=id&&document.getElementById(id);const at=target&&(target.closest('.pagedjs_page')||target);if(at)scrollTo(0,at.getBoundingClientRect().top+scrollY)
document.documentElement.setAttribute('data-sprid-pages',String(flow.total))}`

const STYLE = `@media screen{
html,body{background:#5f6368!important}body{margin:0}
.pagedjs_pages{display:flex;flex-direction:column;align-items:center;padding:12px 0 48px}
.pagedjs_page{background:#fff;margin:0 0 12px;box-shadow:0 1px 3px rgb(0 0 0/.3),0 6px 20px rgb(0 0 0/.25)}
#sprid-paged-bar{position:fixed;right:12px;bottom:12px;z-index:2147483646;display:flex;gap:.75rem;align-items:center;padding:.4rem .8rem;border-radius:999px;background:#1c1c1f;color:#fff;font:13px/1.4 system-ui,sans-serif;box-shadow:0 2px 10px rgb(0 0 0/.35)}
#sprid-paged-bar[hidden]{display:none}#sprid-paged-bar a{color:#7ee0c8}}`

export interface PagedOptions {
  /** The PDF this HTML prints to, printed when the link is followed; no link when absent. */
  pdfUrl?: string
}

/** The markup added before `</head>`: the steps around Paged.js, the polyfill and the view's own style (which Paged.js leaves alone). */
export function pagedSnippet(options: PagedOptions): string {
  const bar = `<div id="sprid-paged-bar" hidden data-pagedjs-ignore><span>Paged preview · <span data-pages></span></span>${options.pdfUrl ? `<a href="${escapeHtml(options.pdfUrl)}" target="_top">Print the PDF</a>` : ''}</div>`
  const config = `window.PagedConfig={before(){if(document.querySelector('[data-fit]'))(${measureSlides.toString()})()},after:${AFTER}};if(top===self)document.addEventListener('DOMContentLoaded',()=>document.documentElement.append(document.createRange().createContextualFragment(${JSON.stringify(bar).replaceAll('<', '\\u003c')})))`
  return `<style data-pagedjs-ignore>${STYLE}</style><script>${config}</script><script src="${PAGED_SCRIPT_PATH}"></script>`
}

/** `page` with the paged view added before its first `</head>` (or at its start when it has none). */
export function injectPaged(page: string, options: PagedOptions): string {
  const snippet = pagedSnippet(options)
  const index = page.toLowerCase().indexOf('</head')
  return index === -1 ? snippet + page : page.slice(0, index) + snippet + page.slice(index)
}
