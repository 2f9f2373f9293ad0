/** Shared bits of the browser integration tests. */
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import type { Asset } from '../../src/formats/types.js'

export const interWoff2: Asset = {
  path: 'fonts/inter-400.woff2',
  contents: new Uint8Array(
    readFileSync(
      new URL('../../node_modules/@fontsource/inter/files/inter-latin-400-normal.woff2', import.meta.url),
    ),
  ),
  type: 'font/woff2',
}

/** A 1×1 PNG. */
export const dotPng: Asset = {
  path: 'img/dot.png',
  contents: new Uint8Array(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  ),
  type: 'image/png',
}

/** True when a poppler tool (pdfinfo, pdffonts) is installed. */
export function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  expectPng(bytes)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

function expectPng(bytes: Uint8Array): void {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error('not a PNG')
}

/** Is a process alive (a zombie counts as gone)? */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return !/^State:\s+Z/m.test(status)
  } catch {
    return process.platform !== 'linux'
  }
}

/** Pids of live processes whose command line mentions `needle` (Linux). */
export function processesMentioning(needle: string): number[] {
  if (process.platform !== 'linux') return []
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (cmdline.includes(needle) && isAlive(Number(entry))) pids.push(Number(entry))
    } catch {
      // gone
    }
  }
  return pids
}

/** Pids of a browser's renderer processes, found by its profile folder (Linux). */
export function rendererPids(userDataDir: string): number[] {
  return processesMentioning(userDataDir).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')
    } catch {
      return false
    }
  })
}
