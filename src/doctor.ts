/**
 * `sprid doctor`: the environment facts that decide whether a build works
 * here: Node, the browser (which, and why), fonts, the config.
 */
import os from 'node:os'
import { doctorInfo, type BrowserDoctorInfo } from './browser/doctor.js'
import { loadConfig } from './config/load.js'
import { fontFaces } from './render/fonts.js'
import { version } from './version.js'

export interface DoctorFacts {
  sprid: string
  node: string
  platform: string
  cpus: number
  config: { file?: string; problem?: string; out?: string; lang?: string; baseUrl?: string }
  fonts: string[]
  browser: BrowserDoctorInfo
}

export async function doctor(
  root: string,
  options: { browser?: string; env: Readonly<Record<string, string | undefined>> },
): Promise<DoctorFacts> {
  let config: DoctorFacts['config']
  let browserOption = options.browser
  try {
    const resolved = await loadConfig(root)
    config = { file: resolved.file, out: resolved.out, lang: resolved.lang, baseUrl: resolved.baseUrl }
    browserOption ??= resolved.browser
  } catch (error) {
    config = { problem: (error as Error).message }
  }
  return {
    sprid: version,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: os.availableParallelism(),
    config,
    fonts: [...new Set(fontFaces.map((face) => `${face.family} ${face.weight}`))],
    browser: await doctorInfo({ browser: browserOption, env: options.env }),
  }
}

export function formatDoctor(facts: DoctorFacts): string {
  const lines = [
    `sprid ${facts.sprid} on Node ${facts.node} (${facts.platform}, ${facts.cpus} cores)`,
    `config:  ${facts.config.problem ?? facts.config.file ?? '(none: defaults)'}`,
    `fonts:   ${facts.fonts.join(', ')} (self-hosted, embedded in PDFs)`,
    'browser:',
    ...facts.browser.steps.map((step) => `  ${step.path ? '✓' : '·'} ${step.source}: ${step.detail}`),
  ]
  const { chosen, version: browserVersion, launchMs, problem } = facts.browser
  if (chosen) lines.push(`  → uses ${chosen.path} (${chosen.reason})`)
  if (browserVersion) lines.push(`  → started ${browserVersion} in ${launchMs} ms`)
  if (problem) lines.push(`  ✖ ${problem.message}`)
  return `${lines.join('\n')}\n`
}
