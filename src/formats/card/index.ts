export { cardFormat, cardView, cardFigure, titleSize, type CardView } from './format.js'
export { cardOptionsSchema, type CardOptions } from './options.js'
export { shortenTitle, type TitleOptions } from './title.js'
export { cardAlt, cardPath, CARD_SIZE, SQUARE_SIZE } from './image.js'
