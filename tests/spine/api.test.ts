import { expect, it } from 'vitest'
import * as api from '../../src/index.js'

// Adding or removing a public export is an API change: update this list (and the README) on purpose.
it('pins the runtime exports of the public API', () => {
  expect(Object.keys(api).sort()).toEqual([
    'ConfigError',
    'EXIT',
    'InitError',
    'SpridError',
    'UsageError',
    'build',
    'check',
    'coverageReport',
    'decide',
    'defineConfig',
    'findLeaks',
    'fleschReadingEase',
    'init',
    'listMatrix',
    'lix',
    'loadConfig',
    'loadProject',
    'preview',
    'reportLeaks',
    'resolveBuildDate',
    'run',
    'tailor',
    'toJsonReport',
    'version',
  ])
})
