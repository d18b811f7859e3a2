import { describe, expect, it } from 'vitest';
import { keepChanged } from '../../../src/core/collect/changed-files.js';
import type { Collection } from '../../../src/core/collect/collect-files.js';
import { fileProblem } from '../../../src/core/collect/problems.js';
import { check, places } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

describe('keepChanged', () => {
  const collection: Collection = {
    files: ['a.md', 'b.md', 'docs/c.md'],
    problems: [fileProblem('a.md', 'cannot read'), fileProblem('docs/c.md', 'cannot read')],
  };

  it('keeps only the changed files of the collection and their problems', () => {
    const kept = keepChanged(collection, ['docs/c.md', 'b.md', 'not-collected.md']);
    expect(kept.files).toEqual(['b.md', 'docs/c.md']);
    expect(kept.problems.map((problem) => problem.file)).toEqual(['docs/c.md']);
  });

  it('leaves the collection as it is without a list of changes, and empties it for an empty one', () => {
    expect(keepChanged(collection, undefined)).toBe(collection);
    expect(keepChanged(collection, [])).toEqual({ files: [], problems: [] });
  });
});

describe('changed-files mode through checkLinks', () => {
  const tree = {
    'a.md': '# Getting started\n\n[broken](missing-from-a.md)\n',
    'b.md': '[ok](a.md#getting-started) [bad](a.md#nowhere) [gone](missing-from-b.md)\n',
  };

  it('reports only the changed files, yet resolves headings in unchanged files', async () => {
    const root = makeTree(tree);
    const report = await check(root, { changedFiles: ['b.md'] });
    expect(places(report)).toEqual(['b.md:1:28 missing-fragment', 'b.md:1:48 missing-file']);
    expect(report.findings.map((finding) => finding.url)).toEqual(['a.md#nowhere', 'missing-from-b.md']);
    expect(report.stats).toMatchObject({ files: 1, links: 3, errors: 2 });
    // Without the mode, a.md's own finding is there too: the narrowing is what removed it.
    expect(places(await check(root))).toContain('a.md:3:1 missing-file');
  });

  it('keeps a changed file out when the config excludes it', async () => {
    const root = makeTree({ ...tree, 'vendor/c.md': '[x](missing-from-c.md)\n' });
    const report = await check(root, { changedFiles: ['b.md', 'vendor/c.md'], exclude: ['vendor/**'] });
    expect(report.findings.map((finding) => finding.file)).toEqual(['b.md', 'b.md']);
    expect(report.stats.files).toBe(1);
    const unexcluded = await check(root, { changedFiles: ['b.md', 'vendor/c.md'] });
    expect(unexcluded.findings.map((finding) => finding.file)).toContain('vendor/c.md');
  });

  it('checks nothing when no Markdown file changed', async () => {
    const root = makeTree(tree);
    const report = await check(root, { changedFiles: ['src/index.ts'] });
    expect(report.findings).toEqual([]);
    expect(report.stats.files).toBe(0);
  });
});
