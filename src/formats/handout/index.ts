/** The training handout format: re-exports only. */
export { handoutFormat } from './format.js'
export {
  prepareHandout,
  printHandout,
  renderHandout,
  renderHandoutHtml,
  handoutPaths,
  MAX_PASSES,
  NOTES_PAGES,
  TAKEAWAYS_ID,
  NOTES_ID,
} from './handout.js'
export type { HandoutView, HandoutTemplateData, HandoutDocument, HandoutSection, TocEntry } from './handout.js'
