import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBundledCli, runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/run.js';
import { makeTree } from '../helpers/tree.js';

const broken = fixture('broken');
const valid = fixture('valid');

describe('linkvet check', () => {
  it('exits 0 on a clean tree and 1 on broken links', async () => {
    expect((await runCli(['--root', '.', '--offline'], { cwd: valid })).code).toBe(0);
    expect((await runCli(['--root', '.', 'check', '--offline'], { cwd: broken })).code).toBe(1);
  });

  it('prints findings grouped by file as clickable path:line:col, then one total line', async () => {
    const { stdout } = await runCli(['--root', '.', '--offline'], { cwd: broken });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('README.md');
    // Places are padded to the widest in the file (README.md:13:26), so severities line up.
    expect(lines[1]).toBe('  README.md:3:1    error    `docs/nothing.md` does not exist  missing-file');
    expect(lines.find((line) => line.includes('README.md:13:26'))).toMatch(/^ {2}README\.md:13:26 {2}warning {2}/);
    expect(lines).toContain('docs/setup.md');
    expect(lines.at(-1)).toMatch(/^✖ 13 errors, 2 warnings, 1 notice in 13 links across 2 files \(\d+ ms\)$/);
  });

  it('colours only on a terminal and never with NO_COLOR', async () => {
    const escape = '\u001b[';
    expect((await runCli(['--root', '.', '--offline'], { cwd: broken, tty: true })).stdout).toContain(escape);
    expect(
      (await runCli(['--root', '.', '--offline'], { cwd: broken, tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain(escape);
    expect((await runCli(['--root', '.', '--offline'], { cwd: broken, tty: false })).stdout).not.toContain(escape);
  });

  it('writes the JSON report of the contract', async () => {
    const report = JSON.parse(
      (await runCli(['--root', '.', '--offline', '--format', 'json'], { cwd: broken })).stdout,
    ) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'stats', 'findings', 'links', 'warnings', 'anchors']);
    expect(report['schemaVersion']).toBe(1);
    expect(report['tool']).toMatchObject({
      name: 'linkvet',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as string,
    });
    expect(Object.keys(report['stats'] as object)).toEqual([
      'files',
      'links',
      'uniqueUrls',
      'errors',
      'warnings',
      'notices',
      'durationMs',
    ]);
    expect((report['findings'] as unknown[])[1]).toEqual({
      file: 'README.md',
      line: 4,
      column: 1,
      endLine: 4,
      endColumn: 28,
      url: 'docs/Setup.md',
      text: 'wrong case',
      rule: 'missing-file',
      severity: 'error',
      message: '`docs/Setup.md` does not exist (names are case-sensitive on GitHub); did you mean `docs/setup.md`?',
      suggestion: 'docs/setup.md',
    });
    expect(report['links']).toEqual([]);
  });

  it('lists every link with its status when asked', async () => {
    const stdout = (await runCli(['--root', '.', '--offline', '--format', 'json', '--include-links'], { cwd: broken }))
      .stdout;
    const links = (JSON.parse(stdout) as { links: Array<{ url: string; status: string; target: string }> }).links;
    expect(links).toHaveLength(13);
    expect(links[0]).toMatchObject({ url: 'docs/nothing.md', status: 'broken', target: 'file' });
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const out = path.join(makeTree({}), 'report.json');
    const result = await runCli(['--root', '.', '--offline', '--format', 'json', '--output', out], { cwd: broken });
    expect(result.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { stats: { errors: number } }).stats.errors).toBe(13);
  });

  it('checks only the paths given', async () => {
    const report = JSON.parse(
      (await runCli(['--root', '.', 'docs', '--offline', '--format', 'json'], { cwd: broken })).stdout,
    ) as {
      findings: Array<{ file: string }>;
    };
    expect(report.findings.map((finding) => finding.file)).toEqual(['docs/setup.md']);
  });

  it('sets the threshold with --fail-on', async () => {
    const root = makeTree({ 'a.md': '[x][nolabel]\n' });
    expect((await runCli(['--root', '.', '--offline'], { cwd: root })).code).toBe(0);
    expect((await runCli(['--root', '.', '--offline', '--fail-on', 'warning'], { cwd: root })).code).toBe(1);
    expect((await runCli(['--root', '.', '--offline', '--fail-on', 'never'], { cwd: broken })).code).toBe(0);
  });

  it('skips files and URLs given to --exclude', async () => {
    const root = makeTree({ 'a.md': '[x](gone.md)\n', 'b.md': '[y](https://bad.example/ok) [z](old/x.md)\n' });
    const result = await runCli(['--root', '.', '--offline', '--exclude', 'a.md', '--exclude', '^old/'], { cwd: root });
    expect(result.code).toBe(0);
  });

  it('exits 2 naming the bad flag, value or config key', async () => {
    const unknownFlag = await runCli(['--root', '.', '--ofline'], { cwd: valid });
    expect(unknownFlag).toMatchObject({ code: 2, stdout: '' });
    expect(unknownFlag.stderr).toContain("'--ofline'");
    expect((await runCli(['--root', '.', '--format', 'xml'], { cwd: valid })).stderr).toBe(
      'linkvet: --format must be one of text, json, sarif, markdown, got `xml`\n',
    );
    const root = makeTree({ '.linkvet.yml': 'timout: 5s\n', 'a.md': '' });
    expect(await runCli(['--root', '.'], { cwd: root })).toMatchObject({
      code: 2,
      stderr: 'linkvet: .linkvet.yml: unknown key `timout`; did you mean `timeout`?\n',
    });
    expect(await runCli(['--root', '.', 'missing-dir'], { cwd: valid })).toMatchObject({
      code: 2,
      stderr: 'linkvet: path `missing-dir` does not exist\n',
    });
  });

  it('prints help and version', async () => {
    expect((await runCli(['--root', '.', '--help'], { cwd: valid })).stdout).toContain(
      'Usage: linkvet [check] [paths...]',
    );
    expect((await runCli(['--root', '.', '--version'], { cwd: valid })).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('the bundled dist/cli.js', () => {
  it('runs as a real process with the contract exit codes', () => {
    expect(runBundledCli(['--root', '.', '--offline'], valid).code).toBe(0);
    const failing = runBundledCli(['--root', '.', '--offline', '--format', 'json'], broken);
    expect(failing.code).toBe(1);
    expect((JSON.parse(failing.stdout) as { stats: { errors: number } }).stats.errors).toBe(13);
    expect(runBundledCli(['--root', '.', '--nope'], valid).code).toBe(2);
  });
});

describe('more formats and shards', () => {
  it('writes SARIF and Markdown', async () => {
    const sarif = await runCli(['--root', '.', '--offline', '--format', 'sarif'], { cwd: broken });
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe('2.1.0');
    expect((await runCli(['--root', '.', '--offline', '--format', 'markdown'], { cwd: broken })).stdout).toMatch(
      /^### linkvet\n/,
    );
  });

  it('takes --shard i/n and refuses a malformed one', async () => {
    expect((await runCli(['--root', '.', '--offline', '--shard', '2/2'], { cwd: broken })).code).toBe(1);
    expect(await runCli(['--root', '.', '--shard', '3/2'], { cwd: broken })).toMatchObject({
      code: 2,
      stderr: 'linkvet: --shard must be i/n with 1 ≤ i ≤ n, such as `2/3`, got `3/2`\n',
    });
  });
});

describe('GitHub environment', () => {
  it('checks links into GITHUB_REPOSITORY against the checkout', async () => {
    const root = makeTree({
      'a.md':
        '[ok](https://github.com/acme/docs/blob/main/b.md) [gone](https://github.com/acme/docs/blob/main/gone.md)\n',
      'b.md': '',
    });
    const result = await runCli(['--root', '.', '--format', 'json'], {
      cwd: root,
      env: { GITHUB_REPOSITORY: 'acme/docs' },
    });
    const report = JSON.parse(result.stdout) as { findings: Array<{ url: string; rule: string }> };
    expect(report.findings).toEqual([
      expect.objectContaining({ url: 'https://github.com/acme/docs/blob/main/gone.md', rule: 'missing-file' }),
    ]);
  });
});
