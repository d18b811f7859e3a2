import { ruleMeta } from '../../rules/registry.js';
import type { Finding, Severity } from '../../types.js';

/** One workflow annotation: what `@actions/core`'s error, warning and notice take. */
export interface Annotation {
  readonly severity: Severity;
  readonly message: string;
  /** Names the rule, e.g. `linkvet: Missing fragment (missing-fragment)`. */
  readonly title: string;
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  /** Columns only when the span is on one line: GitHub drops them otherwise. */
  readonly startColumn?: number;
  readonly endColumn?: number;
}

/** Which annotations a step may show, and how many findings did not fit. */
export interface AnnotationPlan {
  readonly annotations: readonly Annotation[];
  readonly hidden: number;
}

/**
 * GitHub shows at most 10 annotations of each severity per step (and 50 per job) and silently
 * drops the rest, so linkvet emits no more than that itself and says how many it held back.
 */
export const annotationsPerSeverity = 10;

const order: readonly Severity[] = ['error', 'warning', 'notice'];

/**
 * The findings as annotations, most severe first, at most `room` of each severity (a number for
 * all, or one per severity, leaving space for messages of the caller's own).
 */
export function planAnnotations(
  findings: readonly Finding[],
  room: number | Readonly<Record<Severity, number>> = annotationsPerSeverity,
): AnnotationPlan {
  const limit = (severity: Severity): number => (typeof room === 'number' ? room : room[severity]);
  const annotations = order.flatMap((severity) =>
    findings
      .filter((finding) => finding.severity === severity)
      .slice(0, limit(severity))
      .map(toAnnotation),
  );
  return { annotations, hidden: findings.length - annotations.length };
}

function toAnnotation(finding: Finding): Annotation {
  const { start, end } = finding.span;
  const oneLine = start.line === end.line;
  return {
    severity: finding.severity,
    message: finding.message,
    title: `linkvet: ${ruleMeta(finding.rule).title} (${finding.rule})`,
    file: finding.file,
    startLine: start.line,
    endLine: end.line,
    ...(oneLine ? { startColumn: start.column, endColumn: Math.max(start.column, end.column - 1) } : {}),
  };
}
