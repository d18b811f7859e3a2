import { describe, expect, it } from 'vitest';
import type { RuleOverride } from '../../../src/core/config/options.js';
import { applySeverity } from '../../../src/core/rules/apply-severity.js';
import type { RuleId, Violation } from '../../../src/core/types.js';

function violation(rule: RuleId, file: string): Violation {
  const span = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
  return { rule, file, span, url: 'x.md', text: 'x', message: rule };
}

/** Each finding as `file rule severity`. */
function severities(
  violations: readonly Violation[],
  rules: RuleOverride['rules'],
  overrides: readonly RuleOverride[],
): string[] {
  return applySeverity(violations, rules, overrides).map(({ file, rule, severity }) => `${file} ${rule} ${severity}`);
}

describe('applySeverity', () => {
  it('uses the rule’s default severity when nothing is configured', () => {
    const found = [violation('missing-file', 'a.md'), violation('naked-url', 'a.md')];
    expect(severities(found, {}, [])).toEqual(['a.md missing-file error', 'a.md naked-url notice']);
  });

  it('uses the global rules, and drops rules set to off', () => {
    const found = [violation('missing-file', 'a.md'), violation('naked-url', 'a.md')];
    expect(severities(found, { 'missing-file': 'warning', 'naked-url': 'off' }, [])).toEqual([
      'a.md missing-file warning',
    ]);
  });

  it('applies an override to the files its globs match, and the global rules elsewhere', () => {
    const overrides = [{ files: ['docs/legacy/**'], rules: { 'missing-fragment': 'notice' as const } }];
    const found = [violation('missing-fragment', 'docs/legacy/old.md'), violation('missing-fragment', 'docs/new.md')];
    expect(severities(found, { 'missing-fragment': 'warning' }, overrides)).toEqual([
      'docs/legacy/old.md missing-fragment notice',
      'docs/new.md missing-fragment warning',
    ]);
  });

  it('removes findings an override sets to off, only where it matches', () => {
    const overrides = [{ files: ['docs/legacy/**'], rules: { 'missing-fragment': 'off' as const } }];
    const found = [violation('missing-fragment', 'docs/legacy/old.md'), violation('missing-fragment', 'README.md')];
    expect(severities(found, {}, overrides)).toEqual(['README.md missing-fragment error']);
  });

  it('lets the last matching override naming the rule win', () => {
    const overrides: RuleOverride[] = [
      { files: ['docs/**'], rules: { 'dead-link': 'notice', 'naked-url': 'warning' } },
      { files: ['docs/api/**'], rules: { 'dead-link': 'off' } },
      { files: ['other/**'], rules: { 'dead-link': 'error' } },
    ];
    const found = [
      violation('dead-link', 'docs/api/x.md'),
      violation('naked-url', 'docs/api/x.md'),
      violation('dead-link', 'docs/guide.md'),
    ];
    expect(severities(found, { 'naked-url': 'off' }, overrides)).toEqual([
      'docs/api/x.md naked-url warning',
      'docs/guide.md dead-link notice',
    ]);
  });

  it('matches dot files and directories, and any of an override’s globs', () => {
    const overrides = [{ files: ['.github/**', 'CHANGELOG.md'], rules: { 'dead-link': 'off' as const } }];
    const found = [violation('dead-link', '.github/README.md'), violation('dead-link', 'CHANGELOG.md')];
    expect(severities(found, {}, overrides)).toEqual([]);
  });

  it('keeps the violation’s fields on the finding', () => {
    const found = violation('missing-file', 'a.md');
    expect(applySeverity([found], {}, [])).toEqual([{ ...found, severity: 'error' }]);
  });
});
