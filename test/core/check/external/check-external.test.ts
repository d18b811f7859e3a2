import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkOnline, checkTreeOnline, server, verdicts } from '../../../helpers/external.js';
import { makeTree } from '../../../helpers/tree.js';
import { refusedPort, type TestServer } from '../../../helpers/http-server.js';

let site: TestServer;
beforeEach(async () => (site = await server()));
afterEach(async () => site.close());

/** One Markdown line linking each path, so findings come out in path order. */
function linking(paths: readonly string[]): string {
  return paths.map((path) => `[${path}](${site.url(path)})`).join('\n') + '\n';
}

describe('verdicts per the rules table', () => {
  it('tells definitive breakage from "could not verify" and leaves working links alone', async () => {
    const paths = [
      '/ok',
      '/not-found',
      '/gone',
      '/teapot',
      '/unauthorized',
      '/forbidden',
      '/error',
      '/unavailable',
      '/found',
      '/see-other',
      '/temporary',
      '/head-405',
      '/head-403',
      '/head-501',
      '/head-404-get-200',
      '/gzip',
      '/not-html',
      '/moved-to-missing',
    ];
    const { report } = await checkOnline({ 'a.md': linking(paths) }, { retries: 0 });
    expect(verdicts(report)).toEqual([
      `${site.url('/not-found')} dead-link`,
      `${site.url('/gone')} dead-link`,
      `${site.url('/teapot')} dead-link`,
      `${site.url('/unauthorized')} access-denied`,
      `${site.url('/forbidden')} access-denied`,
      `${site.url('/error')} unreachable`,
      `${site.url('/unavailable')} unreachable`,
      `${site.url('/moved-to-missing')} dead-link`,
    ]);
    expect(report.findings.map((finding) => finding.severity)).toEqual([
      'error',
      'error',
      'error',
      'warning',
      'warning',
      'warning',
      'warning',
      'error',
    ]);
  });

  it('names the status or error and the attempts in each message', async () => {
    const { report } = await checkOnline({
      'a.md': linking(['/not-found', '/forbidden', '/error', '/moved-to-missing']),
    });
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `\`${site.url('/not-found')}\` answered 404 Not Found (1 attempt)`,
      `\`${site.url('/forbidden')}\` answered 403 Forbidden: often bot protection, so it may work in a browser (1 attempt)`,
      `Could not verify \`${site.url('/error')}\` now: it answered 500 Internal Server Error (3 attempts)`,
      `\`${site.url('/moved-to-missing')}\` answered 404 Not Found after 1 redirect (1 attempt)`,
    ]);
  });

  it('reports a refused port, a reset and a timeout as unreachable', async () => {
    const port = await refusedPort();
    const refused = `http://127.0.0.1:${port}/x`;
    const markdown = `[r](${refused})\n[reset](${site.url('/reset')})\n[hang](${site.url('/hang')})\n`;
    const { report } = await checkOnline({ 'a.md': markdown }, { retries: 0, timeoutMs: 300 });
    expect(report.findings.map((finding) => [finding.rule, finding.message])).toEqual([
      ['unreachable', `Could not verify \`${refused}\` now: it refused the connection (1 attempt)`],
      ['unreachable', `Could not verify \`${site.url('/reset')}\` now: it reset the connection (1 attempt)`],
      ['unreachable', `Could not verify \`${site.url('/hang')}\` now: it timed out (1 attempt)`],
    ]);
  });

  it('times out a page slower than the timeout, and a body that trickles in', async () => {
    const markdown = `[slow](${site.url('/slow?ms=3000')})\n[body](${site.url('/slow-body?ms=3000')}#x)\n`;
    const { report } = await checkOnline({ 'a.md': markdown }, { retries: 0, timeoutMs: 300, externalFragments: true });
    expect(report.findings.map((finding) => [finding.rule, finding.message])).toEqual([
      ['unreachable', `Could not verify \`${site.url('/slow?ms=3000')}\` now: it timed out (1 attempt)`],
      ['unreachable', `Could not verify \`${site.url('/slow-body?ms=3000')}\` now: it timed out (1 attempt)`],
    ]);
  });

  it('counts statuses in accept as fine', async () => {
    const { report } = await checkOnline(
      { 'a.md': linking(['/forbidden', '/teapot']) },
      {
        accept: [
          { from: 200, to: 299 },
          { from: 403, to: 403 },
        ],
      },
    );
    expect(verdicts(report)).toEqual([`${site.url('/teapot')} dead-link`]);
  });
});

describe('redirects', () => {
  it('suggests the final URL of a permanent redirect, keeping the fragment, and accepts temporary ones', async () => {
    const markdown = `[a](${site.url('/moved')}#intro)\n[b](${site.url('/moved-308')})\n[c](${site.url('/chain/3')})\n[d](${site.url('/found')})\n`;
    const { report } = await checkOnline({ 'a.md': markdown });
    expect(report.findings.map((finding) => [finding.rule, finding.suggestion])).toEqual([
      ['permanent-redirect', `${site.url('/ok')}#intro`],
      ['permanent-redirect', site.url('/ok')],
      ['permanent-redirect', site.url('/chain/0')],
    ]);
    expect(report.findings[0]?.message).toBe(
      `\`${site.url('/moved')}\` moved permanently (301) to \`${site.url('/ok')}\``,
    );
  });

  it('reports loops and chains longer than maxRedirects, once each, without retrying', async () => {
    const { report } = await checkOnline({ 'a.md': linking(['/loop-a', '/chain/4']) }, { maxRedirects: 3 });
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `\`${site.url('/loop-a')}\` redirects in a loop after 2 redirects (1 attempt)`,
      `\`${site.url('/chain/4')}\` redirects too many times after 4 redirects (1 attempt)`,
    ]);
    expect(site.requestsTo('/loop-a')).toHaveLength(1);
  });
});

describe('requests', () => {
  it('sends one request per unique URL, whatever the fragments and however many files link to it', async () => {
    const line = `[the overview](${site.url('/ok')}) [its introduction](${site.url('/ok#intro')}) [the fine print](${site.url('/ok#details')})\n`;
    const { report } = await checkOnline({ 'a.md': line, 'b.md': line, 'c/d.md': line });
    expect(report.findings).toEqual([]);
    expect(site.requestsTo('/ok').map((request) => request.method)).toEqual(['HEAD']);
    expect(report.stats.uniqueUrls).toBe(1);
  });

  it('confirms a failed HEAD with GET once, then retries with GET alone', async () => {
    await checkOnline({ 'a.md': linking(['/error', '/head-405']) });
    expect(site.requestsTo('/error').map((request) => request.method)).toEqual(['HEAD', 'GET', 'GET', 'GET']);
    expect(site.requestsTo('/head-405').map((request) => request.method)).toEqual(['HEAD', 'GET']);
  });

  it('retries transient failures with exponential backoff until they succeed', async () => {
    const { report, sleeps } = await checkOnline({ 'a.md': linking(['/flaky?times=3']) }, { retries: 3 });
    expect(report.findings).toEqual([]);
    expect(sleeps).toEqual([375, 750]);
  });

  it('honours Retry-After in seconds', async () => {
    const { report, sleeps } = await checkOnline({ 'a.md': linking(['/rate-limited?after=2']) });
    expect(report.findings).toEqual([]);
    expect(sleeps).toEqual([2000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { report, sleeps } = await checkOnline({ 'a.md': linking(['/rate-limited-date']) });
    expect(report.findings).toEqual([]);
    expect(sleeps).toHaveLength(1);
    // The date is whole seconds, 1 to 2 s ahead when sent; some of that passes before it is read.
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps[0]).toBeLessThanOrEqual(2000);
  });

  it('gives up on a 429 that never ends, after the retries, and does not hammer the host', async () => {
    const { report } = await checkOnline({ 'a.md': linking(['/always-429']) }, { retries: 2 });
    expect(verdicts(report)).toEqual([`${site.url('/always-429')} unreachable`]);
    expect(report.findings[0]?.message).toContain('answered 429 Too Many Requests (3 attempts)');
    expect(site.requestsTo('/always-429')).toHaveLength(3);
  });

  it('does not wait when Retry-After is over the cap, and says so', async () => {
    const { report, sleeps } = await checkOnline({ 'a.md': linking(['/rate-limited?after=3600&times=5']) });
    expect(sleeps).toEqual([]);
    expect(report.findings[0]?.message).toContain('it asked to wait 3600 s, over the 60 s cap');
  });

  it("waits out one URL's 429 for that URL alone: the host's other URLs are not spaced out", async () => {
    const { report, sleeps } = await checkOnline(
      { 'a.md': linking(['/rate-limited?after=1', '/page/a', '/page/b']) },
      { concurrency: 1, perHostConcurrency: 1 },
    );
    expect(sleeps).toEqual([1000]);
    expect(report.findings).toEqual([]);
    expect(site.requestsTo('/rate-limited')).toHaveLength(2);
  });

  it('sends nothing offline', async () => {
    const { report } = await checkOnline({ 'a.md': linking(['/not-found']) }, { offline: true });
    expect(report.findings).toEqual([]);
    expect(site.requests).toEqual([]);
    expect(report.links[0]?.status).toBe('skipped');
  });

  it('sends a descriptive User-Agent and the extra headers configured for matching URLs only', async () => {
    await checkOnline(
      { 'a.md': `[a](${site.url('/ok')}) [b](http://localhost:${new URL(site.origin).port}/page/x)\n` },
      { headers: [{ urls: /^http:\/\/127\.0\.0\.1:/, headers: { 'X-Docs-Token': 'secret' } }] },
    );
    const [ok] = site.requestsTo('/ok');
    const [page] = site.requestsTo('/page/x');
    expect(ok?.headers['user-agent']).toMatch(/^linkvet\/\d+\.\d+\.\d+ /);
    expect(ok?.headers['x-docs-token']).toBe('secret');
    expect(page?.headers['x-docs-token']).toBeUndefined();
  });
});

describe('external fragments (opt-in)', () => {
  it('finds ids and names with one GET per page and reports the missing ones', async () => {
    const markdown = `[a](${site.url('/ok#intro')}) [b](${site.url('/ok#legacy')}) [c](${site.url('/ok#nowhere')}) [d](${site.url('/gzip#zipped')}) [e](${site.url('/not-html#page=2')})\n`;
    const { report } = await checkOnline({ 'a.md': markdown }, { externalFragments: true });
    expect(report.findings.map((finding) => [finding.rule, finding.message])).toEqual([
      ['missing-fragment', `No id or name \`#nowhere\` on \`${site.url('/ok')}\``],
    ]);
    expect(site.requestsTo('/ok').map((request) => request.method)).toEqual(['GET']);
  });

  it('looks for fragments on the page a redirect ends at, and reports both the move and the gap', async () => {
    const markdown = `[a](${site.url('/moved#intro')}) [b](${site.url('/moved#gap')})\n`;
    const { report } = await checkOnline({ 'a.md': markdown }, { externalFragments: true });
    expect(report.findings.map((finding) => [finding.url, finding.rule])).toEqual([
      [site.url('/moved#intro'), 'permanent-redirect'],
      [site.url('/moved#gap'), 'missing-fragment'],
      [site.url('/moved#gap'), 'permanent-redirect'],
    ]);
    expect(report.findings[1]?.message).toBe(
      `No id or name \`#gap\` on \`${site.url('/ok')}\` (via \`${site.url('/moved')}\`)`,
    );
  });

  it('stops reading a page once every wanted fragment is found', async () => {
    const { report } = await checkOnline(
      { 'a.md': `[a](${site.url('/late-id#early')}) [b](${site.url('/huge#x')})\n` },
      {
        externalFragments: true,
        timeoutMs: 5000,
      },
    );
    expect(verdicts(report)).toEqual([`${site.url('/huge#x')} missing-fragment`]);
    expect(site.bytesSent('/late-id')).toBeLessThan(5 * 1024 * 1024);
    expect(site.bytesSent('/huge')).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('cache', () => {
  it('answers a second run from the cache file, but never caches a transient failure', async () => {
    const root = makeTree({ 'a.md': linking(['/ok', '/not-found', '/error']) });
    const flags = { cache: { enabled: true, path: '.linkvet-cache.json', maxAgeMs: 60_000 }, retries: 0 };
    const first = await checkTreeOnline(root, flags);
    expect(existsSync(path.join(root, '.linkvet-cache.json'))).toBe(true);
    const sentFirst = site.requests.length;
    const second = await checkTreeOnline(root, flags);
    expect(verdicts(second.report)).toEqual(verdicts(first.report));
    expect(site.requests.slice(sentFirst).map((request) => request.path)).toEqual(['/error', '/error']);
  });

  it('keeps no cache file unless the config asks for one', async () => {
    const root = makeTree({ 'a.md': linking(['/ok']) });
    await checkTreeOnline(root);
    expect(existsSync(path.join(root, '.linkvet-cache.json'))).toBe(false);
  });
});

describe('deny list', () => {
  it('reports links to denied domains without requesting them', async () => {
    const port = new URL(site.origin).port;
    const { report } = await checkOnline(
      { 'a.md': `[spam](http://localhost:${port}/ok) [fine](${site.url('/ok')})\n` },
      { denyDomains: ['localhost'] },
    );
    expect(verdicts(report)).toEqual([`http://localhost:${port}/ok denied-domain`]);
    expect(site.requests.map((request) => request.host)).toEqual([`127.0.0.1:${port}`]);
  });
});
