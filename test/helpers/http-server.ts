import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

/** One request as the test server received it, recorded before any delay. */
export interface RecordedRequest {
  readonly method: string;
  /** The path without the query, e.g. `/rate-limited`. */
  readonly path: string;
  /** The request target as sent: path and query, e.g. `/rate-limited?times=2`. */
  readonly target: string;
  /** The `Host` header (`127.0.0.1:43210`), or `''` when absent. */
  readonly host: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
}

/** A loopback HTTP server with fixed routes for exercising the external-link engine. */
export interface TestServer {
  /** `http://127.0.0.1:43210`, with no trailing slash. */
  readonly origin: string;
  /** The origin followed by `path`. */
  url(path: string): string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Requests whose path is `path`; a `path` with `?` is matched against the whole target instead. */
  requestsTo(path: string): RecordedRequest[];
  /** Body bytes handed to the socket so far for `path` (no query), over all requests. */
  bytesSent(path: string): number;
  /** Stops listening and destroys every open socket, hanging ones too. Safe to call twice. */
  close(): Promise<void>;
}

/** How the test server behaves. */
export interface TestServerOptions {
  /** Delay before every answer's status and headers, in milliseconds. */
  readonly latencyMs?: number;
  /** Address to listen on; default `127.0.0.1`. */
  readonly host?: string;
}

interface State {
  readonly requests: RecordedRequest[];
  readonly hits: Map<string, number>;
  readonly bytes: Map<string, number>;
  readonly latencyMs: number;
}

interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly state: State;
}

type Route = (x: Exchange) => void | Promise<void>;

const HTML = 'text/html; charset=utf-8';
const MB = 1024 * 1024;
const OK_PAGE = '<html><body><h1 id="intro">Intro</h1><a name="legacy"></a><p id="details">Details</p></body></html>';
const GZIP_BODY = gzipSync('<html><body><h1 id="intro">Zipped</h1><p id="zipped">Compressed.</p></body></html>');
const PDF_BODY = Buffer.from(
  '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
  'latin1',
);
const FILLER_LINE = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n';
const FILLER = Buffer.from(FILLER_LINE.repeat(Math.ceil((64 * 1024) / FILLER_LINE.length)));

/**
 * Starts a loopback HTTP server on a free port with the routes the external-link tests need.
 * @param options latency and listen address
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const state: State = { requests: [], hits: new Map(), bytes: new Map(), latencyMs: options.latencyMs ?? 0 };
  const server = createServer((req, res) => void handle(state, req, res));
  const sockets = trackSockets(server);
  const host = options.host ?? '127.0.0.1';
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${await listen(server, host)}`;
  let closing: Promise<void> | undefined;
  return {
    origin,
    url: (path) => origin + path,
    requests: state.requests,
    requestsTo: (path) => state.requests.filter((r) => (path.includes('?') ? r.target : r.path) === path),
    bytesSent: (path) => state.bytes.get(path) ?? 0,
    close: () => (closing ??= closeServer(server, sockets)),
  };
}

/** A port on 127.0.0.1 with nothing listening: bound, read and released. */
export async function refusedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server, '127.0.0.1');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Listens on a free port of `host` and resolves with it. */
export function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** The server's open sockets, kept so `closeServer` can end keep-alive connections. */
export function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Stops listening and destroys every open socket, so a test never waits on keep-alive. */
export function closeServer(server: Server, sockets: ReadonlySet<Socket>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    for (const socket of sockets) socket.destroy();
  });
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(`http://test.invalid${req.url ?? '/'}`);
  state.requests.push(record(req, url));
  req.resume();
  res.on('error', () => undefined);
  try {
    if (await pause(res, state.latencyMs)) await dispatch({ req, res, url, state });
  } catch {
    res.destroy();
  }
}

function record(req: IncomingMessage, url: URL): RecordedRequest {
  const { method = '', headers } = req;
  return {
    method,
    path: url.pathname,
    target: req.url ?? '',
    host: headers.host ?? '',
    headers: { ...headers },
    at: Date.now(),
  };
}

function dispatch(x: Exchange): void | Promise<void> {
  if (x.req.method !== 'GET' && x.req.method !== 'HEAD') return status(x, 405, { allow: 'GET, HEAD' });
  const { pathname } = x.url;
  const route = routes.get(pathname);
  if (route) return route(x);
  if (pathname.startsWith('/page/')) return page(x);
  if (/^\/chain\/\d+$/.test(pathname)) return chain(x);
  status(x, 404);
}

/** Waits `ms`; resolves false, early, if the client goes away. */
function pause(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

function send(x: Exchange, code: number, headers: OutgoingHttpHeaders, body: string | Buffer = ''): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  x.res.writeHead(code, { ...headers, 'content-length': bytes.length });
  if (x.req.method === 'HEAD') {
    x.res.end();
    return;
  }
  countBytes(x, bytes.length);
  x.res.end(bytes);
}

function html(x: Exchange, body: string): void {
  send(x, 200, { 'content-type': HTML }, body);
}

function status(x: Exchange, code: number, headers: OutgoingHttpHeaders = {}): void {
  send(x, code, { 'content-type': HTML, ...headers }, `<html><body><h1>${code}</h1></body></html>`);
}

function redirect(code: number, location: string): Route {
  return (x) => status(x, code, { location });
}

function countBytes(x: Exchange, length: number): void {
  x.state.bytes.set(x.url.pathname, (x.state.bytes.get(x.url.pathname) ?? 0) + length);
}

/** How many requests, this one included, reached this exact target (path and query). */
function countHit(x: Exchange): number {
  const target = x.req.url ?? '';
  const hits = (x.state.hits.get(target) ?? 0) + 1;
  x.state.hits.set(target, hits);
  return hits;
}

function numberParam(url: URL, name: string, fallback: number): number {
  const value = Number(url.searchParams.get(name) ?? fallback);
  return Number.isFinite(value) ? value : fallback;
}

function page(x: Exchange): void {
  const path = x.url.pathname.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  html(x, `<html><body><h1 id="page">Page</h1><p>This is ${path}.</p></body></html>`);
}

function chain(x: Exchange): void {
  const n = Number(x.url.pathname.slice('/chain/'.length));
  if (n > 0) status(x, 301, { location: `/chain/${n - 1}` });
  else html(x, OK_PAGE);
}

function redirectTo(x: Exchange): void {
  const to = x.url.searchParams.get('to');
  if (to) status(x, 302, { location: to });
  else status(x, 400);
}

function rateLimited(x: Exchange): void {
  const after = x.url.searchParams.get('after') ?? '1';
  if (countHit(x) <= numberParam(x.url, 'times', 1)) status(x, 429, { 'retry-after': after });
  else html(x, OK_PAGE);
}

function rateLimitedDate(x: Exchange): void {
  // HTTP dates have whole seconds: round up so the date is at least one second away.
  const date = new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000);
  if (countHit(x) === 1) status(x, 429, { 'retry-after': date.toUTCString() });
  else html(x, OK_PAGE);
}

function flaky(x: Exchange): void {
  if (countHit(x) <= numberParam(x.url, 'times', 1)) status(x, 503);
  else html(x, OK_PAGE);
}

function headFails(code: number): Route {
  return (x) => (x.req.method === 'HEAD' ? status(x, code, code === 405 ? { allow: 'GET' } : {}) : html(x, OK_PAGE));
}

async function slow(x: Exchange): Promise<void> {
  if (await pause(x.res, numberParam(x.url, 'ms', 5000))) html(x, OK_PAGE);
}

async function slowBody(x: Exchange): Promise<void> {
  x.res.writeHead(200, { 'content-type': HTML });
  x.res.flushHeaders();
  if (x.req.method === 'HEAD' || !(await pause(x.res, numberParam(x.url, 'ms', 5000)))) {
    x.res.end();
    return;
  }
  countBytes(x, Buffer.byteLength(OK_PAGE));
  x.res.end(OK_PAGE);
}

/** Streams a page of `size` bytes of filler between `head` and `tail`, minding backpressure and disconnects. */
async function stream(x: Exchange, head: string, size: number, tail: string): Promise<void> {
  x.res.writeHead(200, { 'content-type': HTML });
  if (x.req.method !== 'HEAD') {
    for (const chunk of chunks(head, size, tail)) {
      if (x.res.destroyed) return;
      countBytes(x, chunk.length);
      if (!x.res.write(chunk)) await drained(x.res);
    }
  }
  x.res.end();
}

function* chunks(head: string, size: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head);
  for (let sent = 0; sent < size; sent += FILLER.length) yield FILLER;
  yield Buffer.from(tail);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function authEcho(x: Exchange): void {
  const authorization = x.req.headers.authorization ?? null;
  send(x, 200, { 'content-type': 'application/json' }, JSON.stringify({ authorization }));
}

const routes = new Map<string, Route>([
  ['/ok', (x) => html(x, OK_PAGE)],
  ['/not-found', (x) => status(x, 404)],
  ['/gone', (x) => status(x, 410)],
  ['/teapot', (x) => status(x, 418)],
  ['/unauthorized', (x) => status(x, 401, { 'www-authenticate': 'Basic realm="linkvet-test"' })],
  ['/forbidden', (x) => status(x, 403)],
  ['/error', (x) => status(x, 500)],
  ['/unavailable', (x) => status(x, 503, { 'retry-after': '1' })],
  ['/moved', redirect(301, '/ok')],
  ['/moved-308', redirect(308, '/ok')],
  ['/found', redirect(302, '/ok')],
  ['/see-other', redirect(303, '/ok')],
  ['/temporary', redirect(307, '/ok')],
  ['/loop-a', redirect(302, '/loop-b')],
  ['/loop-b', redirect(302, '/loop-a')],
  ['/redirect-to', redirectTo],
  ['/moved-to-missing', redirect(301, '/not-found')],
  ['/rate-limited', rateLimited],
  ['/rate-limited-date', rateLimitedDate],
  ['/always-429', (x) => status(x, 429, { 'retry-after': '1' })],
  ['/flaky', flaky],
  ['/head-405', headFails(405)],
  ['/head-403', headFails(403)],
  ['/head-501', headFails(501)],
  ['/head-404-get-200', headFails(404)],
  ['/slow', slow],
  ['/hang', () => undefined],
  ['/slow-body', slowBody],
  ['/reset', (x) => void x.req.socket.resetAndDestroy()],
  ['/huge', (x) => stream(x, '<html><body><h1 id="top">Huge</h1>', 50 * MB, '<p id="bottom">End</p></body></html>')],
  [
    '/late-id',
    (x) => stream(x, '<html><body><h2 id="early">Early</h2>', 5 * MB, '<h2 id="late">Late</h2></body></html>'),
  ],
  ['/gzip', (x) => send(x, 200, { 'content-type': HTML, 'content-encoding': 'gzip' }, GZIP_BODY)],
  ['/not-html', (x) => send(x, 200, { 'content-type': 'application/pdf' }, PDF_BODY)],
  ['/auth-echo', authEcho],
]);
