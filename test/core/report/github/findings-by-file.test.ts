import { describe, expect, it } from 'vitest';
import type { CommitLocation } from '../../../../src/core/report/github/blob-links.js';
import { findingsByFile, type Budget } from '../../../../src/core/report/github/findings-by-file.js';
import { makeFinding } from '../../../helpers/findings.js';

const at: CommitLocation = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'abc123' };
const roomy: Budget = { limit: 1_000_000, measure: (text) => text.length };

/** Finding rows: table lines that start with a severity icon. */
function rows(lines: readonly string[]): string[] {
  return lines.filter((line) => /^\| (❌|⚠️|ℹ️) \|/u.test(line));
}

/** The N of "…and **N** more findings", or undefined without that line. */
function moreCount(lines: readonly string[]): number | undefined {
  const line = lines.find((text) => text.startsWith('…and '));
  return line === undefined
    ? undefined
    : Number(/^…and \*\*(\d+)\*\* more findings? not shown here; /u.exec(line)?.[1]);
}

describe('findingsByFile', () => {
  it('cuts one oversized row short and shows every finding after it', () => {
    const huge = `https://x.example/${'a'.repeat(70_000)}`;
    const findings = [
      makeFinding({ file: 'a.md', line: 1, url: huge, message: `\`${huge}\` returned 404`, suggestion: huge }),
      ...Array.from({ length: 304 }, (_, index) => makeFinding({ file: 'b.md', line: index + 1 })),
    ];
    const budget: Budget = { limit: 65_536, measure: (text) => Buffer.byteLength(text) };
    const { lines, hidden } = findingsByFile(findings, undefined, budget, 'see the JSON report.');
    expect(hidden).toBe(0);
    expect(rows(lines)).toHaveLength(305);
    const [first] = rows(lines);
    expect(first?.length).toBeLessThan(3_000);
    expect(first).toContain('more characters in the full report');
  });

  it('cuts an oversized file name in the header and drops its overlong line link, and shows every finding after it', () => {
    // A report file from another job may name any path; 70 KB of it must not fill the comment either.
    const name = `${'d/'.repeat(35_000)}a.md`;
    const findings = [
      makeFinding({ file: name, line: 1 }),
      ...Array.from({ length: 304 }, (_, index) => makeFinding({ file: 'b.md', line: index + 1 })),
    ];
    const budget: Budget = { limit: 65_536, measure: (text) => text.length };
    const { lines, hidden } = findingsByFile(findings, at, budget, 'see the JSON report.');
    expect(hidden).toBe(0);
    expect(rows(lines)).toHaveLength(305);
    const header = lines.find((line) => line.startsWith('#### '));
    expect(header?.length).toBeLessThan(1_200);
    expect(header).toContain('more characters in the full report');
    expect(rows(lines)[0]).toMatch(/^\| ❌ \| 1:1 \| /u);
    expect(rows(lines)[1]).toContain('](https://github.com/octo/docs/blob/abc123/b.md?plain=1#L1)');
  });

  it('keeps a value cut short inside its code span', () => {
    const huge = `https://x.example/${'a'.repeat(5_000)}`;
    const findings = [makeFinding({ url: huge, message: `\`${huge}\` returned 404` })];
    const [row] = rows(findingsByFile(findings, undefined, roomy, 'see the JSON report.').lines);
    expect(row).toMatch(/\| ` https:\/\/x\.example\/a+… ` \\\(\d+ more characters in the full report\\\) \|/u);
  });

  it('groups findings under one table per file, in order of first appearance', () => {
    const findings = [
      makeFinding({ file: 'b.md', line: 1 }),
      makeFinding({ file: 'a.md', line: 2, severity: 'warning' }),
      makeFinding({ file: 'b.md', line: 3, severity: 'notice' }),
    ];
    const { lines, hidden } = findingsByFile(findings, undefined, roomy, 'see the JSON report.');
    expect(hidden).toBe(0);
    expect(lines.filter((line) => line.startsWith('#### '))).toEqual([
      '#### ` b.md ` · 2 findings',
      '#### ` a.md ` · 1 finding',
    ]);
    expect(lines.filter((line) => line.startsWith('| --- '))).toHaveLength(2);
    expect(rows(lines).map((line) => line.split(' | ').slice(0, 2).join(' '))).toEqual([
      '| ❌ 1:1',
      '| ℹ️ 3:1',
      '| ⚠️ 2:1',
    ]);
    expect(moreCount(lines)).toBeUndefined();
  });

  it('links each line to the commit when the commit is known, spanning the finding', () => {
    const finding = makeFinding({ file: 'docs/a b.md', line: 4, column: 2, endLine: 6, endColumn: 3 });
    const [row] = rows(findingsByFile([finding], at, roomy, '').lines);
    expect(row).toContain('[4:2](https://github.com/octo/docs/blob/abc123/docs/a%20b.md?plain=1#L4-L6)');
    const [plain] = rows(findingsByFile([finding], undefined, roomy, '').lines);
    expect(plain).toContain('| 4:2 |');
    expect(plain).not.toContain('](');
  });

  it('escapes messages, shows the fix and the rule as code', () => {
    const finding = makeFinding({
      message: 'Moved to <b>@octocat</b> | see #12',
      suggestion: 'new|place.md',
      rule: 'permanent-redirect',
    });
    const [row] = rows(findingsByFile([finding], undefined, roomy, '').lines);
    expect(row).toBe(
      '| ❌ | 1:1 | Moved to &lt;b&gt;\u200B@octocat&lt;/b&gt; &#124; see \\#\u200B12<br>Fix: ` new\\|place.md ` | ` permanent-redirect ` |',
    );
  });

  it('cuts at the budget and says exactly how many findings it left out', () => {
    const findings = Array.from({ length: 200 }, (_, index) =>
      makeFinding({ file: `f${index % 7}.md`, line: index + 1 }),
    );
    for (const limit of [300, 1000, 2500, 6000, 12_000]) {
      const budget: Budget = { limit, measure: (text) => text.length };
      const { lines, hidden } = findingsByFile(findings, at, budget, 'see the JSON report.');
      const shown = rows(lines).length;
      expect(hidden).toBeGreaterThan(0);
      expect(moreCount(lines)).toBe(hidden);
      expect(shown + hidden).toBe(findings.length);
      expect(lines.at(-1)).toMatch(/ not shown here; see the JSON report\.$/u);
      expect(lines.join('\n').length).toBeLessThanOrEqual(limit);
    }
  });

  it('still says how many there are when not even one row fits', () => {
    const findings = [makeFinding({ line: 1 }), makeFinding({ line: 2 }), makeFinding({ line: 3 })];
    expect(findingsByFile(findings, at, { limit: 10, measure: (text) => text.length }, 'x')).toEqual({
      lines: ['', '…and **3** more findings not shown here; x'],
      hidden: 3,
    });
  });

  it('fills the budget as far as whole rows go, never past it', () => {
    const findings = Array.from({ length: 50 }, (_, index) => makeFinding({ line: index + 1 }));
    const all = findingsByFile(findings, undefined, roomy, 'x').lines.join('\n').length;
    for (let limit = 200; limit < all + 300; limit += 37) {
      const budget: Budget = { limit, measure: (text) => text.length };
      const { lines, hidden } = findingsByFile(findings, undefined, budget, 'x');
      expect(lines.join('\n').length).toBeLessThanOrEqual(limit);
      expect(rows(lines).length + hidden).toBe(50);
    }
  });

  it('says "finding" for one left out', () => {
    const findings = [makeFinding({ line: 1 }), makeFinding({ line: 2 })];
    const whole = findingsByFile(findings, undefined, roomy, 'x').lines.join('\n').length;
    const { lines, hidden } = findingsByFile(findings, undefined, { limit: whole, measure: (t) => t.length }, 'x');
    expect(hidden).toBe(1);
    expect(lines.at(-1)).toBe('…and **1** more finding not shown here; x');
  });

  it('counts the budget in the unit it is given', () => {
    const findings = Array.from({ length: 40 }, (_, index) =>
      makeFinding({ line: index + 1, message: 'é'.repeat(40) }),
    );
    const bytes: Budget = { limit: 3000, measure: (text) => Buffer.byteLength(text) };
    const chars: Budget = { limit: 3000, measure: (text) => text.length };
    const byBytes = findingsByFile(findings, undefined, bytes, 'x');
    const byChars = findingsByFile(findings, undefined, chars, 'x');
    expect(Buffer.byteLength(byBytes.lines.join('\n'))).toBeLessThanOrEqual(3000);
    expect(byBytes.hidden).toBeGreaterThan(byChars.hidden);
  });
});
