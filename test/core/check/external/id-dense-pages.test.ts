import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkTreeOnline } from '../../../helpers/external.js';
import { makeTree } from '../../../helpers/tree.js';

// `externalFragments` on pages with hundreds of thousands of ids (issue 12, item 7): only the
// fragments linked to are kept, in the outcome and in the cache, and past the cap on ids per
// page a fragment is said to be unchecked rather than missing.

/** The id of the n-th element of a dense page: `d0000042`. */
function idAt(n: number): string {
  return `d${String(n).padStart(7, '0')}`;
}

/** A page of `count` ids, with a GitHub-style `user-content-` id and an `<a name>` first. */
function densePage(count: number): Buffer {
  const parts = ['<html><body><h2 id="user-content-Install">Install</h2><a name="legacy"></a>'];
  for (let n = 0; n < count; n++) parts.push(`<i id="${idAt(n)}"></i>`);
  parts.push('</body></html>');
  return Buffer.from(parts.join(''));
}

const pages = new Map<number, Buffer>();
/** GET requests per path and query, e.g. `/dense/300000?copy=3`. */
const gets = new Map<string, number>();
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (request.method === 'GET') gets.set(url.pathname + url.search, (gets.get(url.pathname + url.search) ?? 0) + 1);
    const count = Number(url.pathname.split('/')[2]);
    const page = pages.get(count) ?? densePage(count);
    pages.set(count, page);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
    response.end(request.method === 'HEAD' ? undefined : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => gets.clear());

const cacheFile = '.linkvet-cache.json';
const flags = {
  externalFragments: true,
  retries: 0,
  // Generous: several of these pages are read at once on a loaded machine.
  timeoutMs: 25_000,
  cache: { enabled: true, path: cacheFile, maxAgeMs: 60_000 },
  rules: { 'generic-anchor-text': 'off', 'ambiguous-anchor-text': 'off', 'low-anchor-diversity': 'off' },
} as const;

/** One Markdown line per URL, linking each of its fragments. */
function linksTo(urls: readonly string[], fragments: readonly string[]): string {
  return (
    urls.map((url) => fragments.map((fragment) => `[${fragment}](${url}#${fragment})`).join(' ')).join('\n') + '\n'
  );
}

function cacheText(root: string): string {
  return readFileSync(path.join(root, cacheFile), 'utf8');
}

/** The fragment answers the cache file holds for each URL. */
function cachedAnswers(root: string): Record<string, unknown> {
  const { entries } = JSON.parse(cacheText(root)) as { entries: Record<string, { outcome: { fragments?: unknown } }> };
  return Object.fromEntries(Object.entries(entries).map(([url, entry]) => [url, entry.outcome.fragments]));
}

describe('a page with 300,000 ids, linked from many URLs', () => {
  it('is checked correctly, and the cache holds only the fragments asked for', async () => {
    const urls = Array.from({ length: 8 }, (_, copy) => `${origin}/dense/300000?copy=${copy}`);
    const root = makeTree({ 'a.md': linksTo(urls, [idAt(10), idAt(150_000), 'install', 'legacy']) });
    const { report } = await checkTreeOnline(root, flags);
    expect(report.findings).toEqual([]);
    const answers = { found: [idAt(10), idAt(150_000), 'install', 'legacy'], missing: [] };
    expect(cachedAnswers(root)).toEqual(Object.fromEntries(urls.map((url) => [url, answers])));
    // The ids read on the way to the last one asked for (150,000 per page) are nowhere in the cache.
    expect(cacheText(root)).not.toContain(idAt(11));
    expect(cacheText(root).length).toBeLessThan(8 * 1024);
  });
});

describe('a page with 150,000 ids (under the cap)', () => {
  it('reports a missing fragment exactly as before, and caches only the answers', async () => {
    const url = `${origin}/dense/150000`;
    const root = makeTree({ 'a.md': linksTo([url], [idAt(149_999), 'nowhere']) });
    const { report } = await checkTreeOnline(root, flags);
    expect(report.findings.map((finding) => [finding.url, finding.rule, finding.message])).toEqual([
      [`${url}#nowhere`, 'missing-fragment', `No id or name \`#nowhere\` on \`${url}\``],
    ]);
    expect(cachedAnswers(root)).toEqual({ [url]: { found: [idAt(149_999)], missing: ['nowhere'] } });
  });
});

describe('a page with more ids than the cap (200,000)', () => {
  it('says a fragment not among the first 200,000 ids could not be checked, rather than calling it missing', async () => {
    const url = `${origin}/dense/250000`;
    const root = makeTree({ 'a.md': linksTo([url], [idAt(3), idAt(240_000), 'nowhere']) });
    const { report } = await checkTreeOnline(root, flags);
    const unchecked = (fragment: string): string =>
      `Could not check \`#${fragment}\` on \`${url}\`: the page is too id-dense to check (not among its first 200,000 ids and names)`;
    expect(report.findings.map((finding) => [finding.url, finding.rule, finding.message])).toEqual([
      [`${url}#${idAt(240_000)}`, 'unreachable', unchecked(idAt(240_000))],
      [`${url}#nowhere`, 'unreachable', unchecked('nowhere')],
    ]);
    expect(cachedAnswers(root)).toEqual({ [url]: { found: [idAt(3)], missing: [], stoppedAt: 'id-limit' } });
  });
});

describe('the cache and newly asked fragments', () => {
  it('refetches a cached page when a fragment has no answer yet, keeping the answers it had', async () => {
    const url = `${origin}/dense/1000`;
    const root = makeTree({ 'a.md': linksTo([url], [idAt(1)]) });
    await checkTreeOnline(root, flags);
    expect(gets.get('/dense/1000')).toBe(1);

    writeFileSync(path.join(root, 'a.md'), linksTo([url], [idAt(2), 'nowhere']));
    const second = await checkTreeOnline(root, flags);
    expect(second.report.findings.map((finding) => finding.url)).toEqual([`${url}#nowhere`]);
    expect(gets.get('/dense/1000')).toBe(2);
    expect(cachedAnswers(root)).toEqual({ [url]: { found: [idAt(2), idAt(1)], missing: ['nowhere'] } });

    // Every fragment asked now has an answer in the cache: no request.
    writeFileSync(path.join(root, 'a.md'), linksTo([url], [idAt(1), 'nowhere']));
    const third = await checkTreeOnline(root, flags);
    expect(third.report.findings.map((finding) => finding.url)).toEqual([`${url}#nowhere`]);
    expect(gets.get('/dense/1000')).toBe(2);
  });

  it("refetches for fragments when the cache entry is an older linkvet's list of every id", async () => {
    const url = `${origin}/dense/1000`;
    const old = { type: 'alive', status: 200, finalUrl: url, chain: [], attempts: 1, ids: ['gone', idAt(1)] };
    const cache = { tool: 'linkvet', version: 1, entries: { [url]: { outcome: old, checkedAt: Date.now() } } };
    const root = makeTree({ 'a.md': linksTo([url], ['gone']), [cacheFile]: JSON.stringify(cache) });
    const { report } = await checkTreeOnline(root, flags);
    expect(report.findings.map((finding) => [finding.url, finding.rule])).toEqual([
      [`${url}#gone`, 'missing-fragment'],
    ]);
    expect(gets.get('/dense/1000')).toBe(1);
    expect(cachedAnswers(root)).toEqual({ [url]: { found: [], missing: ['gone'] } });
  });
});
