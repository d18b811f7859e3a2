import type { Finding, Report, Severity } from '../types.js';
import { anchorProfileToMarkdown } from './anchor-profile-markdown.js';
import { escapeMarkdown, inlineCode, messageToMarkdown } from './escape-markdown.js';

/** Options for the Markdown report; `maxFindings` keeps it within size limits such as a PR comment's. */
export interface MarkdownOptions {
  readonly maxFindings?: number;
}

export const severityIcons: Readonly<Record<Severity, string>> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** The report as GitHub-flavoured Markdown: a summary line and a table of findings, all user text escaped. */
export function toMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.maxFindings ?? Infinity;
  const shown = report.findings.slice(0, limit);
  const lines = ['### linkvet', '', totalsLine(report), ...interruptedNotice(report)];
  if (shown.length > 0) lines.push('', '| | Location | Finding | Rule |', '| --- | --- | --- | --- |');
  for (const finding of shown) lines.push(row(finding));
  const hidden = report.findings.length - shown.length;
  if (hidden > 0) lines.push('', `…and ${hidden} more ${hidden === 1 ? 'finding' : 'findings'} in the full report.`);
  const profile = anchorProfileToMarkdown(report.anchors);
  if (profile.length > 0) lines.push('', profile.join('\n'));
  return `${lines.join('\n')}\n`;
}

/**
 * A warning block for an interrupted run, so its totals are not read as an all-clear; the reason comes from a report
 * file that may be untrusted, hence escaped.
 */
export function interruptedNotice(report: Report): string[] {
  if (report.incomplete === undefined) return [];
  const { reason, filesChecked, filesTotal, linksUnchecked } = report.incomplete;
  const links = `${linksUnchecked} ${linksUnchecked === 1 ? 'link was' : 'links were'}`;
  return [
    '',
    `> [!WARNING]\n> **Interrupted (${escapeMarkdown(reason)})**: incomplete results. ${filesChecked} of ${filesTotal} files were read and ${links} not checked; the findings cover only what was checked.`,
  ];
}

/** One sentence of counts: `❌ **2** errors, **1** warning, **0** notices in 40 links in 3 files.` */
export function totalsLine(report: Report): string {
  const { files, links, errors, warnings, notices } = report.stats;
  const scope = `${links} ${links === 1 ? 'link' : 'links'} in ${files} ${files === 1 ? 'file' : 'files'}`;
  if (errors + warnings + notices === 0) return `✅ All ${scope} are fine.`;
  return `${errors > 0 ? '❌' : '⚠️'} **${errors}** ${errors === 1 ? 'error' : 'errors'}, **${warnings}** ${warnings === 1 ? 'warning' : 'warnings'}, **${notices}** ${notices === 1 ? 'notice' : 'notices'} in ${scope}.`;
}

function row(finding: Finding): string {
  const place = inlineCode(`${finding.file}:${finding.span.start.line}:${finding.span.start.column}`);
  return `| ${severityIcons[finding.severity]} | ${place} | ${messageToMarkdown(finding.message)} | ${inlineCode(finding.rule)} |`;
}
