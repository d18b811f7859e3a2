import { describe, expect, it } from 'vitest';
import { annotationsPerSeverity, planAnnotations } from '../../../../src/core/report/github/annotations.js';
import { makeFinding } from '../../../helpers/findings.js';

describe('planAnnotations', () => {
  it('puts errors before warnings before notices, keeping each severity in report order', () => {
    const findings = [
      makeFinding({ severity: 'notice', line: 1 }),
      makeFinding({ severity: 'warning', line: 2 }),
      makeFinding({ severity: 'error', line: 3 }),
      makeFinding({ severity: 'notice', line: 4 }),
      makeFinding({ severity: 'error', line: 5 }),
    ];
    const plan = planAnnotations(findings);
    expect(plan.annotations.map((annotation) => `${annotation.severity}:${annotation.startLine}`)).toEqual([
      'error:3',
      'error:5',
      'warning:2',
      'notice:1',
      'notice:4',
    ]);
    expect(plan.hidden).toBe(0);
  });

  it('shows at most 10 of each severity and counts the rest as hidden', () => {
    const findings = [
      ...Array.from({ length: 13 }, (_, index) => makeFinding({ severity: 'error', line: index + 1 })),
      ...Array.from({ length: 4 }, (_, index) => makeFinding({ severity: 'warning', line: index + 1 })),
      ...Array.from({ length: 11 }, (_, index) => makeFinding({ severity: 'notice', line: index + 1 })),
    ];
    const plan = planAnnotations(findings);
    const bySeverity = (severity: string): number[] =>
      plan.annotations.filter((annotation) => annotation.severity === severity).map((a) => a.startLine);
    expect(annotationsPerSeverity).toBe(10);
    expect(bySeverity('error')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bySeverity('warning')).toEqual([1, 2, 3, 4]);
    expect(bySeverity('notice')).toHaveLength(10);
    expect(plan.annotations).toHaveLength(24);
    expect(plan.hidden).toBe(3 + 1);
    expect(plan.annotations.length + plan.hidden).toBe(findings.length);
  });

  it('takes a smaller cap per severity', () => {
    const findings = Array.from({ length: 5 }, () => makeFinding({ severity: 'warning' }));
    expect(planAnnotations(findings, 2)).toMatchObject({ hidden: 3, annotations: [{}, {}] });
  });

  it('plans nothing for no findings', () => {
    expect(planAnnotations([])).toEqual({ annotations: [], hidden: 0 });
  });

  it('titles each annotation with the rule and keeps file and message', () => {
    const [annotation] = planAnnotations([
      makeFinding({
        file: 'docs/a b.md',
        rule: 'missing-fragment',
        message: 'No heading or id `#x` in this file',
      }),
    ]).annotations;
    expect(annotation).toMatchObject({
      severity: 'error',
      title: 'linkvet: Missing fragment (missing-fragment)',
      file: 'docs/a b.md',
      message: 'No heading or id `#x` in this file',
    });
  });

  it('gives columns on a one-line span, the end column inclusive', () => {
    const [annotation] = planAnnotations([makeFinding({ line: 3, column: 5, endLine: 3, endColumn: 20 })]).annotations;
    expect(annotation).toEqual(expect.objectContaining({ startLine: 3, endLine: 3, startColumn: 5, endColumn: 19 }));
  });

  it('never puts the end column before the start column on an empty span', () => {
    const [annotation] = planAnnotations([makeFinding({ line: 2, column: 7, endColumn: 7 })]).annotations;
    expect(annotation).toMatchObject({ startColumn: 7, endColumn: 7 });
  });

  it('leaves columns out when the span covers several lines', () => {
    const [annotation] = planAnnotations([makeFinding({ line: 3, column: 5, endLine: 4, endColumn: 2 })]).annotations;
    expect(annotation).toMatchObject({ startLine: 3, endLine: 4 });
    expect(annotation).not.toHaveProperty('startColumn');
    expect(annotation).not.toHaveProperty('endColumn');
  });
});
