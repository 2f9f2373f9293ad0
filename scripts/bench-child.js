// One sprid web build in this process, then its peak RSS as JSON on stdout (used by bench.js).
import { build } from '../lib/build.js'

const result = await build(process.argv[2], { date: '2026-01-01', formats: ['web'] })
const maxRssMiB = process.resourceUsage().maxRSS / 1024
console.log(JSON.stringify({ ok: result.ok, files: result.outputs.length, cached: result.cached, ran: result.ran, maxRssMiB }))
