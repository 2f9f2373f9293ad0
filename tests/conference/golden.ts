/**
 * Golden files for the HTML that goes into Chromium. Regenerate with
 * `UPDATE=1 npx vitest run tests/conference tests/handout`, then review the diff.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { expect } from 'vitest'

const update = process.env.UPDATE === '1'

/** Compare `actual` with the file at `url`, or write it with UPDATE=1. */
export async function expectGolden(url: URL, actual: string): Promise<void> {
  if (update) {
    await writeFile(url, actual)
    return
  }
  expect(existsSync(url), `${url.pathname} is missing: run with UPDATE=1 and review it`).toBe(true)
  const expected = await readFile(url, 'utf8')
  expect(actual, `${url.pathname} differs: if the change is intended, run with UPDATE=1 and review it`).toBe(expected)
}
