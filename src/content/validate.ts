/**
 * Validate parsed front matter against a schema, turning every issue into a
 * message at the offending value. Unknown fields are warnings with a
 * "did you mean"; everything else is an error.
 */
import leven from 'leven'
import type { z } from 'zod'
import type { VFile } from 'vfile'
import type { Point } from 'unist'
import { report } from './messages.js'

export type PointOf = (path: ReadonlyArray<string | number>) => Point

/** Returns the valid data (unknown fields dropped), or `undefined` after reporting errors. */
export function validate<T>(
  schema: z.ZodType<T>,
  data: Record<string, unknown>,
  file: VFile,
  pointOf: PointOf,
): T | undefined {
  let candidate: unknown = data
  let result = schema.safeParse(candidate)
  if (!result.success) {
    const unknown = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys')
    if (unknown.length > 0) {
      candidate = structuredClone(data)
      for (const issue of unknown) {
        const parent = getAt(candidate, issue.path) as Record<string, unknown>
        for (const key of issue.keys) {
          const known = knownKeys(schema, issue.path)
          const suggestion = closest(key, known)
          report(
            file,
            'warning',
            'unknown-field',
            `Unknown field \`${[...issue.path, key].join('.')}\`${suggestion ? `: did you mean \`${suggestion}\`?` : ''}`,
            pointOf([...issue.path.map(pathKey), key]),
          )
          delete parent[key]
        }
      }
      result = schema.safeParse(candidate)
    }
  }
  if (result.success) return result.data
  for (const issue of result.error.issues) {
    const path = issue.path.map(pathKey)
    const where = path.length > 0 ? `\`${path.join('.')}\`: ` : ''
    // zod says "expected string, received undefined"; people need to hear which field is missing.
    const missing = issue.code === 'invalid_type' && path.length > 0 && getAt(candidate, issue.path) === undefined
    const reason = missing ? `Missing required field \`${path.join('.')}\`` : `${where}${issue.message}`
    report(file, 'error', 'schema', reason, pointOf(path))
  }
  return undefined
}

function pathKey(key: PropertyKey): string | number {
  return typeof key === 'number' ? key : String(key)
}

function getAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value
  for (const key of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[key]
  return current
}

/** The keys an object schema accepts at `path` (best effort, for suggestions). */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema
  for (const key of [...path, undefined]) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def
    if (!def) return []
    if (def.type === 'pipe') current = def.in
    if (def.type === 'optional' || def.type === 'default') current = def.innerType
    const inner = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def
    const shape = inner?.shape as Record<string, unknown> | undefined
    if (key === undefined) return shape ? Object.keys(shape) : []
    if (!shape) return []
    current = typeof key === 'string' ? shape[key] : undefined
  }
  return []
}

/**
 * The known key nearest to `key`, when it is plausibly a typo: one edit in a
 * short key (two would turn `bas` into `tags`), a third of the letters in a
 * longer one, or the same letters swapped (`titel`, `depht`).
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const distance = leven(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best === undefined) return undefined
  const swapped = bestDistance === 2 && [...lower].sort().join('') === [...best.toLowerCase()].sort().join('')
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) || swapped ? best : undefined
}
