import { describe, expect, it } from 'vitest';
import { getExitCode } from '../../../src/core/index.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** A tree whose only problem is one Markdown file over a 1 KB `maxFileSize`, so its links go unchecked. */
function treeWithOversizedFile(config?: string): string {
  return makeTree({
    'README.md': '# Fine\n\nSee [below](#fine).\n',
    'big.md': `# Big\n\n${'[gone](gone.md) '.repeat(200)}\n`,
    ...(config === undefined ? {} : { '.linkvet.yml': config }),
  });
}

describe('unreadable-file by default', () => {
  it('fails the run when a file is skipped for a limit', async () => {
    const report = await check(treeWithOversizedFile(), { maxFileSize: 1024 });
    expect(report.findings.map(({ file, rule, severity }) => `${file} ${rule} ${severity}`)).toEqual([
      'big.md unreadable-file error',
    ]);
    expect(getExitCode(report, 'error')).toBe(1);
  });

  it('passes again with `rules: { unreadable-file: warning }`, the old default', async () => {
    const report = await check(treeWithOversizedFile('rules: { unreadable-file: warning }\n'), { maxFileSize: 1024 });
    expect(report.findings.map(({ file, rule, severity }) => `${file} ${rule} ${severity}`)).toEqual([
      'big.md unreadable-file warning',
    ]);
    expect(getExitCode(report, 'error')).toBe(0);
  });
});
