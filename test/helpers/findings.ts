import type { DomainProfile, Finding, Report, RuleId, Severity } from '../../src/core/types.js';

/** What a made-up finding may set; the rest takes defaults. `line`/`column`/`endLine`/`endColumn` build the span. */
export interface FindingFields {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly url?: string;
  readonly text?: string;
  readonly rule?: RuleId;
  readonly severity?: Severity;
  readonly message?: string;
  readonly suggestion?: string;
}

/** A finding for reporter tests: a missing file at `a.md:1:1-1:10` unless told otherwise. */
export function makeFinding(fields: FindingFields = {}): Finding {
  const line = fields.line ?? 1;
  const column = fields.column ?? 1;
  return {
    file: fields.file ?? 'a.md',
    span: { start: { line, column }, end: { line: fields.endLine ?? line, column: fields.endColumn ?? column + 9 } },
    url: fields.url ?? 'gone.md',
    text: fields.text ?? 'x',
    rule: fields.rule ?? 'missing-file',
    severity: fields.severity ?? 'error',
    message: fields.message ?? '`gone.md` does not exist',
    ...(fields.suggestion === undefined ? {} : { suggestion: fields.suggestion }),
  };
}

/** A report holding `findings`, its counters matching them. */
export function makeReport(
  findings: readonly Finding[],
  more: { readonly warnings?: readonly string[]; readonly anchors?: readonly DomainProfile[] } = {},
): Report {
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  return {
    tool: { name: 'linkvet', version: '1.2.3' },
    stats: {
      files: new Set(findings.map((finding) => finding.file)).size,
      links: findings.length,
      uniqueUrls: 0,
      errors: count('error'),
      warnings: count('warning'),
      notices: count('notice'),
      durationMs: 1234,
    },
    findings,
    links: [],
    warnings: more.warnings ?? [],
    anchors: more.anchors ?? [],
  };
}

/** `count` findings spread over files, each message holding multi-byte text. */
export function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, index) =>
    makeFinding({
      file: `docs/章節 ${Math.floor(index / 50)}/ファイル.md`,
      line: (index % 50) + 1,
      severity: index % 3 === 0 ? 'error' : index % 3 === 1 ? 'warning' : 'notice',
      url: `https://例え.example/ページ/${index}`,
      message: `\`https://例え.example/ページ/${index}\` gave 404 — ünïcödé 🎉 текст ${index}`,
    }),
  );
}
