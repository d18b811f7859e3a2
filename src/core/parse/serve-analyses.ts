import { parentPort, workerData } from 'node:worker_threads';
import { analyzeSource, describeError, unparsed, type AnalyzeSettings, type FileAnalysis } from './analyze-source.js';
import { cpuMillis, currentThreadClock, type ThreadClock } from './thread-clock.js';

/** A file for a worker to analyse; `id` is its place in the run's sorted file list. */
export interface AnalyzeTask {
  readonly id: number;
  readonly file: string;
}

/**
 * What a worker posts back: `ready` once its modules are loaded, with the clock its CPU time can
 * be read from, then one `done` per task, in task order, with the CPU time it had used by then
 * (so the next task's time is counted from there).
 */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly clock: ThreadClock | undefined; readonly cpuMs: number | undefined }
  | { readonly type: 'done'; readonly id: number; readonly analysis: FileAnalysis; readonly cpuMs: number | undefined };

/**
 * The body of a parse worker: analyses the files it is sent, one at a time and in order, with the
 * settings it was started with (`workerData`). Tests pass their own `analyze` to make files fail.
 */
export function serveAnalyses(
  analyze: (settings: AnalyzeSettings, file: string) => FileAnalysis = analyzeSource,
): void {
  const port = parentPort;
  if (port === null) throw new Error('serveAnalyses runs in a worker thread');
  const settings = workerData as AnalyzeSettings;
  const clock = currentThreadClock();
  const cpuNow = (): number | undefined => (clock === undefined ? undefined : cpuMillis(clock));
  port.on('message', (task: AnalyzeTask) => {
    const analysis = analyze(settings, task.file);
    try {
      port.postMessage({ type: 'done', id: task.id, analysis, cpuMs: cpuNow() } satisfies WorkerMessage);
    } catch (error) {
      // Extractions are plain data; should one ever fail to clone, the file is reported, not the run.
      const failed = unparsed(task.file, `its extraction could not be sent back: ${describeError(error)}`);
      port.postMessage({ type: 'done', id: task.id, analysis: failed, cpuMs: cpuNow() } satisfies WorkerMessage);
    }
  });
  port.postMessage({ type: 'ready', clock, cpuMs: cpuNow() } satisfies WorkerMessage);
}
