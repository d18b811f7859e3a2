import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../../src/core/collect/shard.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeTree } from '../helpers/tree.js';

const widgets = 'https://w.example/best-cheap-widgets';

/**
 * Three files in two shards: `best cheap widgets` to one page 5 times from 3 files is over-optimized,
 * but neither shard holds 5 of those links; `b.md` has a missing file (an error) of its own.
 */
const files = {
  'a.md': `# A\n\n[click here](b.md#nope) [best cheap widgets](${widgets})\n`,
  'b.md': `# B\n\n[best cheap widgets](${widgets}) [gone](x.md)\n`,
  'c.md': `# C\n\n${`[best cheap widgets](${widgets})\n`.repeat(3)}`,
};

async function cli(root: string, argv: readonly string[]): Promise<CliResult> {
  return await runCli(['--root', '.', ...argv], { cwd: root });
}

/** The tree with `s1.json` and `s2.json`: its two shard reports, written for merging. */
async function shardedTree(): Promise<string> {
  const root = makeTree(files);
  for (const index of [1, 2]) {
    const run = await cli(root, ['--offline', '--shard', `${index}/2`, '--format', 'json', '--include-links']);
    expect([0, 1]).toContain(run.code);
    writeFileSync(path.join(root, `s${index}.json`), run.stdout);
  }
  return root;
}

function edit(root: string, file: string, change: (report: Record<string, unknown>) => void): void {
  const report = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
  change(report);
  writeFileSync(path.join(root, file), JSON.stringify(report));
}

describe('linkvet merge', () => {
  it('splits the tree so that only the merge sees the over-optimized page', async () => {
    expect(shardOf('b.md', 2)).not.toBe(shardOf('c.md', 2));
    const root = await shardedTree();
    for (const shard of ['s1.json', 's2.json']) {
      expect(readFileSync(path.join(root, shard), 'utf8')).not.toContain('over-optimized-anchor');
    }
  });

  it('prints the merged report as text, the corpus findings judged across the shards', async () => {
    const root = await shardedTree();
    const { code, stdout, stderr } = await cli(root, ['merge', 's1.json', 's2.json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((line) => !line.startsWith(' ') && line !== '')).toEqual(['a.md', 'b.md', lines.at(-1)]);
    expect(stdout).toMatch(/a\.md:3:25 +warning +5 of 5 links to `https:\/\/w\.example\/best-cheap-widgets` \(100%\)/u);
    expect(stdout).toContain('also at b.md:3, c.md:3, c.md:4, c.md:5');
    expect(stdout).toMatch(/b\.md:3:\d+ +error +`x\.md` does not exist/u);
    expect(lines.at(-1)).toMatch(/^✖ 2 errors, 2 warnings, 0 notices in 7 links across 3 files \(\d+ ms\)$/u);
  });

  it('writes the merged report as Markdown', async () => {
    const root = await shardedTree();
    const { code, stdout } = await cli(root, ['merge', 's1.json', 's2.json', '--format', 'markdown']);
    expect(code).toBe(1);
    expect(stdout).toContain('❌ **2** errors, **2** warnings, **0** notices in 7 links in 3 files.');
    expect(stdout).toContain('| ⚠️ | ` a.md:3:25 ` | 5 of 5 links to ` https://w.example/best-cheap-widgets `');
    expect(stdout).toContain('| ` w.example ` | 5 | 1 | ` best cheap widgets ` | 100% | 0.00 |');
  });

  it('writes the merged report as SARIF', async () => {
    const root = await shardedTree();
    const { code, stdout } = await cli(root, ['merge', 's1.json', 's2.json', '--format', 'sarif', '-o', 'm.sarif']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const sarif = JSON.parse(readFileSync(path.join(root, 'm.sarif'), 'utf8')) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]?.results ?? [];
    expect(
      results.map(
        ({ ruleId, locations: [place] }) =>
          `${place?.physicalLocation.artifactLocation.uri ?? ''}:${place?.physicalLocation.region.startLine ?? 0} ${ruleId}`,
      ),
    ).toEqual([
      'a.md:3 generic-anchor-text',
      'a.md:3 missing-fragment',
      'a.md:3 over-optimized-anchor',
      'b.md:3 missing-file',
    ]);
  });

  it('exits 1 on errors at or above --fail-on, and 0 with --fail-on never', async () => {
    const root = await shardedTree();
    expect((await cli(root, ['merge', 's1.json', 's2.json'])).code).toBe(1);
    expect((await cli(root, ['merge', 's1.json', 's2.json', '--fail-on', 'error'])).code).toBe(1);
    expect((await cli(root, ['merge', 's1.json', 's2.json', '--fail-on', 'never'])).code).toBe(0);
  });

  it('exits by the merged findings, not by what each shard found', async () => {
    // Only the over-optimized page, a warning that no shard alone finds.
    const root = makeTree({
      'a.md': `[best cheap widgets](${widgets})\n`,
      'b.md': `[best cheap widgets](${widgets})\n`,
      'c.md': `[best cheap widgets](${widgets})\n`.repeat(3),
    });
    for (const index of [1, 2]) {
      const shard = ['--offline', '--shard', `${index}/2`, '--fail-on', 'warning'];
      expect((await cli(root, [...shard, '--format', 'json', '--include-links', '-o', `s${index}.json`])).code).toBe(0);
    }
    expect((await cli(root, ['merge', 's1.json', 's2.json', '--fail-on', 'warning'])).code).toBe(1);
    expect((await cli(root, ['merge', 's1.json', 's2.json', '--fail-on', 'notice'])).code).toBe(1);
    expect((await cli(root, ['merge', 's1.json', 's2.json', '--fail-on', 'error'])).code).toBe(0);
    expect((await cli(root, ['merge', 's1.json', 's2.json'])).code).toBe(0);
  });

  it('refuses a report written without --include-links, naming it and the flag', async () => {
    const root = await shardedTree();
    const plain = await cli(root, ['--offline', '--shard', '1/2', '--format', 'json', '-o', 'plain.json']);
    expect(plain.code).toBe(1);
    const { code, stdout, stderr } = await cli(root, ['merge', 'plain.json', 's2.json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^linkvet: plain\.json lists no links: .*--format json --include-links/u);
  });

  it('refuses a report given twice under two names, naming the file both hold', async () => {
    const root = await shardedTree();
    copyFileSync(path.join(root, 's1.json'), path.join(root, 'again.json'));
    const held = shardOf('a.md', 2) === 1 ? 'a.md' : 'b.md';
    const { code, stdout, stderr } = await cli(root, ['merge', 's1.json', 's2.json', 'again.json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `linkvet: \`${held}\` is in both s1.json and again.json: merge the shard reports of one run, each once\n`,
    );
  });

  it('refuses the same report path given twice', async () => {
    const root = await shardedTree();
    const { code, stdout, stderr } = await cli(root, ['merge', 's1.json', 's2.json', 's1.json']);
    // Accepted, it would count s1.json's files, links and findings twice.
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^linkvet: .*s1\.json/u);
    expect(code).toBe(2);
  });

  it('names a report that cannot be read or is not JSON', async () => {
    const root = await shardedTree();
    mkdirSync(path.join(root, 'reports'));
    writeFileSync(path.join(root, 'half.json'), '{"schemaVersion": 1,');
    // A report downloaded from another job is untrusted: a FIFO must not leave the merge waiting.
    execFileSync('mkfifo', [path.join(root, 'pipe.json')]);
    for (const [given, message] of [
      ['missing.json', /^linkvet: cannot read the report `missing\.json` \(it does not exist\)$/mu],
      ['reports', /^linkvet: cannot read the report `reports` \(it is a directory\)$/mu],
      ['pipe.json', /^linkvet: cannot read the report `pipe\.json` \(it is not a regular file \(a FIFO\)\)$/mu],
      ['half.json', /^linkvet: half\.json: not a JSON report \(/u],
    ] as const) {
      const { code, stdout, stderr } = await cli(root, ['merge', 's1.json', given]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    }
  });

  it('names the key of a tampered report', async () => {
    const root = await shardedTree();
    edit(root, 's2.json', (report) => {
      const [first] = report['findings'] as Record<string, unknown>[];
      if (first !== undefined) first['rule'] = 'no-such-rule';
    });
    const unknownRule = await cli(root, ['merge', 's1.json', 's2.json']);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stdout).toBe('');
    expect(unknownRule.stderr).toBe(
      'linkvet: s2.json: `findings[0].rule` must be a linkvet rule id, got "no-such-rule"\n',
    );

    edit(root, 's1.json', (report) => {
      const [first] = report['links'] as Record<string, unknown>[];
      if (first !== undefined) first['status'] = 'dead';
    });
    const badStatus = await cli(root, ['merge', 's1.json']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toMatch(
      /^linkvet: s1\.json: `links\[0\]\.status` must be ok, broken, skipped, unchecked, got "dead"/u,
    );
  });

  it('needs at least one report', async () => {
    const root = makeTree(files);
    const { code, stdout, stderr } = await cli(root, ['merge']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('linkvet: `linkvet merge` needs the shard reports to merge: linkvet merge a.json b.json …\n');
  });

  it('is described in --help', async () => {
    const root = makeTree(files);
    const { code, stdout } = await cli(root, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('linkvet merge <report.json>...');
    expect(stdout).toMatch(
      /`merge` combines the JSON reports of\s+--shard runs \(written with --format json --include-links\)/u,
    );
  });
});
