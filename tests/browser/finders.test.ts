import { describe, expect, it, vi } from 'vitest'
import {
  BrowserNotFoundError,
  findBrowser,
  inspectFinders,
  type FinderContext,
} from '../../src/browser/index.js'
import { puppeteerCacheCandidates } from '../../src/browser/finders/puppeteer-cache.js'
import { sparticuzArgs } from '../../src/browser/finders/sparticuz.js'
import { systemCandidates } from '../../src/browser/finders/system.js'

interface FakeMachine {
  platform?: NodeJS.Platform
  arch?: string
  env?: Record<string, string>
  homedir?: string
  /** Executable files. */
  executables?: string[]
  /** Other existing paths. */
  files?: string[]
  folders?: Record<string, string[]>
  sparticuz?: 'missing' | 'broken' | { path: string; args?: string[] }
}

function fake(machine: FakeMachine = {}): FinderContext & { executablePath: ReturnType<typeof vi.fn> } {
  const executables = new Set(machine.executables ?? [])
  const executablePath = vi.fn(async () => {
    const s = machine.sparticuz
    if (s === 'broken') throw new Error('brotli failed')
    if (typeof s === 'object') return s.path
    throw new Error('unreachable')
  })
  return {
    platform: machine.platform ?? 'linux',
    arch: machine.arch ?? 'x64',
    env: machine.env ?? {},
    homedir: machine.homedir ?? '/home/ada',
    isExecutable: async (p) => executables.has(p),
    exists: async (p) => executables.has(p) || (machine.files ?? []).includes(p),
    readdir: async (p) => machine.folders?.[p] ?? [],
    loadSparticuz: async () => {
      const s = machine.sparticuz ?? 'missing'
      if (s === 'missing') throw new Error("Cannot find package '@sparticuz/chromium'")
      return {
        executablePath,
        args: typeof s === 'object' ? (s.args ?? []) : [],
      }
    },
    executablePath,
  }
}

describe('findBrowser order', () => {
  const everything = fake({
    env: { PUPPETEER_EXECUTABLE_PATH: '/opt/pptr/chrome', CHROME_PATH: '/opt/chrome/chrome' },
    executables: ['/opt/given', '/opt/pptr/chrome', '/opt/chrome/chrome', '/usr/bin/chromium'],
    sparticuz: { path: '/tmp/chromium' },
  })

  it('prefers the explicit option', async () => {
    const found = await findBrowser({ browser: '/opt/given', context: everything })
    expect(found).toMatchObject({ path: '/opt/given', source: 'option', headless: true })
    expect(found.reason).toContain('--browser')
    expect(found.steps).toHaveLength(1)
  })

  it('then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH', async () => {
    expect(await findBrowser({ context: everything })).toMatchObject({
      path: '/opt/pptr/chrome',
      source: 'env:PUPPETEER_EXECUTABLE_PATH',
    })
    const noPptr = fake({
      env: { CHROME_PATH: '/opt/chrome/chrome' },
      executables: ['/opt/chrome/chrome', '/usr/bin/chromium'],
    })
    expect(await findBrowser({ context: noPptr })).toMatchObject({
      path: '/opt/chrome/chrome',
      source: 'env:CHROME_PATH',
    })
  })

  it('skips an env variable that does not point at an executable', async () => {
    const context = fake({
      env: { CHROME_PATH: '/nope/chrome' },
      executables: ['/usr/bin/google-chrome-stable'],
    })
    const found = await findBrowser({ context })
    expect(found).toMatchObject({ path: '/usr/bin/google-chrome-stable', source: 'system' })
    expect(found.steps.find((s) => s.source === 'env:CHROME_PATH')?.detail).toContain(
      'not an executable',
    )
  })

  it('fails loudly (exit code 3) when the explicit browser is missing', async () => {
    const error = await findBrowser({ browser: '/opt/missing', context: everything }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BrowserNotFoundError)
    expect((error as BrowserNotFoundError).exitCode).toBe(3)
    expect((error as Error).message).toContain('/opt/missing')
  })

  it('then puppeteer’s cache, then @sparticuz/chromium', async () => {
    const cache = '/home/ada/.cache/puppeteer'
    const cached = `${cache}/chrome/linux-131.0.6778.85/chrome-linux64/chrome`
    expect(
      await findBrowser({
        context: fake({
          executables: [cached],
          folders: { [`${cache}/chrome`]: ['linux-131.0.6778.85'] },
          sparticuz: { path: '/tmp/chromium' },
        }),
      }),
    ).toMatchObject({ path: cached, source: 'puppeteer-cache' })

    const context = fake({ executables: ['/tmp/chromium'], sparticuz: { path: '/tmp/chromium' } })
    expect(await findBrowser({ context })).toMatchObject({
      path: '/tmp/chromium',
      source: '@sparticuz/chromium',
      headless: 'shell',
    })
  })

  it('throws BrowserNotFoundError saying how to get a browser', async () => {
    const error = await findBrowser({ context: fake() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrowserNotFoundError)
    const e = error as BrowserNotFoundError
    expect(e.exitCode).toBe(3)
    expect(e.steps.map((s) => s.source)).toEqual([
      'option',
      'env:PUPPETEER_EXECUTABLE_PATH',
      'env:CHROME_PATH',
      'system',
      'puppeteer-cache',
      '@sparticuz/chromium',
    ])
    expect(e.message).toContain('apt-get install chromium')
    expect(e.message).toContain('CHROME_PATH')
    expect(e.message).toContain('--browser')
    expect(e.message).toContain('@sparticuz/chromium: not installed')
  })
})

describe('system finder', () => {
  it('knows the usual Linux places, in order', async () => {
    const context = fake({ executables: ['/usr/bin/google-chrome', '/snap/bin/chromium'] })
    expect(await findBrowser({ context })).toMatchObject({ path: '/usr/bin/google-chrome' })
    expect(systemCandidates(context).slice(0, 2)).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
    ])
    expect(systemCandidates(context)).toContain('/snap/bin/chromium')
    expect(systemCandidates(context)).toContain('/usr/bin/microsoft-edge')
  })

  it('looks names up on PATH', async () => {
    const context = fake({
      env: { PATH: '/usr/local/bin:relative/bin:/home/ada/bin' },
      executables: ['/home/ada/bin/chromium-browser', 'relative/bin/chromium'],
    })
    expect(await findBrowser({ context })).toMatchObject({
      path: '/home/ada/bin/chromium-browser',
      source: 'system',
    })
  })

  it('knows macOS applications', async () => {
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'
    const context = fake({ platform: 'darwin', arch: 'arm64', executables: [edge] })
    expect(await findBrowser({ context })).toMatchObject({ path: edge, source: 'system' })
    expect(systemCandidates(context)).toContain(
      '/home/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    )
  })

  it('turns a macOS .app bundle given with --browser into its executable', async () => {
    const exe = '/Applications/Chromium.app/Contents/MacOS/Chromium'
    const context = fake({ platform: 'darwin', executables: [exe] })
    expect(
      await findBrowser({ browser: '/Applications/Chromium.app', context }),
    ).toMatchObject({ path: exe, source: 'option' })
  })

  it('knows Windows Program Files and LOCALAPPDATA, and PATH with .exe', async () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
    const context = fake({
      platform: 'win32',
      env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local', ProgramFiles: 'C:\\Program Files' },
      executables: [edge],
    })
    expect(await findBrowser({ context })).toMatchObject({ path: edge, source: 'system' })
    expect(systemCandidates(context)[0]).toBe(
      'C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    )
    const onPath = fake({
      platform: 'win32',
      env: { Path: 'C:\\tools;D:\\bin' },
      executables: ['D:\\bin\\chrome.exe'],
    })
    expect(await findBrowser({ context: onPath })).toMatchObject({ path: 'D:\\bin\\chrome.exe' })
  })
})

describe('puppeteer cache finder', () => {
  it('lists builds newest first, full Chrome before the headless shell', async () => {
    const root = '/cache'
    const context = fake({
      env: { PUPPETEER_CACHE_DIR: root },
      folders: {
        [`${root}/chrome`]: ['linux-99.0.1.2', 'linux-131.0.6778.85', 'mac-131.0.6778.85', 'linux-120.0.1'],
        [`${root}/chrome-headless-shell`]: ['linux-131.0.6778.85'],
      },
    })
    expect(await puppeteerCacheCandidates(context)).toEqual([
      '/cache/chrome/linux-131.0.6778.85/chrome-linux64/chrome',
      '/cache/chrome/linux-120.0.1/chrome-linux64/chrome',
      '/cache/chrome/linux-99.0.1.2/chrome-linux64/chrome',
      '/cache/chrome-headless-shell/linux-131.0.6778.85/chrome-headless-shell-linux64/chrome-headless-shell',
    ])
  })

  it('uses the headless shell in shell mode, and never downloads', async () => {
    const shell =
      '/home/ada/.cache/puppeteer/chrome-headless-shell/linux-131.0.6778.85/chrome-headless-shell-linux64/chrome-headless-shell'
    const context = fake({
      executables: [shell],
      folders: {
        '/home/ada/.cache/puppeteer/chrome': ['linux-132.0.1'], // folder without executable
        '/home/ada/.cache/puppeteer/chrome-headless-shell': ['linux-131.0.6778.85'],
      },
    })
    expect(await findBrowser({ context })).toMatchObject({
      path: shell,
      source: 'puppeteer-cache',
      headless: 'shell',
    })
  })

  it('knows the macOS arm64 and Windows layouts', async () => {
    const mac = fake({
      platform: 'darwin',
      arch: 'arm64',
      folders: { '/home/ada/.cache/puppeteer/chrome': ['mac_arm-131.0.1', 'mac-131.0.1'] },
    })
    expect(await puppeteerCacheCandidates(mac)).toEqual([
      '/home/ada/.cache/puppeteer/chrome/mac_arm-131.0.1/chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    ])
    const win = fake({
      platform: 'win32',
      homedir: 'C:\\Users\\ada',
      folders: { 'C:\\Users\\ada\\.cache\\puppeteer\\chrome': ['win64-131.0.1'] },
    })
    expect(await puppeteerCacheCandidates(win)).toEqual([
      'C:\\Users\\ada\\.cache\\puppeteer\\chrome\\win64-131.0.1\\chrome-win64\\chrome.exe',
    ])
  })
})

describe('@sparticuz/chromium finder', () => {
  it('only runs on Linux x64', async () => {
    for (const [platform, arch] of [
      ['darwin', 'arm64'],
      ['linux', 'arm64'],
      ['win32', 'x64'],
    ] as const) {
      const context = fake({ platform, arch, sparticuz: { path: '/tmp/chromium' } })
      const error = (await findBrowser({ context }).catch((e: unknown) => e)) as BrowserNotFoundError
      expect(error).toBeInstanceOf(BrowserNotFoundError)
      expect(error.steps.at(-1)?.detail).toContain('only ships a Linux x64 build')
      expect(context.executablePath).not.toHaveBeenCalled()
    }
  })

  it('reports a decompression failure instead of throwing it', async () => {
    const error = (await findBrowser({ context: fake({ sparticuz: 'broken' }) }).catch(
      (e: unknown) => e,
    )) as BrowserNotFoundError
    expect(error).toBeInstanceOf(BrowserNotFoundError)
    expect(error.steps.at(-1)?.detail).toBe('could not decompress (brotli failed)')
  })

  it('keeps safe flags, drops insecure and Lambda-only ones, adds fontconfig when needed', async () => {
    const context = fake({
      executables: ['/tmp/chromium'],
      files: ['/tmp/fonts/fonts.conf'],
      sparticuz: {
        path: '/tmp/chromium',
        args: [
          '--no-pings',
          '--single-process',
          '--disable-web-security',
          '--allow-running-insecure-content',
          "--headless='shell'",
          '--no-sandbox',
          '--disable-features=IsolateOrigins,site-per-process',
          '--font-render-hinting=none',
          '--use-gl=angle',
        ],
      },
    })
    const found = await findBrowser({ context })
    expect(found.args).toEqual(['--no-pings', '--font-render-hinting=none'])
    expect(found.env).toEqual({ FONTCONFIG_PATH: '/tmp/fonts' })

    const withSystemFonts = fake({
      executables: ['/tmp/chromium'],
      files: ['/tmp/fonts/fonts.conf', '/etc/fonts/fonts.conf'],
      sparticuz: { path: '/tmp/chromium' },
    })
    expect((await findBrowser({ context: withSystemFonts })).env).toEqual({})
    expect(sparticuzArgs(['--disk-cache-size=1', '--enable-unsafe-swiftshader'])).toEqual([
      '--disk-cache-size=1',
    ])
  })
})

describe('inspectFinders (sprid doctor)', () => {
  it('runs every step and does not decompress @sparticuz/chromium', async () => {
    const context = fake({
      env: { CHROME_PATH: '/opt/chrome' },
      executables: ['/opt/chrome', '/usr/bin/chromium'],
      sparticuz: { path: '/tmp/chromium' },
    })
    const steps = await inspectFinders({ context })
    expect(steps.map((s) => [s.source, s.path])).toEqual([
      ['option', undefined],
      ['env:PUPPETEER_EXECUTABLE_PATH', undefined],
      ['env:CHROME_PATH', '/opt/chrome'],
      ['system', '/usr/bin/chromium'],
      ['puppeteer-cache', undefined],
      ['@sparticuz/chromium', undefined],
    ])
    expect(steps.at(-1)?.detail).toContain('installed')
    expect(context.executablePath).not.toHaveBeenCalled()
  })
})
