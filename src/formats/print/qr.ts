/**
 * QR codes for printed packs: an SVG made by `qrcode`, given to templates as a
 * `data:` URL for an `<img>` (templates escape everything but sanitized
 * HTML, and the page's CSP allows `data:` images). The same URL always gives
 * the same bytes. `qrcode` is loaded on first use.
 */

export interface QrView {
  /** What the code encodes, also printed under it. */
  url: string
  /** The URL without `https://` and a trailing slash, for print. */
  display: string
  /** `data:image/svg+xml;base64,...` for `<img src>`. */
  src: string
}

/** A QR code (error correction M, no quiet zone: templates pad it) for `url`. */
export async function qrCode(url: string): Promise<QrView> {
  const { default: QRCode } = await import('qrcode')
  const svg = await QRCode.toString(url, {
    type: 'svg',
    margin: 0,
    errorCorrectionLevel: 'M',
    color: { dark: '#000000', light: '#ffffff' },
  })
  return {
    url,
    display: url.replace(/^https?:\/\//, '').replace(/\/$/, ''),
    src: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`,
  }
}
