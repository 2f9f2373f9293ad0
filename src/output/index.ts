/**
 * The output stage: an atomic output folder, its manifest, and the
 * incremental build cache.
 */
export {
  assertSafeOutputDir,
  linkOrCopy,
  markerContents,
  MARKER_FILE,
  prepareOutput,
  type CommitResult,
  type OutputFolderOptions,
  type OutputWriter,
  type PrepareOutputOptions,
  type RawFile,
  type SafeOutputDir,
} from './atomic.js'
export {
  openCache,
  type BuildCache,
  type CacheEntry,
  type CacheOptions,
  type CachedFile,
  type CachePutFile,
  type PruneResult,
} from './cache.js'
export { OutputFolderError, OutputPathError, type OutputFolderReason } from './errors.js'
export { hashFile, hashFolders, sha256, stableHash } from './hash.js'
export {
  recordJobMessage,
  runJob,
  runJobs,
  type JobFailure,
  type JobProgress,
  type JobResult,
  type PlannedJob,
  type RunJobOptions,
  type RunJobsOptions,
  type RunJobsResult,
} from './jobs.js'
export {
  createManifest,
  MANIFEST_FILE,
  serializeManifest,
  type FileMeta,
  type Manifest,
  type ManifestEntry,
} from './manifest.js'
export { assertRelativePath } from './paths.js'
