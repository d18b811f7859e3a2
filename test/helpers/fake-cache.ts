import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen, trackSockets } from './http-server.js';

/** One request as the fake cache service received it, recorded on arrival. */
export interface CacheRequest {
  readonly method: string;
  /** The path without the query, e.g. `/_apis/artifactcache/cache`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

/** A committed cache entry. */
export interface CacheEntry {
  readonly key: string;
  readonly version: string;
  /** The archive's size in bytes. */
  readonly size: number;
}

/**
 * A fake GitHub Actions cache service speaking protocol v1 (`_apis/artifactcache/`), the one `@actions/cache`
 * uses on GHES: set `ACTIONS_CACHE_URL` to `url`, `ACTIONS_RUNTIME_TOKEN` to anything, and `GITHUB_SERVER_URL`
 * to a host that is not github.com, *.ghe.com or *.localhost.
 */
export interface FakeCache {
  /** The `ACTIONS_CACHE_URL` value: `http://127.0.0.1:43210/`, with a trailing slash. */
  readonly url: string;
  /** Every request received, unknown ones and archive downloads too, in order. */
  readonly requests: CacheRequest[];
  /** Committed entries, oldest first. */
  readonly entries: CacheEntry[];
  /** Stops listening and destroys every open socket, keep-alive ones too. Safe to call twice. */
  close(): Promise<void>;
}

interface Reservation {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly chunks: Array<{ readonly start: number; readonly data: Buffer }>;
  committed: boolean;
}

interface Stored {
  readonly id: number;
  readonly entry: CacheEntry;
  readonly data: Buffer;
  readonly createdAt: string;
}

interface State {
  readonly origin: string;
  readonly requests: CacheRequest[];
  readonly entries: CacheEntry[];
  readonly stored: Stored[];
  readonly reservations: Map<number, Reservation>;
  nextId: number;
}

interface Exchange {
  readonly state: State;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
}

const API = '/_apis/artifactcache/';
const ARCHIVES = '/archives/';
const JSON_TYPE = 'application/json; charset=utf-8';
const SCOPE = 'refs/heads/main';

/** Starts a fake Actions cache service (protocol v1) on a free loopback port, storing archives in memory. */
export async function startFakeCache(): Promise<FakeCache> {
  const server = createServer();
  const sockets = trackSockets(server);
  const state: State = {
    origin: `http://127.0.0.1:${await listen(server)}`,
    requests: [],
    entries: [],
    stored: [],
    reservations: new Map(),
    nextId: 1,
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void handle(state, req, res));
  let closing: Promise<void> | undefined;
  return {
    url: `${state.origin}/`,
    requests: state.requests,
    entries: state.entries,
    close: () => (closing ??= closeServer(server, sockets)),
  };
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.on('error', () => undefined);
  const url = new URL(`http://fake.invalid${req.url ?? '/'}`);
  state.requests.push({
    method: req.method ?? '',
    path: url.pathname,
    query: url.searchParams,
    headers: { ...req.headers },
  });
  try {
    await dispatch({ state, req, res, url });
  } catch {
    res.destroy();
  }
}

async function dispatch(x: Exchange): Promise<void> {
  const { pathname } = x.url;
  const method = x.req.method ?? '';
  if (pathname.startsWith(ARCHIVES) && (method === 'GET' || method === 'HEAD')) {
    x.req.resume();
    archive(x, pathname.slice(ARCHIVES.length));
    return;
  }
  if (!pathname.startsWith(API)) {
    x.req.resume();
    json(x, 404, { message: 'Not Found' });
    return;
  }
  const body = await readBody(x.req);
  if (!x.req.headers.authorization?.startsWith('Bearer ')) {
    json(x, 401, { message: 'No bearer token' });
    return;
  }
  const resource = pathname.slice(API.length);
  const cacheId = /^caches\/(\d+)$/.exec(resource)?.[1];
  if (method === 'GET' && resource === 'cache') lookup(x);
  else if (method === 'GET' && resource === 'caches') list(x);
  else if (method === 'POST' && resource === 'caches') reserve(x, body);
  else if (method === 'PATCH' && cacheId !== undefined) upload(x, Number(cacheId), body);
  else if (method === 'POST' && cacheId !== undefined) commit(x, Number(cacheId), body);
  else json(x, 404, { message: 'Not Found' });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

function json(x: Exchange, status: number, body?: unknown): void {
  if (body === undefined) {
    x.res.writeHead(status);
    x.res.end();
    return;
  }
  const bytes = Buffer.from(JSON.stringify(body));
  x.res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': bytes.length });
  x.res.end(bytes);
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `GET cache?keys=a,b&version=v`: the primary key exactly, else the newest entry under each key as a prefix. */
function lookup(x: Exchange): void {
  const keys = x.url.searchParams.get('keys');
  const version = x.url.searchParams.get('version');
  if (!keys || !version) {
    json(x, 400, { message: 'keys and version are required' });
    return;
  }
  const list = keys.split(',');
  const candidates = x.state.stored.filter((s) => s.entry.version === version).reverse();
  const hit =
    candidates.find((s) => s.entry.key === list[0]) ??
    list.map((key) => candidates.find((s) => s.entry.key.startsWith(key))).find((s) => s !== undefined);
  if (!hit) {
    json(x, 204);
    return;
  }
  json(x, 200, {
    scope: SCOPE,
    cacheKey: hit.entry.key,
    cacheVersion: hit.entry.version,
    creationTime: hit.createdAt,
    archiveLocation: `${x.state.origin}${ARCHIVES}${hit.id}`,
  });
}

/** `GET caches?key=k`: what the library lists, in debug mode only, after a miss. */
function list(x: Exchange): void {
  const key = x.url.searchParams.get('key');
  const matching = x.state.stored.filter((s) => key === null || s.entry.key === key);
  json(x, 200, {
    totalCount: matching.length,
    artifactCaches: matching.map((s) => ({
      scope: SCOPE,
      cacheKey: s.entry.key,
      cacheVersion: s.entry.version,
      creationTime: s.createdAt,
    })),
  });
}

/** `POST caches` with `{key, version, cacheSize}`: a cache id, or 409 when that key and version exist or are being written. */
function reserve(x: Exchange, body: Buffer): void {
  const request = parseJson(body);
  const key = request?.key;
  const version = request?.version;
  if (typeof key !== 'string' || typeof version !== 'string' || key === '' || version === '') {
    json(x, 400, { message: 'key and version are required' });
    return;
  }
  const taken = [...x.state.reservations.values()].some((r) => r.key === key && r.version === version);
  if (taken) {
    json(x, 409, { message: `Cache already exists. Scope: ${SCOPE}, Key: ${key}, Version: ${version}` });
    return;
  }
  const id = x.state.nextId++;
  x.state.reservations.set(id, { id, key, version, chunks: [], committed: false });
  json(x, 201, { cacheId: id });
}

/** `PATCH caches/:id` with `Content-Range: bytes start-end/*` and the chunk's bytes. */
function upload(x: Exchange, id: number, body: Buffer): void {
  const reservation = x.state.reservations.get(id);
  if (!reservation) {
    json(x, 404, { message: `Cache ${id} not found` });
    return;
  }
  if (reservation.committed) {
    json(x, 409, { message: `Cache ${id} is already committed` });
    return;
  }
  const range = /^bytes (\d+)-(\d+)\/(?:\*|\d+)$/.exec(x.req.headers['content-range'] ?? '');
  const start = Number(range?.[1]);
  const end = Number(range?.[2]);
  if (!range || end < start || end - start + 1 !== body.length) {
    json(x, 400, { message: 'Content-Range missing or not matching the body' });
    return;
  }
  reservation.chunks.push({ start, data: body });
  json(x, 204);
}

/** `POST caches/:id` with `{size}`: joins the chunks, which must cover exactly `size` bytes. */
function commit(x: Exchange, id: number, body: Buffer): void {
  const reservation = x.state.reservations.get(id);
  const size = parseJson(body)?.size;
  if (!reservation) {
    json(x, 404, { message: `Cache ${id} not found` });
    return;
  }
  if (reservation.committed) {
    json(x, 409, { message: `Cache ${id} is already committed` });
    return;
  }
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    json(x, 400, { message: 'size is required' });
    return;
  }
  const data = assemble(reservation.chunks, size);
  if (!data) {
    json(x, 400, { message: `Uploaded chunks do not cover exactly ${size} bytes` });
    return;
  }
  reservation.committed = true;
  const entry: CacheEntry = { key: reservation.key, version: reservation.version, size };
  x.state.entries.push(entry);
  x.state.stored.push({ id, entry, data, createdAt: new Date().toISOString() });
  json(x, 204);
}

/** The chunks laid at their offsets, or undefined if they leave a gap or run past `size`. */
function assemble(chunks: Reservation['chunks'], size: number): Buffer | undefined {
  const data = Buffer.alloc(size);
  let covered = 0;
  for (const chunk of [...chunks].sort((a, b) => a.start - b.start)) {
    const end = chunk.start + chunk.data.length;
    if (chunk.start > covered || end > size) return undefined;
    chunk.data.copy(data, chunk.start);
    covered = Math.max(covered, end);
  }
  return covered === size ? data : undefined;
}

/** `GET`/`HEAD` of an `archiveLocation`; unauthenticated like a signed URL, with single `Range` support. */
function archive(x: Exchange, id: string): void {
  const stored = /^\d+$/.test(id) ? x.state.stored.find((s) => s.id === Number(id)) : undefined;
  if (!stored) {
    x.res.writeHead(404, { 'content-length': 0 });
    x.res.end();
    return;
  }
  const total = stored.data.length;
  const range = /^bytes=(\d*)-(\d*)$/.exec(x.req.headers.range ?? '');
  let status = 200;
  let body = stored.data;
  const headers: Record<string, string | number> = {
    'content-type': 'application/octet-stream',
    'accept-ranges': 'bytes',
  };
  if (range && (range[1] !== '' || range[2] !== '')) {
    const suffix = range[1] === '';
    const start = suffix ? Math.max(0, total - Number(range[2])) : Number(range[1]);
    const end = suffix || range[2] === '' ? total - 1 : Math.min(Number(range[2]), total - 1);
    if (start >= total || end < start) {
      x.res.writeHead(416, { 'content-range': `bytes */${total}`, 'content-length': 0 });
      x.res.end();
      return;
    }
    status = 206;
    body = stored.data.subarray(start, end + 1);
    headers['content-range'] = `bytes ${start}-${end}/${total}`;
  }
  x.res.writeHead(status, { ...headers, 'content-length': body.length });
  x.res.end(x.req.method === 'HEAD' ? undefined : body);
}
