import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkExternal,
  ExternalChecker,
  type ExternalCheckOptions,
} from '../../../../src/core/check/external/check-external.js';
import { checkLinks, loadConfig } from '../../../../src/core/index.js';
import { externalLink, externalOptions } from '../../../helpers/external.js';
import { startFarm, type Farm } from '../../../helpers/farm-server.js';
import { makeTree } from '../../../helpers/tree.js';

let agent: Agent;
const farms: Farm[] = [];
beforeEach(() => {
  agent = new Agent();
});
afterEach(async () => {
  await agent.close();
  await Promise.all(farms.splice(0).map((farm) => farm.close()));
});

async function farm(options: Parameters<typeof startFarm>[0] = {}): Promise<Farm> {
  const started = await startFarm(options);
  farms.push(started);
  return started;
}

/** Real time and real sleeps, the run's defaults for the limits. */
function realOptions(overrides: Partial<ExternalCheckOptions> = {}): ExternalCheckOptions {
  return {
    ...externalOptions(agent),
    concurrency: 64,
    perHostConcurrency: 8,
    maxPerHostConcurrency: 32,
    retries: 2,
    timeoutMs: 2000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...overrides,
  };
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const start = Date.now();
  const result = await work;
  return { result, ms: Date.now() - start };
}

function paths(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) => `${prefix}/${n}`);
}

describe('adaptive per-host concurrency', () => {
  it('comes back after URL-level 429s: only the refused URLs wait, the host is not spaced out', async () => {
    const site = await farm({ latencyMs: 30 });
    const urls = [...paths('/fast', 150), ...paths('/limited', 6)].map((path) => site.url(path));
    const { result, ms } = await timed(
      checkExternal(
        urls.map((url) => externalLink(url)),
        realOptions(),
      ),
    );
    expect(result.violations).toEqual([]);
    // Each refused URL is asked three times (two 429s, then 200); every other URL once.
    expect(site.received()).toBe(150 + 6 * 3);
    // The limit grew past its start of 8 with the quick answers and was not held down by the 429s.
    expect(site.maxInFlight()).toBeGreaterThan(16);
    // Two Retry-After: 1 waits for the refused URLs, in parallel; a run-long 1 s spacing would take minutes.
    expect(ms).toBeLessThan(3500);
  });

  it('pauses a host that 429s everything for 5 s instead of hammering it, and leaves other hosts alone', async () => {
    const busy = await farm({ busyForMs: 5000, latencyMs: 10 });
    const other = await farm({ latencyMs: 10 });
    const links = [...paths('/busy', 20).map((path) => busy.url(path)), ...paths('/fast', 20).map((p) => other.url(p))];
    const { result, ms } = await timed(
      checkExternal(
        links.map((url) => externalLink(url)),
        realOptions({ retries: 6 }),
      ),
    );
    const refusals = busy.answers.filter((answer) => answer.status === 429);
    // Paused after two refusals in a row, then halved each round: a handful of requests per second, not 20 × 7.
    expect(refusals.length).toBeLessThan(30);
    expect(result.violations).toEqual([]);
    expect(busy.answers.filter((answer) => answer.status === 200)).toHaveLength(20);
    expect(Math.max(...other.answers.map((answer) => answer.at))).toBeLessThan(1000);
    expect(ms).toBeLessThan(8000);
  }, 15_000);

  it('caps Retry-After: 999999 at 60 s: the URL is not retried, and a host refusing in a row pauses 60 s at most', async () => {
    const site = await farm();
    const other = await farm();
    const sleeps: number[] = [];
    let offset = 0;
    const virtual = {
      now: () => Date.now() + offset,
      sleep: (ms: number) => {
        sleeps.push(ms);
        offset += ms;
        return Promise.resolve();
      },
    };
    const links = [site.url('/go-away/1'), site.url('/go-away/2'), site.url('/fast/1'), other.url('/fast/1')];
    const result = await checkExternal(
      links.map((url) => externalLink(url)),
      realOptions({ ...virtual, perHostConcurrency: 1, maxPerHostConcurrency: 1 }),
    );
    expect(result.violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining('(1 attempt; it asked to wait 999999 s, over the 60 s cap)'),
      expect.stringContaining('(1 attempt; it asked to wait 999999 s, over the 60 s cap)'),
    ]);
    expect(site.hits('/go-away/1')).toBe(1);
    // The second refusal in a row paused the host for the cap, no longer; the host's next URL went after it.
    expect(sleeps).toEqual([60_000]);
    expect(site.hits('/fast/1')).toBe(1);
    expect(other.hits('/fast/1')).toBe(1);
  });
});

describe('no slot held hostage', () => {
  it('13 hanging URLs beside quick ones on one host: the quick ones finish first, the hanging ones cost one timeout chain', async () => {
    const site = await farm({ latencyMs: 20 });
    const urls = [...paths('/hang', 13), ...paths('/fast', 40)].map((path) => site.url(path));
    const timeoutMs = 1000;
    const { result, ms } = await timed(
      checkExternal(
        urls.map((url) => externalLink(url)),
        realOptions({ timeoutMs }),
      ),
    );
    const fastAnswers = site.answers.filter((answer) => answer.path.startsWith('/fast/'));
    expect(fastAnswers).toHaveLength(40);
    expect(Math.max(...fastAnswers.map((answer) => answer.at))).toBeLessThan(timeoutMs);
    expect(result.violations).toHaveLength(13);
    expect(result.violations.every((violation) => violation.rule === 'unreachable')).toBe(true);
    expect(result.violations[0]?.message).toContain('stopped answering: its requests timed out 3 times in a row');
    // One chain: a timeout, the backoff, one short try. Thirteen in series would be 13 s and more.
    const chain = timeoutMs + 500 + timeoutMs;
    expect(ms).toBeLessThan(chain + 500);
    expect(site.hits('/hang/0')).toBe(2);
  });

  it('retries a timeout once, after the first pass, and other URLs are answered meanwhile', async () => {
    const site = await farm({ latencyMs: 20 });
    const urls = [site.url('/hang/1'), ...paths('/fast', 5).map((path) => site.url(path))];
    const result = await checkExternal(
      urls.map((url) => externalLink(url)),
      realOptions({ timeoutMs: 500, perHostConcurrency: 1, maxPerHostConcurrency: 1 }),
    );
    expect(site.hits('/hang/1')).toBe(2);
    expect(result.violations.map((violation) => violation.message)).toEqual([expect.stringContaining('(2 attempts)')]);
    // The one slot went to the five quick URLs first; the retry came after them, not in their way.
    expect(site.arrivals.map((arrival) => arrival.path)).toEqual(['/hang/1', ...paths('/fast', 5), '/hang/1']);
  });

  it('holds a timed-out retry until URLs added later have had their first try', async () => {
    const site = await farm({ latencyMs: 20 });
    const checker = new ExternalChecker(realOptions({ timeoutMs: 300 }));
    checker.add([externalLink(site.url('/hang/1'))]);
    // Parsing goes on for a while: files added after the timeout still go first.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    checker.add(paths('/fast', 3).map((path) => externalLink(site.url(path))));
    const result = await checker.finish();
    expect(result.violations).toHaveLength(1);
    expect(site.arrivals.map((arrival) => arrival.path)).toEqual(['/hang/1', ...paths('/fast', 3), '/hang/1']);
  });

  it('a host that stopped answering: its remaining URLs get one short try each, reported unreachable with why', async () => {
    const site = await farm();
    const urls = paths('/hang', 30).map((path) => site.url(path));
    const timeoutMs = 1000;
    const { result, ms } = await timed(
      checkExternal(
        urls.map((url) => externalLink(url)),
        realOptions({ timeoutMs, perHostConcurrency: 2, maxPerHostConcurrency: 2, concurrency: 2 }),
      ),
    );
    expect(result.violations).toHaveLength(30);
    expect(result.violations.at(-1)?.message).toContain('so its URLs got one try with a 0.25 s timeout');
    // Two at a time: two rounds of full timeouts (2 s), then the other tries of 0.25 s two by two (about 3.5 s);
    // at full timeouts and one retry each it would be 30 s.
    expect(ms).toBeLessThan(7000);
    expect(site.received()).toBeLessThan(36);
  }, 15_000);
});

describe('a bounded run', () => {
  it('stops one URL through slow redirects at its budget', async () => {
    const site = await farm();
    const { result, ms } = await timed(
      checkExternal([externalLink(site.url('/slow-hops/10'))], realOptions({ timeoutMs: 2000, urlBudgetMs: 1000 })),
    );
    expect(result.violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining('gave up after its 1 s budget (`urlBudget`) was spent'),
    ]);
    expect(ms).toBeLessThan(1500);
    expect(site.received()).toBeLessThanOrEqual(4);
  });

  it('reports what maxRunTime left as unchecked, in a complete report marked incomplete', async () => {
    const site = await farm({ latencyMs: 10 });
    const root = makeTree({ 'a.md': `[ok](${site.url('/fast/1')}) [hangs](${site.url('/hang/1')})\n` });
    const config = loadConfig({ cwd: root, root, flags: { offline: false, timeoutMs: 10_000, maxRunTimeMs: 800 } });
    const { result: report, ms } = await timed(checkLinks(config));
    expect(ms).toBeLessThan(2000);
    expect(report.links.map((link) => [link.link.url, link.status])).toEqual([
      [site.url('/fast/1'), 'ok'],
      [site.url('/hang/1'), 'unchecked'],
    ]);
    expect(report.incomplete).toMatchObject({ reason: 'maxRunTime', linksUnchecked: 1 });
  });
});
