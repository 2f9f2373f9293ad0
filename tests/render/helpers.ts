import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** A temporary folder with `files` (path -> text; a value `{ link }` makes a symlink), removed after the test. */
export async function folder(files: Record<string, string | { link: string }>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sprid-render-'))
  made.push(root)
  for (const [file, contents] of Object.entries(files)) {
    const target = path.join(root, file)
    await mkdir(path.dirname(target), { recursive: true })
    if (typeof contents === 'string') await writeFile(target, contents)
    else await symlink(contents.link, target)
  }
  return root
}
