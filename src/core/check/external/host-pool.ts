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

interface Host {
  readonly slots: Slots;
  /** Set after a 429: requests to the host start at least this far apart. */
  interval: number;
  /** The next start time a slowed host's request may reserve. */
  nextStart: number;
  /** When the host's last request actually started, to keep starts `interval` apart. */
  lastStart: number;
}

/** What a pool needs: its limits and its clock. */
export interface PoolOptions {
  readonly concurrency: number;
  readonly perHostConcurrency: number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/**
 * Limits requests in flight, in all and per host. A task waits for its host's slot before it
 * takes a global one, so a busy or slowed-down host never holds up the others.
 */
export class HostPool {
  readonly #global: Slots;
  readonly #hosts = new Map<string, Host>();
  readonly #options: PoolOptions;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#global = new Slots(options.concurrency);
  }

  /** Runs `task` when both a slot for `host` and a global slot are free. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const entry = this.#host(host);
    await entry.slots.acquire();
    try {
      await this.#startWhenDue(entry);
      try {
        return await task();
      } finally {
        this.#global.release();
      }
    } finally {
      entry.slots.release();
    }
  }

  /**
   * Takes a global slot when the host may start a request. A slowed host's requests reserve start
   * times `interval` apart; once the global slot is held the gap is checked again, because waiting
   * for the slot can bring two reserved starts together.
   */
  async #startWhenDue(entry: Host): Promise<void> {
    if (entry.interval === 0) return this.#global.acquire();
    const now = this.#options.now();
    const start = Math.max(now, entry.nextStart);
    entry.nextStart = start + entry.interval;
    if (start > now) await this.#options.sleep(start - now);
    for (;;) {
      await this.#global.acquire();
      const gap = entry.lastStart + entry.interval - this.#options.now();
      if (gap <= 0) {
        entry.lastStart = this.#options.now();
        return;
      }
      this.#global.release();
      await this.#options.sleep(gap);
    }
  }

  /**
   * Slows a host down for the rest of the run after it answered 429: request starts are spaced
   * at least `intervalMs` apart, so the host is not hammered.
   */
  slowDown(host: string, intervalMs: number): void {
    const entry = this.#host(host);
    entry.interval = Math.max(entry.interval, intervalMs);
    entry.nextStart = Math.max(entry.nextStart, this.#options.now() + intervalMs);
  }

  #host(host: string): Host {
    let entry = this.#hosts.get(host);
    if (!entry) {
      entry = { slots: new Slots(this.#options.perHostConcurrency), interval: 0, nextStart: 0, lastStart: -Infinity };
      this.#hosts.set(host, entry);
    }
    return entry;
  }
}
