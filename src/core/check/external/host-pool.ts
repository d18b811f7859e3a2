/** Waits for a number of milliseconds; injected so tests control time. */
export type Sleep = (ms: number) => Promise<void>;

/** A counting semaphore with first-come, first-served waiters. */
class Slots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    this.#free = size;
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

/**
 * How one request to a host went, as far as the host's limit goes: `quick` (an answer well within the timeout,
 * not 429 or 503), `slow` (an answer, late), `overloaded` (429 or 503), `timeout`, or `failed` (no answer for
 * another reason: reset, refused, TLS).
 */
export type HostFeedback = 'quick' | 'slow' | 'overloaded' | 'timeout' | 'failed';

interface Host {
  /** Requests the host may have in flight; fractional so it can be halved and grown, used rounded down. */
  limit: number;
  active: number;
  /** Tasks still running that lent their slot; with `active` they never pass `maxPerHostConcurrency`. */
  lent: number;
  readonly waiting: Array<() => void>;
  /** No request to the host starts before this time (a `Retry-After` the host asked for). */
  pausedUntil: number;
  /** Whether a wake-up is already scheduled for the end of the pause. */
  waking: boolean;
  /** When the limit was last halved: only a request started after it may halve it again. */
  lastDecrease: number;
  timeoutsInARow: number;
  overloadsInARow: number;
}

/** What a pool needs: its limits and its clock. */
export interface PoolOptions {
  readonly concurrency: number;
  /** Each host's limit at the start. */
  readonly perHostConcurrency: number;
  /** The highest a host's limit grows to. */
  readonly maxPerHostConcurrency: number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/** Timeouts in a row after which a host counts as having stopped answering. */
export const stoppedAnsweringAfter = 3;

/**
 * Limits requests in flight, in all and per host. Each host's limit adapts: it grows by one with each quick
 * answer, up to `maxPerHostConcurrency`, and halves on 429, 503 or a timeout (once per round of requests: those
 * already under way when it halved cannot halve it again), never below one. A task waits for its host's slot
 * before it takes a global one, so a busy or paused host never holds up the others.
 */
export class HostPool {
  readonly #global: Slots;
  readonly #hosts = new Map<string, Host>();
  readonly #options: PoolOptions;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#global = new Slots(options.concurrency);
  }

  /**
   * Runs `task` when both a slot for `host` and a global slot are free and the host is not paused.
   * @param lendAfterMs a task still running after this long lends its host slot to the next task (keeping its
   *   global one), so requests to a hanging server cannot starve the same host's quick ones; on a host that
   *   stopped answering a task lends it at once, since its short try costs the host nothing
   */
  async run<T>(host: string, task: () => Promise<T>, lendAfterMs?: number): Promise<T> {
    const entry = this.#host(host);
    await new Promise<void>((resolve) => {
      entry.waiting.push(resolve);
      this.#pump(entry);
    });
    const slot = this.#slot(entry);
    try {
      await this.#global.acquire();
      const lendAfter = this.hasStoppedAnswering(host) ? 0 : lendAfterMs;
      const lending = lendAfter === undefined ? undefined : setTimeout(slot.lend, lendAfter);
      lending?.unref();
      try {
        return await task();
      } finally {
        clearTimeout(lending);
        this.#global.release();
      }
    } finally {
      slot.release();
    }
  }

  /** A task's host slot: lent (it no longer counts against the limit, only against the ceiling), then given back. */
  #slot(entry: Host): { readonly lend: () => void; readonly release: () => void } {
    let state: 'held' | 'lent' | 'released' = 'held';
    const lend = (): void => {
      if (state !== 'held') return;
      state = 'lent';
      entry.active--;
      entry.lent++;
      this.#pump(entry);
    };
    const release = (): void => {
      if (state === 'held') entry.active--;
      if (state === 'lent') entry.lent--;
      state = 'released';
      this.#pump(entry);
    };
    return { lend, release };
  }

  /**
   * Adjusts the host's limit after one of its requests.
   * @param startedAt when that request started, so the answers of one round halve the limit only once
   */
  record(host: string, feedback: HostFeedback, startedAt: number): void {
    const entry = this.#host(host);
    countInARow(entry, feedback);
    if (feedback === 'quick') entry.limit = Math.min(this.#options.maxPerHostConcurrency, entry.limit + 1);
    if ((feedback === 'overloaded' || feedback === 'timeout') && startedAt >= entry.lastDecrease) {
      entry.limit = Math.max(1, entry.limit / 2);
      entry.lastDecrease = this.#options.now();
    }
    this.#pump(entry);
  }

  /** Starts no request to `host` before `until` (a time on the pool's clock); other hosts go on. */
  pause(host: string, until: number): void {
    const entry = this.#host(host);
    entry.pausedUntil = Math.max(entry.pausedUntil, until);
  }

  /** Whether the host's 429s and 503s come in a row: the host, not one URL, is refusing. */
  isOverloaded(host: string): boolean {
    return this.#host(host).overloadsInARow >= 2;
  }

  /** Whether the host timed out `stoppedAnsweringAfter` times in a row since it last answered. */
  hasStoppedAnswering(host: string): boolean {
    return this.#host(host).timeoutsInARow >= stoppedAnsweringAfter;
  }

  /** The host's current limit on requests in flight. */
  limitOf(host: string): number {
    return Math.floor(this.#host(host).limit);
  }

  /** Starts waiting tasks while the host has room and is not paused; a pause schedules one wake-up at its end. */
  #pump(entry: Host): void {
    while (entry.waiting.length > 0 && this.#hasRoom(entry)) {
      const wait = entry.pausedUntil - this.#options.now();
      if (wait > 0) return this.#wakeAfter(entry, wait);
      entry.active++;
      entry.waiting.shift()?.();
    }
  }

  #hasRoom(entry: Host): boolean {
    return entry.active < Math.floor(entry.limit) && entry.active + entry.lent < this.#options.maxPerHostConcurrency;
  }

  /** Sleeps out the pause; once slept, that pause is over whatever the clock says (a test's sleep may not move it). */
  #wakeAfter(entry: Host, wait: number): void {
    if (entry.waking) return;
    entry.waking = true;
    const until = entry.pausedUntil;
    void this.#options.sleep(wait).then(() => {
      entry.waking = false;
      if (entry.pausedUntil === until) entry.pausedUntil = -Infinity;
      this.#pump(entry);
    });
  }

  #host(host: string): Host {
    let entry = this.#hosts.get(host);
    if (!entry) {
      entry = newHost(Math.min(this.#options.perHostConcurrency, this.#options.maxPerHostConcurrency));
      this.#hosts.set(host, entry);
    }
    return entry;
  }
}

function newHost(limit: number): Host {
  return {
    limit,
    active: 0,
    lent: 0,
    waiting: [],
    pausedUntil: -Infinity,
    waking: false,
    lastDecrease: -Infinity,
    timeoutsInARow: 0,
    overloadsInARow: 0,
  };
}

/** Counts timeouts and refusals in a row: any answer (even 429) ends a run of timeouts, any other answer one of refusals. */
function countInARow(entry: Host, feedback: HostFeedback): void {
  if (feedback === 'failed') return;
  entry.timeoutsInARow = feedback === 'timeout' ? entry.timeoutsInARow + 1 : 0;
  if (feedback !== 'timeout') entry.overloadsInARow = feedback === 'overloaded' ? entry.overloadsInARow + 1 : 0;
}
