/**
 * What loading derives from a file's text, kept between loads of one
 * process (the preview rebuilds on every save). An unchanged file is not
 * split, validated or parsed again, and its data and tree keep their
 * identity, on which later stages memoize (tailoring). Everything kept is
 * read-only: tailoring clones trees before it changes them.
 */
export interface LoadMemo {
  /**
   * Start a load. Values the previous load did not use are dropped, so the
   * memo never outgrows the project; a different list of remark plugins
   * drops everything.
   */
  begin(remarkPlugins: readonly unknown[]): void
  /** The value kept for `key`, else `compute()`'s, kept when `keep()` says so afterwards. */
  get<T>(key: string, compute: () => T, keep: () => boolean): T
}

export function createLoadMemo(): LoadMemo {
  let plugins: readonly unknown[] | undefined
  let previous = new Map<string, unknown>()
  let current = new Map<string, unknown>()
  return {
    begin(remarkPlugins) {
      const same = plugins !== undefined && plugins.length === remarkPlugins.length && plugins.every((plugin, i) => plugin === remarkPlugins[i])
      previous = same ? current : new Map()
      current = new Map()
      plugins = remarkPlugins
    },
    get<T>(key: string, compute: () => T, keep: () => boolean): T {
      if (current.has(key)) return current.get(key) as T
      if (previous.has(key)) {
        const value = previous.get(key) as T
        current.set(key, value)
        return value
      }
      const value = compute()
      if (keep()) current.set(key, value)
      return value
    },
  }
}
