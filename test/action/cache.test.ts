import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeCache, type FakeCache } from '../helpers/fake-cache.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

let cache: FakeCache | undefined;
let site: TestServer | undefined;

afterEach(async () => {
  await cache?.close();
  await site?.close();
  cache = undefined;
  site = undefined;
});

/** A repository linking to the loopback site: one page that is fine, one that moved for good. */
function checkout(server: TestServer): string {
  return makeTree({ 'README.md': `# Home\n\n[ok](${server.url('/ok')})\n\n[moved](${server.url('/moved')})\n` });
}

/** What @actions/cache needs to talk to the fake service with protocol v1. */
function cacheEnv(service: FakeCache, runId: string): Record<string, string> {
  return {
    ACTIONS_CACHE_URL: service.url,
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    GITHUB_SERVER_URL: 'http://127.0.0.1:1',
    GITHUB_RUN_ID: runId,
  };
}

function run(workspace: string, env: Record<string, string>): Promise<ActionResult> {
  return runBundledAction({ workspace, inputs: { cache: 'true' }, env });
}

/** The `keys` of each cache lookup, in order. */
function lookups(service: FakeCache): string[][] {
  return service.requests
    .filter((request) => request.method === 'GET' && request.path === '/_apis/artifactcache/cache')
    .map((request) => (request.query.get('keys') ?? '').split(','));
}

function siteRequests(server: TestServer): number {
  return server.requestsTo('/ok').length + server.requestsTo('/moved').length;
}

describe('cache: true', () => {
  it('saves the link cache file under a key of its own', async () => {
    site = await startTestServer();
    cache = await startFakeCache();
    const workspace = checkout(site);
    const result = await run(workspace, cacheEnv(cache, '4242'));

    expect(result.code).toBe(0);
    expect(lookups(cache)).toEqual([['linkvet-Linux-4242-1', 'linkvet-Linux-']]);
    expect(result.stdout).toContain('linkvet: no link cache saved yet');
    expect(cache.entries).toHaveLength(1);
    expect(cache.entries[0]?.key).toBe('linkvet-Linux-4242-1');
    expect(cache.entries[0]?.key.startsWith('linkvet-Linux-')).toBe(true);
    expect(cache.entries[0]?.size).toBeGreaterThan(0);
    expect(result.stdout).toContain('linkvet: saved the link cache as linkvet-Linux-4242-1');
    // What was saved is the engine's cache file, holding both URLs.
    const file = JSON.parse(readFileSync(path.join(workspace, '.linkvet-cache.json'), 'utf8')) as {
      tool: string;
      entries: Record<string, unknown>;
    };
    expect(file.tool).toBe('linkvet');
    expect(Object.keys(file.entries).sort()).toEqual([site.url('/moved'), site.url('/ok')]);
  });

  it('restores the newest entry by its prefix and reuses the results in a later run at the same path', async () => {
    site = await startTestServer();
    cache = await startFakeCache();
    const workspace = checkout(site);
    await run(workspace, cacheEnv(cache, '4242'));
    const firstRun = siteRequests(site);
    expect(firstRun).toBeGreaterThan(0);
    // A fresh checkout of the same repository: the cache file is not there until it is restored.
    rmSync(path.join(workspace, '.linkvet-cache.json'));

    const second = await run(workspace, cacheEnv(cache, '4243'));
    expect(lookups(cache)[1]).toEqual(['linkvet-Linux-4243-1', 'linkvet-Linux-']);
    expect(second.stdout).toContain('linkvet: restored the link cache from linkvet-Linux-4242-1');
    expect(siteRequests(site)).toBe(firstRun);
    // Results come from the cache, findings included, and the run saves under its own key.
    expect(second.outputs['warnings']).toBe('1');
    expect(second.annotations.map((annotation) => annotation.properties['title'])).toContain(
      'linkvet: Permanent redirect (permanent-redirect)',
    );
    expect(cache.entries.map((entry) => entry.key)).toEqual(['linkvet-Linux-4242-1', 'linkvet-Linux-4243-1']);
  });

  // A checkout's path differs between runners (hosted, self-hosted, container jobs): the entry's
  // version must not depend on it, or nothing is ever restored there.
  it('restores into a fresh checkout at another path', async () => {
    site = await startTestServer();
    cache = await startFakeCache();
    await run(checkout(site), cacheEnv(cache, '4242'));
    const firstRun = siteRequests(site);

    const fresh = checkout(site);
    expect(existsSync(path.join(fresh, '.linkvet-cache.json'))).toBe(false);
    const second = await run(fresh, cacheEnv(cache, '4243'));
    expect(lookups(cache)[1]).toEqual(['linkvet-Linux-4243-1', 'linkvet-Linux-']);
    const versions = cache.requests
      .filter((request) => request.path === '/_apis/artifactcache/cache')
      .map((request) => request.query.get('version'));
    expect(versions[1]).toBe(versions[0]);
    expect(second.stdout).toContain('linkvet: restored the link cache from linkvet-Linux-4242-1');
    expect(siteRequests(site)).toBe(firstRun);
  });

  it('warns and checks anyway when the cache service is not available', async () => {
    site = await startTestServer();
    const result = await runBundledAction({
      workspace: checkout(site),
      inputs: { cache: 'true' },
      env: { GITHUB_SERVER_URL: 'http://127.0.0.1:1' },
    });

    const warnings = result.annotations.filter(
      (annotation) => annotation.severity === 'warning' && annotation.properties['file'] === undefined,
    );
    expect(warnings.map((warning) => warning.message)).toEqual([
      'linkvet: input `cache` is on, but the Actions cache service is not available to this job.',
    ]);
    expect(result.code).toBe(0);
    expect(siteRequests(site)).toBeGreaterThan(0);
    expect(result.outputs['warnings']).toBe('1');
    expect(result.summary).toContain('moved');
  });
});
