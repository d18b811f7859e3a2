import type { Finding, RuleId } from '../../types.js';
import { longestBacktickRun, messageToMarkdown } from '../escape-markdown.js';

/** One review comment holding a ```suggestion block, as the pull request reviews API takes it. */
export interface SuggestedChange {
  readonly path: string;
  /** The last line the suggestion replaces; `startLine` the first when it spans several. */
  readonly line: number;
  readonly startLine?: number;
  readonly body: string;
}

/** What the suggestions need from the checkout and the diff. */
export interface SuggestionSources {
  /** The file's lines, or undefined when it cannot be read. */
  readonly linesOf: (file: string) => readonly string[] | undefined;
  /** Whether the pull request's diff lets a review comment on this line. */
  readonly inDiff: (file: string, line: number) => boolean;
}

/** Rules whose suggestion is a fix to apply as it stands, rather than a hint to weigh. */
const fixable: ReadonlySet<RuleId> = new Set(['permanent-redirect', 'missing-fragment', 'missing-file']);

/**
 * Turns findings with a known fix into one-click suggestions: a `permanent-redirect`'s final
 * URL, a `missing-fragment`'s closest heading, a `missing-file` that differs only in case. Only
 * lines the diff shows qualify, and only when the link's URL appears once within its span, so
 * the change replaces exactly what the finding is about.
 */
export function suggestChanges(findings: readonly Finding[], sources: SuggestionSources): SuggestedChange[] {
  return findings.flatMap((finding) => {
    const change = suggestionFor(finding, sources);
    return change ? [change] : [];
  });
}

function suggestionFor(finding: Finding, sources: SuggestionSources): SuggestedChange | undefined {
  const { suggestion } = finding;
  if (suggestion === undefined || !fixable.has(finding.rule)) return undefined;
  if (finding.rule === 'missing-file' && suggestion.toLowerCase() !== finding.url.toLowerCase()) return undefined;
  const { start, end } = finding.span;
  if (!sources.inDiff(finding.file, start.line) || !sources.inDiff(finding.file, end.line)) return undefined;
  const lines = sources.linesOf(finding.file)?.slice(start.line - 1, end.line);
  if (lines?.length !== end.line - start.line + 1) return undefined;
  const replaced = replaceWithinSpan(lines, finding);
  if (replaced === undefined) return undefined;
  return {
    path: finding.file,
    line: end.line,
    ...(end.line > start.line ? { startLine: start.line } : {}),
    body: suggestionBody(finding, replaced),
  };
}

/** The lines with the URL swapped for the fix, or undefined unless the URL occurs exactly once in the span. */
function replaceWithinSpan(lines: readonly string[], finding: Finding): string[] | undefined {
  const { start, end } = finding.span;
  const text = lines.join('\n');
  const from = start.column - 1;
  const to = text.length - ((lines.at(-1)?.length ?? 0) - (end.column - 1));
  const span = text.slice(from, to);
  const at = span.indexOf(finding.url);
  if (at === -1 || span.indexOf(finding.url, at + 1) !== -1) return undefined;
  const fixed = span.slice(0, at) + (finding.suggestion ?? '') + span.slice(at + finding.url.length);
  return (text.slice(0, from) + fixed + text.slice(to)).split('\n');
}

function suggestionBody(finding: Finding, lines: readonly string[]): string {
  const content = lines.join('\n');
  const longest = Math.max(2, longestBacktickRun(content));
  const fence = '`'.repeat(longest + 1);
  return [
    `**linkvet** · \`${finding.rule}\`: ${messageToMarkdown(finding.message)}`,
    '',
    `${fence}suggestion`,
    content,
    fence,
  ].join('\n');
}
