/**
 * The build's coverage report (`report.json`, `report.html`) and its leak
 * guard: who got what, why not, in which language, and a scan of every
 * produced file for findings its readers may not receive.
 */
export {
  coverageData,
  coverageReport,
  REPORT_HTML,
  REPORT_JSON,
  type AudienceCoverage,
  type CoverageCell,
  type CoverageOptions,
  type CoverageReport,
  type FindingCoverage,
  type FormatStatus,
  type ReportMessage,
} from './report.js'
export { escapeHtml, renderReportHtml } from './html.js'
export {
  createLeakMemo,
  findLeaks,
  MIN_NEEDLE_LENGTH,
  reportLeaks,
  SENSITIVE_REASONS,
  type FileHits,
  type Leak,
  type LeakKind,
  type LeakMemo,
  type LeakScan,
  type LeakScanOptions,
  type SkippedOutput,
} from './leaks.js'
export { extractPdfText, pdfTextString, type PdfText } from './pdf-text.js'
export { decodeEntities, kindOf, markupText, normalize, textOf, type TextKind } from './text.js'
