import { groupBy } from '../../analyze/group-by.js';
import type { Finding } from '../../types.js';
import { inlineCode, messageToMarkdown } from '../escape-markdown.js';
import { severityIcons } from '../to-markdown.js';
import { blobUrl, type CommitLocation } from './blob-links.js';

/** How much room the findings may take, in the unit `measure` counts (bytes, characters). */
export interface Budget {
  readonly limit: number;
  readonly measure: (text: string) => number;
}

/** The Markdown lines of the findings, and how many did not fit. */
export interface FittedFindings {
  readonly lines: readonly string[];
  readonly hidden: number;
}

/**
 * Findings as one table per file, each line linked to the commit when `at` is known. Rows are
 * added until the budget is spent; a last line then says how many more there are, so a
 * truncated report never looks complete.
 */
export function findingsByFile(
  findings: readonly Finding[],
  at: CommitLocation | undefined,
  budget: Budget,
  whereTheRestIs: string,
): FittedFindings {
  const lines: string[] = [];
  const reserve = budget.measure(moreLine(findings.length, whereTheRestIs)) + 2;
  let used = 0;
  let shown = 0;
  for (const [file, group] of groupBy(findings, (finding) => finding.file)) {
    const header = fileHeader(file, group.length);
    for (const [index, finding] of group.entries()) {
      const block = index === 0 ? [...header, row(finding, at)] : [row(finding, at)];
      const cost = block.reduce((sum, line) => sum + budget.measure(line) + 1, 0);
      if (used + cost + reserve > budget.limit) return finish(lines, findings.length - shown, whereTheRestIs);
      for (const line of block) lines.push(line);
      used += cost;
      shown += 1;
    }
  }
  return { lines, hidden: 0 };
}

function finish(lines: string[], hidden: number, whereTheRestIs: string): FittedFindings {
  return { lines: [...lines, '', moreLine(hidden, whereTheRestIs)], hidden };
}

function moreLine(hidden: number, whereTheRestIs: string): string {
  return `…and **${hidden}** more ${hidden === 1 ? 'finding' : 'findings'} not shown here; ${whereTheRestIs}`;
}

function fileHeader(file: string, count: number): string[] {
  return [
    '',
    `#### ${inlineCode(shortened(file))} · ${count} ${count === 1 ? 'finding' : 'findings'}`,
    '',
    '| | Line | Finding | Rule |',
    '| --- | ---: | --- | --- |',
  ];
}

function row(finding: Finding, at: CommitLocation | undefined): string {
  const { start, end } = finding.span;
  const place = `${start.line}:${start.column}`;
  const url = at ? blobUrl(at, finding.file, start.line, end.line) : undefined;
  const line = url !== undefined && url.length <= maxLinkLength ? `[${place}](${url})` : place;
  const fix = finding.suggestion === undefined ? '' : `<br>Fix: ${inlineCode(shortened(finding.suggestion))}`;
  return `| ${severityIcons[finding.severity]} | ${line} | ${messageToMarkdown(shortened(finding.message))}${fix} | ${inlineCode(finding.rule)} |`;
}

/**
 * Longest message, fix or file name a row or header shows in full; a 70 KB URL must not take the room
 * of every finding after it.
 */
const maxShownLength = 1000;

/**
 * Longest link to a file's lines: GitHub's paths stay far below it, and a longer one (a report file
 * naming a 70 KB path) is shown as the bare line number, since a cut link leads nowhere.
 */
const maxLinkLength = 8192;

/**
 * The text cut to `maxShownLength` characters before it is escaped, so the cut never falls inside an
 * escape or a code span. A cut inside a `backticked` value closes it, so the value stays code.
 */
function shortened(text: string): string {
  if (text.length <= maxShownLength) return text;
  const kept = text.slice(0, maxShownLength);
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
  const insideCode = countBackticks(end) % 2 === 1;
  return `${end}…${insideCode ? '`' : ''} (${text.length - end.length} more characters in the full report)`;
}

function countBackticks(text: string): number {
  let count = 0;
  for (const character of text) if (character === '`') count += 1;
  return count;
}
