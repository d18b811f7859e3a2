import { groupBy } from '../analyze/group-by.js';
import type { Finding, Incomplete, Report, Severity } from '../types.js';
import { terminalSafe } from './terminal-safe.js';

/** How to print text: colour only when the shell says the terminal wants it. */
export interface TextOptions {
  readonly color?: boolean;
}

type Paint = (code: number, text: string) => string;

const severityColor: Readonly<Record<Severity, number>> = { error: 31, warning: 33, notice: 36 };

/** Findings grouped by file as `path:line:col`, then a one-line total; text from files made inert. */
export function toText(report: Report, options: TextOptions = {}): string {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[39m` : (_code, text) => text;
  const groups = groupBy(report.findings, (finding) => finding.file);
  const blocks = [...groups].map(([file, findings]) => fileBlock(file, findings, paint));
  const interrupted = report.incomplete === undefined ? [] : [paint(33, interruptedLine(report.incomplete))];
  return [...blocks, totalLine(report, paint), ...interrupted].join('\n\n') + '\n';
}

/** Said plainly, so nobody reads the total above it as an all-clear. */
export function interruptedLine(incomplete: Incomplete): string {
  const { reason, filesChecked, filesTotal, linksUnchecked } = incomplete;
  const files = `${filesChecked} of ${plural(filesTotal, 'file')} read`;
  return `⚠ Interrupted (${reason}): incomplete results, ${files}, ${plural(linksUnchecked, 'link')} not checked.`;
}

function fileBlock(file: string, findings: readonly Finding[], paint: Paint): string {
  const places = findings.map(placeOf);
  const width = places.reduce((widest, place) => Math.max(widest, place.length), 0);
  const lines = findings.map((finding, index) => findingLine(finding, (places[index] ?? '').padEnd(width), paint));
  return [paint(1, terminalSafe(file)), ...lines].join('\n');
}

/** `path:line:column`, which terminals and editors turn into a link. */
function placeOf(finding: Finding): string {
  return `${terminalSafe(finding.file)}:${finding.span.start.line}:${finding.span.start.column}`;
}

function findingLine(finding: Finding, place: string, paint: Paint): string {
  const severity = paint(severityColor[finding.severity], finding.severity.padEnd(7));
  return `  ${place}  ${severity}  ${terminalSafe(finding.message)}  ${paint(90, finding.rule)}`;
}

function totalLine(report: Report, paint: Paint): string {
  const { files, links, errors, warnings, notices, durationMs } = report.stats;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notices, 'notice')}`;
  const summary = `${counts} in ${plural(links, 'link')} across ${plural(files, 'file')} (${durationMs} ms)`;
  return errors > 0 ? paint(31, `✖ ${summary}`) : paint(32, `✔ ${summary}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
