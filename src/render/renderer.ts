/**
 * The template renderer: LiquidJS set up defensively. Every output is
 * HTML-escaped unless it is sprid's sanitized HTML passed through `raw`;
 * unknown variables and filters are errors at the template's file and line;
 * templates load only from the template folders; parse and render work is
 * bounded. Templates are compiled once per renderer.
 *
 * Lookup order for `templates/<format>/<name>` (also for includes, layouts
 * and static files): the project's `<format>/`, sprid's `<format>/`, the
 * project's `shared/`, sprid's `shared/`.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Liquid, LiquidError, type Context, type Template } from 'liquidjs'
import type { FormatId, TemplateRenderer } from '../formats/types.js'
import { packageRoot } from '../version.js'
import { TemplateError } from './errors.js'
import { createFilters, type RenderState } from './filters.js'
import { createConfinedFs, isInside, isSafeTemplateName } from './fs.js'
import { resolveLabels, type LabelOverrides, type Labels } from './labels.js'

/** sprid's built-in template folder: `templates/` in the package. */
export const builtinTemplatesDir: string = fileURLToPath(new URL('templates/', packageRoot))

/** The folder of files every format can use (`fonts.css`, `tokens.css`, shared partials). */
export const SHARED_FOLDER = 'shared'

export interface TemplateLimits {
  /** Characters parsed per template (with its includes). @default 5_000_000 */
  parse?: number
  /** Milliseconds per render call. @default 20_000 */
  render?: number
  /** LiquidJS memory units (ranges, string and array allocations in filters) per render call. @default 100_000_000 */
  memory?: number
}

export interface TemplateRendererOptions {
  /** sprid's built-in templates (`templates/`, holding `<format>/` and `shared/`). @default builtinTemplatesDir */
  builtinDir?: string
  /** The project's template overrides (config `templates`): a file here replaces the built-in file of the same path. */
  projectDir?: string
  /** Data every template sees, e.g. `{ site }`; the data of a render call wins over it. */
  globals: Readonly<Record<string, unknown>>
  /** Label overrides and additions per language (config `labels`). @default {} */
  labels?: LabelOverrides
  limits?: TemplateLimits
}

/** The renderer, plus helpers for formats that write text outside templates. */
export interface SpridTemplateRenderer extends TemplateRenderer {
  /** The label table of `lang`, with the project's overrides. */
  labels(lang: string): Labels
  /** The template folders searched for `format`, in lookup order. */
  folders(format: FormatId | typeof SHARED_FOLDER): readonly string[]
}

/** Keys whose string values are sanitized HTML from the markdown stage (`html`, `introHtml`, `notes.html`). */
const TRUSTED_KEYS: ReadonlySet<string> = new Set(['html', 'introHtml'])

/** Collect the sanitized HTML strings in render data, for `raw`. */
function collectTrusted(value: unknown, into: Set<string>, seen: Set<object>, depth = 0): void {
  if (typeof value !== 'object' || value === null || depth > 12 || seen.has(value)) return
  seen.add(value)
  if (Array.isArray(value)) {
    for (const item of value) collectTrusted(item, into, seen, depth + 1)
    return
  }
  for (const [key, child] of Object.entries(value)) {
    if (TRUSTED_KEYS.has(key) && typeof child === 'string') into.add(child)
    else collectTrusted(child, into, seen, depth + 1)
  }
}

function pickLang(...scopes: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  for (const scope of scopes) if (typeof scope.lang === 'string' && scope.lang !== '') return scope.lang
  for (const scope of scopes) {
    const site = scope.site as { lang?: unknown } | undefined
    if (typeof site?.lang === 'string' && site.lang !== '') return site.lang
  }
  return 'en'
}

/**
 * Turn anything LiquidJS throws into a `TemplateError` with the innermost
 * template's place. LiquidJS does not always keep the file on the token, so
 * `locate` maps a template's source text back to its file.
 */
export function toTemplateError(
  error: unknown,
  fallbackFile: string,
  locate: (source: string) => string | undefined = () => undefined,
): TemplateError {
  if (error instanceof TemplateError) return error
  if (LiquidError.is(error)) {
    let inner = error as LiquidError & { errors?: LiquidError[]; originalError?: unknown }
    if (Array.isArray(inner.errors) && inner.errors[0]) inner = inner.errors[0]
    // A render error wraps the error of the template it came from (e.g. an include): find the innermost one.
    while (LiquidError.is(inner.originalError)) inner = inner.originalError as typeof inner
    const token = (inner as unknown as { token?: { file?: string; input?: string; getPosition?: () => [number, number] } }).token
    const [line, column] = token?.getPosition?.() ?? []
    const original = inner.originalError instanceof Error ? inner.originalError.message : inner.message
    const reason = original.replace(/, line:\d+, col:\d+$/, '').replace(/^ENOENT: /, '')
    return new TemplateError(reason, {
      file: token?.file ?? (typeof token?.input === 'string' ? locate(token.input) : undefined) ?? fallbackFile,
      line,
      column,
      frame: typeof inner.context === 'string' && inner.context !== '' ? inner.context : undefined,
      cause: error,
    })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new TemplateError(message, { file: fallbackFile, cause: error })
}

/**
 * Create the renderer for one build. Templates are parsed once and kept:
 * create a new renderer when template files change (watch mode).
 */
export function createTemplateRenderer(options: TemplateRendererOptions): SpridTemplateRenderer {
  const builtinDir = path.resolve(options.builtinDir ?? builtinTemplatesDir)
  const projectDir = options.projectDir === undefined ? undefined : path.resolve(options.projectDir)
  const globals = options.globals
  const overrides = options.labels ?? {}
  const limits = options.limits ?? {}

  const labelCache = new Map<string, Labels>()
  const labels = (lang: string): Labels => {
    let table = labelCache.get(lang)
    if (!table) {
      table = resolveLabels(lang, overrides)
      labelCache.set(lang, table)
    }
    return table
  }

  // Per render call: the call's globals object is shared by every context
  // (includes, `render`, layouts) of that call, so it keys the call's state.
  const states = new WeakMap<object, RenderState>()
  const stateOf = (context: Context): RenderState => {
    const state = states.get(context.globals as object)
    if (!state) throw new Error('sprid filters only work inside the sprid renderer')
    return state
  }
  const filters = createFilters(stateOf)

  const folders = (format: string): string[] => {
    const list: string[] = []
    for (const folder of format === SHARED_FOLDER ? [SHARED_FOLDER] : [format, SHARED_FOLDER]) {
      if (projectDir) list.push(path.join(projectDir, folder))
      list.push(path.join(builtinDir, folder))
    }
    return list
  }

  // Template source -> file, for error places.
  const sources = new Map<string, string>()
  const locate = (source: string) => sources.get(source)

  const engines = new Map<string, Liquid>()
  const engine = (format: string): Liquid => {
    let liquid = engines.get(format)
    if (!liquid) {
      const dirs = folders(format)
      liquid = new Liquid({
        root: dirs,
        partials: dirs,
        layouts: dirs,
        fs: createConfinedFs((file, text) => sources.set(text, file)),
        relativeReference: false,
        extname: '.liquid',
        cache: true,
        outputEscape: 'escape',
        strictFilters: true,
        strictVariables: true,
        lenientIf: true,
        ownPropertyOnly: true,
        jsTruthy: false,
        dynamicPartials: true,
        greedy: true,
        parseLimit: limits.parse ?? 5_000_000,
        renderLimit: limits.render ?? 20_000,
        memoryLimit: limits.memory ?? 100_000_000,
      })
      for (const [name, filter] of Object.entries(filters)) liquid.registerFilter(name, filter)
      engines.set(format, liquid)
    }
    return liquid
  }

  const checkFormat = (format: string): void => {
    if (!/^[a-z][a-z0-9-]*$/.test(format)) throw new TemplateError(`Not a template folder name: ${JSON.stringify(format)}`, { file: String(format) })
  }

  const compiled = new Map<string, Promise<Template[]>>()
  const compile = (format: string, name: string): Promise<Template[]> => {
    const key = `${format}\0${name}`
    let template = compiled.get(key)
    if (!template) {
      template = (async () => {
        if (!isSafeTemplateName(name)) {
          throw new TemplateError(`Template names are relative paths inside the template folders: ${JSON.stringify(name)}`, {
            file: `${format}/${name}`,
          })
        }
        try {
          return await engine(format).parseFile(name)
        } catch (error) {
          if ((error as { code?: unknown }).code === 'ENOENT') {
            throw new TemplateError(`Template not found: \`${format}/${name}\` (looked in ${folders(format).join(', ')})`, {
              file: `${format}/${name}`,
              cause: error,
            })
          }
          throw toTemplateError(error, `${format}/${name}`, locate)
        }
      })()
      compiled.set(key, template)
      template.catch(() => compiled.delete(key))
    }
    return template
  }

  return {
    async render(format, name, data) {
      checkFormat(format)
      const template = await compile(format, name)
      const callGlobals: Record<string, unknown> = { ...globals }
      const trusted = new Set<string>()
      collectTrusted(data, trusted, new Set())
      collectTrusted(globals, trusted, new Set())
      states.set(callGlobals, { lang: pickLang(data, globals), labels, trusted })
      try {
        // Synchronously: every filter and the file system are synchronous, and the
        // asynchronous renderer makes a promise per node (several times slower).
        // Without stack traces meanwhile: with strict variables, Liquid throws
        // an Error for every `{% if %}` on an absent optional field (and
        // catches it), and capturing their stacks was a fifth of the time.
        // Template errors are located by Liquid's tokens, not by stacks.
        const limit = Error.stackTraceLimit
        Error.stackTraceLimit = 0
        try {
          const output: unknown = engine(format).renderSync(template, data, { globals: callGlobals })
          return String(output)
        } finally {
          Error.stackTraceLimit = limit
        }
      } catch (error) {
        throw toTemplateError(error, `${format}/${name}`, locate)
      }
    },

    async readFile(format, name) {
      checkFormat(format)
      if (!isSafeTemplateName(name)) {
        throw new TemplateError(`Template files are relative paths inside the template folders: ${JSON.stringify(name)}`, {
          file: `${format}/${name}`,
        })
      }
      for (const folder of folders(format)) {
        const file = path.resolve(folder, name)
        try {
          if (!(await stat(file)).isFile()) continue
        } catch {
          continue
        }
        if (!(await isInside(folder, file))) continue
        return new Uint8Array(await readFile(file))
      }
      throw new TemplateError(`Template file not found: \`${format}/${name}\` (looked in ${folders(format).join(', ')})`, {
        file: `${format}/${name}`,
      })
    },

    labels,
    folders,
  }
}
