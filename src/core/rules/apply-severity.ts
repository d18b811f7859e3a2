import picomatch from 'picomatch';
import type { RuleOverride } from '../config/options.js';
import type { Finding, RuleId, SeverityOrOff, Violation } from '../types.js';
import { ruleMeta } from './registry.js';

type Severities = Readonly<Partial<Record<RuleId, SeverityOrOff>>>;

/** An override with its globs compiled once. */
interface CompiledOverride {
  readonly matches: (file: string) => boolean;
  readonly rules: Severities;
}

/**
 * Gives each violation its configured severity and drops rules set to `off`.
 * @param violations what the checks found
 * @param rules the config's `rules`: severities for every file
 * @param overrides the config's `overrides`: for a file they match, the last one naming the rule wins over `rules`
 */
export function applySeverity(
  violations: readonly Violation[],
  rules: Severities,
  overrides: readonly RuleOverride[],
): Finding[] {
  const severityOf = severityResolver(rules, overrides);
  return violations.flatMap((violation) => {
    const severity = severityOf(violation);
    return severity === 'off' ? [] : [{ ...violation, severity }];
  });
}

/** Looks a violation's severity up in the overrides matching its file (matched once per file), then `rules`, then the default. */
function severityResolver(
  rules: Severities,
  overrides: readonly RuleOverride[],
): (violation: Violation) => SeverityOrOff {
  const compiled = overrides.map(compile).reverse();
  const matching = new Map<string, readonly CompiledOverride[]>();
  return ({ file, rule }) => {
    const applicable = matching.get(file) ?? compiled.filter(({ matches }) => matches(file));
    matching.set(file, applicable);
    const override = applicable.find((candidate) => candidate.rules[rule] !== undefined);
    return override?.rules[rule] ?? rules[rule] ?? ruleMeta(rule).defaultSeverity;
  };
}

function compile(override: RuleOverride): CompiledOverride {
  return { matches: picomatch([...override.files], { dot: true }), rules: override.rules };
}
