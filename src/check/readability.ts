/**
 * Readability scores of the text an audience actually receives.
 * LIX (Swedish): words / sentences + 100 x long words (> 6 letters) / words.
 * Flesch Reading Ease (English): 206.835 - 1.015 x words / sentences - 84.6 x syllables / words.
 */
import { syllable } from 'syllable'

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu

export function words(text: string): string[] {
  return text.match(WORD) ?? []
}

/** Sentences end at . ! ? : and at line ends (each block is its own line). */
export function sentenceCount(text: string): number {
  return Math.max(1, text.split(/[.!?:]+(?=\s|$)|\n+/u).filter((part) => words(part).length > 0).length)
}

export function lix(text: string): number {
  const all = words(text)
  if (all.length === 0) return 0
  const long = all.filter((word) => [...word].filter((c) => /\p{L}/u.test(c)).length > 6).length
  return all.length / sentenceCount(text) + (100 * long) / all.length
}

export function fleschReadingEase(text: string): number {
  const all = words(text)
  if (all.length === 0) return 100
  const syllables = all.reduce((sum, word) => sum + Math.max(1, syllable(word)), 0)
  return 206.835 - 1.015 * (all.length / sentenceCount(text)) - 84.6 * (syllables / all.length)
}
