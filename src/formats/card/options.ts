import { z } from 'zod'

/** A profile's `formats.card`. */
export const cardOptionsSchema = z.strictObject({
  square: z.boolean().optional().describe('Also make a 1080x1080 card (`cards/<finding>-square.png`), used for Instagram posts. @default false'),
})

export type CardOptions = z.infer<typeof cardOptionsSchema>
