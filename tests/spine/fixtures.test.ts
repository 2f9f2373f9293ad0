/**
 * One test per folder of `tests/fixtures/`: load the project at build date
 * 2026-01-01, run every check and compare the JSON report (paths relative to
 * the fixture) with its `expected.json`. A project whose config cannot be
 * loaded is expected as `{ "throws": { name, exitCode, message } }`.
 *
 * Regenerate with `UPDATE=1 npx vitest run tests/spine/fixtures.test.ts`, then
 * read the diff: every message must sit at the right line:column with the
 * right rule id.
 */
import { existsSync, readdirSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadProject } from '../../src/content/load.js'
import { check } from '../../src/check/check.js'
import { toJsonReport } from '../../src/report/json.js'
import { SpridError } from '../../src/errors.js'
import { FIXTURES } from './helpers.js'

const update = process.env.UPDATE === '1'
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort()
}

async function outcome(root: string): Promise<unknown> {
  try {
    const project = await loadProject(root, { date: '2026-01-01' })
    return toJsonReport(check(project).files)
  } catch (error) {
    if (!(error instanceof SpridError)) throw error
    return { throws: { name: error.name, exitCode: error.exitCode, message: error.message } }
  }
}

describe('fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(5)
  })

  it.each(cases)('%s', async (name) => {
    const root = path.join(FIXTURES, name)
    const before = await listing(root)
    const actual = await outcome(root)
    const expectedFile = path.join(root, 'expected.json')

    // Loading and checking never write, and never run code from front matter.
    expect(await listing(root)).toEqual(before)
    expect(existsSync(path.join(root, 'EXECUTED'))).toBe(false)

    if (update) await writeFile(expectedFile, `${JSON.stringify(actual, null, 2)}\n`)
    expect(existsSync(expectedFile), `${name}/expected.json is missing: run with UPDATE=1 and review it`).toBe(true)
    expect(actual).toEqual(JSON.parse(await readFile(expectedFile, 'utf8')))
  })
})
