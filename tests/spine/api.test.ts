import { expect, it } from 'vitest'
import * as api from '../../src/index.js'

// Adding or removing a public export is an API change: update this list (and the README) on purpose.
it('pins the runtime exports of the public API', () => {
  expect(Object.keys(api).sort()).toEqual([
    'ConfigError',
    'EXIT',
    'SpridError',
    'UsageError',
    'build',
    'check',
    'decide',
    'defineConfig',
    'fleschReadingEase',
    'listMatrix',
    'lix',
    'loadConfig',
    'loadProject',
    'preview',
    'resolveBuildDate',
    'run',
    'tailor',
    'toJsonReport',
    'version',
  ])
})
