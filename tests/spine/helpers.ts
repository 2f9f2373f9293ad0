/**
 * Helpers for the spine tests: throwaway projects in the OS temp folder, and
 * the CLI run in-process with string-collecting streams.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { run } from '../../src/cli.js'
import { loadProject, type LoadOptions, type Project } from '../../src/content/load.js'

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures')

const made: string[] = []

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
})

/** A fresh project folder holding `files` (project-relative paths), removed after the test. */
export async function tempProject(files: Record<string, string | Uint8Array>, from?: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sprid-spine-'))
  made.push(root)
  if (from !== undefined) await cp(path.join(FIXTURES, from), root, { recursive: true })
  for (const [name, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true })
    await writeFile(path.join(root, name), contents)
  }
  return root
}

/** Load a throwaway project built from `files` (at build date 2026-01-01 unless told). */
export async function projectOf(files: Record<string, string | Uint8Array>, options: Partial<LoadOptions> = {}): Promise<Project> {
  return loadProject(await tempProject(files), { date: '2026-01-01', ...options })
}

/** A finding file: front matter lines (title and summary given unless overridden) and a body. */
export function finding(front: string, body = 'Text.\n'): string {
  const lines = front.split('\n').filter(Boolean)
  const has = (key: string) => lines.some((line) => line.startsWith(`${key}:`))
  const head = [...(has('title') ? [] : ['title: En titel']), ...(has('summary') ? [] : ['summary: En sammanfattning.']), ...lines]
  return `---\n${head.join('\n')}\n---\n\n${body}`
}

/** An audience profile with `name` and more front matter lines. */
export function audience(front = '', body = 'Intro.\n'): string {
  const lines = front.split('\n').filter(Boolean)
  const head = [...(lines.some((line) => line.startsWith('name:')) ? [] : ['name: Alla']), ...lines]
  return `---\n${head.join('\n')}\n---\n\n${body}`
}

/** Every message of a project as `path:line:column severity rule-id`, for compact assertions. */
export function messages(project: Pick<Project, 'files'>): string[] {
  return project.files.flatMap((file) =>
    file.messages.map((m) => `${file.path}:${m.line}:${m.column} ${m.fatal === true ? 'error' : 'warning'} ${m.ruleId}`),
  )
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Run the CLI in-process: `cwd` and `env` injected, output collected from fake streams. */
export async function cli(
  argv: string[],
  { cwd, env = {}, tty = false }: { cwd: string; env?: Record<string, string>; tty?: boolean },
): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await run(argv, {
    cwd,
    env,
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: tty },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: tty },
  })
  return { code, stdout, stderr }
}
