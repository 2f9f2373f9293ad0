import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

export interface Sandbox {
  /** The temporary folder holding everything. */
  root: string
  /** A fake project: `findings/`, `templates/`. */
  project: string
  /** A fake home folder, outside the project. */
  home: string
  findings: string
  templates: string
  /** `<project>/dist`. */
  dist: string
}

/** A fresh sandbox under the OS temp folder, removed after the test. */
export async function sandbox(): Promise<Sandbox> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sprid-output-'))
  made.push(root)
  const project = path.join(root, 'project')
  const home = path.join(root, 'home')
  const findings = path.join(project, 'findings')
  const templates = path.join(project, 'templates')
  await mkdir(findings, { recursive: true })
  await mkdir(templates, { recursive: true })
  await mkdir(home)
  await writeFile(path.join(findings, 'boende.md'), '# Boende\n')
  return { root, project, home, findings, templates, dist: path.join(project, 'dist') }
}

/** Every entry under `dir` as `relative path -> contents | 'dir' | '-> target'`. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await readdir(path.join(dir, rel))).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`
      const full = path.join(dir, child)
      const stats = await lstat(full)
      if (stats.isSymbolicLink()) out[child] = `-> ${await readlink(full)}`
      else if (stats.isDirectory()) {
        out[child] = 'dir'
        await walk(child)
      } else out[child] = await readFile(full, 'utf8')
    }
  }
  await walk('')
  return out
}
