import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeSource, type AnalyzeSettings, type FileAnalysis } from '../../../src/core/parse/analyze-source.js';
import { analyzeOnWorkers, parseBudgetMs, type PoolOptions } from '../../../src/core/parse/worker-pool.js';
import { makeTree } from '../../helpers/tree.js';
import { bundleWorker } from './bundle-worker.js';

let flaky: URL;
let broken: URL;
let real: URL;

beforeAll(async () => {
  [flaky, broken, real] = await Promise.all([
    bundleWorker('./flaky-worker.ts'),
    bundleWorker('./broken-worker.ts'),
    bundleWorker('../../../src/core/parse/parse-worker.ts'),
  ]);
});

/** `count` small pages linking to each other, named `page-000.md` and so on. */
function pages(count: number, extra: Record<string, string> = {}): { root: string; files: string[] } {
  const tree: Record<string, string> = { ...extra };
  for (let index = 0; index < count; index++) {
    const name = `page-${String(index).padStart(3, '0')}.md`;
    tree[name] =
      `# Page ${index}\n\nSee [the next one](page-${index + 1}.md#page-${index + 1}) and [x][x].\n\n[x]: #nope\n`;
  }
  return { root: makeTree(tree), files: Object.keys(tree).sort() };
}

function settingsFor(root: string): AnalyzeSettings {
  return { root, maxFileSize: 1024 * 1024, references: { shortcut: false } };
}

async function collect(files: readonly string[], options: PoolOptions): Promise<FileAnalysis[]> {
  const analyses: FileAnalysis[] = [];
  for await (const analysis of analyzeOnWorkers(files, options)) analyses.push(analysis);
  return analyses;
}

function options(root: string, script: URL, size = 3, window = 4): PoolOptions {
  const settings = settingsFor(root);
  return { script, size, window, settings, inThread: (file) => analyzeSource(settings, file) };
}

function received(root: string): string[] {
  return readFileSync(`${root}/received.log`, 'utf8').split('\n').filter(Boolean);
}

describe('analyzeOnWorkers', () => {
  it('yields what the main thread would, in file order, whatever order the workers finish in', async () => {
    const { root, files } = pages(40, { 'big.md': `# Big\n\n${'[a](#big) '.repeat(2_000)}\n` });
    const inThread = files.map((file) => analyzeSource(settingsFor(root), file));
    expect(await collect(files, options(root, flaky))).toStrictEqual(inThread);
    expect(received(root).sort()).toEqual(files);
  });

  it('sends no more than the window past the file being consumed', async () => {
    const { root, files } = pages(30);
    const analyses = analyzeOnWorkers(files, options(root, flaky, 2, 5));
    await analyses.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received(root).length).toBeLessThanOrEqual(1 + 5);
    await analyses.return();
  });

  it('reports the file a worker died on, and goes on with the others on a fresh worker', async () => {
    const { root, files } = pages(12, { 'crash.md': '# Crash\n', 'throw.md': '# Throw\n' });
    const analyses = await collect(files, options(root, flaky, 2, 3));
    const problems = analyses.flatMap((analysis) => analysis.problems.map((problem) => problem.message));
    expect(problems).toEqual([
      'cannot parse `crash.md` (the worker thread parsing it stopped: exit code 3); skipped',
      'cannot parse `throw.md` (the worker thread parsing it stopped: Error: the worker blew up); skipped',
    ]);
    const parsed = analyses.filter((analysis) => analysis.extracted !== undefined);
    expect(parsed.map((analysis) => analysis.extracted?.file)).toEqual(files.filter((file) => file.startsWith('page')));
  });

  it('parses on this thread when no worker starts', async () => {
    const { root, files } = pages(6);
    const inThread = files.map((file) => analyzeSource(settingsFor(root), file));
    expect(await collect(files, options(root, broken))).toStrictEqual(inThread);
    const missing = new URL('./no-such-worker.js', flaky);
    expect(await collect(files, options(root, missing))).toStrictEqual(inThread);
  });

  it('stops its workers when the consumer stops early', async () => {
    const { root, files } = pages(20);
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      for await (const analysis of analyzeOnWorkers(files, options(root, flaky, 3, 4))) {
        expect(analysis.extracted?.file).toBe('page-000.md');
        break;
      }
      expect(terminate).toHaveBeenCalledTimes(3);
      await Promise.all(terminate.mock.results.map((result) => result.value as Promise<number>));
    } finally {
      terminate.mockRestore();
    }
  });

  it('stops a file that parses past its time limit, says so, and times every file after it', async () => {
    // 40 KB of `*a` takes the parser several seconds (its cost grows with the square of the run);
    // more slow files than the pool would replace crashed workers, all on one worker.
    const slow = '*a'.repeat(20_000);
    const extra = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`slow-${index}.md`, slow]));
    const { root, files } = pages(5, extra);
    const settings = settingsFor(root);
    const analyses = await collect(files, {
      script: real,
      size: 1,
      window: 4,
      settings,
      inThread: (file) => analyzeSource(settings, file),
      budgetMs: () => 300,
    });
    const problems = analyses.flatMap((analysis) => analysis.problems.map((problem) => problem.message));
    expect(problems).toEqual(
      files
        .filter((file) => file.startsWith('slow'))
        .map(
          (file) =>
            `cannot parse \`${file}\` (parsing took more than 0.3 s of CPU time, the limit for 39 KB; ` +
            'the parser is slow on some inputs, such as long runs of `*a` or `[`); skipped',
        ),
    );
    const pagesOnly = files.filter((file) => file.startsWith('page'));
    expect(analyses.flatMap((analysis) => analysis.extracted?.file ?? [])).toEqual(pagesOnly);
    expect(analyses.filter((analysis) => analysis.extracted !== undefined)).toStrictEqual(
      pagesOnly.map((file) => analyzeSource(settings, file)),
    );
  });
  it('budgets CPU time, not wall time: a parse that waits, as on a loaded machine, is not stopped', async () => {
    const { root, files } = pages(2, { 'sleep.md': '# Sleep\n', 'spin.md': '# Spin\n' });
    const settings = settingsFor(root);
    const analyses = await collect(files, { ...options(root, flaky, 1), budgetMs: () => 300 });
    const byFile = new Map(files.map((file, index) => [file, analyses[index]]));
    // 1.5 s of waiting is five times the limit in wall time, and almost no CPU time.
    expect(byFile.get('sleep.md')).toStrictEqual(analyzeSource(settings, 'sleep.md'));
    expect(byFile.get('spin.md')?.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('(parsing took more than 0.3 s of CPU time, the limit for 1 KB;') as string,
    ]);
    expect(byFile.get('page-000.md')).toStrictEqual(analyzeSource(settings, 'page-000.md'));
  });

  it('ends at once when aborted, stopping a parse in progress', async () => {
    const { root, files } = pages(3, { 'spin.md': '# Spin\n' });
    const controller = new AbortController();
    const got: (string | undefined)[] = [];
    let started = 0;
    for await (const analysis of analyzeOnWorkers(files, { ...options(root, flaky, 1), signal: controller.signal })) {
      got.push(analysis.extracted?.file);
      if (got.length < 3) continue;
      // The worker is on `spin.md` now, whose budget is 5 s.
      started = performance.now();
      setTimeout(() => controller.abort('SIGTERM'), 200);
    }
    expect(got).toEqual(['page-000.md', 'page-001.md', 'page-002.md']);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});

describe('parseBudgetMs', () => {
  it('allows 5 s plus 10 s per MB of CPU time, and never more than 30 s', () => {
    expect(parseBudgetMs(0)).toBe(5_000);
    expect(parseBudgetMs(512 * 1024)).toBe(10_000);
    expect(parseBudgetMs(2.5 * 1024 * 1024)).toBe(30_000);
    expect(parseBudgetMs(32 * 1024 * 1024)).toBe(30_000);
  });
});
