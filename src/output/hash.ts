/**
 * Hashing for cache keys and the manifest. `stableHash` serializes plain data
 * canonically (sorted keys, typed tokens) so equal data gives equal hashes on
 * every machine, and values of different types never collide.
 */
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/** Lowercase hex SHA-256 of `contents` (strings are hashed as UTF-8). */
export function sha256(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex')
}

/** Bytes of `contents` as written to disk (strings as UTF-8). */
export function toBytes(contents: string | Uint8Array): Uint8Array {
  return typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents
}

/**
 * SHA-256 (hex) of a canonical serialization of `value`.
 *
 * Supported: strings, finite and non-finite numbers, bigints, booleans, `null`,
 * `undefined`, arrays, plain objects (keys sorted, `undefined` properties
 * skipped like JSON), `Uint8Array` (including `Buffer`) and `Date`.
 * Every type has its own token, so `"1"`, `1`, `1n` and `true` all differ.
 *
 * @throws {TypeError} on functions, symbols, class instances (`Map`, `Set`,
 *   ...) and cycles, naming where in `value` they are: hashing them loosely
 *   could make two different inputs share a cache entry.
 */
export function stableHash(value: unknown): string {
  const hash = createHash('sha256')
  const writer = new Writer(hash)
  writer.value(value, '$', new Set())
  writer.flush()
  return hash.digest('hex')
}

/**
 * A hash of every file under the given folders (relative path and contents),
 * for the `templatesHash` part of cache keys. Folders that do not exist count
 * as empty; symlinks are followed. The order of `folders` matters (later ones
 * override earlier ones, like project templates over built-in ones).
 */
export async function hashFolders(folders: readonly string[]): Promise<string> {
  // Only relative paths go in, so the hash is the same in every checkout.
  const parts: Array<Array<[string, string]>> = []
  for (const folder of folders) {
    const files: Array<[string, string]> = []
    await walk(folder, '', files, 0)
    files.sort((a, b) => compare(a[0], b[0]))
    parts.push(files)
  }
  return stableHash(parts)
}

async function walk(
  root: string,
  rel: string,
  out: Array<[string, string]>,
  depth: number,
): Promise<void> {
  // Bounds symlink loops (a link to an ancestor folder).
  if (depth > 32) return
  let entries
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true })
  } catch (error) {
    if (rel === '' && isCode(error, 'ENOENT', 'ENOTDIR')) return
    throw error
  }
  for (const entry of entries) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`
    if (entry.isDirectory()) {
      await walk(root, child, out, depth + 1)
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      try {
        out.push([child, sha256(await readFile(path.join(root, child)))])
      } catch (error) {
        // A symlink to a folder: walk it; a dangling one: skip it.
        if (isCode(error, 'EISDIR')) await walk(root, child, out, depth + 1)
        else if (!isCode(error, 'ENOENT')) throw error
      }
    }
  }
}

/** Code-unit order, the same in every locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function isCode(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    codes.includes((error as { code?: unknown }).code as string)
  )
}

/** Buffers small tokens and streams large byte arrays straight into the hash. */
class Writer {
  private buffer = ''
  constructor(private readonly hash: Hash) {}

  private push(text: string): void {
    this.buffer += text
    if (this.buffer.length > 65536) this.flush()
  }

  flush(): void {
    if (this.buffer !== '') this.hash.update(this.buffer, 'utf8')
    this.buffer = ''
  }

  value(value: unknown, where: string, stack: Set<object>): void {
    switch (typeof value) {
      case 'string':
        this.push(JSON.stringify(value))
        return
      case 'number':
        // `n` prefix: numbers never look like strings ("..."), and -0 stays apart from 0.
        this.push(Object.is(value, -0) ? 'n-0' : `n${String(value)}`)
        return
      case 'bigint':
        this.push(`i${value.toString()}`)
        return
      case 'boolean':
        this.push(value ? 't' : 'f')
        return
      case 'undefined':
        this.push('u')
        return
      case 'function':
      case 'symbol':
        throw new TypeError(`Cannot hash a ${typeof value} at ${where}`)
    }
    if (value === null) {
      this.push('z')
      return
    }
    const object = value as object
    if (object instanceof Uint8Array) {
      this.push(`b${object.byteLength}:`)
      this.flush()
      this.hash.update(object)
      return
    }
    if (object instanceof Date) {
      const time = object.getTime()
      this.push(`d${Number.isNaN(time) ? 'NaN' : object.toISOString()};`)
      return
    }
    if (stack.has(object)) throw new TypeError(`Cannot hash a cycle at ${where}`)
    if (Array.isArray(object)) {
      stack.add(object)
      this.push('[')
      for (let index = 0; index < object.length; index++) {
        if (index > 0) this.push(',')
        this.value(object[index], `${where}[${index}]`, stack)
      }
      this.push(']')
      stack.delete(object)
      return
    }
    const proto = Object.getPrototypeOf(object) as unknown
    if (proto !== Object.prototype && proto !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object'
      throw new TypeError(`Cannot hash a ${name} at ${where}: only plain data is supported`)
    }
    stack.add(object)
    const record = object as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compare)
    this.push('{')
    keys.forEach((key, index) => {
      if (index > 0) this.push(',')
      this.push(`${JSON.stringify(key)}:`)
      this.value(record[key], `${where}.${key}`, stack)
    })
    this.push('}')
    stack.delete(object)
  }
}

/** Size and SHA-256 of a file, streamed. */
export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file)) {
    bytes += (chunk as Buffer).byteLength
    hash.update(chunk as Buffer)
  }
  return { bytes, sha256: hash.digest('hex') }
}
