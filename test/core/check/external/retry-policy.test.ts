import { describe, expect, it } from 'vitest';
import type { NetworkError } from '../../../../src/core/check/external/outcome.js';
import {
  decideRetry,
  isDeferred,
  parseRetryAfter,
  type RetryInput,
  type RetryPolicy,
} from '../../../../src/core/check/external/retry-policy.js';

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

/** A policy with a fixed clock and no jitter (random 0: the shortest backoff), unless overridden. */
function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    retries: 3,
    timeoutRetries: 3,
    baseDelayMs: 1000,
    retryAfterCapMs: 60_000,
    random: () => 0,
    now: () => NOW,
    ...overrides,
  };
}

function status(code: number, retryAfter?: string): RetryInput {
  return retryAfter === undefined ? { kind: 'status', status: code } : { kind: 'status', status: code, retryAfter };
}

function error(name: NetworkError): RetryInput {
  return { kind: 'error', error: name };
}

/** The delays of the first three attempts' retries. */
function delays(input: RetryInput, overrides: Partial<RetryPolicy>): number[] {
  return [0, 1, 2].map((attempt) => {
    const decision = decideRetry(input, attempt, policy(overrides));
    if (!decision.retry) throw new Error(`attempt ${attempt} was not retried`);
    return decision.delayMs;
  });
}

describe('decideRetry: what is worth retrying', () => {
  it.each([429, 500, 502, 503, 504, 599])('retries status %i', (code) => {
    expect(decideRetry(status(code), 0, policy())).toEqual({ retry: true, delayMs: 500 });
  });

  it.each([400, 401, 403, 404, 410, 418, 451])('does not retry status %i', (code) => {
    expect(decideRetry(status(code), 0, policy())).toEqual({ retry: false });
  });

  it.each<NetworkError>(['timeout', 'connect-timeout', 'reset', 'dns-failure', 'other'])(
    'retries the network error %s',
    (name) => {
      expect(decideRetry(error(name), 0, policy())).toEqual({ retry: true, delayMs: 500 });
    },
  );

  it.each<NetworkError>(['refused', 'dns-not-found', 'tls', 'redirect-loop', 'too-many-redirects', 'bad-redirect'])(
    'does not retry the network error %s',
    (name) => {
      expect(decideRetry(error(name), 0, policy())).toEqual({ retry: false });
    },
  );

  it('ignores Retry-After on a status that is not retried', () => {
    expect(decideRetry(status(404, '1'), 0, policy())).toEqual({ retry: false });
  });
});

describe('decideRetry: how many times', () => {
  it('retries after attempts 0 .. retries-1 and stops at `retries`', () => {
    const retried = [0, 1, 2, 3, 4].map((attempt) => decideRetry(status(503), attempt, policy({ retries: 2 })).retry);
    expect(retried).toEqual([true, true, false, false, false]);
  });

  it('never retries when retries is 0', () => {
    expect(decideRetry(status(503), 0, policy({ retries: 0 }))).toEqual({ retry: false });
    expect(decideRetry(error('timeout'), 0, policy({ retries: 0 }))).toEqual({ retry: false });
  });

  it('retries timeouts `timeoutRetries` times and everything else `retries` times', () => {
    const tries = (input: RetryInput): boolean[] =>
      [0, 1, 2].map((attempt) => decideRetry(input, attempt, policy({ retries: 2, timeoutRetries: 1 })).retry);
    expect(tries(error('timeout'))).toEqual([true, false, false]);
    expect(tries(error('connect-timeout'))).toEqual([true, false, false]);
    expect(tries(error('reset'))).toEqual([true, true, false]);
    expect(tries(status(429))).toEqual([true, true, false]);
    expect(tries(status(503))).toEqual([true, true, false]);
  });

  it('never retries a timeout more often than `retries` allows', () => {
    expect(decideRetry(error('timeout'), 0, policy({ retries: 0, timeoutRetries: 1 }))).toEqual({ retry: false });
  });

  it('stops at the limit even when Retry-After asks for a short wait', () => {
    expect(decideRetry(status(429, '1'), 3, policy())).toEqual({ retry: false });
  });
});

describe('isDeferred: which retries wait for the first pass', () => {
  it.each<NetworkError>(['timeout', 'connect-timeout', 'reset'])('defers the retry of %s', (name) => {
    expect(isDeferred(error(name))).toBe(true);
  });

  it('retries statuses and other errors in place', () => {
    expect([status(429), status(503), error('dns-failure'), error('other')].map(isDeferred)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('decideRetry: exponential backoff with jitter', () => {
  it('waits half of baseDelay × 2^attempt when random gives 0', () => {
    expect(delays(status(503), { random: () => 0 })).toEqual([500, 1000, 2000]);
  });

  it('waits three quarters when random gives 0.5', () => {
    expect(delays(error('reset'), { random: () => 0.5 })).toEqual([750, 1500, 3000]);
  });

  it('approaches the full baseDelay × 2^attempt, never reaching it, as random approaches 1', () => {
    expect(delays(status(500), { baseDelayMs: 10_000, random: () => 0.9998 })).toEqual([9999, 19_998, 39_996]);
  });

  it('draws fresh jitter for every decision', () => {
    const draws = [0, 0.5];
    const random = (): number => draws.shift() ?? 1;
    const first = decideRetry(status(503), 0, policy({ random }));
    const second = decideRetry(status(503), 1, policy({ random }));
    expect([first, second]).toEqual([
      { retry: true, delayMs: 500 },
      { retry: true, delayMs: 1500 },
    ]);
  });
});

describe('decideRetry: Retry-After', () => {
  it('waits the seconds a 429 or 503 asks for, whatever the jitter', () => {
    expect(decideRetry(status(429, '7'), 0, policy({ random: () => 0.9 }))).toEqual({ retry: true, delayMs: 7000 });
    expect(decideRetry(status(503, '2'), 2, policy())).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry(status(429, '0'), 0, policy())).toEqual({ retry: true, delayMs: 0 });
  });

  it('waits until an HTTP-date, measured from the injected clock', () => {
    const date = 'Wed, 21 Oct 2015 07:28:30 GMT';
    expect(decideRetry(status(429, date), 0, policy())).toEqual({ retry: true, delayMs: 30_000 });
  });

  it('waits exactly the cap when asked for exactly the cap', () => {
    expect(decideRetry(status(429, '60'), 0, policy())).toEqual({ retry: true, delayMs: 60_000 });
  });

  it('refuses to wait longer than the cap, and says why', () => {
    expect(decideRetry(status(429, '3600'), 0, policy())).toEqual({
      retry: false,
      reason: 'it asked to wait 3600 s, over the 60 s cap',
    });
  });

  it('rounds a date over the cap up to whole seconds in the reason', () => {
    const now = (): number => NOW - 500;
    const date = 'Wed, 21 Oct 2015 07:29:30 GMT'; // 90.5 s after now
    expect(decideRetry(status(503, date), 0, policy({ now, retryAfterCapMs: 30_000 }))).toEqual({
      retry: false,
      reason: 'it asked to wait 91 s, over the 30 s cap',
    });
  });

  it.each(['soon', 'in a minute', '5s', '0x10', '', '   '])('falls back to backoff for Retry-After %j', (value) => {
    expect(decideRetry(status(429, value), 1, policy({ random: () => 0.5 }))).toEqual({ retry: true, delayMs: 1500 });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds, ignoring surrounding spaces', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:30:00 GMT', NOW)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:01 GMT', NOW - 250)).toBe(1250);
  });

  it('reads a date in the past as no wait at all', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', NOW)).toBe(0);
  });

  it('returns undefined when the header is absent, blank or unreadable', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('  ', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('5 seconds', NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter and values Date.parse would misread', () => {
  it('treats numbers that are not whole seconds as unreadable, not as dates', () => {
    for (const value of ['1.5', '-1', '12-25', '1e3']) expect(parseRetryAfter(value, 0), value).toBeUndefined();
  });
});
