import { describe, expect, it } from 'vitest';
import type { CommitLocation } from '../../../../src/core/report/github/blob-links.js';
import { jobSummaryLimitBytes, toJobSummary } from '../../../../src/core/report/github/job-summary.js';
import type { DomainProfile } from '../../../../src/core/types.js';
import { makeFinding, makeReport, manyFindings } from '../../../helpers/findings.js';

const at: CommitLocation = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'abc123' };

function profile(domain: string, topText = 'Example docs'): DomainProfile {
  return {
    domain,
    links: 4,
    distinctTexts: 2,
    topText,
    topShare: 0.75,
    entropy: 0.81,
    categories: {
      empty: 0,
      image: 0,
      'naked-url': 0,
      generic: 1,
      branded: 0,
      'exact-match': 0,
      'partial-match': 0,
      descriptive: 3,
    },
  };
}

/** The N of "…and **N** more findings", or undefined without that line. */
function moreCount(markdown: string): number | undefined {
  const match = /^…and \*\*(\d+)\*\* more findings? not shown here; see the JSON report\.$/mu.exec(markdown);
  return match ? Number(match[1]) : undefined;
}

function rowCount(markdown: string): number {
  return markdown.match(/^\| (❌|⚠️|ℹ️) \|/gmu)?.length ?? 0;
}

describe('toJobSummary', () => {
  it('opens with the totals and a table of counters', () => {
    const report = makeReport([
      makeFinding({ severity: 'error' }),
      makeFinding({ severity: 'warning', file: 'b.md' }),
      makeFinding({ severity: 'warning', file: 'b.md' }),
    ]);
    const summary = toJobSummary(report);
    expect(
      summary.startsWith('## linkvet\n\n❌ **1** error, **2** warnings, **0** notices in 3 links in 2 files.\n'),
    ).toBe(true);
    expect(summary).toContain(
      '| Files | Links | Unique URLs | Errors | Warnings | Notices | Time |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n| 2 | 3 | 0 | 1 | 2 | 0 | 1.2 s |',
    );
    expect(summary).toContain('#### ` a.md ` · 1 finding');
    expect(summary).toContain('#### ` b.md ` · 2 findings');
    expect(rowCount(summary)).toBe(3);
    expect(moreCount(summary)).toBeUndefined();
    expect(summary.endsWith('\n')).toBe(true);
  });

  it('says everything is fine when there are no findings', () => {
    const summary = toJobSummary(makeReport([]));
    expect(summary).toContain('✅ All 0 links in 0 files are fine.');
    expect(rowCount(summary)).toBe(0);
    expect(summary).not.toContain('####');
  });

  it('links findings to their lines at the commit', () => {
    const summary = toJobSummary(makeReport([makeFinding({ file: 'docs/a.md', line: 7 })]), { at });
    expect(summary).toContain('[7:1](https://github.com/octo/docs/blob/abc123/docs/a.md?plain=1#L7)');
  });

  it('notes how many findings were not shown as annotations, and only then', () => {
    const report = makeReport([makeFinding()]);
    expect(toJobSummary(report, { hiddenAnnotations: 3 })).toContain(
      '> [!NOTE]\n> 3 findings were not shown as annotations: GitHub shows at most 10 of each severity per step.',
    );
    expect(toJobSummary(report, { hiddenAnnotations: 1 })).toContain('> 1 finding was not shown as annotations');
    expect(toJobSummary(report, { hiddenAnnotations: 0 })).not.toContain('[!NOTE]');
    expect(toJobSummary(report)).not.toContain('[!NOTE]');
  });

  it('says what was checked when it was not everything', () => {
    const scope = 'Only the 2 Markdown files this pull request changes were checked.';
    const summary = toJobSummary(makeReport([makeFinding()]), { scope });
    expect(summary).toContain(`in 1 link in 1 file.\n\n${scope}\n\n| Files |`);
    expect(toJobSummary(makeReport([makeFinding()]))).not.toContain(scope);
  });

  it('lists run warnings, escaped', () => {
    const summary = toJobSummary(makeReport([], { warnings: ['cache at <tmp> unusable: see @admin #12'] }));
    expect(summary).toContain('#### Run warnings\n\n- cache at &lt;tmp&gt; unusable\\: see \u200B@admin \\#\u200B12');
  });

  it('includes the anchor profile when it is small', () => {
    const summary = toJobSummary(makeReport([makeFinding()], { anchors: [profile('example.com')] }));
    expect(summary).toContain('#### Anchor profile');
    expect(summary).toContain('| ` example.com ` | 4 | 2 | ` Example docs ` | 75% | 0.81 |');
    expect(summary).toContain('```mermaid');
  });

  it('drops the anchor profile and the run warnings when they would take half the room', () => {
    const anchors = Array.from({ length: 20 }, (_, index) => profile(`site${index}.example`, 'long text '.repeat(30)));
    const report = makeReport(manyFindings(100), { anchors, warnings: ['a warning'] });
    const summary = toJobSummary(report, { limitBytes: 9000 });
    expect(summary).not.toContain('#### Anchor profile');
    expect(summary).not.toContain('#### Run warnings');
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(9000);
    expect(rowCount(summary) + (moreCount(summary) ?? 0)).toBe(100);
  });

  it('stays under 1 MiB in UTF-8 bytes for 20,000 findings with multi-byte text, and says how many it left out', () => {
    const findings = manyFindings(20_000);
    const report = makeReport(findings, { anchors: [profile('例え.example')], warnings: ['ünïcödé warning'] });
    const summary = toJobSummary(report, { at, hiddenAnnotations: 19_970 });
    expect(jobSummaryLimitBytes).toBe(1024 * 1024);
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(jobSummaryLimitBytes);
    // Multi-byte text: the character count alone would have let far more through.
    expect(summary.length).toBeLessThan(Buffer.byteLength(summary, 'utf8'));
    const hidden = moreCount(summary);
    expect(hidden).toBeGreaterThan(0);
    expect(rowCount(summary) + (hidden ?? 0)).toBe(20_000);
    expect(summary).toContain('#### Anchor profile');
    expect(summary).toContain('#### Run warnings');
  });

  it('keeps to a smaller limit it is given', () => {
    const findings = manyFindings(500);
    for (const limitBytes of [8_000, 20_000, 64_000]) {
      const summary = toJobSummary(makeReport(findings), { at, limitBytes });
      expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(limitBytes);
      expect(rowCount(summary) + (moreCount(summary) ?? 0)).toBe(500);
      expect(rowCount(summary)).toBeGreaterThan(0);
    }
  });
});
