import { readFileSync, readlinkSync } from 'node:fs';

/**
 * The CPU time of one thread, read from Linux's `/proc/<pid>/task/<tid>/stat`: what a parse
 * is budgeted by, since it grows with the work done and not with how loaded the machine is.
 * Node has no per-thread clock before 23.9, and a thread stuck in a parse cannot read its own,
 * so the main thread reads a worker's from outside. `undefined` where there is no `/proc`
 * (macOS, Windows): budgets then fall back to the wall clock.
 */
export interface ThreadClock {
  /** The file to read, e.g. `/proc/41/task/43/stat`. */
  readonly statFile: string;
}

/**
 * Clock ticks per second in `/proc` stat files. Linux reports them in USER_HZ, which is 100
 * on every architecture it ships for (`getconf CLK_TCK`).
 */
const ticksPerSecond = 100;

/** The clock of the calling thread, to hand to another thread; `undefined` without `/proc`. */
export function currentThreadClock(): ThreadClock | undefined {
  try {
    // `/proc/thread-self` links to `<pid>/task/<tid>` for whichever thread reads it.
    const task = readlinkSync('/proc/thread-self');
    const clock = { statFile: `/proc/${task}/stat` };
    return cpuMillis(clock) === undefined ? undefined : clock;
  } catch {
    return undefined;
  }
}

/** The thread's CPU time so far (user and system), in milliseconds; `undefined` once it has exited. */
export function cpuMillis(clock: ThreadClock): number | undefined {
  try {
    return cpuTicks(readFileSync(clock.statFile, 'latin1')) * (1000 / ticksPerSecond);
  } catch {
    return undefined;
  }
}

/**
 * utime + stime from a stat line. The second field, the thread's name, is in parentheses and
 * may hold spaces or parentheses itself, so fields are counted from the last `)`.
 */
function cpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, utime field 14 and stime field 15 (proc(5)).
  const user = Number(fields[14 - 3]);
  const system = Number(fields[15 - 3]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error(`unreadable stat line: ${stat.slice(0, 80)}`);
  return user + system;
}
