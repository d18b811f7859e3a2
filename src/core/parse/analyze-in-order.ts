import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyzeSettings, FileAnalysis } from './analyze-source.js';
import { runForAtMost } from './time-slice.js';
import { analyzeOnWorkers, type PoolOptions } from './worker-pool.js';

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
 * A file this big is always parsed on a worker, where its CPU time is budgeted: the parser's
 * worst inputs take time that grows with the square of their length. Smaller files are parsed
 * on this thread first (see `analyzeHereFirst`); one worker for a small repository with a big
 * file costs about 50 ms and 14 MB.
 */
export const budgetedFileBytes = 32 * 1024;

/**
 * How long a file may hold this thread before it is handed to a worker instead. Small files
 * parse in milliseconds; a parse still going after a second is a hostile or pathological input
 * (`- ` 16,000 times is 31 KB and takes minutes), and a second is as long as a signal may
 * wait to be handled. Wall time, so a loaded machine hands over more files, but the worker
 * gives the same analysis and budgets CPU time, so the report does not change.
 */
export const hereSliceMs = 1_000;

/** This thread parses files for this long before it yields to the event loop (requests, signals). */
const hereBatchMs = 50;

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
 * budgeted; else none at first (see `analyzeHereFirst`). `LINKVET_WORKERS` overrides it: `0`
 * never uses workers (and never stops a slow parse), `n` always uses n (at most one per file).
 */
export function plannedWorkers(
  files: readonly string[],
  settings: Pick<AnalyzeSettings, 'root' | 'maxFileSize'>,
  env: NodeJS.ProcessEnv = process.env,
  cores: number = availableParallelism(),
): number {
  const forced = forcedWorkers(env);
  if (forced !== undefined) return Math.min(forced, files.length, 64);
  const parallel = cores >= 2 && files.length >= 2;
  const { total, largest } = measureFiles(files, settings, parallel);
  if (parallel && total >= workerBytes) return Math.min(cores, maxWorkers, files.length);
  return largest >= budgetedFileBytes ? 1 : 0;
}

/** The number of workers `LINKVET_WORKERS` asks for, if it is a number. */
function forcedWorkers(env: NodeJS.ProcessEnv): number | undefined {
  const forced = env['LINKVET_WORKERS']?.trim();
  return forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : undefined;
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
 * are enough files to pay for them, else on this thread with `inThread`, handing a file that
 * takes too long to a worker. Either way the results are the same, so reports do not depend on
 * how they were made. Aborting `signal` ends the iteration within a second, even mid-parse.
 */
export async function* analyzeInOrder(
  files: readonly string[],
  settings: AnalyzeSettings,
  inThread: (file: string) => FileAnalysis,
  signal?: AbortSignal,
): AsyncGenerator<FileAnalysis, void, undefined> {
  const script = workerScript();
  if (script === undefined) {
    // Only from TypeScript sources (tests), where no worker can run.
    for (const file of files) if (signal?.aborted !== true) yield inThread(file);
    return;
  }
  const size = plannedWorkers(files, settings);
  const pool = { script, settings, inThread, signal };
  if (size > 0) yield* analyzeOnWorkers(files, { ...pool, size, window: size * windowPerWorker });
  else if (forcedWorkers(process.env) === 0) for (const file of files) yield inThread(file);
  else yield* analyzeHereFirst(files, pool);
}

/**
 * Parses small files on this thread, where starting a worker would cost more than the parse,
 * in slices a stuck parse cannot outlast (`hereSliceMs`). A file still parsing when its slice
 * ends is dropped here and, with every file after it, parsed on a worker, where its CPU time is
 * budgeted like any big file's.
 */
async function* analyzeHereFirst(
  files: readonly string[],
  pool: Pick<PoolOptions, 'script' | 'settings' | 'inThread' | 'signal'>,
): AsyncGenerator<FileAnalysis, void, undefined> {
  let next = 0;
  while (next < files.length) {
    if (pool.signal?.aborted === true) return;
    const batch: FileAnalysis[] = [];
    const slice = runForAtMost(hereSliceMs + hereBatchMs, () => parseBatch(files, next, batch, pool.inThread));
    for (const analysis of batch) yield analysis;
    next += batch.length;
    if (!slice.finished) {
      yield* analyzeOnWorkers(files.slice(next), { ...pool, size: 1, window: windowPerWorker });
      return;
    }
  }
}

/** Analyses files from `start` into `batch` until they run out or `hereBatchMs` has passed. */
function parseBatch(
  files: readonly string[],
  start: number,
  batch: FileAnalysis[],
  inThread: (file: string) => FileAnalysis,
): void {
  const began = performance.now();
  for (let index = start; index < files.length; index++) {
    const file = files[index];
    if (file === undefined || performance.now() - began >= hereBatchMs) return;
    batch.push(inThread(file));
  }
}
