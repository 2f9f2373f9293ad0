import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createManifest,
  OutputPathError,
  prepareOutput,
  serializeManifest,
} from '../../src/output/index.js'
import { sandbox } from './helpers.js'

const hex = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('manifest.json', () => {
  it('lists every written file, sorted by path, and neither itself nor the marker', async () => {
    const box = await sandbox()
    const output = await prepareOutput({
      outDir: 'dist',
      projectRoot: box.project,
      home: box.home,
      version: '1.2.3',
    })
    // Written out of order and in parallel, like jobs do.
    await Promise.all([
      output.write({ path: 'index.html', contents: '<h1>Hi</h1>', audience: null, format: 'web', finding: null }),
      output.write({ path: 'boende/f1.png', contents: new Uint8Array([1, 2, 3]), audience: 'boende', format: 'social', finding: 'f1' }),
      output.write({ path: 'boende/deck.pdf', contents: 'PDF', audience: 'boende', format: 'conference', finding: null }),
      output.write({ path: 'Zed.txt', contents: 'å', audience: null, format: 'web', finding: null }),
    ])
    await output.commit()

    const text = await readFile(path.join(box.dist, 'manifest.json'), 'utf8')
    const png = createHash('sha256').update(new Uint8Array([1, 2, 3])).digest('hex')
    expect(text).toBe(
      [
        '{',
        '  "sprid": "1.2.3",',
        '  "outputs": [',
        '    {',
        '      "path": "Zed.txt",',
        '      "audience": null,',
        '      "format": "web",',
        '      "finding": null,',
        '      "bytes": 2,',
        `      "sha256": "${hex('å')}"`,
        '    },',
        '    {',
        '      "path": "boende/deck.pdf",',
        '      "audience": "boende",',
        '      "format": "conference",',
        '      "finding": null,',
        '      "bytes": 3,',
        `      "sha256": "${hex('PDF')}"`,
        '    },',
        '    {',
        '      "path": "boende/f1.png",',
        '      "audience": "boende",',
        '      "format": "social",',
        '      "finding": "f1",',
        '      "bytes": 3,',
        `      "sha256": "${png}"`,
        '    },',
        '    {',
        '      "path": "index.html",',
        '      "audience": null,',
        '      "format": "web",',
        '      "finding": null,',
        '      "bytes": 11,',
        `      "sha256": "${hex('<h1>Hi</h1>')}"`,
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('serializes with a fixed key order whatever the input order', () => {
    const entry = { sha256: 'ab', bytes: 1, finding: null, format: 'web' as const, audience: null, path: 'a' }
    expect(serializeManifest({ outputs: [entry], sprid: '1' })).toBe(
      '{\n  "sprid": "1",\n  "outputs": [\n    {\n      "path": "a",\n      "audience": null,\n' +
        '      "format": "web",\n      "finding": null,\n      "bytes": 1,\n      "sha256": "ab"\n    }\n  ]\n}\n',
    )
  })

  it('rejects two entries with the same path', () => {
    const entry = { path: 'a', audience: null, format: null, finding: null, bytes: 0, sha256: '' }
    expect(() => createManifest('1', [entry, entry])).toThrow(OutputPathError)
  })

  it('can be turned off', async () => {
    const box = await sandbox()
    const output = await prepareOutput({
      outDir: 'dist',
      projectRoot: box.project,
      home: box.home,
      version: '1',
      manifest: false,
    })
    await output.write({ path: 'manifest.json', contents: '{}' })
    const { manifest } = await output.commit()
    expect(manifest.outputs.map((entry) => entry.path)).toEqual(['manifest.json'])
    expect(await readFile(path.join(box.dist, 'manifest.json'), 'utf8')).toBe('{}')
  })
})
