import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findArchivedCopy, type ArchiveOptions } from '../../../../src/core/check/external/archive.js';

const snapshot = 'http://web.archive.org/web/20130919044612/http://example.com/';

function available(url: string, extra: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({
    url: 'example.com',
    archived_snapshots: { closest: { available: true, url, timestamp: '20130919044612', status: '200', ...extra } },
  });
}

/** The fake availability API's answers, keyed by the `url` it is asked about. */
const answers: Readonly<Record<string, (response: ServerResponse) => void>> = {
  'https://example.com/': json(available(snapshot)),
  'https://none.example/': json('{"url":"none.example","archived_snapshots":{}}'),
  'https://malformed.example/': json('{"archived_snapshots": {"closest": '),
  'https://error.example/': (response) => response.writeHead(500).end(available(snapshot)),
  'https://not-available.example/': json(available(snapshot, { available: false })),
  'https://status-404.example/': json(available(snapshot, { status: '404' })),
  'https://javascript.example/': json(available('javascript:alert(1)')),
  'https://not-a-url.example/': json(available('web.archive.org/web/2013/x')),
  'https://numeric-status.example/': json(available(snapshot, { status: 200 })),
  'https://https-already.example/': json(available('https://web.archive.org/web/2020/https://a.example/')),
  'https://other-host.example/': json(available('http://archive.example.org/web/2020/https://a.example/')),
  'https://not-an-object.example/': json('[1, 2, 3]'),
  'https://huge.example/': json(available(snapshot) + ' '.repeat(100 * 1024)),
  'https://just-under.example/': json(available(snapshot) + ' '.repeat(60 * 1024)),
  'https://hang-headers.example/': () => undefined,
  'https://hang-body.example/': (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"archived_snapshots":');
  },
  'https://drip.example/': (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => response.write(' '), 50);
    response.on('close', () => clearInterval(timer));
  },
};

function json(body: string): (response: ServerResponse) => void {
  return (response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body);
}

let server: Server;
let endpoint: string;
let agent: Agent;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request);
    const asked = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('url') ?? '';
    const answer = answers[asked] ?? json('{"archived_snapshots":{}}');
    answer(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wayback/available`;
  agent = new Agent();
});

afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
});

function options(overrides: Partial<ArchiveOptions> = {}): ArchiveOptions {
  return { endpoint, dispatcher: agent, timeoutMs: 2_000, userAgent: 'linkvet-test/1.0', ...overrides };
}

describe('findArchivedCopy', () => {
  it('returns the closest snapshot, over https', async () => {
    await expect(findArchivedCopy('https://example.com/', options())).resolves.toBe(
      'https://web.archive.org/web/20130919044612/http://example.com/',
    );
  });

  it('asks the endpoint with the URL encoded and its user agent', async () => {
    const url = 'https://example.com/a b?x=1&y=2#frag';
    await findArchivedCopy(url, options());
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(`/wayback/available?url=${encodeURIComponent(url)}`);
    expect(request?.headers['user-agent']).toBe('linkvet-test/1.0');
  });

  it('adds the URL to an endpoint that already has a query', async () => {
    await expect(findArchivedCopy('https://example.com/', options({ endpoint: `${endpoint}?key=1` }))).resolves.toBe(
      'https://web.archive.org/web/20130919044612/http://example.com/',
    );
    expect(seen[0]?.url).toBe(`/wayback/available?key=1&url=${encodeURIComponent('https://example.com/')}`);
  });

  it('keeps an https snapshot as it is', async () => {
    await expect(findArchivedCopy('https://https-already.example/', options())).resolves.toBe(
      'https://web.archive.org/web/2020/https://a.example/',
    );
  });

  it('rewrites only web.archive.org snapshots to https', async () => {
    await expect(findArchivedCopy('https://other-host.example/', options())).resolves.toBe(
      'http://archive.example.org/web/2020/https://a.example/',
    );
  });

  it('accepts a numeric 200 status', async () => {
    await expect(findArchivedCopy('https://numeric-status.example/', options())).resolves.toMatch(
      /^https:\/\/web\.archive\.org\//,
    );
  });

  it('reads a body just under 64 KB', async () => {
    await expect(findArchivedCopy('https://just-under.example/', options())).resolves.toMatch(
      /^https:\/\/web\.archive\.org\//,
    );
  });

  it.each([
    ['there is no snapshot', 'https://none.example/'],
    ['the snapshot is not available', 'https://not-available.example/'],
    ['the snapshot status is not 200', 'https://status-404.example/'],
    ['the snapshot URL is not http(s)', 'https://javascript.example/'],
    ['the snapshot URL is not absolute', 'https://not-a-url.example/'],
    ['the answer is not an object', 'https://not-an-object.example/'],
    ['the answer is malformed JSON', 'https://malformed.example/'],
    ['the API answers 500', 'https://error.example/'],
    ['the answer is over 64 KB', 'https://huge.example/'],
  ])('returns undefined when %s', async (_name, url) => {
    await expect(findArchivedCopy(url, options())).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['no headers arrive', 'https://hang-headers.example/'],
    ['the body stalls', 'https://hang-body.example/'],
    ['the body trickles in without end', 'https://drip.example/'],
  ])('gives up after timeoutMs when %s', async (_name, url) => {
    const started = performance.now();
    await expect(findArchivedCopy(url, options({ timeoutMs: 200 }))).resolves.toBeUndefined();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('returns undefined when nothing listens at the endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/wayback/available`;
    await expect(findArchivedCopy('https://example.com/', options({ endpoint: url }))).resolves.toBeUndefined();
  });

  it('returns undefined for an endpoint that is not a URL', async () => {
    await expect(findArchivedCopy('https://example.com/', options({ endpoint: 'not a url' }))).resolves.toBeUndefined();
  });
});
