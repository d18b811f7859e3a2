import type { Finding, RuleId, SeverityOrOff, Violation } from '../types.js';
import { ruleMeta } from './registry.js';

/** Gives each violation its configured severity and drops rules set to `off`. */
export function applySeverity(
  violations: readonly Violation[],
  overrides: Readonly<Partial<Record<RuleId, SeverityOrOff>>>,
): Finding[] {
  return violations.flatMap((violation) => {
    const severity = overrides[violation.rule] ?? ruleMeta(violation.rule).defaultSeverity;
    return severity === 'off' ? [] : [{ ...violation, severity }];
  });
}
