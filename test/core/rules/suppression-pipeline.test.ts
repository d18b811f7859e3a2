import { describe, expect, it } from 'vitest';
import type { Options, Report } from '../../../src/core/index.js';
import { check, places } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** Runs the pipeline over a throwaway tree and returns the report. */
async function run(files: Readonly<Record<string, string>>, flags: Options = {}): Promise<Report> {
  return await check(makeTree(files), flags);
}

describe('suppression comments in a run', () => {
  it('silences the named rule on the next line, not another rule there nor the line after', async () => {
    const report = await run({
      'a.md': [
        '<!-- linkvet-disable-next-line generic-anchor-text -->',
        '[click here](gone.md)',
        '[click here](https://x.example/a)',
        '',
      ].join('\n'),
    });
    expect(places(report)).toEqual(['a.md:2:1 missing-file', 'a.md:3:1 generic-anchor-text']);
    expect(report.warnings).toEqual([]);
  });

  it('without rule names, silences every rule on the next line', async () => {
    const report = await run({
      'a.md': '<!-- linkvet-disable-next-line -- legacy page -->\n[click here](gone.md)\n[here](gone.md)\n',
    });
    expect(places(report)).toEqual(['a.md:3:1 generic-anchor-text', 'a.md:3:1 missing-file']);
  });

  it('silences what a disable … enable range holds, by rule or all', async () => {
    const report = await run({
      'a.md': [
        '[one](gone-1.md)',
        '<!-- linkvet-disable -->',
        '[two](gone-2.md) [click here](https://x.example/2)',
        '<!-- linkvet-enable -->',
        '[three](gone-3.md)',
        '<!-- linkvet-disable missing-file -->',
        '[four](gone-4.md) [click here](https://x.example/4)',
        '<!-- linkvet-enable missing-file -->',
        '[five](gone-5.md)',
        '',
      ].join('\n'),
    });
    expect(places(report)).toEqual([
      'a.md:1:1 missing-file',
      'a.md:5:1 missing-file',
      'a.md:7:19 generic-anchor-text',
      'a.md:9:1 missing-file',
    ]);
  });

  it('runs a disable to the end of its own file and no further', async () => {
    const report = await run({
      'a.md': '[one](gone.md)\n<!-- linkvet-disable missing-file -->\n[two](gone.md)\n',
      'b.md': '[three](gone.md)\n',
    });
    expect(places(report)).toEqual(['a.md:1:1 missing-file', 'b.md:1:1 missing-file']);
  });

  it('silences a corpus-wide finding at the place it is reported', async () => {
    const line = '[best cheap widgets](https://widgets.example/best-cheap-widgets)';
    const files = { 'b.md': `${line}\n`, 'c.md': `${line}\n`, 'd.md': `${line}\n${line}\n` };
    expect(places(await run({ 'a.md': `${line}\n`, ...files }))).toEqual(['a.md:1:1 over-optimized-anchor']);
    const silenced = await run({
      'a.md': `<!-- linkvet-disable-next-line over-optimized-anchor -->\n${line}\n`,
      ...files,
    });
    expect(places(silenced)).toEqual([]);
  });

  it('warns about a misspelt rule, and silences nothing with it', async () => {
    const report = await run({
      'docs/a.md':
        'Intro\n\n<!-- linkvet-disable-next-line generic-anchor-txt -->\n[click here](https://x.example/a)\n',
    });
    expect(places(report)).toEqual(['docs/a.md:4:1 generic-anchor-text']);
    expect(report.warnings).toEqual([
      'docs/a.md:3: unknown rule `generic-anchor-txt` in `linkvet-disable-next-line`; did you mean `generic-anchor-text`?',
    ]);
  });

  it('warns about a misspelt directive, and silences nothing with it', async () => {
    const report = await run({ 'a.md': '<!-- linkvet-disable-nextline -->\n[click here](https://x.example/a)\n' });
    expect(places(report)).toEqual(['a.md:2:1 generic-anchor-text']);
    expect(report.warnings).toEqual([
      'a.md:1: unknown directive `linkvet-disable-nextline`; did you mean `linkvet-disable-next-line`?',
    ]);
  });

  it('ignores directives written in code', async () => {
    const report = await run({
      'a.md': '```md\n<!-- linkvet-disable -->\n```\n\n[click here](gone.md)\n',
    });
    expect(places(report)).toEqual(['a.md:5:1 generic-anchor-text', 'a.md:5:1 missing-file']);
    expect(report.warnings).toEqual([]);
  });
});

describe('overrides in a run', () => {
  const files = {
    'legacy/old.md': '[old](gone.md)\n',
    'legacy/deep/older.md': '[older](gone.md)\n',
    'docs/new.md': '[new](gone.md)\n',
    'README.md': '[readme](gone.md)\n',
  };

  it('turn a rule off only in the files their globs match', async () => {
    const report = await run({
      ...files,
      '.linkvet.yml': 'overrides:\n  - files: ["legacy/**"]\n    rules: { missing-file: off }\n',
    });
    expect(places(report)).toEqual(['README.md:1:1 missing-file', 'docs/new.md:1:1 missing-file']);
    expect(report.stats.errors).toBe(2);
  });

  it('take the same shape from flags', async () => {
    const report = await run(files, { overrides: [{ files: ['legacy/**'], rules: { 'missing-file': 'off' } }] });
    expect(places(report)).toEqual(['README.md:1:1 missing-file', 'docs/new.md:1:1 missing-file']);
  });

  it('change a severity in matching files and leave the others at `rules:` or the default', async () => {
    const report = await run({
      ...files,
      '.linkvet.yml': [
        'rules: { missing-file: warning }',
        'overrides:',
        '  - files: ["legacy/deep/**"]',
        '    rules: { missing-file: notice }',
        '  - files: ["README.md"]',
        '    rules: { missing-file: error }',
        '',
      ].join('\n'),
    });
    expect(report.findings.map(({ file, severity }) => `${file} ${severity}`)).toEqual([
      'README.md error',
      'docs/new.md warning',
      'legacy/deep/older.md notice',
      'legacy/old.md warning',
    ]);
  });

  it('apply to anchor rules too', async () => {
    const report = await run({
      'legacy/a.md': '[click here](https://x.example/a)\n',
      'docs/b.md': '[click here](https://x.example/b)\n',
      '.linkvet.yml': 'overrides:\n  - files: ["legacy/**"]\n    rules: { generic-anchor-text: off }\n',
    });
    expect(places(report)).toEqual(['docs/b.md:1:1 generic-anchor-text']);
  });
});
