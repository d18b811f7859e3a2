import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One answer the farm gave, with when it was sent (ms since the farm started). */
export interface FarmAnswer {
  readonly path: string;
  readonly status: number;
  readonly at: number;
}

/** A loopback host with the behaviours the scheduling tests need, counting requests in flight. */
export interface Farm {
  readonly origin: string;
  url(path: string): string;
  readonly answers: FarmAnswer[];
  /** Every request as it arrived: its path and when (ms since the farm started). */
  readonly arrivals: Array<{ readonly path: string; readonly at: number }>;
  /** Requests received per path. */
  hits(path: string): number;
  /** Requests received in all. */
  received(): number;
  /** Requests in flight, sampled at each arrival: `[ms since start, in flight]`. */
  readonly inFlightLog: Array<readonly [number, number]>;
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

/** How the farm behaves. */
export interface FarmOptions {
  /** Delay before each answer. */
  readonly latencyMs?: number;
  /** `/busy/…` answers 429 with `Retry-After: 1` for this long after the farm starts, then 200. */
  readonly busyForMs?: number;
}

/**
 * Starts a farm host on 127.0.0.1. Routes: `/fast/<id>` 200; `/hang/<id>` never answers;
 * `/limited/<id>` 429 (`Retry-After: 1`) to its first two requests, then 200; `/busy/<id>` 429 while
 * the farm is busy; `/go-away/<id>` 429 with `Retry-After: 999999`; `/slow-hops/<n>` a 302 after
 * 300 ms to `/slow-hops/<n-1>`, and 503 at 0.
 */
export async function startFarm(options: FarmOptions = {}): Promise<Farm> {
  const started = Date.now();
  const hits = new Map<string, number>();
  const answers: FarmAnswer[] = [];
  const inFlightLog: Array<readonly [number, number]> = [];
  const arrivals: Array<{ readonly path: string; readonly at: number }> = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let received = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://farm').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    received++;
    arrivals.push({ path, at: Date.now() - started });
    inFlight++;
    inFlightLog.push([Date.now() - started, inFlight]);
    res.on('close', () => inFlight--);
    const answer = (status: number, headers: Record<string, string> = {}): void => {
      answers.push({ path, status, at: Date.now() - started });
      res.writeHead(status, headers).end();
    };
    setTimeout(() => route(path, answer, { hits, started, options }), options.latencyMs ?? 0);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    answers,
    arrivals,
    hits: (path) => hits.get(path) ?? 0,
    received: () => received,
    inFlightLog,
    maxInFlight: () => Math.max(0, ...inFlightLog.map(([, count]) => count)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

interface RouteContext {
  readonly hits: ReadonlyMap<string, number>;
  readonly started: number;
  readonly options: FarmOptions;
}

function route(
  path: string,
  answer: (status: number, headers?: Record<string, string>) => void,
  context: RouteContext,
): void {
  const [, kind, id] = path.split('/');
  switch (kind) {
    case 'fast':
      return answer(200);
    case 'hang':
      return;
    case 'limited':
      return (context.hits.get(path) ?? 0) <= 2 ? answer(429, { 'retry-after': '1' }) : answer(200);
    case 'busy':
      return Date.now() - context.started < (context.options.busyForMs ?? 0)
        ? answer(429, { 'retry-after': '1' })
        : answer(200);
    case 'go-away':
      return answer(429, { 'retry-after': '999999' });
    case 'slow-hops':
      return void setTimeout(() => slowHop(Number(id), answer), 300);
    default:
      return answer(404);
  }
}

function slowHop(left: number, answer: (status: number, headers?: Record<string, string>) => void): void {
  if (left <= 0) answer(503);
  else answer(302, { location: `/slow-hops/${left - 1}` });
}
