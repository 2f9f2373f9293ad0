/** The CLI in-process: `run(argv, { cwd, env, stdout, stderr })` with string-collecting streams. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { version } from '../../src/version.js'
import { cli, FIXTURES, tempProject } from './helpers.js'

const at = (fixture: string) => ({ cwd: path.join(FIXTURES, fixture), env: { SOURCE_DATE_EPOCH: '1767225600' } })
// Any ANSI escape (colours, styles, cursor movement).
const ANSI = /\u001b\[/
const STACK = /\n\s+at /

describe('sprid check', () => {
  it('prints a vfile-reporter style report on stderr and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await cli(['check'], at('cli'))
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      [
        'findings/motesplatser.md',
        '4:8      warning Unknown field `titel`: did you mean `title`?                                     unknown-field     sprid',
        '9:1-11:4 error   Unknown directive `:::sidebar`: expected :::only, :::except, :::detail, :::notes unknown-directive sprid',
        '',
        '2 messages (✖ 1 error, ⚠ 1 warning)',
        '',
      ].join('\n'),
    )
  })

  it('--format json prints the JSON report on stdout', async () => {
    const { code, stdout, stderr } = await cli(['check', '--format', 'json'], at('cli'))
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const expected = JSON.parse(await readFile(path.join(FIXTURES, 'cli', 'expected.json'), 'utf8'))
    expect(JSON.parse(stdout)).toEqual(expected)
    expect(stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`)
  })

  it('--format github prints one workflow command per message', async () => {
    const { code, stdout, stderr } = await cli(['check', '--format', 'github'], at('cli'))
    expect(code).toBe(1)
    expect(stderr).toBe('')
    expect(stdout).toBe(
      [
        '::warning file=findings/motesplatser.md,line=4,col=8,title=unknown-field::Unknown field `titel`: did you mean `title`?',
        '::error file=findings/motesplatser.md,line=9,col=1,title=unknown-directive::Unknown directive `:::sidebar`: expected :::only, :::except, :::detail, :::notes',
        '',
      ].join('\n'),
    )
  })

  it('exits 0 with a one-line summary when there are no problems', async () => {
    expect(await cli(['check'], at('valid'))).toEqual({ code: 0, stdout: '', stderr: '✓ 1 findings, 1 audiences: no problems\n' })
    expect(await cli(['check', '--format', 'github'], at('valid'))).toEqual({ code: 0, stdout: '', stderr: '' })
  })

  it('takes the project folder as an argument, relative to cwd', async () => {
    const { code } = await cli(['check', 'valid'], { cwd: FIXTURES, env: {} })
    expect(code).toBe(0)
  })

  describe('--max-warnings', () => {
    it('allows warnings up to the limit', async () => {
      expect((await cli(['check', '--max-warnings', '2'], at('warnings-only'))).code).toBe(0)
      expect((await cli(['check'], at('warnings-only'))).code).toBe(0)
    })

    it('exits 1 above the limit and says why', async () => {
      const { code, stderr } = await cli(['check', '--max-warnings', '1'], at('warnings-only'))
      expect(code).toBe(1)
      expect(stderr.endsWith('⚠ 2 warnings\n✖ 2 warnings is more than --max-warnings 1\n')).toBe(true)
      expect((await cli(['check', '--max-warnings', '0', '--format', 'github'], at('warnings-only'))).code).toBe(1)
    })

    it('refuses a limit that is not a whole number (exit 2)', async () => {
      expect(await cli(['check', '--max-warnings', 'x'], at('valid'))).toEqual({
        code: 2,
        stdout: '',
        stderr: '✖ Expected a whole number >= 0, got `x`\n',
      })
    })
  })

  it('checks embargoes against --date, else SOURCE_DATE_EPOCH', async () => {
    const errors = async (argv: string[], env: Record<string, string>) =>
      JSON.parse((await cli(['check', '--format', 'json', ...argv], { cwd: path.join(FIXTURES, 'leak'), env })).stdout).summary.errors
    expect(await errors(['--date', '2026-01-01'], {})).toBe(5)
    // On 2026-06-01 the embargo lifts; only the internal finding named for `boende` is still a leak.
    expect(await errors(['--date', '2026-06-01'], {})).toBe(1)
    expect(await errors([], { SOURCE_DATE_EPOCH: '1780272000' })).toBe(1)
    expect(await errors(['--date', '2026-01-01'], { SOURCE_DATE_EPOCH: '1780272000' })).toBe(5)
  })
})

describe('exit 2: usage and config errors, without a stack trace', () => {
  it('a config that throws', async () => {
    expect(await cli(['check'], at('config-throws'))).toEqual({
      code: 2,
      stdout: '',
      stderr: '✖ sprid.config.mjs threw while loading: boom\n',
    })
  })

  it('a config with unknown keys, with did-you-mean', async () => {
    expect(await cli(['check'], at('config-unknown-key'))).toEqual({
      code: 2,
      stdout: '',
      stderr:
        '✖ sprid.config.json is not a valid sprid config:\n  - unknown key `markdown.allowHTML` (did you mean `allowHtml`?)\n  - unknown key `titel` (did you mean `title`?)\n',
    })
  })

  it.each([
    [['check', '--date', '2026-13-01'], '✖ --date must be a real date as YYYY-MM-DD, got `2026-13-01`\n'],
    [['check', '--format', 'xml'], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, github.\n(run sprid --help for usage)\n"],
    [['nope'], "error: unknown command 'nope'\n(run sprid --help for usage)\n"],
  ])('%j', async (argv, stderr) => {
    expect(await cli(argv, at('valid'))).toEqual({ code: 2, stdout: '', stderr })
  })

  it('prints the stack of the cause only with DEBUG=sprid*', async () => {
    for (const env of [{}, { DEBUG: 'other' }] as Record<string, string>[]) {
      const { stderr } = await cli(['check'], { cwd: path.join(FIXTURES, 'config-throws'), env })
      expect(stderr).not.toMatch(STACK)
    }
    for (const DEBUG of ['sprid*', 'sprid:*', 'express,sprid:config']) {
      const { code, stderr } = await cli(['check'], { cwd: path.join(FIXTURES, 'config-throws'), env: { DEBUG } })
      expect(code).toBe(2)
      expect(stderr).toMatch(/^✖ sprid.config.mjs threw while loading: boom\nError: boom\n\s+at /)
    }
  })
})

describe('exit 2: an unexpected failure', () => {
  const files = {
    'sprid.config.mjs': "export default { markdown: { rehypePlugins: [() => () => { throw new Error('rehype boom') }] } }\n",
    'findings/a.md': '---\ntitle: A\nsummary: B\n---\n\nText.\n',
    'findings/audiences/alla.md': '---\nname: Alla\n---\n',
  }

  it('prints one line and a hint, no stack trace', async () => {
    const cwd = await tempProject(files)
    expect(await cli(['check'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: '✖ sprid failed: rehype boom\n  Run with DEBUG=sprid* for details.\n',
    })
  })

  it('prints the stack with DEBUG=sprid*', async () => {
    const cwd = await tempProject(files)
    const { code, stderr } = await cli(['check'], { cwd, env: { DEBUG: 'sprid*' } })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^✖ sprid failed: rehype boom\nError: rehype boom\n\s+at /)
  })
})

describe('help and version', () => {
  it('--version prints the version (exit 0)', async () => {
    expect(await cli(['--version'], at('valid'))).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' })
    expect((await cli(['-v'], at('valid'))).stdout).toBe(`${version}\n`)
  })

  it.each([['--help'], ['check', '--help'], ['list', '--help']])('%s prints usage with examples and exit codes (exit 0)', async (...argv) => {
    const { code, stdout, stderr } = await cli(argv, at('valid'))
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toContain('Usage: sprid')
    expect(stdout).toContain('\nExamples:\n  $ sprid ')
    expect(stdout).toContain('\nExit codes:\n  0  ok')
  })
})

describe('colour', () => {
  it('is off when stderr is not a TTY', async () => {
    const { stderr } = await cli(['check'], { ...at('cli'), tty: false })
    expect(stderr).not.toMatch(ANSI)
  })

  it('is off with NO_COLOR, even on a TTY', async () => {
    const { stderr } = await cli(['check'], { ...at('cli'), env: { NO_COLOR: '1' }, tty: true })
    expect(stderr).toContain('Unknown field')
    expect(stderr).not.toMatch(ANSI)
  })

  it('is off for TERM=dumb', async () => {
    const { stderr } = await cli(['check'], { ...at('cli'), env: { TERM: 'dumb' }, tty: true })
    expect(stderr).not.toMatch(ANSI)
  })

  it('is on for a TTY otherwise (so the tests above can fail)', async () => {
    const { stderr } = await cli(['check'], { ...at('cli'), tty: true })
    expect(stderr).toMatch(ANSI)
  })

  it('is never in machine formats', async () => {
    for (const format of ['json', 'github']) {
      const { stdout } = await cli(['check', '--format', format], { ...at('cli'), tty: true })
      expect(stdout).not.toMatch(ANSI)
    }
  })
})

describe('sprid list', () => {
  it('prints the matrix and exits 1 when the project has errors', async () => {
    const { code, stdout, stderr } = await cli(['list'], at('cli'))
    expect(code).toBe(1)
    expect(stdout).toBe('finding       boende\nmotesplatser  ✓     \n\nFindings per audience: boende 1\n')
    expect(stderr).toBe('✖ 1 content errors: run `sprid check` for details\n')
  })

  it('--json prints the matrix as JSON', async () => {
    const { code, stdout } = await cli(['list', '--json', '--date', '2026-01-01'], at('leak'))
    expect(code).toBe(1)
    const matrix = JSON.parse(stdout)
    expect(matrix.audiences.map((a: { id: string }) => a.id)).toEqual(['boende', 'intern'])
    expect(matrix.findings.find((f: { id: string }) => f.id === 'embargo-framtid').cells.boende).toEqual({
      included: false,
      reason: 'embargoed',
      detail: 'embargoed until 2026-06-01',
    })
  })
})
