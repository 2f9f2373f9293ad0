/**
 * The command line: maps flags to the programmatic API, prints reports and
 * returns an exit code. Streams, cwd and env are injected so tests run it
 * in-process.
 */
import path from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import { createColors } from 'picocolors'
import { EXIT, SpridError, UsageError } from './errors.js'
import { version } from './version.js'
import { loadProject } from './content/load.js'
import { resolveBuildDate } from './content/date.js'
import { check } from './check/check.js'
import { listMatrix, formatMatrix } from './list.js'
import { toJsonReport } from './report/json.js'
import { toGithubAnnotations } from './report/github.js'
import { toTerminalReport } from './report/terminal.js'
import { createProgress } from './progress.js'
import { FORMAT_IDS } from './content/schema.js'
import type { FormatId } from './formats/types.js'
import type { BuildResult } from './build.js'

export interface CliIO {
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  stdout: { write(chunk: string): unknown; isTTY?: boolean }
  stderr: { write(chunk: string): unknown; isTTY?: boolean }
}

/** Run sprid with `argv` (without `node sprid`). Resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const color = io.stderr.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb'
  const c = createColors(color)
  let exitCode: number = EXIT.OK
  const program = createProgram(io, (code) => {
    exitCode = code
  }, color)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.OK : EXIT.USAGE
    }
    if (error instanceof SpridError) {
      io.stderr.write(`${c.red('✖')} ${error.message}\n`)
      if (isDebug(io.env) && error.cause) io.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`)
      return error.exitCode
    }
    io.stderr.write(`${c.red('✖')} sprid failed: ${(error as Error)?.message ?? String(error)}\n`)
    if (isDebug(io.env)) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`)
    else io.stderr.write('  Run with DEBUG=sprid* for details.\n')
    return EXIT.USAGE
  }
}

function isDebug(env: CliIO['env']): boolean {
  return /(^|,)\s*sprid(\*|:)/.test(env.DEBUG ?? '')
}

const EXIT_HELP = `
Exit codes:
  0  ok (warnings allowed)
  1  content errors (or more warnings than --max-warnings)
  2  usage or config errors
  3  no browser found for PDFs and images`

function createProgram(io: CliIO, setExit: (code: number) => void, color: boolean): Command {
  const program = new Command('sprid')
    .description('Package research findings for many audiences: web, conference deck, handout and social posts.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run sprid --help for usage)')
    .addHelpText('after', `\nExamples:\n  $ sprid check\n  $ sprid list --json\n  $ sprid build --audience boende --format web\n${EXIT_HELP}`)

  const rootOf = (root: string | undefined) => path.resolve(io.cwd, root ?? '.')
  const buildDate = (date: string | undefined) => resolveBuildDate({ date, sourceDateEpoch: io.env.SOURCE_DATE_EPOCH })

  program
    .command('check')
    .description('Validate findings, audiences and config without writing anything.')
    .argument('[root]', 'project folder', '.')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'github']).default('text'))
    .option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this', parseCount)
    .option('--drafts', 'include draft findings')
    .option('--date <YYYY-MM-DD>', 'the date embargoes are checked against (default: SOURCE_DATE_EPOCH or today)')
    .addHelpText('after', `\nExamples:\n  $ sprid check\n  $ sprid check --format github --max-warnings 0\n  $ sprid check ./my-project --format json > report.json\n${EXIT_HELP}`)
    .action(async (root: string, options: { format: string; maxWarnings?: number; drafts?: boolean; date?: string }) => {
      const project = await loadProject(rootOf(root), { date: buildDate(options.date), drafts: options.drafts })
      const result = check(project)
      if (options.format === 'json') io.stdout.write(`${JSON.stringify(toJsonReport(result.files), null, 2)}\n`)
      else if (options.format === 'github') io.stdout.write(toGithubAnnotations(result.files))
      else {
        io.stderr.write(toTerminalReport(result.files, { color }))
        if (result.errors + result.warnings === 0) {
          io.stderr.write(`✓ ${project.findings.length} findings, ${project.audiences.length} audiences: no problems\n`)
        }
      }
      const tooManyWarnings = options.maxWarnings !== undefined && result.warnings > options.maxWarnings
      if (tooManyWarnings && options.format === 'text') {
        io.stderr.write(`✖ ${result.warnings} warnings is more than --max-warnings ${options.maxWarnings}\n`)
      }
      setExit(result.errors > 0 || tooManyWarnings ? EXIT.CONTENT : EXIT.OK)
    })

  program
    .command('list')
    .description('Show the findings x audiences matrix: who gets what, and why not.')
    .argument('[root]', 'project folder', '.')
    .option('--json', 'print the matrix as JSON')
    .option('--drafts', 'include draft findings')
    .option('--date <YYYY-MM-DD>', 'the date embargoes are checked against')
    .addHelpText('after', `\nExamples:\n  $ sprid list\n  $ sprid list --json | jq '.findings[].cells.boende'\n${EXIT_HELP}`)
    .action(async (root: string, options: { json?: boolean; drafts?: boolean; date?: string }) => {
      const project = await loadProject(rootOf(root), { date: buildDate(options.date), drafts: options.drafts })
      const matrix = listMatrix(project)
      io.stdout.write(options.json ? `${JSON.stringify(matrix, null, 2)}\n` : formatMatrix(matrix))
      const { errors } = check(project)
      if (errors > 0) io.stderr.write(`✖ ${errors} content errors: run \`sprid check\` for details\n`)
      setExit(errors > 0 ? EXIT.CONTENT : EXIT.OK)
    })

  program
    .command('build')
    .description('Render every audience x format into the output folder, atomically.')
    .argument('[root]', 'project folder', '.')
    .option('-a, --audience <id...>', 'only these audiences')
    .option('-f, --format <id...>', `only these formats (${FORMAT_IDS.join(', ')})`)
    .option('--public', 'leave out internal audiences (for an output folder that is published)')
    .option('-o, --out <dir>', 'output folder (default: config `out`, else dist)')
    .option('--base-url <url>', 'public URL of the web output (overrides config `baseUrl`)')
    .option('--browser <path>', 'Chrome or Chromium to use for PDFs and images')
    .option('--drafts', 'include draft findings')
    .option('--date <YYYY-MM-DD>', 'build date for embargoes and outputs (default: SOURCE_DATE_EPOCH or today)')
    .option('--no-cache', 'ignore and do not update the incremental cache')
    .option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this', parseCount)
    .option('--ci', 'plain log lines, no live progress (also when CI=true)')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('-q, --quiet', 'print only problems')
    .addHelpText('after', `\nExamples:\n  $ sprid build\n  $ sprid build --audience boende ledning --format web social\n  $ sprid build --public --out public\n  $ SOURCE_DATE_EPOCH=1767225600 sprid build --out public --base-url https://example.org/packs\n${EXIT_HELP}`)
    .action(async (root: string, options: BuildFlags) => {
      const { build } = await import('./build.js')
      const ci = options.ci === true || io.env.CI === 'true' || io.stderr.isTTY !== true
      const result = await build(rootOf(root), {
        date: buildDate(options.date),
        drafts: options.drafts,
        out: options.out,
        baseUrl: options.baseUrl,
        browser: options.browser,
        audiences: options.audience,
        formats: options.format as FormatId[] | undefined,
        publicOnly: options.public,
        cache: options.cache,
        env: io.env,
        onProgress: createProgress(io.stderr, options.quiet || options.json ? 'none' : ci ? 'plain' : 'live'),
      })
      const tooManyWarnings = options.maxWarnings !== undefined && result.warnings > options.maxWarnings
      const ok = result.ok && !tooManyWarnings
      if (options.json) {
        const { project: _project, files, outputs, ...summary } = result
        io.stdout.write(`${JSON.stringify({ ...summary, ok, files: outputs.length, report: toJsonReport(files) }, null, 2)}\n`)
      } else {
        io.stderr.write(toTerminalReport(result.files, { color }))
        if (!options.quiet) io.stderr.write(buildSummary(result, io.cwd, ok))
      }
      if (tooManyWarnings && !options.json) io.stderr.write(`✖ ${result.warnings} warnings is more than --max-warnings ${options.maxWarnings}\n`)
      setExit(ok ? EXIT.OK : EXIT.CONTENT)
    })

  program
    .command('preview')
    .description('Build into a temporary folder, serve it with live reload, and rebuild on every change.')
    .argument('[root]', 'project folder', '.')
    .option('-p, --port <n>', 'port (the next free one when taken)', parseCount, 4321)
    .option('--host <address>', 'listen on this address instead of 127.0.0.1 (exposes drafts and embargoed content)')
    .option('--open', 'open the preview in a browser')
    .option('-a, --audience <id...>', 'only these audiences')
    .option('-f, --format <id...>', `only these formats (${FORMAT_IDS.join(', ')})`)
    .option('--base-url <url>', 'public URL of the web output')
    .option('--browser <path>', 'Chrome or Chromium to use for PDFs and images')
    .option('--drafts', 'include draft findings')
    .option('--date <YYYY-MM-DD>', 'build date for embargoes and outputs')
    .addHelpText('after', `\nExamples:\n  $ sprid preview\n  $ sprid preview --format web --open\n  $ sprid preview --port 8080 --audience boende\n${EXIT_HELP}`)
    .action(async (root: string, options: PreviewFlags) => {
      const { preview } = await import('./preview/index.js')
      const controller = new AbortController()
      const stop = () => controller.abort()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      try {
        if (options.host) io.stderr.write(`⚠ Listening on ${options.host}: drafts, internal and embargoed findings are visible to the network\n`)
        const server = await preview(rootOf(root), {
          port: options.port,
          host: options.host,
          open: options.open,
          audiences: options.audience,
          formats: options.format as FormatId[] | undefined,
          baseUrl: options.baseUrl,
          browser: options.browser,
          drafts: options.drafts,
          date: buildDate(options.date),
          env: io.env,
          signal: controller.signal,
          onBuild: (b) => {
            if (b.ok) io.stderr.write(`✓ ${b.changed.length > 0 ? b.changed.join(', ') : 'built'} in ${b.elapsedMs} ms\n`)
            else if (b.result) io.stderr.write(toTerminalReport(b.result.files, { color }))
            else io.stderr.write(`✖ ${b.problems[0]?.message ?? 'build failed'}\n`)
          },
        })
        io.stderr.write(`sprid preview: ${server.indexUrl} (Ctrl-C to stop)\n`)
        await server.closed
      } finally {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
      }
    })

  program
    .command('init')
    .description('Create a sprid project: config, two example findings, two audiences, .gitignore and a GitHub Actions workflow.')
    .argument('[dir]', 'project folder (created when missing)', '.')
    .addOption(new Option('--lang <lang>', 'language of the scaffolded text').choices(['sv', 'en']).default('en'))
    .option('--force', 'write into a non-empty folder (same-name files replaced, others kept, .git never touched)')
    .addHelpText('after', `\nExamples:\n  $ sprid init my-project --lang sv\n  $ sprid init . --force\n${EXIT_HELP}`)
    .action(async (dir: string, options: { lang: 'sv' | 'en'; force?: boolean }) => {
      const { init } = await import('./init/index.js')
      const result = await init(path.resolve(io.cwd, dir), { lang: options.lang, force: options.force })
      for (const file of result.files) io.stderr.write(`  ${result.replaced.includes(file) ? 'replaced' : 'created '} ${file}\n`)
      const where = path.relative(io.cwd, result.root) || '.'
      io.stderr.write(`✓ Created a sprid project in ${where}/\nNext:${where === '.' ? '' : `\n  cd ${where}`}\n  npm init -y && npm install --save-dev sprid\n  npx sprid check && npx sprid build\n`)
      setExit(EXIT.OK)
    })

  program
    .command('doctor')
    .description('Show which browser sprid would use and why, and other environment facts.')
    .argument('[root]', 'project folder', '.')
    .option('--browser <path>', 'Chrome or Chromium to check')
    .option('--json', 'print the facts as JSON')
    .addHelpText('after', `\nExamples:\n  $ sprid doctor\n  $ CHROME_PATH=/usr/bin/chromium sprid doctor --json\n${EXIT_HELP}`)
    .action(async (root: string, options: { browser?: string; json?: boolean }) => {
      const { doctor, formatDoctor } = await import('./doctor.js')
      const facts = await doctor(rootOf(root), { browser: options.browser, env: io.env })
      io.stdout.write(options.json ? `${JSON.stringify(facts, null, 2)}\n` : formatDoctor(facts))
      setExit(facts.browser.problem ? (facts.browser.problem.exitCode ?? EXIT.NO_BROWSER) : EXIT.OK)
    })

  return program
}

interface PreviewFlags {
  port: number
  host?: string
  open?: boolean
  audience?: string[]
  format?: string[]
  baseUrl?: string
  browser?: string
  drafts?: boolean
  date?: string
}

interface BuildFlags {
  audience?: string[]
  format?: string[]
  public?: boolean
  out?: string
  baseUrl?: string
  browser?: string
  drafts?: boolean
  date?: string
  cache: boolean
  maxWarnings?: number
  ci?: boolean
  json?: boolean
  quiet?: boolean
}

function buildSummary(result: BuildResult, cwd: string, ok: boolean): string {
  const seconds = (result.elapsedMs / 1000).toFixed(1)
  if (!result.ok) return `✖ Build failed: ${result.errors} errors, ${result.warnings} warnings; ${path.relative(cwd, result.outDir) || '.'} left as it was (${seconds} s)\n`
  const perFormat = Object.entries(result.perFormat).map(([format, count]) => `${format} ${count}`).join(', ')
  const where = path.relative(cwd, result.outDir) || '.'
  if (result.upToDate) return `✓ Up to date: ${result.outputs.length} files in ${where}/, nothing changed · ${result.warnings} warnings · ${seconds} s\n`
  return `${ok ? '✓' : '✖'} Built ${result.outputs.length} files in ${where}/ (${perFormat}) · ${result.warnings} warnings · ${seconds} s · ${result.cached} jobs cached, ${result.ran} rendered\n`
}

function parseCount(value: string): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`Expected a whole number >= 0, got \`${value}\``)
  return number
}
