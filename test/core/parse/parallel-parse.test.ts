import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkLinks, loadConfig, toJson, type Report } from '../../../src/core/index.js';
import {
  budgetedFileBytes,
  plannedWorkers,
  useWorkerScript,
  workerBytes,
} from '../../../src/core/parse/analyze-in-order.js';
import { repositoryRoot } from '../../helpers/cli.js';
import { makeTree } from '../../helpers/tree.js';
import { bundleWorker } from './bundle-worker.js';
import { docsTree } from './docs-tree.js';

/** The JSON report with every link, without the one field that differs from run to run. */
function comparable(json: string): unknown {
  const report = JSON.parse(json) as { stats: Record<string, unknown> };
  delete report.stats['durationMs'];
  return report;
}

async function reportOf(root: string): Promise<Report> {
  return await checkLinks(loadConfig({ cwd: root, root, flags: { offline: true } }));
}

afterEach(() => {
  vi.unstubAllEnvs();
  useWorkerScript(undefined);
});

describe('plannedWorkers', () => {
  const kb = (size: number): string => 'x'.repeat(size * 1024);
  const settings = (root: string) => ({ root, maxFileSize: 1024 * 1024 });

  it('uses a worker per core once the files add up to enough bytes to pay for them', () => {
    const tree = (count: number): string =>
      makeTree(Object.fromEntries(Array.from({ length: count }, (_, index) => [`${index}.md`, kb(30)])));
    const names = (count: number): string[] => Array.from({ length: count }, (_, index) => `${index}.md`);
    const small = tree(45);
    const big = tree(60);
    expect(workerBytes).toBe(1.5 * 1024 * 1024);
    expect(plannedWorkers(names(45), settings(small), {}, 2)).toBe(0);
    expect(plannedWorkers(names(60), settings(big), {}, 2)).toBe(2);
    expect(plannedWorkers(names(60), settings(big), {}, 16)).toBe(4);
    expect(plannedWorkers(names(60), settings(big), {}, 1)).toBe(0);
    expect(plannedWorkers(names(60), { ...settings(big), maxFileSize: 20 * 1024 }, {}, 2)).toBe(0);
  });

  it('uses one worker for a file big enough to need a parse time limit, even on one core', () => {
    const root = makeTree({ 'a.md': kb(1), 'b.md': kb(32), 'c.md': kb(31) });
    expect(budgetedFileBytes).toBe(32 * 1024);
    expect(plannedWorkers(['a.md', 'b.md'], settings(root), {}, 2)).toBe(1);
    expect(plannedWorkers(['b.md'], settings(root), {}, 1)).toBe(1);
    expect(plannedWorkers(['a.md', 'c.md'], settings(root), {}, 2)).toBe(0);
    // Too big to be parsed at all: nothing to time.
    expect(plannedWorkers(['a.md', 'b.md'], { ...settings(root), maxFileSize: 16 * 1024 }, {}, 2)).toBe(0);
    expect(plannedWorkers(['a.md', 'b.md'], settings(root), { LINKVET_WORKERS: '0' }, 2)).toBe(0);
  });

  it('does as LINKVET_WORKERS says', () => {
    const root = makeTree({ 'a.md': kb(1) });
    const files = Array.from({ length: 10 }, (_, index) => `${index}.md`);
    expect(plannedWorkers(files, settings(root), { LINKVET_WORKERS: '4' }, 1)).toBe(4);
    expect(plannedWorkers(files.slice(0, 3), settings(root), { LINKVET_WORKERS: '4' }, 2)).toBe(3);
    expect(plannedWorkers(files, settings(root), { LINKVET_WORKERS: '0' }, 2)).toBe(0);
    expect(plannedWorkers(files, settings(root), { LINKVET_WORKERS: 'many' }, 2)).toBe(0);
  });
});

describe('parsing on worker threads', () => {
  let worker: URL;

  beforeAll(async () => {
    worker = await bundleWorker('../../../src/core/parse/parse-worker.ts');
  });

  it('reports exactly what parsing on the main thread reports', async () => {
    const root = makeTree(docsTree(300));
    vi.stubEnv('LINKVET_WORKERS', '0');
    const alone = toJson(await reportOf(root), { includeLinks: true });
    vi.stubEnv('LINKVET_WORKERS', '3');
    useWorkerScript(worker);
    const pooled = toJson(await reportOf(root), { includeLinks: true });
    expect(comparable(pooled)).toEqual(comparable(alone));
    const findings = (JSON.parse(alone) as { findings: { rule: string }[] }).findings.map((finding) => finding.rule);
    expect(new Set(findings)).toEqual(
      new Set([
        'missing-file',
        'missing-fragment',
        'unreadable-file',
        'invalid-encoding',
        'generic-anchor-text',
        'ambiguous-anchor-text',
      ]),
    );
  });

  it('hands a small file that holds this thread past its slice, and every file after it, to a budgeted worker', async () => {
    // 32 KB of `*_`, small enough to be parsed here, takes the parser minutes.
    const deep = '*_'.repeat(16_383);
    const root = makeTree({ 'a.md': '[e](e.md#gone)\n', 'b.md': '# B\n', 'deep.md': deep, 'e.md': '# E\n' });
    useWorkerScript(await bundleWorker('./flaky-worker.ts'));
    const started = performance.now();
    const report = await reportOf(root);
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule}: ${finding.message}`)).toEqual([
      'a.md missing-fragment: No heading or id `#gone` in `e.md`',
      'deep.md unreadable-file: cannot parse `deep.md` (parsing took more than 5.3 s of CPU time, the limit for 32 KB; ' +
        'the parser is slow on some inputs, such as long runs of `*a` or `[`); skipped',
    ]);
    // Files before it were parsed here, it and the files after it on the worker.
    expect(readFileSync(path.join(root, 'received.log'), 'utf8')).toBe('deep.md\ne.md\n');
    // Minutes without the budget; the budget is CPU time, so a loaded machine takes longer.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('stops within about a second when aborted while this thread parses a stuck file', async () => {
    const root = makeTree({ 'a.md': '# A\n', 'deep.md': '*_'.repeat(16_383), 'e.md': '# E\n' });
    useWorkerScript(await bundleWorker('./flaky-worker.ts'));
    const controller = new AbortController();
    setTimeout(() => controller.abort('SIGTERM'), 200);
    const started = performance.now();
    const report = await checkLinks(loadConfig({ cwd: root, root, flags: { offline: true } }), {
      signal: controller.signal,
    });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(report.incomplete).toEqual({ reason: 'SIGTERM', filesChecked: 1, filesTotal: 3, linksUnchecked: 0 });
  });

  it('parses the link targets outside the checked files on a budget too', async () => {
    const root = makeTree({
      'a.md': '[d](deep.md#x) [e](e.md#gone)\n',
      'deep.md': '*_'.repeat(16_383),
      'e.md': '# E\n',
    });
    useWorkerScript(await bundleWorker('./flaky-worker.ts'));
    const started = performance.now();
    const report = await checkLinks(loadConfig({ cwd: root, root, paths: ['a.md'], flags: { offline: true } }));
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule}: ${finding.message}`)).toEqual([
      'a.md missing-fragment: No heading or id `#gone` in `e.md`',
    ]);
    // Minutes without the budget; the budget is CPU time, so a loaded machine takes longer.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('reports a file the parser fails on, like one it cannot read, and checks the rest', async () => {
    const root = makeTree({ 'a.md': '[b](b.md#gone)\n', 'b.md': '# B\n', 'crash.md': '# C\n' });
    vi.stubEnv('LINKVET_WORKERS', '2');
    useWorkerScript(await bundleWorker('./flaky-worker.ts'));
    const report = await reportOf(root);
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule}: ${finding.message}`)).toEqual([
      expect.stringMatching(/^a\.md missing-fragment: /) as string,
      'crash.md unreadable-file: cannot parse `crash.md` (the worker thread parsing it stopped: exit code 3); skipped',
    ]);
  });
});

describe('the bundled dist/cli.js', () => {
  it('finds dist/parse-worker.js and reports the same with workers as without', () => {
    // A copy of dist/ whose worker leaves a mark, to show the workers really ran.
    const dist = mkdtempSync(path.join(tmpdir(), 'linkvet-dist-'));
    try {
      cpSync(path.join(repositoryRoot, 'dist'), dist, { recursive: true });
      renameSync(path.join(dist, 'parse-worker.js'), path.join(dist, 'real-worker.js'));
      const marker = path.join(dist, 'started.log');
      writeFileSync(
        path.join(dist, 'parse-worker.js'),
        `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(marker)}, 'x');\nawait import('./real-worker.js');\n`,
      );
      const root = makeTree(docsTree(300));
      const run = (workers: string) =>
        spawnSync(process.execPath, [path.join(dist, 'cli.js'), '--offline', '--format', 'json', '--include-links'], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 256 * 1024 * 1024,
          env: { PATH: process.env['PATH'] ?? '', LINKVET_WORKERS: workers },
        });
      const alone = run('0');
      expect(existsSync(marker)).toBe(false);
      const pooled = run('4');
      expect(readFileSync(marker, 'utf8')).toBe('xxxx');
      expect([pooled.status, pooled.stderr]).toEqual([alone.status, alone.stderr]);
      expect(alone.status).toBe(1);
      expect(comparable(pooled.stdout)).toEqual(comparable(alone.stdout));
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('stops parsing a file past its time limit, names it, and checks the rest', () => {
    // 49 KB of `*a` keeps the parser busy for about 11 s; the limit for its size is 5.5 s.
    const root = makeTree({ 'a.md': '[b](b.md#gone)\n', 'b.md': '# B\n', 'slow.md': '*a'.repeat(25_000) });
    const run = spawnSync(
      process.execPath,
      [path.join(repositoryRoot, 'dist', 'cli.js'), '--offline', '--format', 'json'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '' },
      },
    );
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { file: string; rule: string; message: string }[] };
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule}: ${finding.message}`)).toEqual([
      expect.stringMatching(/^a\.md missing-fragment: /) as string,
      'slow.md unreadable-file: cannot parse `slow.md` (parsing took more than 5.5 s of CPU time, the limit for 49 KB; ' +
        'the parser is slow on some inputs, such as long runs of `*a` or `[`); skipped',
    ]);
  });
});
