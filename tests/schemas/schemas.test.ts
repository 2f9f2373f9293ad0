import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { jsonSchemas } from '../../src/schemas.js'

describe('schemas/', () => {
  const generated = jsonSchemas()
  it.each(Object.keys(generated))('%s is generated from the zod definitions (run `npm run schemas`)', async (name) => {
    const committed = await readFile(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')
    expect(committed).toBe(generated[name])
  })

  it('describes the finding fields editors should complete', () => {
    const finding = JSON.parse(generated['finding.schema.json']!)
    expect(finding.required).toEqual(['title', 'summary'])
    expect(finding.additionalProperties).toBe(false)
    expect(Object.keys(finding.properties)).toContain('embargo_until')
  })
})
