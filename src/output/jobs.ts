/**
 * Running render jobs through the cache into the output folder: a job whose
 * key is in the cache is materialized by hardlinks and not run; any other
 * job is run, its files written and stored in the cache.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import os from 'node:os'
import path from 'node:path'
import createDebug from 'debug'
import type { FormatId, RenderJob, RenderMessage } from '../formats/types.js'
import type { OutputWriter } from './atomic.js'
import type { BuildCache, CacheEntry } from './cache.js'
import type { ManifestEntry } from './manifest.js'

const debug = createDebug('sprid:output')

/** The messages of the job whose `run()` is on the current async call chain. */
const currentJob = new AsyncLocalStorage<RenderMessage[]>()

/**
 * Attach `message` to the render job that is running (found through the
 * async call chain, so it works with jobs running in parallel). Use it in
 * `FormatContext.report`: a job's messages are stored with its cache entry
 * and replayed on a hit (`JobResult.messages`), so a cached rebuild reports
 * the same warnings. A job that reports an error is not cached.
 *
 * @returns `false` when no job is running: report the message directly.
 */
export function recordJobMessage(message: RenderMessage): boolean {
  const messages = currentJob.getStore()
  if (messages === undefined) return false
  messages.push(message)
  return true
}

/** A job with the format that planned it (part of its cache key). */
export interface PlannedJob {
  format: FormatId
  job: RenderJob
}

export interface JobResult {
  label: string
  format: FormatId
  /** The cache key, or `undefined` without a cache. */
  key: string | undefined
  /** True when the files came from the cache and `run()` was not called. */
  cached: boolean
  /** The files the job put in the output folder. */
  entries: ManifestEntry[]
  /** What the job reported through `recordJobMessage`, replayed from the cache on a hit. */
  messages: RenderMessage[]
}

export interface JobFailure {
  label: string
  format: FormatId
  /** What `run()` (or writing its files) threw. */
  error: unknown
  /** What the job reported through `recordJobMessage` before it failed. */
  messages: RenderMessage[]
}

export interface RunJobOptions {
  output: OutputWriter
  /** Without a cache every job runs. */
  cache?: BuildCache
}

export interface JobProgress {
  /** Jobs finished so far, this one included. */
  done: number
  total: number
  label: string
  format: FormatId
  cached: boolean
  /** Set when the job failed. */
  error?: unknown
}

export interface RunJobsOptions extends RunJobOptions {
  /**
   * Jobs run at the same time.
   * @default Math.min(8, os.availableParallelism())
   */
  concurrency?: number
  /** Called after every job, in completion order. */
  onProgress?: (progress: JobProgress) => void
  /** Stops starting new jobs; `runJobs` then rejects with the signal's reason. */
  signal?: AbortSignal
}

export interface RunJobsResult {
  /** Successful jobs, in the order given. */
  results: JobResult[]
  /** Failed jobs, in the order given. A failure does not stop the other jobs. */
  failures: JobFailure[]
}

/**
 * Materialize one job from the cache, or run it, write its files and store
 * them in the cache.
 *
 * @throws whatever `run()` throws, or an `OutputPathError` for a file that
 *   cannot be written.
 */
export async function runJob(planned: PlannedJob, options: RunJobOptions): Promise<JobResult> {
  return runJobWith(planned, options, [])
}

async function runJobWith(
  planned: PlannedJob,
  options: RunJobOptions,
  messages: RenderMessage[],
): Promise<JobResult> {
  const { job, format } = planned
  const { output, cache } = options
  const key = cache?.keyFor(job, format)
  const result = { label: job.label, format, key }

  if (cache !== undefined && key !== undefined) {
    const hit = await cache.get(key)
    if (hit !== undefined) {
      const entries = await materialize(hit, output)
      if (entries !== undefined) {
        return { ...result, cached: true, entries, messages: hit.messages }
      }
    }
  }

  const files = await currentJob.run(messages, () => job.run())
  const entries = await Promise.all(files.map((file) => output.write(file)))
  // A job that reported an error runs again next time, so the error is not lost.
  const failed = messages.some((message) => message.severity === 'error')
  if (cache !== undefined && key !== undefined && !failed) {
    await cache.put(
      key,
      entries.map((entry) => ({
        ...entry,
        source: path.join(output.tempDir, ...entry.path.split('/')),
      })),
      messages,
    )
  }
  return { ...result, cached: false, entries, messages }
}

/**
 * Run `jobs` with at most `concurrency` at a time. Every job runs even when
 * others fail; failures are returned, not thrown.
 */
export async function runJobs(
  jobs: readonly PlannedJob[],
  options: RunJobsOptions,
): Promise<RunJobsResult> {
  const { signal, onProgress } = options
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? Math.min(8, os.availableParallelism())))
  const outcomes: Array<JobResult | JobFailure | undefined> = new Array(jobs.length)
  let next = 0
  let done = 0

  const worker = async (): Promise<void> => {
    while (next < jobs.length && !signal?.aborted) {
      const index = next++
      const planned = jobs[index]!
      const messages: RenderMessage[] = []
      let outcome: JobResult | JobFailure
      try {
        outcome = await runJobWith(planned, options, messages)
      } catch (error) {
        outcome = { label: planned.job.label, format: planned.format, error, messages }
      }
      outcomes[index] = outcome
      done++
      onProgress?.({
        done,
        total: jobs.length,
        label: outcome.label,
        format: outcome.format,
        cached: 'cached' in outcome && outcome.cached,
        ...('error' in outcome ? { error: outcome.error } : {}),
      })
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker))
  signal?.throwIfAborted()

  const results: JobResult[] = []
  const failures: JobFailure[] = []
  for (const outcome of outcomes) {
    if (outcome === undefined) continue
    if ('error' in outcome) failures.push(outcome)
    else results.push(outcome)
  }
  return { results, failures }
}

/** Link every file of a hit into the output; on any failure undo and report a miss. */
async function materialize(
  hit: CacheEntry,
  output: OutputWriter,
): Promise<ManifestEntry[] | undefined> {
  const settled = await Promise.allSettled(
    hit.files.map((file) =>
      output.link(file.object, file.path, file, { bytes: file.bytes, sha256: file.sha256 }),
    ),
  )
  const failed = settled.find((item) => item.status === 'rejected')
  if (failed === undefined) {
    return settled.map((item) => (item as PromiseFulfilledResult<ManifestEntry>).value)
  }
  debug('could not materialize %s, running the job: %O', hit.key, (failed as PromiseRejectedResult).reason)
  await Promise.all(
    settled.map((item) =>
      item.status === 'fulfilled' ? output.remove(item.value.path) : Promise.resolve(),
    ),
  )
  return undefined
}
