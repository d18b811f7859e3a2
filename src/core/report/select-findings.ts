import type { Finding, Report, Severity } from '../types.js';

/** The report with only the findings `keep` accepts, its counters recomputed to match. */
export function selectFindings(report: Report, keep: (finding: Finding) => boolean): Report {
  const findings = report.findings.filter(keep);
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  return {
    ...report,
    findings,
    stats: { ...report.stats, errors: count('error'), warnings: count('warning'), notices: count('notice') },
  };
}
