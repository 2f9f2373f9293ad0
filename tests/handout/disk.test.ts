/** handout.html from the printed HTML: asset URLs for the disk, page numbers in the contents' boxes, nothing else touched. */
import { describe, expect, it } from 'vitest'
import { diskHandoutHtml } from '../../src/formats/handout/disk.js'

const base = 'https://sprid.local/assets/'

describe('diskHandoutHtml', () => {
  it("points sprid's asset URLs in tags and style sheets at ../assets/, never in text", async () => {
    const html = [
      '<!doctype html><html><head>',
      `<style>@font-face { src: url('${base}fonts/inter-400.woff2') format('woff2'); }</style>`,
      '</head><body>',
      `<img src="${base}img/logo.png" alt="Logo">`,
      `<p>Se ${base}img/logo.png</p>`,
      '</body></html>',
    ].join('')
    const out = await diskHandoutHtml(html, new Map())
    expect(out).toContain("url('../assets/fonts/inter-400.woff2')")
    expect(out).toContain('<img src="../assets/img/logo.png" alt="Logo">')
    expect(out).toContain(`<p>Se ${base}img/logo.png</p>`)
  })

  it('fills each box with its page, replacing what it held, and empties a box whose id has no page, as the printed page shows them', async () => {
    const html =
      '<ol><li><a href="#a"><span class="toc__page" data-toc-page="a"></span></a></li>' +
      '<li><span data-toc-page="b"><b>?</b> gammalt<!-- x --></span> efter</li>' +
      '<li><span data-toc-page="okänd">kvar</span><img data-toc-page="a" alt=""></li></ol>'
    const out = await diskHandoutHtml(html, new Map([['a', 3], ['b', 12]]))
    expect(out).toBe(
      '<ol><li><a href="#a"><span class="toc__page" data-toc-page="a">3</span></a></li>' +
        '<li><span data-toc-page="b">12</span> efter</li>' +
        '<li><span data-toc-page="okänd"></span><img data-toc-page="a" alt=""></li></ol>',
    )
  })

  it('ends a box where HTML ends the element, and keeps everything after it', async () => {
    const pages = new Map([['a', 3]])
    // An optional end tag: the next <li> ends the box.
    expect(await diskHandoutHtml('<ul><li data-toc-page="a">gammalt<li>Nästa</ul><p>sedan</p>', pages)).toBe(
      '<ul><li data-toc-page="a">3<li>Nästa</ul><p>sedan</p>',
    )
    // The end tag of the list around it ends it too.
    expect(await diskHandoutHtml('<ul><li data-toc-page="a">gammalt</ul><p>sedan</p>', pages)).toBe('<ul><li data-toc-page="a">3</ul><p>sedan</p>')
    // Stray end tags and `/>` on an HTML element end nothing.
    expect(await diskHandoutHtml('<span data-toc-page="a">x</b><i/>y</i></br>z</span> sedan', pages)).toBe('<span data-toc-page="a">3</span> sedan')
    // In SVG, `/>` closes the element: an empty element is no box.
    expect(await diskHandoutHtml('<svg><text data-toc-page="a"/><text>kvar</text></svg>', pages)).toBe('<svg><text data-toc-page="a"/><text>kvar</text></svg>')
  })

  it('writes everything else back exactly as it came', async () => {
    const html = "<!DOCTYPE html>\n<html lang=sv><!-- kommentar --><body class='x'  data-a=\"1\"><p>Å&amp;ä <br/>ö</p><svg><path d='M0 0'/></svg></body></html>\n"
    expect(await diskHandoutHtml(html, new Map([['a', 1]]))).toBe(html)
  })
})
