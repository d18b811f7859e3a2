// Loopback "remote sites" for `npm run bench`, run as a child process of run-bench.mjs so that
// serving does not share an event loop (or its memory) with the checker being measured.
// One server per host 127.0.0.1 … 127.0.0.<hosts>; every request is answered 200 after a fixed latency.
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';

const hosts = Number(process.argv[2] ?? 8);
const latencyMs = Number(process.argv[3] ?? 50);
/** A hard stop, so a server never outlives a bench that lost track of it. */
const lifetimeMs = 10 * 60 * 1000;

const stats = {
  requests: 0,
  byMethod: {},
  perUrl: new Map(),
  connections: 0,
  inFlight: 0,
  peakInFlight: 0,
  peakPerHost: 0,
};

function handle(host, request, response) {
  stats.requests++;
  stats.byMethod[request.method] = (stats.byMethod[request.method] ?? 0) + 1;
  const url = `${request.headers.host ?? ''}${request.url ?? ''}`;
  stats.perUrl.set(url, (stats.perUrl.get(url) ?? 0) + 1);
  stats.inFlight++;
  host.inFlight++;
  stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
  stats.peakPerHost = Math.max(stats.peakPerHost, host.inFlight);
  setTimeout(() => {
    stats.inFlight--;
    host.inFlight--;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>ok</title><h1 id="ok">ok</h1>\n');
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
  };
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
});
process.on('disconnect', () => closeAll(servers));
process.send?.({ type: 'ready', origins: servers.map(({ origin }) => origin) });
