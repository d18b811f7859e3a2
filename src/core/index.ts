/** linkvet's core: the pipeline, its configuration, its reporters. Shells import only this. */
export { checkLinks, type Progress, type RunHooks } from './check-links.js';
export { loadConfig, type ConfigRequest } from './config/load-config.js';
export { configKeys } from './config/validate-options.js';
export { graphqlUrlFrom } from './config/graphql-url.js';
export type { Config, FailOn, Options, Shard } from './config/options.js';
export { isMarkdown } from './config/defaults.js';
export { parseExcludes, parseShard } from './config/flag-values.js';
export { LinkvetError, type ErrorLocation, type LinkvetErrorCode } from './errors.js';
export { getExitCode } from './exit-code.js';
export { ruleIds, ruleMeta, type RuleMeta } from './rules/registry.js';
export { toJson, type JsonOptions } from './report/to-json.js';
export { toText, interruptedLine, type TextOptions } from './report/to-text.js';
export { terminalSafe } from './report/terminal-safe.js';
export { toSarif } from './report/to-sarif.js';
export { toMarkdown, type MarkdownOptions } from './report/to-markdown.js';
export { escapeMarkdown, inlineCode, messageToMarkdown } from './report/escape-markdown.js';
export { version } from './version.js';
export type * from './types.js';
export { selectFindings } from './report/select-findings.js';
export { maxReportBytes, readReport } from './report/read-report.js';
export {
  planAnnotations,
  annotationsPerSeverity,
  type Annotation,
  type AnnotationPlan,
} from './report/github/annotations.js';
export { blobUrl, type CommitLocation } from './report/github/blob-links.js';
export { diffLines, type DiffLines } from './report/github/diff-lines.js';
export { toJobSummary, jobSummaryLimitBytes, type JobSummaryOptions } from './report/github/job-summary.js';
export {
  toPrComment,
  isStickyComment,
  stickyCommentMarker,
  commentLimitChars,
  type PrCommentOptions,
} from './report/github/pr-comment.js';
export { suggestChanges, type SuggestedChange, type SuggestionSources } from './report/github/review-suggestions.js';
export { readReportFile, type ReportFile, type LinkRecord } from './report/read-report.js';
export { mergeReports, type NamedReport } from './merge-reports.js';
export { writeFileAtomic, WriteFileError } from './util/write-file-atomic.js';
export { readPlainFile, readRegularFile, whyUnreadable } from './util/read-regular-file.js';
export { containedPath } from './util/contained-path.js';
