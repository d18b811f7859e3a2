import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRuleId, ruleIds, ruleMeta } from '../../../src/core/rules/registry.js';
import { repositoryRoot } from '../../helpers/cli.js';

describe('the rule registry', () => {
  it('holds every rule id of the DESIGN contract with its default severity', () => {
    const contract = {
      'missing-file': 'error',
      'missing-fragment': 'error',
      'outside-root': 'error',
      'undefined-reference': 'warning',
      'unused-definition': 'notice',
      'invalid-url': 'error',
      'dead-link': 'error',
      unreachable: 'warning',
      'access-denied': 'warning',
      'permanent-redirect': 'warning',
      // Issue 13, item 5: from the GitHub API check.
      'archived-repository': 'notice',
      'denied-domain': 'error',
      'generic-anchor-text': 'warning',
      'empty-anchor-text': 'warning',
      'missing-alt-text': 'warning',
      'naked-url': 'notice',
      'ambiguous-anchor-text': 'warning',
      'over-optimized-anchor': 'warning',
      'low-anchor-diversity': 'notice',
      // Issue 12, item 8: a file skipped for limits fails the run unless configured otherwise.
      'unreadable-file': 'error',
    } as const;
    for (const [id, severity] of Object.entries(contract)) {
      expect(isRuleId(id), id).toBe(true);
      if (isRuleId(id)) expect(ruleMeta(id).defaultSeverity, id).toBe(severity);
    }
    expect(isRuleId('no-such-rule')).toBe(false);
  });

  it('is documented: the README names every rule id', () => {
    const readme = readFileSync(`${repositoryRoot}README.md`, 'utf8');
    for (const id of ruleIds) expect(readme, id).toContain(`\`${id}\``);
  });

  it("gives each rule the registry's default severity in the README's rules table", () => {
    const readme = readFileSync(`${repositoryRoot}README.md`, 'utf8');
    const documented = new Map(
      [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(#[a-z-]+\) *\| (error|warning|notice) *\|/gm)].map(
        ([, id, severity]) => [id, severity],
      ),
    );
    for (const id of ruleIds) expect(documented.get(id), id).toBe(ruleMeta(id).defaultSeverity);
  });
});
