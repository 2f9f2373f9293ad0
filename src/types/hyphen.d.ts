/**
 * The `hyphen` package (Liang's hyphenation patterns, ported from TeX) has no
 * types of its own. Each language is a CommonJS module, `hyphen/<lang>/index.js`,
 * whose `module.exports` is the object below (so `import()` gives it as `default`).
 */
declare module 'hyphen/*' {
  interface HyphenOptions {
    /** What to insert at each break. @default '\u00ad' */
    hyphenChar?: string
    /** Shorter words are left whole. @default 5 */
    minWordLength?: number
    /** Words hyphenated by hand, breaks marked with `-`: `['ta-ble']`. @default [] */
    exceptions?: string[]
  }

  interface Hyphen {
    /** `text` with `hyphenChar` at every break the patterns allow (HTML tags left alone). */
    hyphenateSync(text: string, options?: HyphenOptions): string
    hyphenate(text: string, options?: HyphenOptions): Promise<string>
    hyphenateHTMLSync(text: string, options?: HyphenOptions): string
    hyphenateHTML(text: string, options?: HyphenOptions): Promise<string>
    /** The compiled patterns. */
    patterns: unknown
  }

  const hyphen: Hyphen
  export default hyphen
}
