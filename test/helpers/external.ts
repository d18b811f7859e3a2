import { Agent, type Dispatcher } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import { memoryCache } from '../../src/core/check/external/cache-file.js';
import type { ExternalCheckOptions } from '../../src/core/check/external/check-external.js';
import { checkLinks, loadConfig, type ClassifiedLink, type Options, type Report } from '../../src/core/index.js';
import { startTestServer, type TestServer } from './http-server.js';
import { makeTree } from './tree.js';

/** A run against the loopback test server, with sleeps recorded instead of slept. */
export interface ExternalRun {
  readonly report: Report;
  readonly sleeps: number[];
}

/** Starts a test server for one test; close it in `afterEach`. */
export async function server(): Promise<TestServer> {
  return startTestServer();
}

/**
 * Checks Markdown files whose links point at the test server, online, with retries paced by a
 * recording sleep (a virtual clock moves forward by each sleep, so `Retry-After` is honoured without waiting).
 */
export async function checkOnline(files: Record<string, string>, flags: Options = {}): Promise<ExternalRun> {
  return checkTreeOnline(makeTree(files), flags);
}

/** Like `checkOnline`, for a tree that already exists (to run twice over one cache file). */
export async function checkTreeOnline(root: string, flags: Options = {}): Promise<ExternalRun> {
  const sleeps: number[] = [];
  let offset = 0;
  const report = await checkLinks(loadConfig({ cwd: root, root, flags: { offline: false, retries: 2, ...flags } }), {
    now: () => Date.now() + offset,
    sleep: (ms) => {
      sleeps.push(ms);
      offset += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { report, sleeps };
}

/** Findings as `url rule`, in report order. */
export function verdicts(report: Report): string[] {
  return report.findings.map((finding) => `${finding.url} ${finding.rule}`);
}

/** Options for driving the external checker directly: no cache, no retries, instant sleeps. */
export function externalOptions(dispatcher: Dispatcher): ExternalCheckOptions {
  return {
    dispatcher,
    cache: memoryCache(),
    deny: { domains: [], urls: [] },
    timeoutMs: 2000,
    retries: 0,
    concurrency: 4,
    perHostConcurrency: 2,
    maxPerHostConcurrency: 2,
    maxRedirects: 5,
    accept: [{ from: 200, to: 299 }],
    userAgent: 'linkvet-test',
    headers: [],
    externalFragments: false,
    now: Date.now,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  };
}

/** A link to `url` already classified as external, for driving the checker directly. */
export function externalLink(url: string, file = 'a.md'): ClassifiedLink {
  const at = { line: 1, column: 1 };
  return {
    link: { file, kind: 'inline', url, text: 'x', span: { start: at, end: at } },
    target: { type: 'external', url },
  };
}

/** A loopback test server and an undici agent for each test, both closed after it. */
export function useSiteAndAgent(): { readonly site: () => TestServer; readonly agent: () => Agent } {
  let site: TestServer | undefined;
  let agent: Agent | undefined;
  beforeEach(async () => {
    site = await startTestServer();
    agent = new Agent();
  });
  afterEach(async () => {
    await agent?.close();
    await site?.close();
  });
  return {
    site: () => site ?? fail('no test server yet'),
    agent: () => agent ?? fail('no agent yet'),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
