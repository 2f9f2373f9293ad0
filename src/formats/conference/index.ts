/** The conference deck format: re-exports only. */
export { conferenceFormat } from './format.js'
export { prepareDeck, printDeck, renderConference, renderConferenceHtml, deckPaths, deckImageFiles, SLIDE } from './deck.js'
export type { DeckView, DeckTemplateData, DeckDocument, PrintedDeck } from './deck.js'
export { planSlides, AGENDA_PER_SLIDE, MAX_BULLETS } from './slides.js'
export type { SlideView, SlideKind, AgendaItem } from './slides.js'
export { measureSlides, applyFits, showSlideSizes, slideSizes, overflowMessage, FIT_LEVELS, FIT_MINIMUM } from './fit.js'
export type { SlideFit, SlideSize, OverflowReport } from './fit.js'
