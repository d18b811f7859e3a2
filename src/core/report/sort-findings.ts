import type { Finding } from '../types.js';

/** Orders findings by file, line, column, then rule, so every report is deterministic. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.span.start.line - b.span.start.line ||
      a.span.start.column - b.span.start.column ||
      compare(a.rule, b.rule) ||
      compare(a.url, b.url),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
