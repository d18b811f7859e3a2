import { get } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusedPort, startTestServer, type TestServer } from './http-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

async function fetchPath(path: string, init: RequestInit = {}): Promise<Response> {
  return await fetch(server.url(path), { redirect: 'manual', ...init });
}

/** Status codes of consecutive GETs to one path. */
async function statuses(path: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await fetchPath(path)).status);
  return seen;
}

/** The code of the error under a failed fetch (`TypeError: fetch failed` → cause). */
async function failureCode(promise: Promise<unknown>): Promise<unknown> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.name : error);
}

/** Waits until `read` returns the same value twice, `ms` apart. */
async function settled(read: () => number, ms = 50): Promise<number> {
  for (let last = -1; ;) {
    const now = read();
    if (now === last) return now;
    last = now;
    await sleep(ms);
  }
}

describe('startTestServer', () => {
  it('listens on 127.0.0.1 and builds URLs from its origin', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url('/ok')).toBe(`${server.origin}/ok`);
  });

  it('serves /ok with headings, ids and names in GET and HEAD', async () => {
    const response = await fetchPath('/ok');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await response.text();
    for (const part of ['id="intro"', 'name="legacy"', 'id="details"']) expect(body).toContain(part);
    const head = await fetchPath('/ok', { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([
      200,
      String(Buffer.byteLength(body)),
      '',
    ]);
  });

  it('serves any /page/<path> with the path in the body', async () => {
    const response = await fetchPath('/page/a/b-7');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/page/a/b-7');
  });

  it.each([
    ['/not-found', 404],
    ['/gone', 410],
    ['/teapot', 418],
    ['/unauthorized', 401],
    ['/forbidden', 403],
    ['/error', 500],
    ['/unavailable', 503],
    ['/always-429', 429],
    ['/nothing-here', 404],
  ])('answers %s with %i to GET and HEAD', async (path, code) => {
    expect((await fetchPath(path)).status).toBe(code);
    expect((await fetchPath(path, { method: 'HEAD' })).status).toBe(code);
  });

  it('sends Retry-After: 1 with /unavailable and /always-429', async () => {
    expect((await fetchPath('/unavailable')).headers.get('retry-after')).toBe('1');
    expect(await statuses('/always-429', 3)).toEqual([429, 429, 429]);
    expect((await fetchPath('/always-429')).headers.get('retry-after')).toBe('1');
  });

  it.each([
    ['/moved', 301, '/ok'],
    ['/moved-308', 308, '/ok'],
    ['/found', 302, '/ok'],
    ['/see-other', 303, '/ok'],
    ['/temporary', 307, '/ok'],
    ['/moved-to-missing', 301, '/not-found'],
    ['/loop-a', 302, '/loop-b'],
    ['/loop-b', 302, '/loop-a'],
    ['/chain/3', 301, '/chain/2'],
    ['/chain/1', 301, '/chain/0'],
  ])('redirects %s with %i to %s, also for HEAD', async (path, code, location) => {
    for (const method of ['GET', 'HEAD']) {
      const response = await fetchPath(path, { method });
      expect([response.status, response.headers.get('location')]).toEqual([code, location]);
    }
  });

  it('ends a chain at /chain/0 with 200', async () => {
    expect((await fetchPath('/chain/0')).status).toBe(200);
  });

  it('redirects /redirect-to to any absolute URL, another host included', async () => {
    const other = await startTestServer({ host: 'localhost' });
    try {
      const target = other.url('/ok');
      const response = await fetchPath(`/redirect-to?to=${encodeURIComponent(target)}`);
      expect([response.status, response.headers.get('location')]).toEqual([302, target]);
      expect((await fetch(target)).status).toBe(200);
      expect(other.requestsTo('/ok').map((r) => r.host)).toEqual([new URL(other.origin).host]);
    } finally {
      await other.close();
    }
  });

  it('rate-limits /rate-limited n times per exact URL with Retry-After in seconds', async () => {
    expect(await statuses('/rate-limited', 2)).toEqual([429, 200]);
    expect(await statuses('/rate-limited?after=3&times=2', 3)).toEqual([429, 429, 200]);
    const fresh = await fetchPath('/rate-limited?after=7');
    expect([fresh.status, fresh.headers.get('retry-after')]).toEqual([429, '7']);
  });

  it('rate-limits /rate-limited-date once with an HTTP-date about a second ahead', async () => {
    const response = await fetchPath('/rate-limited-date');
    const wait = Date.parse(response.headers.get('retry-after') ?? '') - Date.now();
    expect(response.status).toBe(429);
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(2000);
    expect((await fetchPath('/rate-limited-date')).status).toBe(200);
  });

  it('fails /flaky with 503 n times per exact URL, then answers 200', async () => {
    expect(await statuses('/flaky', 2)).toEqual([503, 200]);
    expect(await statuses('/flaky?times=3', 4)).toEqual([503, 503, 503, 200]);
  });

  it.each([
    ['/head-405', 405],
    ['/head-403', 403],
    ['/head-501', 501],
    ['/head-404-get-200', 404],
  ])('answers HEAD %s with %i and GET with 200', async (path, code) => {
    expect((await fetchPath(path, { method: 'HEAD' })).status).toBe(code);
    expect((await fetchPath(path)).status).toBe(200);
  });

  it('answers /slow after the given delay', async () => {
    const started = Date.now();
    expect((await fetchPath('/slow?ms=150')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('stops waiting on /slow when the client goes away', async () => {
    const before = server.bytesSent('/slow');
    const aborted = fetchPath('/slow?ms=150', { signal: AbortSignal.timeout(30) });
    expect(await failureCode(aborted)).toBe('TimeoutError');
    await sleep(250);
    expect(server.bytesSent('/slow')).toBe(before);
  });

  it('never answers /hang', async () => {
    const hung = fetchPath('/hang', { signal: AbortSignal.timeout(100) });
    expect(await failureCode(hung)).toBe('TimeoutError');
    expect(server.requestsTo('/hang')).toHaveLength(1);
  });

  it('sends /slow-body headers at once and the body after the delay', async () => {
    const started = Date.now();
    const response = await fetchPath('/slow-body?ms=200');
    expect([response.status, Date.now() - started < 150]).toEqual([200, true]);
    expect(await response.text()).toContain('id="intro"');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('resets the connection on /reset', async () => {
    expect(await failureCode(fetchPath('/reset'))).toBe('ECONNRESET');
  });

  it('streams /huge only as far as the client reads', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = get(server.url('/huge'), (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.on('error', reject);
    });
    const sent = await settled(() => server.bytesSent('/huge'));
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(16 * 1024 * 1024); // loopback socket buffers hold a few MB
  });

  it('answers HEAD /huge without a body', async () => {
    const response = await fetchPath('/huge', { method: 'HEAD' });
    expect([response.status, await response.text()]).toEqual([200, '']);
  });

  it('puts the late id of /late-id after 5 MB of filler', async () => {
    const body = await (await fetchPath('/late-id')).text();
    expect(body.indexOf('id="early"')).toBeLessThan(100);
    expect(body.indexOf('id="late"')).toBeGreaterThan(5 * 1024 * 1024);
    expect(server.bytesSent('/late-id')).toBe(Buffer.byteLength(body));
  });

  it('gzips /gzip', async () => {
    const response = await fetchPath('/gzip');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toContain('<p id="zipped">');
  });

  it('serves /not-html as a PDF', async () => {
    const response = await fetchPath('/not-html');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('echoes the Authorization header of /auth-echo, and records it', async () => {
    const withAuth = await fetchPath('/auth-echo', { headers: { authorization: 'Bearer t0ken' } });
    expect(await withAuth.json()).toEqual({ authorization: 'Bearer t0ken' });
    expect(await (await fetchPath('/auth-echo')).json()).toEqual({ authorization: null });
    expect(server.requestsTo('/auth-echo').map((r) => r.headers.authorization)).toEqual(['Bearer t0ken', undefined]);
  });
});

describe('recording', () => {
  it('records every request in order with method, path, target, host, headers and time', async () => {
    const own = await startTestServer();
    try {
      const before = Date.now();
      await fetch(own.url('/moved'));
      await fetch(own.url('/flaky?times=1'), { method: 'HEAD', headers: { 'user-agent': 'linkvet-test' } });
      expect(own.requests.map((r) => `${r.method} ${r.path} ${r.target}`)).toEqual([
        'GET /moved /moved',
        'GET /ok /ok',
        'HEAD /flaky /flaky?times=1',
      ]);
      const last = own.requests.at(-1);
      expect(last?.host).toBe(new URL(own.origin).host);
      expect(last?.headers['user-agent']).toBe('linkvet-test');
      expect(last?.at).toBeGreaterThanOrEqual(before);
    } finally {
      await own.close();
    }
  });

  it('filters by path without the query, or by the whole target when given one', async () => {
    await fetchPath('/page/x?a=1');
    await fetchPath('/page/x?a=2');
    expect(server.requestsTo('/page/x')).toHaveLength(2);
    expect(server.requestsTo('/page/x?a=2')).toHaveLength(1);
  });

  it('records before the latency and delays every answer by it', async () => {
    const delayed = await startTestServer({ latencyMs: 100 });
    try {
      await fetch(delayed.url('/ok'));
      const answered = Date.now();
      expect(answered - (delayed.requests[0]?.at ?? answered)).toBeGreaterThanOrEqual(95);
    } finally {
      await delayed.close();
    }
  });

  it('counts no bytes for HEAD and every body byte for GET', async () => {
    await fetchPath('/page/bytes', { method: 'HEAD' });
    expect(server.bytesSent('/page/bytes')).toBe(0);
    const body = await (await fetchPath('/page/bytes')).text();
    expect(server.bytesSent('/page/bytes')).toBe(Buffer.byteLength(body));
  });
});

describe('close', () => {
  it('returns at once with a hanging request open, and twice', async () => {
    const own = await startTestServer();
    const hung = failureCode(fetch(own.url('/hang')));
    while (own.requestsTo('/hang').length === 0) await sleep(5);
    const started = Date.now();
    await own.close();
    await own.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await hung).not.toBeUndefined();
  });
});

describe('refusedPort', () => {
  it('gives a port where connections are refused', async () => {
    const port = await refusedPort();
    const code = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('connect', () => resolve('connected'));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(code).toBe('ECONNREFUSED');
    expect(await failureCode(fetch(`http://127.0.0.1:${port}/`))).toBe('ECONNREFUSED');
  });
});
