import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

// The bundled CLI is interrupted while three links wait on a server that answers only after 20 s: it must stop at
// once, print a partial report marked incomplete, keep its internal findings and save what it did learn.

let site: TestServer;

beforeAll(async () => {
  site = await startTestServer();
});

afterAll(async () => {
  await site.close();
});

const slowLinks = ['a', 'b', 'c'].map((name) => `/slow?ms=20000&name=${name}`);

function repository(): string {
  return makeTree({
    '.linkvet.json': JSON.stringify({ retries: 0, timeout: '60s', cache: { enabled: true, path: 'cache.json' } }),
    'README.md': [
      '# Interrupted',
      '',
      `[fine](${site.url('/ok')}) and [missing](./missing.md)`,
      '',
      ...slowLinks.map((link, index) => `- [slow ${index}](${site.url(link)})`),
      '',
    ].join('\n'),
    'docs/guide.md': '# Guide\n\n[home](../README.md#interrupted)\n',
  });
}

interface Interrupted {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the CLI, waits until every slow link is being requested, then sends `signals` one after the other. */
function interruptRun(
  root: string,
  signals: readonly NodeJS.Signals[],
  extra: readonly string[] = [],
): Promise<Interrupted> {
  const child = spawn(
    process.execPath,
    [`${repositoryRoot}dist/cli.js`, '--format', 'json', '--include-links', ...extra],
    {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '' },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const before = site.requests.length;
  let signalledAt = 0;
  const poll = setInterval(() => {
    const started = site.requests.slice(before).filter((request) => request.path === '/slow').length;
    if (started < slowLinks.length) return;
    clearInterval(poll);
    signalledAt = Date.now();
    for (const signal of signals) child.kill(signal);
  }, 20);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr, ms: Date.now() - signalledAt });
    });
  });
}

interface JsonReport {
  readonly incomplete?: { reason: string; filesChecked: number; filesTotal: number; linksUnchecked: number };
  readonly findings: readonly { rule: string; url: string }[];
  readonly links: readonly { url: string; status: string }[];
}

function expectPartialReport(report: JsonReport, reason: string): void {
  expect(report.incomplete).toEqual({ reason, filesChecked: 2, filesTotal: 2, linksUnchecked: 3 });
  expect(report.findings.map((finding) => [finding.rule, finding.url])).toEqual([['missing-file', './missing.md']]);
  const statusOf = (url: string): string | undefined => report.links.find((link) => link.url === url)?.status;
  for (const link of slowLinks) expect(statusOf(site.url(link))).toBe('unchecked');
  expect(statusOf(site.url('/ok'))).toBe('ok');
  expect(statusOf('./missing.md')).toBe('broken');
}

describe('linkvet interrupted', () => {
  it('by SIGINT: prints a partial report marked incomplete and exits 130 at once', { timeout: 30_000 }, async () => {
    const root = repository();
    const run = await interruptRun(root, ['SIGINT']);
    expect(run.code).toBe(130);
    // The slow answers are 20 s away; a run that waited for them would take that long.
    expect(run.ms).toBeLessThan(10_000);
    expectPartialReport(JSON.parse(run.stdout) as JsonReport, 'SIGINT');
    expect(run.stderr).toContain('Interrupted (SIGINT): incomplete results, 2 of 2 files read, 3 links not checked.');
    // What the run did learn is kept for the next one.
    const cache = JSON.parse(readFileSync(path.join(root, 'cache.json'), 'utf8')) as { entries: object };
    expect(Object.keys(cache.entries)).toEqual([site.url('/ok')]);
  });

  it('by SIGTERM: writes the partial report to --output and exits 143', { timeout: 30_000 }, async () => {
    const root = repository();
    const run = await interruptRun(root, ['SIGTERM'], ['--output', 'out/report.json']);
    expect(run.code).toBe(143);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.stdout).toBe('');
    expectPartialReport(JSON.parse(readFileSync(path.join(root, 'out/report.json'), 'utf8')) as JsonReport, 'SIGTERM');
  });

  it('by SIGTERM while a file is being parsed: stops the parse and exits at once', { timeout: 30_000 }, async () => {
    // 300 KB of `*_` keeps the parser busy for minutes; its budget is 8 s of CPU time.
    const root = makeTree({ 'README.md': '[missing](./missing.md)\n', 'slow.md': '*_'.repeat(150_000) });
    const child = spawn(process.execPath, [`${repositoryRoot}dist/cli.js`, '--offline', '--format', 'json'], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let signalledAt = 0;
    setTimeout(() => {
      signalledAt = Date.now();
      child.kill('SIGTERM');
    }, 3_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(143);
    expect(Date.now() - signalledAt).toBeLessThan(2_500);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.incomplete).toMatchObject({ reason: 'SIGTERM', filesTotal: 2 });
    expect(report.incomplete?.filesChecked).toBeLessThan(2);
  });

  it('by a second signal: exits at once, never leaving a torn report', { timeout: 30_000 }, async () => {
    const root = repository();
    const run = await interruptRun(root, ['SIGINT', 'SIGTERM'], ['--output', 'report.json']);
    expect([130, 143]).toContain(run.code);
    expect(run.ms).toBeLessThan(10_000);
    const file = path.join(root, 'report.json');
    // The second signal may land before or after the partial report is written; never in the middle of it.
    // Sent back to back, the two signals may reach the process in either order: the first one handled names the report.
    if (existsSync(file)) {
      const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
      const reason = report.incomplete?.reason ?? 'none';
      expect(['SIGINT', 'SIGTERM']).toContain(reason);
      expectPartialReport(report, reason);
    }
  });
});
