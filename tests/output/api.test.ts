import { expect, it } from 'vitest'
import * as output from '../../src/output/index.js'

it('exports the output stage’s API', () => {
  expect(Object.keys(output).sort()).toEqual([
    'MANIFEST_FILE',
    'MARKER_FILE',
    'OutputFolderError',
    'OutputPathError',
    'assertRelativePath',
    'assertSafeOutputDir',
    'createManifest',
    'hashFile',
    'hashFolders',
    'linkOrCopy',
    'markerContents',
    'openCache',
    'prepareOutput',
    'recordJobMessage',
    'runJob',
    'runJobs',
    'serializeManifest',
    'sha256',
    'stableHash',
  ])
})
