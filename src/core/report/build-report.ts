import type { Config } from '../config/options.js';
import { applySeverity } from '../rules/apply-severity.js';
import type {
  ClassifiedLink,
  DomainProfile,
  Finding,
  Incomplete,
  LinkResult,
  LinkStatus,
  Report,
  Violation,
} from '../types.js';
import { version } from '../version.js';
import { sortFindings } from './sort-findings.js';

/** What the pipeline hands over once every check has run. */
export interface ReportInput {
  readonly config: Config;
  readonly files: number;
  readonly classified: readonly ClassifiedLink[];
  readonly violations: readonly Violation[];
  /** Run-level warnings that belong to no file, such as an unusable cache. */
  readonly warnings: readonly string[];
  /** The anchor profile of every external domain. */
  readonly anchors: readonly DomainProfile[];
  readonly durationMs: number;
  /** External URLs (without fragment) an interruption left without an outcome: their links are `unchecked`. */
  readonly unchecked?: ReadonlySet<string>;
  /** Set when the run was interrupted. */
  readonly interrupted?: Omit<Incomplete, 'linksUnchecked'>;
}

/** Applies severities, sorts findings, counts, and gives every link its status. */
export function buildReport(input: ReportInput): Report {
  const findings = sortFindings(applySeverity(input.violations, input.config.rules, input.config.overrides));
  const broken = new Set(findings.map(linkKey));
  const unchecked = input.unchecked ?? new Set<string>();
  // Violations, not findings: a link blockPrivate refused was not checked even when its rule is `off`.
  const blocked = new Set(input.violations.filter((violation) => violation.rule === 'blocked-address').map(linkKey));
  const links = input.classified.map((entry): LinkResult => ({
    ...entry,
    status: blocked.has(linkKey(entry.link)) ? 'skipped' : statusOf(entry, broken, input.config.offline, unchecked),
  }));
  const external = input.classified.flatMap(({ target }) =>
    target.type === 'external' ? [withoutFragment(target.url)] : [],
  );
  return {
    tool: { name: 'linkvet', version },
    stats: {
      files: input.files,
      links: input.classified.length,
      uniqueUrls: new Set(external).size,
      errors: count(findings, 'error'),
      warnings: count(findings, 'warning'),
      notices: count(findings, 'notice'),
      durationMs: input.durationMs,
    },
    findings,
    links,
    warnings: input.warnings,
    anchors: input.anchors,
    ...(input.interrupted === undefined
      ? {}
      : {
          incomplete: {
            ...input.interrupted,
            linksUnchecked: links.filter((link) => link.status === 'unchecked').length,
          },
        }),
  };
}

function linkKey(item: { file: string; span: { start: { line: number; column: number } }; url: string }): string {
  return `${item.file}:${item.span.start.line}:${item.span.start.column}:${item.url}`;
}

/** External links are `skipped` offline; ignored ones always. */
function statusOf(
  { link, target }: ClassifiedLink,
  broken: ReadonlySet<string>,
  offline: boolean,
  unchecked: ReadonlySet<string>,
): LinkStatus {
  if (broken.has(linkKey(link))) return 'broken';
  if (target.type === 'external' && unchecked.has(parsedWithoutFragment(target.url))) return 'unchecked';
  return target.type === 'ignored' || (target.type === 'external' && offline) ? 'skipped' : 'ok';
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** The URL as the external check keys it: parsed (so normalized) and without its fragment. */
function parsedWithoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length;
}
