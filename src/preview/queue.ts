/**
 * When to build: changes are collected for `debounce` ms, then built; a
 * change during a build queues one follow-up build with every file that
 * changed meanwhile. Never two builds at once.
 */

export interface BuildQueueOptions<T> {
  /** Wait this long after the last change. @default 30 */
  debounce?: number
  /** Build; `changed` holds the files that changed since the last build started. */
  run: (changed: readonly string[]) => Promise<T>
}

export interface BuildQueue<T> {
  /** Note a change; a build starts `debounce` ms after the last one. */
  change(file: string): void
  /** Build now (after the running build, if any). Resolves with that build's outcome. */
  build(): Promise<T>
  /** True while a build runs. */
  readonly busy: boolean
  /** Resolves when no build runs and none is due. */
  idle(): Promise<void>
  /** Stop: no new builds; resolves when the running one has finished. */
  close(): Promise<void>
}

export function createBuildQueue<T>(options: BuildQueueOptions<T>): BuildQueue<T> {
  const debounce = options.debounce ?? 30
  let changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<T> | undefined
  /** A build waiting for the running one: shared by every caller that asked meanwhile. */
  let next: Promise<T> | undefined
  let closed = false

  const start = (): Promise<T> => {
    const files = [...changed]
    changed = new Set()
    const current = options.run(files)
    running = current
    const done = () => {
      if (running === current) running = undefined
    }
    current.then(done, done)
    return current
  }

  const build = (): Promise<T> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!running) return start()
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined
        if (closed) throw new Error('The preview is closed')
        return start()
      })
    return next
  }

  const swallow = (promise: Promise<unknown>) => promise.catch(() => undefined)

  return {
    change(file) {
      if (closed) return
      changed.add(file)
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = undefined
        void swallow(build())
      }, debounce)
    },
    build() {
      if (closed) return Promise.reject(new Error('The preview is closed'))
      return build()
    },
    get busy() {
      return running !== undefined
    },
    async idle() {
      while (running || next || timer) {
        await swallow(next ?? running ?? new Promise((resolve) => setTimeout(resolve, debounce)))
      }
    },
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = undefined
      await swallow(next ?? Promise.resolve())
      await swallow(running ?? Promise.resolve())
    },
  }
}
