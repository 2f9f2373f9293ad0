/** `sprid preview`: the dev server with live reload, error overlay and side-by-side view. */
export { preview, DEFAULT_HOST, DEFAULT_PORT } from './preview.js'
export type { PreviewBuild, PreviewOptions, PreviewServer } from './preview.js'
export type { PreviewEvent } from './events.js'
export type { PreviewProblem } from './problems.js'
export { PreviewServerError } from './errors.js'
