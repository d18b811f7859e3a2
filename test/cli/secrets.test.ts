import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { outputOf, repositoryRoot, type CliResult } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

// The bundled CLI, run with GITHUB_TOKEN set to a canary, must never print or write it: not on stdout or stderr,
// in no report format, not in the cache file. Every link points at a loopback server.

const canary = 'ghp_cliCanary_7Qz4Lw9Xv2Rt';

/** The canary as it would appear written plainly, in Basic auth (`user:token` in base64), or percent-encoded. */
function canaryForms(token: string): string[] {
  const basic = (text: string): string => Buffer.from(text).toString('base64');
  return [
    token,
    basic(token),
    basic(`x-access-token:${token}`),
    basic(`:${token}`),
    basic(`token:${token}`),
    encodeURIComponent(token),
  ];
}

/** Which forms of `token` a text holds, with where it was found. */
function leaksIn(surfaces: Readonly<Record<string, string>>, token: string): string[] {
  return Object.entries(surfaces).flatMap(([where, text]) =>
    canaryForms(token)
      .filter((form) => text.includes(form))
      .map((form) => `${where}: ${form}`),
  );
}

let site: TestServer;
const trees: string[] = [];

beforeAll(async () => {
  site = await startTestServer();
});

afterAll(async () => {
  await site.close();
  for (const tree of trees) rmSync(tree, { recursive: true, force: true });
});

/** A repository of hostile Markdown: dead, denied, redirecting and header-echoing links, broken syntax, a bad config. */
function hostileRepository(extra: Record<string, string> = {}): string {
  const refused = new URL(site.origin).port === '1' ? 2 : 1;
  const root = makeTree({
    '.linkvet.json': JSON.stringify({ cache: { enabled: true }, retries: 0, timeout: '5s' }),
    'README.md': [
      '# Secrets',
      '',
      `[echo](${site.url('/auth-echo')}) [gone](${site.url('/gone')}) [denied](${site.url('/unauthorized')})`,
      `[forbidden](${site.url('/forbidden')}) [error](${site.url('/error')}) [moved](${site.url('/moved')})`,
      `[to echo](${site.url('/redirect-to?to=' + encodeURIComponent(site.url('/auth-echo')))})`,
      `[userinfo](http://user:pass@${new URL(site.origin).host}/ok) [loop](${site.url('/loop-a')})`,
      '[missing](./nowhere.md#gone) [here](#nowhere)',
      `[unclosed](<http://127.0.0.1:${refused}/a b> "title`,
      `[refused](http://127.0.0.1:${refused}/x)`,
      '[ref][undefined-ref] <javascript:alert(1)> [data](data:text/html,x)',
      '',
      '## Secrets',
      '',
    ].join('\n'),
    'docs/broken.md': '[x](../README.md#secrets-1)\n\u0000\u0001 [y]( http://[::1 ]/ )\n',
    ...extra,
  });
  trees.push(root);
  return root;
}

/** Every run surface: stdout, stderr, and every file the run left in the repository (reports, cache). */
function surfacesOf(root: string, result: CliResult, label: string): Record<string, string> {
  const surfaces: Record<string, string> = { [`${label} stdout`]: result.stdout, [`${label} stderr`]: result.stderr };
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(root, file);
    if (existsSync(full) && !file.endsWith('.md') && !readdirSafe(full)) {
      surfaces[`${label} ${file}`] = readFileSync(full, 'utf8');
    }
  }
  return surfaces;
}

function readdirSafe(file: string): boolean {
  try {
    readdirSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `dist/cli.js` without blocking: the loopback site lives in this process, so a synchronous spawn would
 * leave every request unanswered until it timed out.
 */
function runBundledCli(argv: readonly string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'dist/cli.js'), ...argv], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  return outputOf(child);
}

const invocations: ReadonlyArray<{ label: string; args: readonly string[] }> = [
  { label: 'text', args: [] },
  { label: 'json', args: ['--format', 'json', '--include-links'] },
  { label: 'sarif', args: ['--format', 'sarif', '--output', 'report.sarif'] },
  { label: 'markdown', args: ['--format', 'markdown', '--output', 'report.md.out'] },
  { label: 'json-file', args: ['--format', 'json', '--include-links', '-o', 'report.json'] },
];

describe('the CLI with GITHUB_TOKEN set', () => {
  it('never prints or writes the token, in any format, with the cache on', async () => {
    const root = hostileRepository();
    const surfaces: Record<string, string> = {};
    for (const { label, args } of invocations) {
      const result = await runBundledCli(['check', ...args], root, { GITHUB_TOKEN: canary });
      expect(result.code, `${label}: ${result.stderr}`).toBe(1);
      Object.assign(surfaces, surfacesOf(root, result, label));
    }
    // The runs really wrote the cache and every report they were asked for.
    for (const file of ['.linkvet-cache.json', 'report.sarif', 'report.md.out', 'report.json']) {
      expect(
        Object.keys(surfaces).some((where) => where.endsWith(` ${file}`)),
        file,
      ).toBe(true);
    }
    expect(surfaces['json stdout']).toContain('/auth-echo');
    expect(leaksIn(surfaces, canary)).toEqual([]);
  }, 60_000);

  it('never prints the token when the config is unusable or a flag is wrong', async () => {
    const root = hostileRepository({ '.linkvet.json': '{ "timeout": "soon", "remap": [{ "from": "(" }] }' });
    const badConfig = await runBundledCli(['check'], root, { GITHUB_TOKEN: canary });
    const badFlag = await runBundledCli(['check', '--format', 'yaml', '--fail-on', 'sometimes'], root, {
      GITHUB_TOKEN: canary,
    });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('.linkvet.json');
    expect(badFlag.code).toBe(2);
    const surfaces = { 'bad config': badConfig.stdout + badConfig.stderr, 'bad flag': badFlag.stdout + badFlag.stderr };
    expect(leaksIn(surfaces, canary)).toEqual([]);
  }, 30_000);

  it('would be caught: the same scan finds a value the Markdown itself carries into every surface', async () => {
    // A control: a "token" written into a link is reported, so the scan above reads what the CLI really wrote.
    const planted = 'ghp_plantedInMarkdown_5Kd8';
    const root = hostileRepository({
      'planted.md': `[p](${site.url('/ok')}?t=${planted}) [q](${site.url('/gone')}?t=${planted})\n`,
    });
    const surfaces: Record<string, string> = {};
    for (const { label, args } of invocations) {
      Object.assign(surfaces, surfacesOf(root, await runBundledCli(['check', ...args], root, {}), label));
    }
    const leaks = leaksIn(surfaces, planted);
    for (const where of ['text stdout', 'json stdout', 'report.sarif', 'report.md.out', '.linkvet-cache.json']) {
      expect(
        leaks.some((leak) => leak.includes(where)),
        where,
      ).toBe(true);
    }
  }, 60_000);
});
