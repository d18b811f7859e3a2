import type { Report } from '../../types.js';
import { interruptedNotice, totalsLine } from '../to-markdown.js';
import type { CommitLocation } from './blob-links.js';
import { findingsByFile } from './findings-by-file.js';

/** Marks linkvet's one comment on a pull request, so every run finds and updates it. */
export const stickyCommentMarker = '<!-- linkvet:sticky-comment -->';

/** GitHub rejects comment bodies longer than this many characters. */
export const commentLimitChars = 65_536;

export interface PrCommentOptions {
  readonly at: CommitLocation;
  /** The workflow run holding the full report, linked at the bottom. */
  readonly runUrl?: string;
  /** A sentence on what was checked when it was not everything. */
  readonly scope?: string;
  readonly limitChars?: number;
}

/** Whether a comment body is linkvet's sticky comment. */
export function isStickyComment(body: string | undefined | null): boolean {
  return body?.startsWith(stickyCommentMarker) === true;
}

/**
 * The sticky comment: totals and findings grouped by file, or a short all-clear once nothing is
 * left. Every text from Markdown or servers is escaped; it always fits GitHub's size limit.
 */
export function toPrComment(report: Report, options: PrCommentOptions): string {
  const footer = footerOf(report, options);
  if (report.findings.length === 0) {
    return [
      stickyCommentMarker,
      '### linkvet',
      '',
      totalsLine(report),
      ...interruptedNotice(report),
      '',
      footer,
      '',
    ].join('\n');
  }
  const head = [
    stickyCommentMarker,
    '### linkvet',
    '',
    totalsLine(report),
    ...interruptedNotice(report),
    ...(options.scope === undefined ? [] : ['', options.scope]),
  ];
  const limit = (options.limitChars ?? commentLimitChars) - 512;
  const room = limit - [...head, footer].join('\n').length;
  const rest = options.runUrl === undefined ? 'see the job summary.' : `see the [job summary](${options.runUrl}).`;
  const findings = findingsByFile(report.findings, options.at, { limit: room, measure: (text) => text.length }, rest);
  return [...head, ...findings.lines, '', footer, ''].join('\n');
}

function footerOf(report: Report, options: PrCommentOptions): string {
  const commit = options.at.sha.slice(0, 7);
  const run = options.runUrl === undefined ? '' : ` · [workflow run](${options.runUrl})`;
  return `<sub>Checked at ${commit}${run} · linkvet ${report.tool.version}</sub>`;
}
