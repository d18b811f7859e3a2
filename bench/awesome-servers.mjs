// Loopback sites shaped like the links of an awesome list, for `npm run bench -- --awesome`: one
// dominant host (the GitHub of a real list) and a few minor ones, each a server of its own on
// 127.0.0.<n>. Run as a child process of the bench so serving never shares an event loop with the
// checker being measured. A URL's path names its behaviour, `/<kind>/<id>`:
//   ok      200 after the latency
//   gone    404
//   limited 429 with `Retry-After: 1` for its first two requests (since the last reset), then 200
//   hang    reads the request and never answers
//   moved   301 to `/ok/<id>`, a URL the corpus also links directly
//   found   302 to `/ok/<id>`, likewise
// `stats` reports what the servers saw since the last `reset`: requests (by kind, by URL), and
// connections opened (counted on `connection`, so keep-alive shows).
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';

const hosts = Number(process.argv[2] ?? 4);
const latencyMs = Number(process.argv[3] ?? 50);
/** A hard stop, so the servers never outlive a bench that lost track of them. */
const lifetimeMs = Number(process.argv[4] ?? 60 * 60 * 1000);

/** Requests a `limited` URL answers 429 before it answers 200. */
const limitedAnswers = 2;

let stats = freshStats();
/** Sockets of `hang` requests, destroyed at reset so a finished checker's leftovers cost nothing. */
const hung = new Set();

function freshStats() {
  return {
    requests: 0,
    targetRequests: 0,
    refused: 0,
    byKind: {},
    byMethod: {},
    perUrl: new Map(),
    connections: [],
    inFlight: [],
    peakPerHost: [],
  };
}

function answer(response, status, headers = {}) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(status === 200 ? '<!doctype html><title>ok</title><h1 id="ok">ok</h1>\n' : '');
}

/** A 429, counted: requests the server itself asked to be repeated are no fault of the checker. */
function refuse(response) {
  stats.refused++;
  answer(response, 429, { 'retry-after': '1' });
}

const behaviours = {
  ok: ({ response }) => answer(response, 200),
  gone: ({ response }) => answer(response, 404),
  limited: ({ response, seen }) => (seen < limitedAnswers ? refuse(response) : answer(response, 200)),
  hang: ({ request }) => hung.add(request.socket),
  moved: ({ response, id }) => answer(response, 301, { location: `/ok/${id}` }),
  found: ({ response, id }) => answer(response, 302, { location: `/ok/${id}` }),
};

function handle(index, request, response) {
  const [kind, id] = (request.url ?? '/').split('?')[0].split('/').slice(1);
  const behaviour = behaviours[kind];
  const url = `${request.headers.host ?? ''}${request.url ?? ''}`;
  const seen = stats.perUrl.get(url) ?? 0;
  stats.perUrl.set(url, seen + 1);
  stats.requests++;
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  // The redirect trios' shared target, `/ok/r<n>`: linked directly and reached through two redirects.
  if (kind === 'ok' && id?.startsWith('r')) stats.targetRequests++;
  stats.byMethod[request.method] = (stats.byMethod[request.method] ?? 0) + 1;
  const counted = stats;
  counted.inFlight[index] = (counted.inFlight[index] ?? 0) + 1;
  counted.peakPerHost[index] = Math.max(counted.peakPerHost[index] ?? 0, counted.inFlight[index]);
  response.once('close', () => counted.inFlight[index]--);
  if (behaviour === undefined || id === undefined) return answer(response, 400);
  setTimeout(() => behaviour({ request, response, id, seen }), latencyMs);
}

async function listen(index) {
  const server = createServer((request, response) => handle(index, request, response));
  // Node's own limits would end a hung request after a while; only the client's timeout may.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.on('connection', () => (stats.connections[index] = (stats.connections[index] ?? 0) + 1));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, `127.0.0.${index + 1}`, resolve);
  });
  return { server, origin: `http://127.0.0.${index + 1}:${server.address().port}` };
}

function report() {
  const counts = [...stats.perUrl.values()];
  return {
    requests: stats.requests,
    targetRequests: stats.targetRequests,
    refused: stats.refused,
    byKind: stats.byKind,
    byMethod: stats.byMethod,
    urlsRequested: counts.length,
    connections: stats.connections.reduce((sum, count) => sum + (count ?? 0), 0),
    connectionsPerHost: Array.from({ length: hosts }, (_, index) => stats.connections[index] ?? 0),
    peakPerHost: Array.from({ length: hosts }, (_, index) => stats.peakPerHost[index] ?? 0),
  };
}

function endHung() {
  for (const socket of hung) socket.destroy();
  hung.clear();
}

const servers = await Promise.all(Array.from({ length: hosts }, (_, index) => listen(index)));
function closeAll() {
  endHung();
  for (const { server } of servers) {
    server.closeAllConnections();
    server.close();
  }
}
setTimeout(() => {
  closeAll();
  process.exit(1);
}, lifetimeMs).unref();
process.on('message', (message) => {
  if (message === 'stats') process.send?.({ type: 'stats', stats: report() });
  if (message === 'reset') {
    endHung();
    for (const { server } of servers) server.closeAllConnections();
    stats = freshStats();
    process.send?.({ type: 'reset' });
  }
});
process.on('disconnect', closeAll);
process.send?.({ type: 'ready', origins: servers.map(({ origin }) => origin) });
