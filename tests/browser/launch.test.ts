import { describe, expect, it } from 'vitest'
import { BASE_ARGS, launchArgs } from '../../src/browser/index.js'

describe('launchArgs', () => {
  it('has the quiet, offline flags and a profile folder', () => {
    const args = launchArgs({ userDataDir: '/tmp/p', root: false })
    for (const flag of [
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--font-render-hinting=none',
      '--user-data-dir=/tmp/p',
    ]) {
      expect(args).toContain(flag)
    }
    expect(args).not.toContain('--no-sandbox')
  })

  it('turns the sandbox off only for root', () => {
    expect(launchArgs({ userDataDir: '/tmp/p', root: true })).toContain('--no-sandbox')
  })

  it('adds extra flags once', () => {
    const args = launchArgs({
      userDataDir: '/tmp/p',
      root: false,
      extra: ['--no-pings', '--font-render-hinting=none'],
    })
    expect(args).toContain('--no-pings')
    expect(args.filter((a) => a === '--font-render-hinting=none')).toHaveLength(1)
    expect(args.length).toBe(BASE_ARGS.length + 2)
  })
})
