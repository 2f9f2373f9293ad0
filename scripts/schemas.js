// Writes schemas/*.schema.json from the zod definitions (run `npm run build` first).
import { mkdir, writeFile } from 'node:fs/promises'
import { jsonSchemas } from '../lib/schemas.js'

const folder = new URL('../schemas/', import.meta.url)
await mkdir(folder, { recursive: true })
for (const [name, text] of Object.entries(jsonSchemas())) {
  await writeFile(new URL(name, folder), text)
  console.log(`schemas/${name}`)
}
