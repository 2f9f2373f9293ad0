/** The training handout format: re-exports only. */
export { handoutFormat } from './format.js'
export {
  prepareHandout,
  printHandout,
  renderHandout,
  handoutPaths,
  MAX_PASSES,
  NOTES_PAGES,
  DISK_ASSET_BASE,
  TAKEAWAYS_ID,
  NOTES_ID,
} from './handout.js'
export type { HandoutView, HandoutTemplateData, HandoutDocument, HandoutSection, TocEntry } from './handout.js'
