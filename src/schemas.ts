/**
 * JSON Schemas for editors, generated from the same zod definitions the code
 * validates with (`npm run schemas` writes them to `schemas/`).
 */
import { z } from 'zod'
import { audienceSchema, findingSchema } from './content/schema.js'
import { configSchema } from './config/schema.js'

const SCHEMAS = {
  finding: { schema: findingSchema, title: 'sprid finding front matter' },
  audience: { schema: audienceSchema, title: 'sprid audience profile' },
  config: { schema: configSchema, title: 'sprid config' },
} as const

/** `{ 'finding.schema.json': '...', ... }`, each JSON text ending in a newline. */
export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, { schema, title }] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' })
    out[`${name}.schema.json`] = `${JSON.stringify({ ...json, $id: `https://sprid.dev/schemas/${name}.schema.json`, title }, null, 2)}\n`
  }
  return out
}
