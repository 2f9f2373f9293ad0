/**
 * A project's `templates/` folder replaces built-in files by path. A file
 * there that replaces nothing is most likely a typo (`web/findng.liquid`), so
 * the build warns about it (rule `unused-override`).
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { compare } from '../output/hash.js'
import { SHARED_FOLDER } from './renderer.js'

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

async function walk(root: string, rel: string, out: string[], depth: number): Promise<void> {
  if (depth > 16) return
  let entries
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`
    if (entry.isDirectory()) await walk(root, child, out, depth + 1)
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(child)
  }
}

/**
 * The files under `projectDir` (posix paths relative to it, sorted) that have
 * no built-in counterpart: `<format>/<name>` replaces `<format>/<name>` or,
 * since lookups fall back to the shared folder, `shared/<name>`. Dot files are
 * ignored; a missing `projectDir` gives `[]`.
 */
export async function findUnusedOverrides(builtinDir: string, projectDir: string): Promise<string[]> {
  const files: string[] = []
  await walk(projectDir, '', files, 0)
  const unused: string[] = []
  for (const file of files) {
    const [folder, ...rest] = file.split('/')
    const name = rest.join('/')
    const candidates = [path.join(builtinDir, file)]
    if (name !== '' && folder !== SHARED_FOLDER) candidates.push(path.join(builtinDir, SHARED_FOLDER, name))
    let used = false
    for (const candidate of candidates) {
      if (await isFile(candidate)) {
        used = true
        break
      }
    }
    if (!used) unused.push(file)
  }
  return unused.sort(compare)
}
