import { describe, expect, it } from 'vitest';
import { checkLinks, loadConfig, type Progress } from '../../src/core/index.js';
import { check, places } from '../helpers/run.js';
import { makeTree } from '../helpers/tree.js';

describe('checkLinks', () => {
  it('reports a missing file at the link', async () => {
    const root = makeTree({ 'README.md': '# Title\n\nSee [setup](setup.md).\n' });
    expect(places(await check(root))).toEqual(['README.md:3:5 missing-file']);
  });

  it('reports progress per file and times the run with the clock it is given', async () => {
    const root = makeTree({ 'a.md': '# A\n', 'b.md': '# B\n' });
    const seen: Progress[] = [];
    let time = 1000;
    const report = await checkLinks(loadConfig({ cwd: root, root, flags: { offline: true } }), {
      now: () => (time += 250),
      onProgress: (progress) => seen.push(progress),
    });
    expect(seen).toEqual([
      { phase: 'parse', done: 1, total: 2 },
      { phase: 'parse', done: 2, total: 2 },
    ]);
    expect(report.stats.durationMs).toBe(250);
  });

  it('counts links, unique external URLs without their fragments, and findings by severity', async () => {
    const root = makeTree({
      'a.md':
        '[x](https://a.example/p#one) [y](https://a.example/p#two) [z](https://b.example/) [w](gone.md) [v][none]\n',
    });
    expect((await check(root)).stats).toMatchObject({
      files: 1,
      links: 4,
      uniqueUrls: 2,
      errors: 1,
      warnings: 1,
      notices: 0,
    });
  });

  it('checks many fragments into one unchecked file, reporting only the missing one', async () => {
    const root = makeTree({ 'a.md': '[1](b.md#b) [2](b.md#b) [3](b.md#c)\n', 'b.md': '# B\n' });
    expect(places(await check(root, {}, ['a.md']))).toEqual(['a.md:1:25 missing-fragment']);
  });
});
