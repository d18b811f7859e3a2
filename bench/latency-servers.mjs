// Loopback "remote sites" for `npm run bench`, run as a child process of run-bench.mjs so that
// serving does not share an event loop (or its memory) with the checker being measured.
// One server per host 127.0.0.1 … 127.0.0.<hosts>; every request is answered after a fixed latency:
// 404 for the paths the bench names as broken (message `{ type: 'broken', paths }`), else 200.
// `stats` reports what the servers saw since the last `reset`, so each checker's requests are counted apart.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';

const hosts = Number(process.argv[2] ?? 8);
const latencyMs = Number(process.argv[3] ?? 50);
/** A hard stop, so a server never outlives a bench that lost track of it. */
const lifetimeMs = Number(process.argv[4] ?? 10 * 60 * 1000);

/** Paths answered 404 on every host. */
let broken = new Set();
let stats = freshStats();

function freshStats() {
  return {
    requests: 0,
    byMethod: {},
    perUrl: new Map(),
    connections: 0,
    inFlight: 0,
    peakInFlight: 0,
    peakPerHost: 0,
    // For the mean number of requests in flight between the first request and the last answer.
    firstAt: undefined,
    cpuAtReset: process.cpuUsage(),
    changedAt: 0,
    busyArea: 0,
  };
}

/** Adds the time since the last change, weighted by what was in flight, then applies `delta`. */
function track(counted, delta) {
  const now = performance.now();
  counted.firstAt ??= now;
  counted.busyArea += counted.inFlight * (now - counted.changedAt);
  counted.changedAt = now;
  counted.inFlight += delta;
}

function handle(host, request, response) {
  stats.requests++;
  stats.byMethod[request.method] = (stats.byMethod[request.method] ?? 0) + 1;
  const url = `${request.headers.host ?? ''}${request.url ?? ''}`;
  const status = broken.has(new URL(request.url ?? '/', 'http://localhost').pathname) ? 404 : 200;
  stats.perUrl.set(url, (stats.perUrl.get(url) ?? 0) + 1);
  const counted = stats;
  track(counted, 1);
  host.inFlight++;
  counted.peakInFlight = Math.max(counted.peakInFlight, counted.inFlight);
  counted.peakPerHost = Math.max(counted.peakPerHost, host.inFlight);
  setTimeout(() => {
    track(counted, -1);
    host.inFlight--;
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      status === 200
        ? '<!doctype html><title>ok</title><h1 id="ok">ok</h1>\n'
        : '<!doctype html><title>gone</title><h1>not found</h1>\n',
    );
  }, latencyMs);
}

async function listen(address) {
  const host = { inFlight: 0 };
  const server = createServer((request, response) => handle(host, request, response));
  server.on('connection', () => stats.connections++);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, resolve);
  });
  return { server, origin: `http://${address}:${server.address().port}` };
}

function report() {
  const counts = [...stats.perUrl.values()];
  return {
    requests: stats.requests,
    connections: stats.connections,
    byMethod: stats.byMethod,
    urlsRequested: counts.length,
    urlsRequestedTwiceOrMore: counts.filter((count) => count > 1).length,
    peakInFlight: stats.peakInFlight,
    peakPerHost: stats.peakPerHost,
    meanInFlight: stats.firstAt === undefined ? 0 : stats.busyArea / (stats.changedAt - stats.firstAt),
    busyMs: stats.firstAt === undefined ? 0 : stats.changedAt - stats.firstAt,
    /** The servers' own CPU time: on a 2-core machine it competes with the checker being measured. */
    cpuMs: cpuMs(process.cpuUsage(stats.cpuAtReset)),
  };
}

function cpuMs({ user, system }) {
  return (user + system) / 1000;
}

function closeAll(servers) {
  for (const { server } of servers) {
    server.closeAllConnections();
    server.close();
  }
}

const servers = await Promise.all(Array.from({ length: hosts }, (_, index) => listen(`127.0.0.${index + 1}`)));
const stop = setTimeout(() => {
  closeAll(servers);
  process.exit(1);
}, lifetimeMs);
stop.unref();
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ type: 'stats', stats: report() });
  if (message === 'reset') {
    stats = freshStats();
    process.send?.({ type: 'reset' });
  }
  if (message?.type === 'broken') {
    broken = new Set(message.paths);
    process.send?.({ type: 'broken' });
  }
});
process.on('disconnect', () => closeAll(servers));
process.send?.({ type: 'ready', origins: servers.map(({ origin }) => origin) });
