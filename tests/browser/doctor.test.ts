import { describe, expect, it } from 'vitest'
import { doctorInfo, type FinderContext } from '../../src/browser/index.js'

const nowhere: FinderContext = {
  platform: 'linux',
  arch: 'arm64',
  env: {},
  homedir: '/home/ada',
  isExecutable: async () => false,
  exists: async () => false,
  readdir: async () => [],
  loadSparticuz: async () => {
    throw new Error('not installed')
  },
}

describe('doctorInfo', () => {
  it('explains every step and reads the version of the browser it would use', async () => {
    const info = await doctorInfo()
    expect(info.steps.map((s) => s.source)).toEqual([
      'option',
      'env:PUPPETEER_EXECUTABLE_PATH',
      'env:CHROME_PATH',
      'system',
      'puppeteer-cache',
      '@sparticuz/chromium',
    ])
    expect(info.problem).toBeUndefined()
    expect(info.chosen?.path).toBeTruthy()
    expect(info.chosen?.reason).toBeTruthy()
    expect(info.version).toMatch(/Chrom(e|ium)\/\d+/)
    expect(info.launchMs).toBeGreaterThan(0)
  }, 120_000)

  it('reports a missing browser as a problem with exit code 3', async () => {
    const info = await doctorInfo({ context: nowhere })
    expect(info.chosen).toBeUndefined()
    expect(info.problem).toMatchObject({ name: 'BrowserNotFoundError', exitCode: 3 })
    expect(info.problem?.message).toContain('apt-get install chromium')
  })
})
