import vm from 'node:vm';

/** What a slice of work came to: its value, or `undefined` when the slice ran out first. */
export type SliceOutcome<T> = { readonly finished: true; readonly value: T } | { readonly finished: false };

const context = vm.createContext({});
const callTask = new vm.Script('task()');

/**
 * Runs `task` on this thread, but for no longer than `ms` of wall time: V8 stops it from a
 * watchdog thread however it is stuck (a parser looping over a hostile input cannot catch
 * that). Whatever `task` had not finished is thrown away, so it must keep its results outside
 * itself only once they are whole. Starting the watchdog costs about 0.3 ms, so a slice should
 * cover many small tasks rather than one.
 */
export function runForAtMost<T>(ms: number, task: () => T): SliceOutcome<T> {
  context['task'] = task;
  try {
    return { finished: true, value: callTask.runInContext(context, { timeout: Math.max(1, Math.ceil(ms)) }) as T };
  } catch (error) {
    if (isTimeout(error)) return { finished: false };
    throw error;
  } finally {
    context['task'] = undefined;
  }
}

/** Not `instanceof Error`: the error may come from another realm's `Error` (as under a test runner). */
function isTimeout(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
  );
}
