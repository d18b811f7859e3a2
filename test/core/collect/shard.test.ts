import { describe, expect, it } from 'vitest';
import { shardCollection, shardOf } from '../../../src/core/collect/shard.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

const names = (count: number): string[] => Array.from({ length: count }, (_, i) => `docs/section-${i}/page-${i}.md`);

describe('shards', () => {
  it('together check each file exactly once', async () => {
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => [`${name}.md`, `[x](missing-${name}.md)\n`]),
    );
    const root = makeTree(files);
    const filesOf = async (index: number): Promise<string[]> =>
      (await check(root, { shard: { index, count: 3 } })).findings.map((finding) => finding.file);
    const shards = [await filesOf(1), await filesOf(2), await filesOf(3)];
    expect(shards.flat().sort()).toEqual(Object.keys(files).sort());
    for (const [index, files] of shards.entries()) {
      for (const file of files) expect(shardOf(file, 3)).toBe(index + 1);
    }
  });

  it('depend only on the path: adding files moves none of the others', () => {
    const before = names(1000).sort();
    const after = [...before, ...names(1200).slice(1000)].sort();
    const place = (files: string[], index: number): string[] =>
      shardCollection({ files, problems: [] }, { index, count: 4 }).files as string[];
    for (let index = 1; index <= 4; index += 1) {
      const kept = place(after, index).filter((file) => before.includes(file));
      expect(kept).toEqual(place(before, index));
    }
  });

  it('move about one file in n + 1 when a shard is added, and stay balanced', () => {
    const files = names(4000);
    const moved = files.filter((file) => shardOf(file, 4) !== shardOf(file, 5)).length;
    expect(moved / files.length).toBeGreaterThan(0.15);
    expect(moved / files.length).toBeLessThan(0.25);
    const sizes = [1, 2, 3, 4].map((index) => files.filter((file) => shardOf(file, 4) === index).length);
    for (const size of sizes) expect(Math.abs(size - 1000)).toBeLessThan(120);
  });

  it('leave the walk’s problems to shard 1 only', () => {
    const problem = { rule: 'unreadable-file', file: 'x.md' } as never;
    const collection = { files: ['a.md'], problems: [problem] };
    expect(shardCollection(collection, { index: 1, count: 2 }).problems).toEqual([problem]);
    expect(shardCollection(collection, { index: 2, count: 2 }).problems).toEqual([]);
  });

  it('still check fragments into files that another shard checks', async () => {
    const root = makeTree({ 'a.md': '# A\n', 'b.md': '[ok](a.md#a) [bad](a.md#b)\n' });
    const shard = { index: shardOf('b.md', 2), count: 2 };
    expect(shardOf('a.md', 2)).not.toBe(shard.index);
    expect((await check(root, { shard })).findings.map((finding) => finding.url)).toEqual(['a.md#b']);
  });
});
