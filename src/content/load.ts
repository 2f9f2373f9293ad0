/**
 * Load a project: config, audience profiles and findings, each file read,
 * split, validated and parsed once. Problems become messages on their files;
 * a broken file is left out, never a crash of the batch.
 */
import { access } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { visit } from 'unist-util-visit'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { loadConfig, type ConfigOverrides, type ResolvedConfig } from '../config/load.js'
import { parseMarkdown } from '../markdown/parse.js'
import { lintDirectives } from '../markdown/directives.js'
import { parseFrontMatter, type FrontMatter } from './frontmatter.js'
import type { LoadMemo } from './memo.js'
import { readContentFile } from './read.js'
import { report } from './messages.js'
import { slugify } from './slug.js'
import { validate } from './validate.js'
import { audienceSchema, findingSchema, FORMAT_IDS, type AudienceFrontMatter, type FindingFrontMatter } from './schema.js'
import type { FormatId } from '../formats/types.js'

export const SUMMARY_WARN_LENGTH = 280

/** One finding file (a base file or a language variant), parsed. */
export interface SourceFinding {
  id: string
  /** Project-relative posix path. */
  file: string
  vfile: VFile
  data: FindingFrontMatter
  lang: string
  /** The body as mdast; positions are positions in the file. */
  tree: Root
  pointOf: FrontMatter['pointOf']
}

/** A finding with its language variants (`x.en.md` beside `x.md`). */
export interface FindingEntry {
  id: string
  base: SourceFinding
  /** Variants by language. */
  variants: ReadonlyMap<string, SourceFinding>
}

export interface SourceAudience {
  id: string
  file: string
  vfile: VFile
  data: AudienceFrontMatter
  lang: string
  /** Formats this audience gets, with their options. */
  formats: ReadonlyMap<FormatId, Readonly<Record<string, unknown>>>
  intro: Root
  pointOf: FrontMatter['pointOf']
}

export interface LoadOptions extends ConfigOverrides {
  /** An already resolved config (the build loads it first); else it is loaded from `root`. */
  config?: Readonly<ResolvedConfig>
  /** Build date `YYYY-MM-DD` (embargoes); resolve it with `resolveBuildDate`. */
  date: string
  /** Include `status: draft` findings. */
  drafts?: boolean
  /** What earlier loads in this process made of unchanged files (the preview's). @default read everything anew */
  memo?: LoadMemo
}

export interface Project {
  config: Readonly<ResolvedConfig>
  findings: readonly FindingEntry[]
  audiences: readonly SourceAudience[]
  /** Every file read, with its messages. */
  files: readonly VFile[]
  date: string
  drafts: boolean
}

const VARIANT = /^(.*)\.([a-z]{2,3})\.md$/

/** Load and validate the project at `root`. Config problems throw `ConfigError`. */
export async function loadProject(root: string, options: LoadOptions): Promise<Project> {
  const config = options.config ?? (await loadConfig(root, options))
  options.memo?.begin(config.markdown.remarkPlugins)
  const files: VFile[] = []
  const ignore = ['**/node_modules/**', '**/_*', '**/_*/**', '**/README.md', '**/readme.md']

  const audiencePaths = await glob(config.audiences, { cwd: config.root, ignore })
  const audiences: SourceAudience[] = []
  // Files are read at once (their I/O overlaps) and kept in path order.
  for (const audience of await Promise.all(audiencePaths.sort().map((relative) => loadAudience(config, relative, options.memo)))) {
    files.push(audience.vfile)
    if (audience.ok) audiences.push(audience.value)
  }
  const uniqueAudiences = unique(audiences)
  const audienceIds = new Set(uniqueAudiences.map((a) => a.id))

  const audienceSet = new Set(audiencePaths)
  const findingPaths = (await glob(config.findings, { cwd: config.root, ignore: [...ignore, 'findings/audiences/**'] }))
    .filter((p) => !audienceSet.has(p))
    .sort()
  const sources: SourceFinding[] = []
  for (const finding of await Promise.all(findingPaths.map((relative) => loadFinding(config, relative, audienceIds, options.memo)))) {
    files.push(finding.vfile)
    if (finding.ok) sources.push(finding.value)
  }

  const findings = groupVariants(sources, new Set(findingPaths))
  checkAudienceRefs(findings, uniqueAudiences)
  return { config, findings, audiences: uniqueAudiences, files, date: options.date, drafts: options.drafts ?? false }
}

type Loaded<T> = { ok: true; value: T; vfile: VFile } | { ok: false; vfile: VFile }

/** What a file's text alone yields: front matter, valid data, the body's tree. */
interface Parsed<T> {
  matter: FrontMatter
  data: T
  tree: Root
}

/**
 * Read a file and parse it against `schema`; problems go on its VFile. Text
 * seen by an earlier load comes from `memo` when parsing it reported nothing.
 */
async function readParsed<T>(
  config: ResolvedConfig,
  relative: string,
  schema: Parameters<typeof validate<T>>[0],
  memo: LoadMemo | undefined,
): Promise<{ file: VFile; parsed?: Parsed<T> }> {
  const { file, ok } = await readContentFile(path.join(config.root, relative), relative, config.root)
  if (!ok) return { file }
  const text = String(file.value)
  const parse = (): Parsed<T> | undefined => {
    const matter = parseFrontMatter(text, file)
    const data = matter.data && validate(schema, matter.data, file, matter.pointOf)
    return data === undefined ? undefined : { matter, data, tree: parseMarkdown(matter.body, config.markdown.remarkPlugins) }
  }
  const parsed = memo ? memo.get(`${relative}\0${text}`, parse, () => file.messages.length === 0) : parse()
  return { file, parsed }
}

async function loadAudience(config: ResolvedConfig, relative: string, memo: LoadMemo | undefined): Promise<Loaded<SourceAudience>> {
  const { file, parsed } = await readParsed(config, relative, audienceSchema, memo)
  if (!parsed) return { ok: false, vfile: file }
  const { matter, data, tree: intro } = parsed
  const id = data.id ?? slugify(path.basename(relative, '.md'))
  if (!id) {
    report(file, 'error', 'invalid-id', 'Cannot derive an id from the file name: set `id`', { line: 1, column: 1 })
    return { ok: false, vfile: file }
  }
  await checkFileExists(config, relative, data.theme?.logo, file, matter.pointOf(['theme', 'logo']), 'logo')
  return {
    ok: true,
    vfile: file,
    value: { id, file: relative, vfile: file, data, lang: data.lang ?? config.lang, formats: normalizeFormats(data.formats), intro, pointOf: matter.pointOf },
  }
}

/** `formats` as a list or a map -> one map of enabled formats; default every format. */
export function normalizeFormats(formats: AudienceFrontMatter['formats']): Map<FormatId, Record<string, unknown>> {
  const map = new Map<FormatId, Record<string, unknown>>()
  if (formats === undefined) {
    for (const id of FORMAT_IDS) map.set(id, {})
  } else if (Array.isArray(formats)) {
    for (const id of formats) map.set(id, {})
  } else {
    for (const id of FORMAT_IDS) {
      const options = formats[id]
      if (options === undefined || options === false) continue
      map.set(id, options === true ? {} : options)
    }
  }
  return map
}

async function loadFinding(
  config: ResolvedConfig,
  relative: string,
  audienceIds: ReadonlySet<string>,
  memo: LoadMemo | undefined,
): Promise<Loaded<SourceFinding>> {
  const { file, parsed } = await readParsed(config, relative, findingSchema, memo)
  if (!parsed) return { ok: false, vfile: file }
  const { matter, data, tree } = parsed

  const name = path.posix.basename(relative)
  const variant = VARIANT.exec(name)
  const baseName = variant?.[1] ?? name.replace(/\.md$/, '')
  const id = data.id ?? slugify(baseName)
  if (!id) {
    report(file, 'error', 'invalid-id', 'Cannot derive an id from the file name: set `id`', { line: 1, column: 1 })
    return { ok: false, vfile: file }
  }
  if (data.summary.length > SUMMARY_WARN_LENGTH) {
    report(file, 'warning', 'long-summary', `Summary is ${data.summary.length} characters; keep it to one or two sentences (at most ${SUMMARY_WARN_LENGTH})`, matter.pointOf(['summary']))
  }
  if (data.image !== undefined && !data.image_alt?.trim()) {
    report(file, 'error', 'missing-alt', '`image` needs `image_alt`: describe the image for people who cannot see it', matter.pointOf(['image']))
  }
  await checkFileExists(config, relative, data.image, file, matter.pointOf(['image']), 'image')

  for (const problem of lintDirectives(tree, { audiences: audienceIds, figures: new Set(Object.keys(data.figures ?? {})) })) {
    report(file, 'error', problem.ruleId, problem.message, problem.position)
  }
  await checkBodyImages(config, relative, tree, file)

  const lang = data.lang ?? (variant ? variant[2]! : config.lang)
  return { ok: true, vfile: file, value: { id, file: relative, vfile: file, data, lang, tree, pointOf: matter.pointOf } }
}

/** Resolve a path written in `from` (relative to that file) inside the project. */
export function resolveAsset(config: ResolvedConfig, from: string, target: string): string {
  return path.resolve(config.root, path.dirname(from), target)
}

async function checkFileExists(
  config: ResolvedConfig,
  from: string,
  target: string | undefined,
  file: VFile,
  place: ReturnType<FrontMatter['pointOf']>,
  what: string,
): Promise<void> {
  if (target === undefined) return
  const absolute = resolveAsset(config, from, target)
  const inside = isInside(config.root, absolute)
  if (!inside || !(await exists(absolute))) {
    report(file, 'error', 'missing-image', `${what === 'logo' ? 'Logo' : 'Image'} \`${target}\` ${inside ? 'does not exist' : 'is outside the project'}`, place)
  }
}

async function checkBodyImages(config: ResolvedConfig, from: string, tree: Root, file: VFile): Promise<void> {
  const images: { url: string; alt: string; position: import('unist').Position | undefined }[] = []
  visit(tree, 'image', (node) => {
    images.push({ url: node.url, alt: node.alt ?? '', position: node.position })
  })
  for (const image of images) {
    if (!image.alt.trim()) report(file, 'error', 'missing-alt', `Image \`${image.url}\` has no alt text: write ![description](${image.url})`, image.position)
    if (/^[a-z][a-z0-9+.-]*:/i.test(image.url) || image.url.startsWith('//')) continue
    const absolute = resolveAsset(config, from, decodePath(image.url.split(/[?#]/)[0]!))
    // Same rule as front-matter images: a body image must not pull in files from outside the project.
    const inside = isInside(config.root, absolute)
    if (!inside || !(await exists(absolute))) {
      report(file, 'error', 'missing-image', `Image \`${image.url}\` ${inside ? 'does not exist' : 'is outside the project'}`, image.position)
    }
  }
}

/** `%20` -> space; a stray `%` (as in `100%.png`) makes `decodeURI` throw, so keep such a path as written. */
function decodePath(value: string): string {
  try {
    return decodeURI(value)
  } catch {
    return value
  }
}

/** Whether `absolute` is `root` or below it (`..foo` is a name, not a way out). */
function isInside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute)
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

/** Pair `x.<lang>.md` variants with their base file `x.md`; `paths` are every finding file found, loaded or not. */
function groupVariants(sources: SourceFinding[], paths: ReadonlySet<string>): FindingEntry[] {
  const bases = new Map<string, { base: SourceFinding; variants: Map<string, SourceFinding> }>()
  const variants: SourceFinding[] = []
  for (const source of sources) {
    if (VARIANT.test(path.posix.basename(source.file))) variants.push(source)
    else if (!bases.has(source.id)) bases.set(source.id, { base: source, variants: new Map() })
    else duplicate(source, bases.get(source.id)!.base)
  }
  for (const variant of variants) {
    const entry = bases.get(variant.id)
    if (!entry) {
      const expected = variant.file.replace(VARIANT, '$1.md')
      // A base file that exists but failed to load has its own errors; "has no base file" would mislead.
      const reason = paths.has(expected) && !sources.some((source) => source.file === expected)
        ? `Translation of \`${variant.id}\` is left out: its base file \`${expected}\` has errors`
        : `Translation of \`${variant.id}\` has no base file (expected \`${expected}\`, or an \`id: ${variant.id}\` in it)`
      report(variant.vfile, 'error', 'orphan-translation', reason, { line: 1, column: 1 })
      continue
    }
    if (variant.lang === entry.base.lang) {
      report(variant.vfile, 'error', 'duplicate-id', `\`${variant.file}\` and \`${entry.base.file}\` are both \`${variant.lang}\` versions of \`${variant.id}\``, variant.pointOf(['lang']))
      continue
    }
    entry.variants.set(variant.lang, variant)
  }
  return [...bases.values()].map(({ base, variants: map }) => ({ id: base.id, base, variants: map }))
}

function duplicate(source: { id: string; file: string; vfile: VFile; pointOf: FrontMatter['pointOf'] }, first: { file: string }): void {
  report(source.vfile, 'error', 'duplicate-id', `Duplicate id \`${source.id}\`: also used by \`${first.file}\``, source.pointOf(['id']))
}

/** Drop (and report) items whose id is taken; file names that differ by case or å/a share a slug, so collide too. */
function unique<T extends { id: string; file: string; vfile: VFile; pointOf: FrontMatter['pointOf'] }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>()
  for (const item of items) {
    const first = seen.get(item.id)
    if (first) duplicate(item, first)
    else seen.set(item.id, item)
  }
  return [...seen.values()]
}

/** `audiences:` in a finding must name known audiences. */
function checkAudienceRefs(findings: readonly FindingEntry[], audiences: readonly SourceAudience[]): void {
  const known = new Set(audiences.map((a) => a.id))
  for (const entry of findings) {
    for (const source of [entry.base, ...entry.variants.values()]) {
      source.data.audiences?.forEach((id, index) => {
        if (!known.has(id)) {
          report(source.vfile, 'error', 'unknown-audience', `Unknown audience \`${id}\`; known: ${[...known].join(', ')}`, source.pointOf(['audiences', index]))
        }
      })
    }
  }
}
