import { describe, expect, it } from 'vitest';
import { selectFindings } from '../../../src/core/report/select-findings.js';
import { makeFinding, makeReport } from '../../helpers/findings.js';

describe('selectFindings', () => {
  const report = makeReport([
    makeFinding({ file: 'a.md', severity: 'error' }),
    makeFinding({ file: 'b.md', severity: 'error' }),
    makeFinding({ file: 'a.md', severity: 'warning' }),
    makeFinding({ file: 'b.md', severity: 'warning' }),
    makeFinding({ file: 'b.md', severity: 'notice' }),
  ]);

  it('keeps the findings the predicate accepts and recomputes the counters from them', () => {
    const selected = selectFindings(report, (finding) => finding.file === 'b.md');
    expect(selected.findings.map((finding) => `${finding.file} ${finding.severity}`)).toEqual([
      'b.md error',
      'b.md warning',
      'b.md notice',
    ]);
    expect(selected.stats).toEqual({ ...report.stats, errors: 1, warnings: 1, notices: 1 });
  });

  it('counts zero for severities none of the kept findings have', () => {
    const selected = selectFindings(report, (finding) => finding.file === 'a.md');
    expect(selected.stats).toMatchObject({ errors: 1, warnings: 1, notices: 0 });
    expect(selectFindings(report, () => false).stats).toMatchObject({ errors: 0, warnings: 0, notices: 0 });
  });

  it('keeps everything else of the report and leaves the original untouched', () => {
    const selected = selectFindings(report, (finding) => finding.severity === 'notice');
    expect(selected.tool).toBe(report.tool);
    expect(selected.stats).toMatchObject({ files: 2, links: 5, uniqueUrls: 0, durationMs: 1234 });
    expect(report.findings).toHaveLength(5);
    expect(report.stats).toMatchObject({ errors: 2, warnings: 2, notices: 1 });
  });
});
