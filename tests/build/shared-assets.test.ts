/** Files several formats declare alike: written once, credited to the first format, the same whichever formats run. */
import { describe, expect, it } from 'vitest'
import { sharedAssetJobs } from '../../src/formats/shared-assets.js'
import type { FormatId, OutputFile } from '../../src/formats/types.js'

const file = (path: string, contents: string, format: FormatId, audience: string | null = null): OutputFile => ({
  path,
  contents,
  format,
  audience,
  finding: null,
})

const written = async (jobs: ReturnType<typeof sharedAssetJobs>) =>
  (await Promise.all(jobs.map(async ({ format, job }) => (await job.run()).map((out) => `${format}:${out.format}:${out.path}`)))).flat()

describe('sharedAssetJobs', () => {
  it('writes each path once, credited to the first format that declared it', async () => {
    const jobs = sharedAssetJobs([
      { format: 'web', files: [file('assets/fonts/b.woff2', 'B', 'web'), file('assets/fonts/a.woff2', 'A', 'web')] },
      { format: 'handout', files: [file('assets/fonts/a.woff2', 'A', 'handout', 'boende'), file('assets/img/logo.1.svg', 'L', 'handout')] },
    ])
    expect(jobs.map(({ format, job }) => [format, job.label])).toEqual([
      ['web', 'web assets/'],
      ['handout', 'handout assets/'],
    ])
    expect(await written(jobs)).toEqual(['web:web:assets/fonts/a.woff2', 'web:web:assets/fonts/b.woff2', 'handout:handout:assets/img/logo.1.svg'])
    // Site files: no audience, whoever declared them.
    expect((await jobs[1]!.job.run()).every((out) => out.audience === null)).toBe(true)
  })

  it('plans the same jobs with the same cache inputs whatever order the files come in', () => {
    const a = file('assets/fonts/a.woff2', 'A', 'handout')
    const b = file('assets/fonts/b.woff2', 'B', 'handout')
    const inputs = (files: OutputFile[]) => sharedAssetJobs([{ format: 'handout', files }]).map(({ job }) => job.inputs)
    expect(inputs([a, b])).toEqual(inputs([b, a]))
  })

  it('refuses one path with two contents', () => {
    expect(() =>
      sharedAssetJobs([
        { format: 'web', files: [file('assets/fonts/a.woff2', 'A', 'web')] },
        { format: 'conference', files: [file('assets/fonts/a.woff2', 'other', 'conference')] },
      ]),
    ).toThrow('The web and conference formats write `assets/fonts/a.woff2` with different contents')
  })
})
