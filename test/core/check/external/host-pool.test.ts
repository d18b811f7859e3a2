import { describe, expect, it } from 'vitest';
import { HostPool, type PoolOptions } from '../../../../src/core/check/external/host-pool.js';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A sleep that only records what it was asked for and resolves when the test says so. */
class ManualTimers {
  readonly requested: number[] = [];
  readonly #pending: Array<Deferred<void>> = [];
  readonly sleep = (ms: number): Promise<void> => {
    this.requested.push(ms);
    const timer = deferred();
    this.#pending.push(timer);
    return timer.promise;
  };

  /** Ends the oldest sleep still running. */
  fireNext(): void {
    const timer = this.#pending.shift();
    if (timer === undefined) throw new Error('no sleep is running');
    timer.resolve();
  }
}

/** Tasks that stay in flight until the test finishes them, counted in all and per host. */
class Flights {
  readonly started: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly maxPerHost = new Map<string, number>();
  readonly #perHost = new Map<string, number>();
  readonly #open = new Map<string, Deferred<string>>();

  /** Queues a task on `host` that records its start as `label` and ends when `finish(label)` is called. */
  run(pool: HostPool, host: string, label: string): Promise<string> {
    return pool.run(host, async () => {
      this.#enter(host, label);
      const done = deferred<string>();
      this.#open.set(label, done);
      try {
        return await done.promise;
      } finally {
        this.inFlight--;
        this.#perHost.set(host, (this.#perHost.get(host) ?? 1) - 1);
      }
    });
  }

  finish(label: string): void {
    this.#take(label).resolve(label);
  }

  fail(label: string, error: Error): void {
    this.#take(label).reject(error);
  }

  /** Labels started but not finished, oldest first. */
  open(): string[] {
    return [...this.#open.keys()];
  }

  #enter(host: string, label: string): void {
    this.started.push(label);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const onHost = (this.#perHost.get(host) ?? 0) + 1;
    this.#perHost.set(host, onHost);
    this.maxPerHost.set(host, Math.max(this.maxPerHost.get(host) ?? 0, onHost));
  }

  #take(label: string): Deferred<string> {
    const task = this.#open.get(label);
    if (task === undefined) throw new Error(`task ${label} is not in flight`);
    this.#open.delete(label);
    return task;
  }
}

function pool(options: Partial<PoolOptions> = {}): HostPool {
  return new HostPool({
    concurrency: 4,
    perHostConcurrency: 2,
    sleep: () => Promise.reject(new Error('unexpected sleep')),
    now: () => 0,
    ...options,
  });
}

describe('HostPool limits', () => {
  it('never has more than `concurrency` tasks in flight, nor more than `perHostConcurrency` per host', async () => {
    const hostPool = pool({ concurrency: 3, perHostConcurrency: 2 });
    const flights = new Flights();
    const labels = ['a', 'b', 'c'].flatMap((host) => [1, 2, 3, 4].map((n) => [host, `${host}${n}`] as const));
    const results = labels.map(([host, label]) => flights.run(hostPool, host, label));
    await settle();
    expect(flights.inFlight).toBe(3);
    while (flights.open().length > 0) {
      const [oldest] = flights.open();
      flights.finish(oldest ?? '');
      await settle();
      expect(flights.inFlight).toBeLessThanOrEqual(3);
    }
    expect(await Promise.all(results)).toEqual(labels.map(([, label]) => label));
    expect(flights.started).toHaveLength(12);
    expect(flights.maxInFlight).toBe(3);
    expect([...flights.maxPerHost.values()]).toEqual([2, 2, 2]);
  });

  it('starts the tasks of one host first come, first served, `perHostConcurrency` at a time', async () => {
    const hostPool = pool({ concurrency: 10, perHostConcurrency: 2 });
    const flights = new Flights();
    const results = [1, 2, 3, 4].map((n) => flights.run(hostPool, 'a', `a${n}`));
    await settle();
    expect(flights.started).toEqual(['a1', 'a2']);
    flights.finish('a2');
    await settle();
    expect(flights.started).toEqual(['a1', 'a2', 'a3']);
    flights.finish('a1');
    flights.finish('a3');
    await settle();
    flights.finish('a4');
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(flights.maxPerHost.get('a')).toBe(2);
  });

  it('does not let tasks queued for a busy host hold global slots another host could use', async () => {
    const hostPool = pool({ concurrency: 2, perHostConcurrency: 1 });
    const flights = new Flights();
    const busy = [1, 2, 3].map((n) => flights.run(hostPool, 'a', `a${n}`));
    const other = flights.run(hostPool, 'b', 'b1');
    await settle();
    expect(flights.started).toEqual(['a1', 'b1']);
    flights.finish('b1');
    expect(await other).toBe('b1');
    for (const label of ['a1', 'a2', 'a3']) {
      await settle();
      flights.finish(label);
    }
    expect(await Promise.all(busy)).toEqual(['a1', 'a2', 'a3']);
  });
});

describe('HostPool results and errors', () => {
  it("returns the task's result and passes its rejection on", async () => {
    const hostPool = pool();
    await expect(hostPool.run('a', () => Promise.resolve(42))).resolves.toBe(42);
    await expect(hostPool.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });

  it('frees the slots of a task that rejects, so the next one starts', async () => {
    const hostPool = pool({ concurrency: 1, perHostConcurrency: 1 });
    const flights = new Flights();
    const failing = flights.run(hostPool, 'a', 'a1');
    const sameHost = flights.run(hostPool, 'a', 'a2');
    const otherHost = flights.run(hostPool, 'b', 'b1');
    await settle();
    expect(flights.started).toEqual(['a1']);
    flights.fail('a1', new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await settle();
    expect(flights.started).toEqual(['a1', 'b1']);
    flights.finish('b1');
    await settle();
    flights.finish('a2');
    expect(await Promise.all([sameHost, otherHost])).toEqual(['a2', 'b1']);
  });

  it('frees the slots of a task that throws before returning a promise', async () => {
    const hostPool = pool({ concurrency: 1, perHostConcurrency: 1 });
    const throwing = (): Promise<number> => {
      throw new Error('synchronous');
    };
    await expect(hostPool.run('a', throwing)).rejects.toThrow('synchronous');
    await expect(hostPool.run('a', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe('HostPool.slowDown', () => {
  it('spaces the starts of a slowed host by the interval, in order, and leaves other hosts alone', async () => {
    let now = 10_000;
    const timers = new ManualTimers();
    const hostPool = pool({ concurrency: 4, perHostConcurrency: 4, sleep: timers.sleep, now: () => now });
    const flights = new Flights();
    const startedAt: number[] = [];
    const run = (host: string, label: string): Promise<string> =>
      hostPool.run(host, () => {
        flights.started.push(label);
        startedAt.push(now);
        return Promise.resolve(label);
      });

    hostPool.slowDown('a', 1000);
    const slowed = ['a1', 'a2', 'a3'].map((label) => run('a', label));
    const other = run('b', 'b1');
    await settle();
    expect(timers.requested).toEqual([1000, 2000, 3000]);
    expect(flights.started).toEqual(['b1']);
    expect(await other).toBe('b1');

    for (const at of [11_000, 12_000, 13_000]) {
      now = at;
      timers.fireNext();
      await settle();
    }
    expect(await Promise.all(slowed)).toEqual(['a1', 'a2', 'a3']);
    expect(flights.started).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(startedAt).toEqual([10_000, 11_000, 12_000, 13_000]);
  });

  it('lets a slowed host start at once when its turn has passed, then spaces the next start', async () => {
    let now = 0;
    const timers = new ManualTimers();
    const hostPool = pool({ sleep: timers.sleep, now: () => now });
    hostPool.slowDown('a', 500);
    now = 5000;
    await expect(hostPool.run('a', () => Promise.resolve('late'))).resolves.toBe('late');
    expect(timers.requested).toEqual([]);
    const next = hostPool.run('a', () => Promise.resolve('next'));
    await settle();
    expect(timers.requested).toEqual([500]);
    now = 5500;
    timers.fireNext();
    await expect(next).resolves.toBe('next');
  });

  it('keeps slowed starts apart even when both waited for a global slot', async () => {
    let now = 0;
    const timers = new ManualTimers();
    const hostPool = pool({ concurrency: 1, perHostConcurrency: 2, sleep: timers.sleep, now: () => now });
    const flights = new Flights();
    const blocker = flights.run(hostPool, 'b', 'b1');
    await settle();
    hostPool.slowDown('a', 1000);
    const startedAt: number[] = [];
    const slowed = [1, 2].map((n) =>
      hostPool.run('a', () => {
        startedAt.push(now);
        return Promise.resolve(n);
      }),
    );
    await settle();
    expect(timers.requested).toEqual([1000, 2000]);
    now = 1000;
    timers.fireNext();
    now = 2000;
    timers.fireNext();
    await settle();
    flights.finish('b1');
    await blocker;
    await settle();
    // Both reserved starts have passed while b1 held the only slot: the second must still wait.
    expect(startedAt).toEqual([2000]);
    expect(timers.requested).toEqual([1000, 2000, 1000]);
    now = 3000;
    timers.fireNext();
    expect(await Promise.all(slowed)).toEqual([1, 2]);
    expect(startedAt).toEqual([2000, 3000]);
  });

  it('keeps the longest interval it was given', async () => {
    let now = 0;
    const timers = new ManualTimers();
    const hostPool = pool({ sleep: timers.sleep, now: () => now });
    hostPool.slowDown('a', 1000);
    hostPool.slowDown('a', 200);
    const runs = [1, 2].map((n) => hostPool.run('a', () => Promise.resolve(n)));
    await settle();
    expect(timers.requested).toEqual([1000, 2000]);
    now = 1000;
    timers.fireNext();
    await settle();
    now = 2000;
    timers.fireNext();
    expect(await Promise.all(runs)).toEqual([1, 2]);
  });

  it('does not slow a host down before it is asked to', async () => {
    const hostPool = pool();
    await expect(hostPool.run('a', () => Promise.resolve('at once'))).resolves.toBe('at once');
  });
});
