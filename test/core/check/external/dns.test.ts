import { Agent, buildConnector } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostPool } from '../../../../src/core/check/external/host-pool.js';
import { probeUrl, type ProbeOptions } from '../../../../src/core/check/external/probe-url.js';
import { verdictOf } from '../../../../src/core/check/external/verdicts.js';
import { startTestServer, type TestServer } from '../../../helpers/http-server.js';

// Real DNS cannot be relied on here (no network), so the connector fails the lookup the way Node's
// resolver does, for the one host name that "does not exist"; loopback connections go through.
const missingHost = 'no-such-host.invalid';

/** What a fake resolver was asked, and the agent that uses it. */
interface FakeDns {
  readonly agent: Agent;
  readonly lookups: string[];
}

/** An agent whose connector fails `missingHost` with `code` and connects anything else for real. */
function fakeDns(code: string): FakeDns {
  const real = buildConnector({});
  const lookups: string[] = [];
  const agent = new Agent({
    connect: (options, callback) => {
      lookups.push(options.hostname);
      if (options.hostname !== missingHost) return real(options, callback);
      const error = Object.assign(new Error(`getaddrinfo ${code} ${missingHost}`), {
        code,
        syscall: 'getaddrinfo',
        hostname: missingHost,
      });
      callback(error, null);
    },
  });
  return { agent, lookups };
}

/** Probe options built by hand: two retries paced by a recording sleep, so no test waits. */
function probeOptions(agent: Agent, sleeps: number[]): ProbeOptions {
  const sleep = (ms: number): Promise<void> => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  return {
    dispatcher: agent,
    pool: new HostPool({ concurrency: 4, perHostConcurrency: 2, maxPerHostConcurrency: 2, sleep, now: () => 0 }),
    policy: {
      retries: 2,
      timeoutRetries: 1,
      baseDelayMs: 500,
      retryAfterCapMs: 60_000,
      random: () => 0.5,
      now: () => 0,
    },
    sleep,
    timeoutMs: 2000,
    urlBudgetMs: 60_000,
    elapsed: () => performance.now(),
    firstPassOver: () => Promise.resolve(),
    maxRedirects: 5,
    headersFor: () => ({ 'user-agent': 'linkvet-test' }),
    isAccepted: (status) => status >= 200 && status <= 299,
  };
}

let dns: FakeDns | undefined;
let site: TestServer;
beforeEach(async () => (site = await startTestServer()));
afterEach(async () => {
  await dns?.agent.close();
  dns = undefined;
  await site.close();
});

describe('a host name that does not exist', () => {
  it('is a dead link at once, without retries', async () => {
    dns = fakeDns('ENOTFOUND');
    const sleeps: number[] = [];
    const url = `https://${missingHost}/docs`;
    const outcome = await probeUrl(url, [], probeOptions(dns.agent, sleeps));
    expect(outcome).toEqual({ type: 'dead', error: 'dns-not-found', chain: [], attempts: 1 });
    expect(dns.lookups).toEqual([missingHost]);
    expect(sleeps).toEqual([]);
    expect(verdictOf(url, outcome)).toStrictEqual({
      rule: 'dead-link',
      message: `\`${url}\` has a host name that does not exist (1 attempt)`,
    });
  });

  it('is a dead link when a redirect leads to it', async () => {
    dns = fakeDns('ENOTFOUND');
    const url = site.url(`/redirect-to?to=${encodeURIComponent(`http://${missingHost}/moved`)}`);
    const outcome = await probeUrl(url, [], probeOptions(dns.agent, []));
    expect(outcome).toEqual({
      type: 'dead',
      error: 'dns-not-found',
      chain: [{ url, status: 302 }],
      attempts: 1,
    });
    expect(verdictOf(url, outcome)?.message).toBe(
      `\`${url}\` has a host name that does not exist after 1 redirect (1 attempt)`,
    );
  });
});

describe('a DNS lookup that fails for now (EAI_AGAIN)', () => {
  it('is retried with backoff and then reported as unreachable, not dead', async () => {
    dns = fakeDns('EAI_AGAIN');
    const sleeps: number[] = [];
    const url = `https://${missingHost}/docs`;
    const outcome = await probeUrl(url, [], probeOptions(dns.agent, sleeps));
    expect(outcome).toEqual({ type: 'unreachable', error: 'dns-failure', chain: [], attempts: 3 });
    expect(dns.lookups).toHaveLength(3);
    expect(sleeps).toEqual([375, 750]);
    expect(verdictOf(url, outcome)).toStrictEqual({
      rule: 'unreachable',
      message: `Could not verify \`${url}\` now: it could not be looked up (DNS) (3 attempts)`,
    });
  });
});
