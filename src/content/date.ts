import { UsageError } from '../errors.js'
import { dateString } from './schema.js'

/**
 * The date of a build (for embargoes and dates in outputs): `--date`, then
 * `SOURCE_DATE_EPOCH`, then today, as `YYYY-MM-DD` in UTC.
 */
export function resolveBuildDate(options: { date?: string; sourceDateEpoch?: string; now?: Date } = {}): string {
  if (options.date !== undefined) {
    if (!dateString.safeParse(options.date).success) throw new UsageError(`--date must be a real date as YYYY-MM-DD, got \`${options.date}\``)
    return options.date
  }
  if (options.sourceDateEpoch !== undefined && options.sourceDateEpoch !== '') {
    const seconds = Number(options.sourceDateEpoch)
    if (!Number.isInteger(seconds)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds, got \`${options.sourceDateEpoch}\``)
    return new Date(seconds * 1000).toISOString().slice(0, 10)
  }
  return (options.now ?? new Date()).toISOString().slice(0, 10)
}
