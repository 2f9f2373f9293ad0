import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashFolders, stableHash } from '../../src/output/index.js'
import { sandbox } from './helpers.js'

describe('stableHash', () => {
  it('ignores key order, at every depth', () => {
    expect(stableHash({ a: 1, b: { c: [1, { d: 2, e: 3 }], f: 'x' } })).toBe(
      stableHash({ b: { f: 'x', c: [1, { e: 3, d: 2 }] }, a: 1 }),
    )
  })

  it('keeps array order', () => {
    expect(stableHash([1, 2])).not.toBe(stableHash([2, 1]))
  })

  it('gives every type its own hash', () => {
    const values: unknown[] = [
      '1', 1, 1n, true, 'true', false, null, 'null', undefined, '', 0, -0, '0', NaN, Infinity,
      [], {}, '[]', '{}', [1], ['1'], [[1]], { a: 1 }, { a: '1' }, ['a', 1], { '"a"': 1 },
      new Uint8Array([49]), new Uint8Array([]), new Uint8Array([49, 50]), [new Uint8Array([49]), new Uint8Array([50])],
      new Date('2024-05-01T00:00:00.000Z'), '2024-05-01T00:00:00.000Z', ['a,b'], ['a', 'b'],
      { a: null }, { a: [] },
    ]
    const hashes = values.map((value) => stableHash(value))
    expect(new Set(hashes).size).toBe(values.length)
  })

  it('is stable across calls and runs', () => {
    expect(stableHash({ x: [1, 'a', null, true] })).toBe(stableHash({ x: [1, 'a', null, true] }))
    expect(stableHash('')).toMatch(/^[0-9a-f]{64}$/)
    // Pinned: changing the serialization invalidates every cache, so make it a visible change.
    // It is the SHA-256 of `{"a":["x",z,t,b1:\x01],"b":n1}`.
    expect(stableHash({ b: 1, a: ['x', null, true, new Uint8Array([1])] })).toBe(
      '1061ada4ebf0092d366481b42f324ebfed4b8342105ca6f86707612b74b367aa',
    )
  })

  it('treats Buffer as bytes and skips undefined properties, like JSON', () => {
    expect(stableHash(Buffer.from('hi'))).toBe(stableHash(new Uint8Array([104, 105])))
    expect(stableHash({ a: 1, b: undefined })).toBe(stableHash({ a: 1 }))
  })

  it('allows shared references but not cycles', () => {
    const shared = { x: 1 }
    expect(() => stableHash({ a: shared, b: shared })).not.toThrow()
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(() => stableHash(cycle)).toThrow(/cycle at \$\.self/)
  })

  it('refuses what it cannot hash faithfully, saying where', () => {
    expect(() => stableHash({ pack: { items: [new Map()] } })).toThrow('Cannot hash a Map at $.pack.items[0]')
    expect(() => stableHash({ f: () => 1 })).toThrow(TypeError)
    expect(() => stableHash(new (class Finding {})())).toThrow(/Finding/)
  })

  it('hashes large byte arrays without turning them into strings', () => {
    const big = new Uint8Array(5_000_000).fill(7)
    const other = big.slice()
    other[4_999_999] = 8
    expect(stableHash({ image: big })).not.toBe(stableHash({ image: other }))
  })
})

describe('hashFolders', () => {
  it('changes when a file changes, and treats a missing folder as empty', async () => {
    const box = await sandbox()
    const builtIn = path.join(box.root, 'builtin')
    await mkdir(path.join(builtIn, 'web'), { recursive: true })
    await writeFile(path.join(builtIn, 'web/page.liquid'), 'a')
    const missing = path.join(box.root, 'nope')
    const first = await hashFolders([builtIn, missing])
    expect(await hashFolders([builtIn, missing])).toBe(first)
    await writeFile(path.join(builtIn, 'web/page.liquid'), 'b')
    expect(await hashFolders([builtIn, missing])).not.toBe(first)
    await mkdir(missing)
    await writeFile(path.join(missing, 'x.css'), '')
    expect(await hashFolders([builtIn, missing])).not.toBe(first)
  })
})
