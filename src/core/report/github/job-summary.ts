import type { Report } from '../../types.js';
import { anchorProfileToMarkdown } from '../anchor-profile-markdown.js';
import { messageToMarkdown } from '../escape-markdown.js';
import { interruptedNotice, totalsLine } from '../to-markdown.js';
import type { CommitLocation } from './blob-links.js';
import { findingsByFile } from './findings-by-file.js';

/** GitHub refuses a step's summary above 1 MiB. */
export const jobSummaryLimitBytes = 1024 * 1024;

export interface JobSummaryOptions {
  /** The commit the findings' lines link to. */
  readonly at?: CommitLocation;
  /** Findings that were not shown as annotations (GitHub caps them per step). */
  readonly hiddenAnnotations?: number;
  /** A sentence on what was checked when it was not everything, e.g. the files a pull request changed. */
  readonly scope?: string;
  readonly limitBytes?: number;
}

/**
 * The job summary: totals, findings grouped by file with links to their lines, run warnings and
 * the anchor profile; cut to fit GitHub's size limit with a line saying how much was left out.
 */
export function toJobSummary(report: Report, options: JobSummaryOptions = {}): string {
  const limit = (options.limitBytes ?? jobSummaryLimitBytes) - 1024;
  const head = [...headOf(report, options)];
  const tail = [...runWarnings(report.warnings), ...profileOf(report)];
  const measure = (text: string): number => Buffer.byteLength(text);
  const fixedCost = measure([...head, ...tail].join('\n'));
  const fitsTail = fixedCost < limit / 2;
  const room = limit - measure(head.join('\n')) - (fitsTail ? measure(tail.join('\n')) : 0);
  const findings = findingsByFile(report.findings, options.at, { limit: room, measure }, 'see the JSON report.');
  return `${[...head, ...findings.lines, ...(fitsTail ? tail : [])].join('\n')}\n`;
}

function headOf(report: Report, options: JobSummaryOptions): string[] {
  const { files, links, uniqueUrls, durationMs } = report.stats;
  const hidden = options.hiddenAnnotations ?? 0;
  return [
    '## linkvet',
    '',
    totalsLine(report),
    ...interruptedNotice(report),
    ...(options.scope === undefined ? [] : ['', options.scope]),
    '',
    '| Files | Links | Unique URLs | Errors | Warnings | Notices | Time |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${files} | ${links} | ${uniqueUrls} | ${report.stats.errors} | ${report.stats.warnings} | ${report.stats.notices} | ${(durationMs / 1000).toFixed(1)} s |`,
    ...(hidden > 0
      ? [
          '',
          `> [!NOTE]\n> ${hidden} ${hidden === 1 ? 'finding was' : 'findings were'} not shown as annotations: GitHub shows at most 10 of each severity per step. Every finding is listed below.`,
        ]
      : []),
  ];
}

function runWarnings(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return ['', '#### Run warnings', '', ...warnings.map((warning) => `- ${messageToMarkdown(warning)}`)];
}

function profileOf(report: Report): string[] {
  const profile = anchorProfileToMarkdown(report.anchors);
  return profile.length === 0 ? [] : ['', ...profile];
}
