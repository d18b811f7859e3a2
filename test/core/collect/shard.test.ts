import { describe, expect, it } from 'vitest';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

describe('shards', () => {
  it('deal the sorted files round-robin so that together they check each file once', async () => {
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e'].map((name) => [`${name}.md`, `[x](missing-${name}.md)\n`]),
    );
    const root = makeTree(files);
    const filesOf = async (index: number): Promise<string[]> =>
      (await check(root, { shard: { index, count: 2 } })).findings.map((finding) => finding.file);
    expect(await filesOf(1)).toEqual(['a.md', 'c.md', 'e.md']);
    expect(await filesOf(2)).toEqual(['b.md', 'd.md']);
  });

  it('still check fragments into files that another shard checks', async () => {
    const root = makeTree({ 'a.md': '# A\n', 'b.md': '[ok](a.md#a) [bad](a.md#b)\n' });
    expect((await check(root, { shard: { index: 2, count: 2 } })).findings.map((finding) => finding.url)).toEqual([
      'a.md#b',
    ]);
  });
});
