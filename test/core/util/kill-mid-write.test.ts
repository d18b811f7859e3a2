import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../helpers/cli.js';
import { makeTree } from '../../helpers/tree.js';

// Real writers are SIGKILLed at many moments; after each kill the target must hold the old content or a complete new
// file, never a torn one, and temp files must not pile up (the next write clears a dead writer's temp).

const tempPattern = /\.linkvet-tmp$/;

interface Exit {
  readonly killed: boolean;
  readonly ms: number;
}

/**
 * Runs `node args` in `cwd` and SIGKILLs it the moment a temp file shows up in `directory`: a kill that lands
 * mid-write for certain, whatever share of the writer's time its writes take.
 */
function killWhenWriting(args: readonly string[], cwd: string, directory: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd, stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } });
    const watch = setInterval(() => {
      if (tempsIn(directory).length > 0) child.kill('SIGKILL');
    }, 1);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(watch);
      resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started });
    });
  });
}

/** Runs `node args` in `cwd`, SIGKILLing it after `killAfterMs` unless it exits first. */
function runAndKill(args: readonly string[], cwd: string, killAfterMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd, stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', ms: Date.now() - started });
    });
  });
}

function tempsIn(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).filter((name) => tempPattern.test(name));
}

function linkCount(reportText: string): number {
  return (JSON.parse(reportText) as { links: readonly unknown[] }).links.length;
}

/** `count` kill moments spread evenly over [from, to] milliseconds. */
function spread(count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, (_, index) => Math.round(from + ((to - from) * index) / (count - 1)));
}

/** A corpus of files whose many relative links make an `--include-links` report of several megabytes. */
function linkCorpus(): string {
  const files: Record<string, string> = {};
  for (let file = 0; file < 8; file += 1) {
    const links = Array.from({ length: 250 }, (_, link) => `- [page ${link}](./page-${(file + link) % 8}.md)`);
    files[`docs/page-${file}.md`] = `# Page ${file}\n\n${links.join('\n')}\n`;
  }
  return makeTree(files);
}

describe('a kill at any moment leaves the old or the new file, never a torn one', () => {
  it('--output of the real CLI, killed at 12 moments across the run', { timeout: 60_000 }, async () => {
    const root = linkCorpus();
    const report = path.join(root, 'out', 'report.json');
    const args = [`${repositoryRoot}dist/cli.js`, 'docs', '--offline', '--format', 'json'];
    const fullArgs = [...args, '--include-links', '--output', 'out/report.json'];
    const full = await runAndKill(fullArgs, root, 30_000);
    expect(full.killed).toBe(false);
    const fresh = readFileSync(report, 'utf8');
    expect(fresh.length).toBeGreaterThan(300_000);
    const old = '{"old":true}\n';
    let sawNew = 0;
    for (const moment of spread(12, full.ms * 0.5, full.ms * 1.6)) {
      writeFileSync(report, old);
      await runAndKill(fullArgs, root, moment);
      const text = readFileSync(report, 'utf8');
      if (text !== old) {
        expect(() => JSON.parse(text) as unknown, `torn report after a kill at ${moment} ms`).not.toThrow();
        expect(linkCount(text), `links in the report after a kill at ${moment} ms`).toBe(linkCount(fresh));
        sawNew += 1;
      }
      expect(tempsIn(path.join(root, 'out')).length).toBeLessThanOrEqual(1);
    }
    // The latest moments come after a whole run, so both outcomes were seen.
    expect(sawNew).toBeGreaterThan(0);
    expect(sawNew).toBeLessThan(12);
  });

  let cacheWriter: string;
  let writerDirectory: string;

  beforeAll(async () => {
    // The real cache code, bundled into a script that saves a large cache over and over until killed.
    writerDirectory = mkdtempSync(path.join(tmpdir(), 'linkvet-writer-'));
    const directory = writerDirectory;
    writeFileSync(
      path.join(directory, 'writer.ts'),
      [
        `import { openCache } from ${JSON.stringify(`${repositoryRoot}src/core/check/external/cache-file.ts`)};`,
        'const file = process.argv[2];',
        'for (let round = 1; ; round += 1) {',
        '  const { cache } = openCache(file, Number.MAX_SAFE_INTEGER);',
        '  for (let link = 0; link < 5000; link += 1) {',
        '    const url = `https://example.test/${round}/${link}`;',
        '    cache.set(url, { type: "alive", status: 200, finalUrl: url, chain: [], attempts: round }, round);',
        '  }',
        '  const warning = cache.save();',
        '  if (warning !== undefined) throw new Error(warning);',
        '}',
      ].join('\n'),
    );
    cacheWriter = path.join(directory, 'writer.mjs');
    await build({
      entryPoints: [path.join(directory, 'writer.ts')],
      outfile: cacheWriter,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
    });
  });

  afterAll(() => rmSync(writerDirectory, { recursive: true, force: true }));

  it(
    'the results cache, saved in a loop by the real cache code, killed at 30 moments and 5 times mid-write',
    { timeout: 60_000 },
    async () => {
      const root = makeTree({});
      const file = path.join(root, 'cache', 'links.json');
      let midWrite = 0;
      const kills = [
        ...spread(30, 80, 330).map((ms) => ({
          moment: `${ms} ms`,
          kill: () => runAndKill([cacheWriter, file], root, ms),
        })),
        // Saving reads and merges the file first, so a timed kill lands mid-write only now and then: these always do.
        ...Array.from({ length: 5 }, (_, index) => ({
          moment: `the ${index + 1}. write seen`,
          kill: () => killWhenWriting([cacheWriter, file], root, path.dirname(file)),
        })),
      ];
      for (const { moment, kill } of kills) {
        await kill();
        if (existsSync(file)) {
          const text = readFileSync(file, 'utf8');
          const data = (() => {
            try {
              return JSON.parse(text) as { tool?: string; entries?: Record<string, unknown> };
            } catch {
              throw new Error(`torn cache file after a kill at ${moment}: ${text.length} bytes`);
            }
          })();
          expect(data.tool).toBe('linkvet');
          expect(Object.keys(data.entries ?? {}).length % 5_000).toBe(0);
        }
        const temps = tempsIn(path.dirname(file));
        expect(temps.length, `temps after a kill at ${moment}: ${temps.join(', ')}`).toBeLessThanOrEqual(1);
        midWrite += temps.length;
      }
      // Some kills must land between opening the temp and renaming it, or this test proves nothing.
      expect(midWrite).toBeGreaterThan(0);
    },
  );
});
