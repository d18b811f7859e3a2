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

/** A pool whose limits stay put unless a test gives it room to grow (`maxPerHostConcurrency`). */
function pool(options: Partial<PoolOptions> = {}): HostPool {
  const perHostConcurrency = options.perHostConcurrency ?? 2;
  return new HostPool({
    concurrency: 4,
    perHostConcurrency,
    maxPerHostConcurrency: perHostConcurrency,
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

describe('HostPool: the adaptive limit', () => {
  it('grows by one with each quick answer, up to `maxPerHostConcurrency`, and starts the tasks it now has room for', async () => {
    const hostPool = pool({ concurrency: 10, perHostConcurrency: 2, maxPerHostConcurrency: 4 });
    const flights = new Flights();
    const results = [1, 2, 3, 4, 5].map((n) => flights.run(hostPool, 'a', `a${n}`));
    await settle();
    expect(flights.started).toEqual(['a1', 'a2']);
    hostPool.record('a', 'quick', 0);
    await settle();
    expect(flights.started).toEqual(['a1', 'a2', 'a3']);
    for (let n = 0; n < 5; n++) hostPool.record('a', 'quick', 0);
    await settle();
    expect(hostPool.limitOf('a')).toBe(4);
    expect(flights.inFlight).toBe(4);
    for (const label of ['a1', 'a2', 'a3', 'a4']) flights.finish(label);
    await settle();
    flights.finish('a5');
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(flights.maxPerHost.get('a')).toBe(4);
  });

  it('does not grow on slow answers or failures', () => {
    const hostPool = pool({ perHostConcurrency: 2, maxPerHostConcurrency: 8 });
    hostPool.record('a', 'slow', 0);
    hostPool.record('a', 'failed', 0);
    expect(hostPool.limitOf('a')).toBe(2);
  });

  it('halves on 429, 503 and timeouts, once per round of requests, never below one', () => {
    let now = 100;
    const hostPool = pool({ perHostConcurrency: 8, maxPerHostConcurrency: 32, now: () => now });
    hostPool.record('a', 'overloaded', 50);
    expect(hostPool.limitOf('a')).toBe(4);
    // Started before the halving at 100: part of the same round, it must not halve again.
    hostPool.record('a', 'timeout', 90);
    expect(hostPool.limitOf('a')).toBe(4);
    now = 200;
    hostPool.record('a', 'timeout', 150);
    expect(hostPool.limitOf('a')).toBe(2);
    for (const at of [300, 400, 500]) {
      now = at;
      hostPool.record('a', 'overloaded', at - 10);
    }
    expect(hostPool.limitOf('a')).toBe(1);
    expect(hostPool.limitOf('b')).toBe(8);
  });

  it('never starts above the ceiling when `perHostConcurrency` is higher', () => {
    expect(pool({ perHostConcurrency: 8, maxPerHostConcurrency: 3 }).limitOf('a')).toBe(3);
  });
});

describe('HostPool: slots lent by slow tasks', () => {
  /** Tasks on host `a` that record their start and end when the test says; each lends its slot after `lendAfterMs`. */
  function lendingTasks(hostPool: HostPool, lendAfterMs: number) {
    const started: string[] = [];
    const open = new Map<string, () => void>();
    const run = (label: string): Promise<string> =>
      hostPool.run(
        'a',
        () =>
          new Promise<string>((resolve) => {
            started.push(label);
            open.set(label, () => resolve(label));
          }),
        lendAfterMs,
      );
    const finish = (label: string): void => open.get(label)?.();
    return { started, run, finish };
  }

  it('lets the next task start when one runs past `lendAfterMs`, up to `maxPerHostConcurrency` in flight', async () => {
    const hostPool = pool({ concurrency: 10, perHostConcurrency: 1, maxPerHostConcurrency: 2 });
    const tasks = lendingTasks(hostPool, 20);
    const results = ['a1', 'a2', 'a3'].map(tasks.run);
    await settle();
    expect(tasks.started).toEqual(['a1']);
    await new Promise((resolve) => setTimeout(resolve, 80));
    // a1 lent its slot to a2; a2 lent its own too, but the ceiling of 2 in flight holds a3 back.
    expect(tasks.started).toEqual(['a1', 'a2']);
    tasks.finish('a1');
    await settle();
    expect(tasks.started).toEqual(['a1', 'a2', 'a3']);
    tasks.finish('a2');
    tasks.finish('a3');
    expect(await Promise.all(results)).toEqual(['a1', 'a2', 'a3']);
  });

  it('keeps the slot of a task that ends before `lendAfterMs`', async () => {
    const hostPool = pool({ concurrency: 10, perHostConcurrency: 1, maxPerHostConcurrency: 4 });
    const tasks = lendingTasks(hostPool, 1000);
    const results = ['a1', 'a2'].map(tasks.run);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(tasks.started).toEqual(['a1']);
    tasks.finish('a1');
    await settle();
    expect(tasks.started).toEqual(['a1', 'a2']);
    tasks.finish('a2');
    expect(await Promise.all(results)).toEqual(['a1', 'a2']);
  });
});

describe('HostPool: runs of timeouts and refusals', () => {
  it('calls a host stopped answering after three timeouts in a row; any answer ends the run', () => {
    const hostPool = pool();
    hostPool.record('a', 'timeout', 0);
    hostPool.record('a', 'timeout', 0);
    hostPool.record('a', 'failed', 0);
    expect(hostPool.hasStoppedAnswering('a')).toBe(false);
    hostPool.record('a', 'timeout', 0);
    expect(hostPool.hasStoppedAnswering('a')).toBe(true);
    expect(hostPool.hasStoppedAnswering('b')).toBe(false);
    hostPool.record('a', 'overloaded', 0);
    expect(hostPool.hasStoppedAnswering('a')).toBe(false);
  });

  it('calls a host overloaded after two refusals in a row, not after one among answers', () => {
    const hostPool = pool();
    hostPool.record('a', 'overloaded', 0);
    expect(hostPool.isOverloaded('a')).toBe(false);
    hostPool.record('a', 'quick', 0);
    hostPool.record('a', 'overloaded', 0);
    expect(hostPool.isOverloaded('a')).toBe(false);
    hostPool.record('a', 'overloaded', 0);
    expect(hostPool.isOverloaded('a')).toBe(true);
  });
});

describe('HostPool.pause', () => {
  it('starts nothing on the paused host until the moment, and leaves other hosts alone', async () => {
    let now = 10_000;
    const timers = new ManualTimers();
    const hostPool = pool({ sleep: timers.sleep, now: () => now });
    const flights = new Flights();
    hostPool.pause('a', 11_000);
    const paused = [flights.run(hostPool, 'a', 'a1'), flights.run(hostPool, 'a', 'a2')];
    const other = flights.run(hostPool, 'b', 'b1');
    await settle();
    expect(flights.started).toEqual(['b1']);
    expect(timers.requested).toEqual([1000]);
    flights.finish('b1');
    expect(await other).toBe('b1');
    now = 11_000;
    timers.fireNext();
    await settle();
    expect(flights.started).toEqual(['b1', 'a1', 'a2']);
    flights.finish('a1');
    flights.finish('a2');
    expect(await Promise.all(paused)).toEqual(['a1', 'a2']);
  });

  it('keeps the latest end when paused again while waiting, and is not slowed once the pause is over', async () => {
    let now = 0;
    const timers = new ManualTimers();
    const hostPool = pool({ sleep: timers.sleep, now: () => now });
    hostPool.pause('a', 1000);
    const first = hostPool.run('a', () => Promise.resolve('first'));
    await settle();
    hostPool.pause('a', 3000);
    hostPool.pause('a', 2000);
    now = 1000;
    timers.fireNext();
    await settle();
    expect(timers.requested).toEqual([1000, 2000]);
    now = 3000;
    timers.fireNext();
    await expect(first).resolves.toBe('first');
    await expect(hostPool.run('a', () => Promise.resolve('at once'))).resolves.toBe('at once');
    expect(timers.requested).toEqual([1000, 2000]);
  });
});
