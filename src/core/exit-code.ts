import type { FailOn } from './config/options.js';
import type { Report, Severity } from './types.js';

const rank: Readonly<Record<Severity, number>> = { notice: 0, warning: 1, error: 2 };

/** 1 when any finding is at or above `failOn`, else 0; usage and config errors (2) are the shells' to give. */
export function getExitCode(report: Report, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  return report.findings.some((finding) => rank[finding.severity] >= rank[failOn]) ? 1 : 0;
}
