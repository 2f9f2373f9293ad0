/**
 * Find, load, validate and resolve the config once. Nothing else reads the
 * config file, `process.env` or `process.cwd()`.
 */
import { readFile, access } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { configSchema, type UserConfig } from './schema.js'
import { sectionAliasMap } from './sections.js'
import { ConfigError } from '../errors.js'
import { closest, knownKeys } from '../content/validate.js'

export const CONFIG_FILES = [
  'sprid.config.ts',
  'sprid.config.mjs',
  'sprid.config.js',
  'sprid.config.json',
  'sprid.config.yaml',
  'sprid.config.yml',
] as const

/** Typed config for `sprid.config.ts` / `.mjs`: `export default defineConfig({ ... })`. */
export function defineConfig(config: UserConfig): UserConfig {
  return config
}

export interface ResolvedConfig {
  /** Absolute project root. */
  root: string
  /** Absolute path of the config file, when there is one. */
  file?: string
  title: string
  organisation?: string
  lang: string
  baseUrl?: string
  /** Absolute output folder. */
  out: string
  findings: string
  audiences: string
  /** Absolute folder of project template overrides. */
  templates: string
  /** Absolute cache folder. */
  cache: string
  /** Lower-cased heading -> section role. */
  sectionAliases: ReadonlyMap<string, string>
  labels: Readonly<Record<string, Readonly<Record<string, string>>>>
  markdown: { remarkPlugins: readonly unknown[]; rehypePlugins: readonly unknown[]; allowHtml: boolean }
  social: { utm_campaign?: string; platforms: Readonly<Record<string, Readonly<Record<string, unknown>>>> }
  browser?: string
  /** The validated user config, for hashing into cache keys. */
  user: Readonly<UserConfig>
}

export interface ConfigOverrides {
  out?: string
  baseUrl?: string
  browser?: string
}

/** Locate and load the config of the project at `root` and resolve every default. */
export async function loadConfig(root: string, overrides: ConfigOverrides = {}): Promise<Readonly<ResolvedConfig>> {
  const found = await findConfig(root)
  const user = found ? validateConfig(found.data, found.file) : {}
  return resolveConfig(root, user, found?.file, overrides)
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

async function findConfig(root: string): Promise<{ file: string; data: unknown } | undefined> {
  for (const name of CONFIG_FILES) {
    const file = path.join(root, name)
    if (await exists(file)) return { file, data: await readConfigFile(file) }
  }
  const manifest = path.join(root, 'package.json')
  if (await exists(manifest)) {
    const data = parseJson(await readFile(manifest, 'utf8'), manifest) as { sprid?: unknown }
    if (data && typeof data === 'object' && 'sprid' in data) return { file: manifest, data: data.sprid }
  }
  return undefined
}

async function readConfigFile(file: string): Promise<unknown> {
  const name = path.basename(file)
  if (name.endsWith('.json')) return parseJson(await readFile(file, 'utf8'), file)
  if (name.endsWith('.yaml') || name.endsWith('.yml')) {
    try {
      return parseYaml(await readFile(file, 'utf8'), { version: '1.2', merge: false, uniqueKeys: true })
    } catch (error) {
      throw new ConfigError(`${name}: invalid YAML: ${(error as Error).message}`, { cause: error })
    }
  }
  try {
    const module = name.endsWith('.ts')
      ? await (await import('jiti')).createJiti(import.meta.url, { moduleCache: false }).import(file)
      : await import(pathToFileURL(file).href)
    const value = (module as { default?: unknown }).default ?? module
    return typeof value === 'function' ? await (value as () => unknown)() : value
  } catch (error) {
    throw new ConfigError(`${name} threw while loading: ${(error as Error).message}`, { cause: error })
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError(`${path.basename(file)}: invalid JSON: ${(error as Error).message}`, { cause: error })
  }
}

function validateConfig(data: unknown, file: string): UserConfig {
  const result = configSchema.safeParse(data ?? {})
  if (result.success) return result.data
  const known = Object.keys(configSchema.shape)
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const suggestion = closest(key, issue.path.length === 0 ? known : knownKeys(configSchema, issue.path))
        return `unknown key \`${[...issue.path, key].join('.')}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`
      })
    }
    return [`\`${issue.path.join('.') || '(root)'}\`: ${issue.message}`]
  })
  throw new ConfigError(`${path.basename(file)} is not a valid sprid config:\n  - ${problems.join('\n  - ')}`)
}

/** Apply defaults and make paths absolute. */
export function resolveConfig(
  root: string,
  user: UserConfig,
  file?: string,
  overrides: ConfigOverrides = {},
): Readonly<ResolvedConfig> {
  const absolute = (value: string) => path.resolve(root, value)
  const baseUrl = overrides.baseUrl ?? user.baseUrl
  return Object.freeze({
    root: path.resolve(root),
    file,
    title: user.title ?? 'sprid',
    organisation: user.organisation,
    lang: user.lang ?? 'en',
    baseUrl: baseUrl?.replace(/\/+$/, ''),
    out: absolute(overrides.out ?? user.out ?? 'dist'),
    findings: user.findings ?? 'findings/**/*.md',
    audiences: user.audiences ?? 'findings/audiences/*.md',
    templates: absolute(user.templates ?? 'templates'),
    cache: absolute(user.cache ?? '.sprid-cache'),
    sectionAliases: sectionAliasMap(user.sections),
    labels: user.labels ?? {},
    markdown: {
      remarkPlugins: user.markdown?.remarkPlugins ?? [],
      rehypePlugins: user.markdown?.rehypePlugins ?? [],
      allowHtml: user.markdown?.allowHtml ?? false,
    },
    social: { utm_campaign: user.social?.utm_campaign, platforms: user.social?.platforms ?? {} },
    browser: overrides.browser ?? user.browser,
    user,
  })
}
