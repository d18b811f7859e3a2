import { describe, expect, it } from 'vitest';
import { getExitCode } from '../../src/core/index.js';
import { check } from '../helpers/run.js';
import { makeTree } from '../helpers/tree.js';

describe('getExitCode', () => {
  it('fails at or above the threshold and never with never', async () => {
    // One warning (undefined reference) and one notice (unused definition).
    const report = await check(makeTree({ 'a.md': '[x][nolabel]\n\n[unused]: b.md\n', 'b.md': '' }));
    expect(getExitCode(report, 'error')).toBe(0);
    expect(getExitCode(report, 'warning')).toBe(1);
    expect(getExitCode(report, 'notice')).toBe(1);
    expect(getExitCode(report, 'never')).toBe(0);
  });
});
