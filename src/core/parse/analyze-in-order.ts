import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzeSettings, FileAnalysis } from './analyze-source.js';
import { analyzeOnWorkers } from './worker-pool.js';

/**
 * Parse on worker threads only when the files add up to this many bytes: below it, starting
 * workers (each loads and warms up the parser) costs about what they save. Bytes rather than
 * files because parsing costs about 1.6–2.2 s per MB whether the MB is 500 small files or a
 * few big ones. Measured with `node dist/cli.js --offline` on 2 cores: break-even at 400 files
 * of 3.3 KB (1.3 MB, 2.15 s either way), 6% faster at 700 files (2.3 MB) and 20 files of 80 KB
 * (1.6 MB), 18% faster at 10,000 files.
 */
export const workerBytes = 1.5 * 1024 * 1024;

/**
 * At most this many workers. Measured on 2 cores only, where one worker per core paid and one
 * worker in all did not (the main thread mostly waits); each worker adds 30–60 MB of memory.
 */
export const maxWorkers = 4;

/**
 * A file this big is always parsed on a worker, where a time budget can stop it: the parser's
 * worst inputs take time that grows with the square of their length, and a file parsed on the
 * main thread cannot be interrupted. Below it the worst case found took about 3 s (32 KB of
 * `*a`); one worker for a small repository with a big file costs about 50 ms and 14 MB.
 */
export const budgetedFileBytes = 32 * 1024;

/** Answers allowed to wait ahead of the consumer, per worker. */
const windowPerWorker = 16;

let scriptOverride: URL | undefined;

/** Tests point the pool at a worker bundled for them; `undefined` restores the lookup next to the bundle. */
export function useWorkerScript(script: URL | undefined): void {
  scriptOverride = script;
}

/**
 * How many worker threads to parse `files` with: one per core (up to `maxWorkers`) when they add
 * up to `workerBytes`; else one if any file reaches `budgetedFileBytes`, so that its parse is
 * timed; else none. `LINKVET_WORKERS` overrides it: `0` never uses workers (and never stops a
 * slow parse), `n` always uses n (at most one per file).
 */
export function plannedWorkers(
  files: readonly string[],
  settings: Pick<AnalyzeSettings, 'root' | 'maxFileSize'>,
  env: NodeJS.ProcessEnv = process.env,
  cores: number = availableParallelism(),
): number {
  const forced = env['LINKVET_WORKERS']?.trim();
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), files.length, 64);
  const parallel = cores >= 2 && files.length >= 2;
  const { total, largest } = measureFiles(files, settings, parallel);
  if (parallel && total >= workerBytes) return Math.min(cores, maxWorkers, files.length);
  return largest >= budgetedFileBytes ? 1 : 0;
}

/**
 * The bytes of the files to parse, and the largest. Stops counting once the total reaches
 * `workerBytes`, unless a single core makes the total moot and only the largest matters.
 */
function measureFiles(
  files: readonly string[],
  settings: Pick<AnalyzeSettings, 'root' | 'maxFileSize'>,
  parallel: boolean,
): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const file of files) {
    const size = parsedSize(path.join(settings.root, file), settings.maxFileSize);
    total += size;
    largest = Math.max(largest, size);
    if (parallel && total >= workerBytes) break;
  }
  return { total, largest };
}

/** A file's size if it will be parsed; files over the limit or unreadable are not. */
function parsedSize(file: string, maxFileSize: number): number {
  try {
    const size = statSync(file).size;
    return size > maxFileSize ? 0 : size;
  } catch {
    return 0;
  }
}

/**
 * The worker's script: dist/parse-worker.js, found from wherever this code was bundled (an
 * entry in dist/ or a chunk in dist/chunks/). From TypeScript sources there is none.
 */
export function workerScript(): URL | undefined {
  if (scriptOverride !== undefined) return scriptOverride;
  if (!import.meta.url.startsWith('file:')) return undefined;
  for (const candidate of ['./parse-worker.js', '../parse-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * Analyses `files` and yields the analyses in the order of `files`: on worker threads when there
 * are enough files to pay for them, else one after the other with `inThread`. Either way the
 * results are the same, so reports do not depend on how they were made.
 */
export async function* analyzeInOrder(
  files: readonly string[],
  settings: AnalyzeSettings,
  inThread: (file: string) => FileAnalysis,
): AsyncGenerator<FileAnalysis, void, undefined> {
  const script = workerScript();
  const size = script === undefined ? 0 : plannedWorkers(files, settings);
  if (script === undefined || size === 0) {
    for (const file of files) yield inThread(file);
    return;
  }
  yield* analyzeOnWorkers(files, { script, size, settings, window: size * windowPerWorker, inThread });
}
