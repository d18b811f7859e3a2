import { statSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeError, unparsed, type AnalyzeSettings, type FileAnalysis } from './analyze-source.js';
import type { AnalyzeTask, WorkerMessage } from './serve-analyses.js';
import { cpuMillis, type ThreadClock } from './thread-clock.js';

/**
 * A worker's short-lived garbage (mdast nodes, micromark events) dies young, so a smaller young
 * generation costs little time and much memory: at 10,000 files (2 workers) peak RSS fell from
 * 356 MB to 260 MB for +0.5 s (measured 4, 8, 12, 24 MB and V8's default).
 */
const workerLimits = { maxYoungGenerationSizeMb: 12 };

/** How the pool runs. */
export interface PoolOptions {
  /** The worker's entry point (dist/parse-worker.js, or a test's own bundle). */
  readonly script: URL;
  /** How many worker threads. */
  readonly size: number;
  readonly settings: AnalyzeSettings;
  /** How far past the file being consumed tasks may be sent: bounds the results held at once. */
  readonly window: number;
  /** Analyses a file on this thread, for when no worker can be started at all. */
  readonly inThread: (file: string) => FileAnalysis;
  /** How much CPU time one file may take to parse, in milliseconds; `parseBudgetMs` of its size unless a test says otherwise. */
  readonly budgetMs?: (file: string) => number;
  /** Aborting it ends the iteration at once, stopping the workers mid-parse. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * How much CPU time a file of `bytes` may take to parse before its worker is stopped. remark
 * parses a MB in 1.5 to 9 s of CPU time, by shape, but some inputs (long runs of `*a` or `[`,
 * deeply nested lists) take time that grows with the square of their length: 50 KB of `*a`
 * took 11 s, and 200 KB would take minutes. 5 s plus 10 s per MB leaves a slow machine
 * twice its normal time and cuts such a file off within seconds; no file gets more than 30 s,
 * so no input can hold a run for longer, however big.
 */
export function parseBudgetMs(bytes: number): number {
  return Math.min(maxParseBudgetMs, 5_000 + Math.ceil((bytes / (1024 * 1024)) * 10_000));
}

/** The most CPU time any one file may take to parse. */
export const maxParseBudgetMs = 30_000;

/** Tasks sent to one worker ahead of its answers: two keep it busy while an answer travels back. */
const tasksPerWorker = 2;

/**
 * Analyses `files` on worker threads and yields the analyses in the order of `files`, whatever
 * order the workers finish in. At most `window` files past the one being consumed are sent out,
 * so results (and sources, which stay in the workers) are never all held at once. A worker that
 * dies takes only the file it was working on down (reported as unparsed); the files queued behind
 * it go to a fresh worker. If no worker starts at all, the files are analysed on this thread.
 * The workers are terminated when iteration ends, early or not.
 */
export async function* analyzeOnWorkers(
  files: readonly string[],
  options: PoolOptions,
): AsyncGenerator<FileAnalysis, void, undefined> {
  const pool = new Pool(files, options);
  try {
    for (let index = 0; index < files.length; index++) {
      const analysis = await pool.take(index);
      if (analysis === undefined) return;
      yield analysis;
    }
  } finally {
    await pool.close();
  }
}

/** One worker thread and the task ids it has been sent but not answered, oldest first. */
interface Slot {
  readonly worker: Worker;
  readonly inFlight: number[];
  ready: boolean;
  error: string | undefined;
  /** Why the worker was stopped on purpose: the whole reason its file is skipped. */
  stoppedBecause: string | undefined;
  /** Stops the worker when the file it is parsing runs over its budget. */
  budget: NodeJS.Timeout | undefined;
  /** Where the worker's CPU time can be read, once it is ready; `undefined` where only the wall clock can be. */
  clock: ThreadClock | undefined;
  /** The worker's CPU time when it started on the file it is on now. */
  cpuAtStart: number | undefined;
}

class Pool {
  private readonly slots = new Set<Slot>();
  /** Answers not yet consumed, by index; never more than the window. */
  private readonly done = new Map<number, FileAnalysis>();
  /** Indices to send again after their worker died before it was ready or behind a crash, lowest first. */
  private readonly retry: number[] = [];
  /** The lowest index never sent. */
  private next = 0;
  /** The index the consumer is on. */
  private current = 0;
  private wake: (() => void) | undefined;
  private respawns = 0;
  private closing = false;

  constructor(
    private readonly files: readonly string[],
    private readonly options: PoolOptions,
  ) {
    for (let count = 0; count < options.size; count++) this.spawn();
    options.signal?.addEventListener('abort', () => this.notify(), { once: true });
  }

  /** The analysis of the file at `index`, or `undefined` once aborted; indices must be taken in order. */
  async take(index: number): Promise<FileAnalysis | undefined> {
    this.current = index;
    this.dispatch();
    for (;;) {
      if (this.options.signal?.aborted === true) return undefined;
      const answer = this.done.get(index);
      if (answer !== undefined) {
        this.done.delete(index);
        this.current = index + 1;
        this.dispatch();
        return answer;
      }
      // No worker left (none would start, or too many died): this thread carries on alone.
      if (this.slots.size === 0) return this.options.inThread(this.fileAt(index));
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) clearTimeout(slot.budget);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.options.script, { workerData: this.options.settings, resourceLimits: workerLimits });
    } catch {
      return;
    }
    const slot: Slot = {
      worker,
      inFlight: [],
      ready: false,
      error: undefined,
      stoppedBecause: undefined,
      budget: undefined,
      clock: undefined,
      cpuAtStart: undefined,
    };
    this.slots.add(slot);
    worker.on('message', (message: WorkerMessage) => this.answered(slot, message));
    worker.on('error', (error) => (slot.error = describeError(error)));
    worker.on('messageerror', (error) => {
      slot.error = `an answer could not be read: ${describeError(error)}`;
      void worker.terminate();
    });
    worker.on('exit', (code) => this.died(slot, code));
  }

  private answered(slot: Slot, message: WorkerMessage): void {
    slot.cpuAtStart = message.cpuMs;
    if (message.type === 'ready') {
      slot.ready = true;
      slot.clock = message.clock;
      this.startBudget(slot);
      return;
    }
    const at = slot.inFlight.indexOf(message.id);
    if (at !== -1) slot.inFlight.splice(at, 1);
    this.done.set(message.id, message.analysis);
    this.startBudget(slot);
    this.dispatch();
    this.notify();
  }

  /**
   * Times the file the worker is on now: the oldest it was sent, since workers answer in order.
   * The clock starts once the worker is ready, so loading the parser is not charged to a file.
   * It counts the worker's CPU time, so a loaded machine (which stretches the wall clock, never
   * the CPU time) stops the same files as an idle one: a timer set for the whole budget finds
   * how much of it the worker really used, and waits again for the rest.
   */
  private startBudget(slot: Slot): void {
    clearTimeout(slot.budget);
    slot.budget = undefined;
    const index = slot.inFlight[0];
    if (!slot.ready || index === undefined) return;
    const file = this.fileAt(index);
    const bytes = this.sizeOf(file);
    const limit = this.options.budgetMs?.(file) ?? parseBudgetMs(bytes);
    const stop = (): void => {
      slot.stoppedBecause =
        `parsing took more than ${seconds(limit)} of ${slot.clock === undefined ? 'time' : 'CPU time'}, ` +
        `the limit for ${kilobytes(bytes)}; the parser is slow on some inputs, such as long runs of \`*a\` or \`[\``;
      void slot.worker.terminate();
    };
    const check = (): void => {
      const left = limit - cpuUsed(slot);
      if (left <= 0) return stop();
      slot.budget = setTimeout(check, left);
      slot.budget.unref();
    };
    slot.budget = setTimeout(check, limit);
    slot.budget.unref();
  }

  private sizeOf(file: string): number {
    try {
      return statSync(path.join(this.options.settings.root, file)).size;
    } catch {
      return 0;
    }
  }

  /**
   * A worker stopped without being asked. Once ready, it died on the oldest file it was sent
   * (workers answer in order): that file is reported and a fresh worker takes the rest. Before
   * ready, the worker itself is broken: its files go elsewhere and it is not replaced.
   */
  private died(slot: Slot, code: number): void {
    clearTimeout(slot.budget);
    if (this.closing || !this.slots.delete(slot)) return;
    const pending = [...slot.inFlight];
    if (slot.ready) {
      const blamed = pending.shift();
      if (blamed !== undefined) {
        const why = slot.stoppedBecause ?? `the worker thread parsing it stopped: ${slot.error ?? `exit code ${code}`}`;
        this.done.set(blamed, unparsed(this.fileAt(blamed), why));
      }
      // A worker stopped for a slow file is healthy and always replaced, so the files after it
      // are timed too; crashes are replaced only so often.
      if (slot.stoppedBecause !== undefined || this.respawns < this.options.size * 4) {
        if (slot.stoppedBecause === undefined) this.respawns++;
        this.spawn();
      }
    }
    for (const file of pending) this.retry.push(file);
    this.retry.sort((a, b) => a - b);
    this.dispatch();
    this.notify();
  }

  /** Sends tasks to workers with room, lowest index first, never past the window. */
  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.inFlight.length < tasksPerWorker) {
        const index = this.nextTask();
        if (index === undefined) return;
        slot.inFlight.push(index);
        slot.worker.postMessage({ id: index, file: this.fileAt(index) } satisfies AnalyzeTask);
        if (slot.inFlight.length === 1) this.startBudget(slot);
      }
    }
  }

  private nextTask(): number | undefined {
    const retried = this.retry.shift();
    if (retried !== undefined) return retried;
    if (this.next >= this.files.length || this.next >= this.current + this.options.window) return undefined;
    return this.next++;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private fileAt(index: number): string {
    const file = this.files[index];
    if (file === undefined) throw new RangeError(`no file at ${index}`);
    return file;
  }
}

/**
 * The CPU time the worker has spent on its current file; without a thread clock (or once the
 * thread is gone) the whole budget is taken as used, as a wall clock would.
 */
function cpuUsed(slot: Slot): number {
  const now = slot.clock === undefined ? undefined : cpuMillis(slot.clock);
  if (now === undefined || slot.cpuAtStart === undefined) return Number.POSITIVE_INFINITY;
  return now - slot.cpuAtStart;
}

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-US')} KB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
}
