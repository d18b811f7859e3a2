// Loopback "remote sites" that misbehave on purpose, for the soak (`npm run bench -- --soak`).
// One server per host 127.0.0.1 … 127.0.0.<hosts>. A URL's path names its behaviour and an id,
// `/<kind>/<id>[/<hop>]`, so the soak knows every URL's fate before the run; the servers count the
// requests each (kind, id) receives, redirect hops included, to bound retries per URL.
import { createServer } from 'node:http';
import { setInterval, clearInterval, setTimeout } from 'node:timers';

/** Hops of the over-long chain: more than linkvet's default `maxRedirects` of 10. */
export const chainHops = 15;

/**
 * Every behaviour, with the rule linkvet should report for it (`undefined`: no finding) and the
 * most redirect hops one attempt can take. `answer` runs per request, with the count of earlier
 * requests to the same (kind, id).
 */
export const behaviours = {
  ok: { rule: undefined, hops: 1, answer: (c) => plain(c, 200) },
  e503: { rule: 'unreachable', hops: 1, answer: (c) => plain(c, 503) },
  e404: { rule: 'dead-link', hops: 1, answer: (c) => plain(c, 404) },
  e410: { rule: 'dead-link', hops: 1, answer: (c) => plain(c, 410) },
  reset: { rule: 'unreachable', hops: 1, answer: (c) => c.request.socket.destroy() },
  // Accepts, reads the request, never answers: only the client's timeout ends it.
  hang: { rule: 'unreachable', hops: 1, answer: (c) => c.hung.add(c.request.socket) },
  // One byte of the status line a second: the headers never arrive within the timeout.
  drip: { rule: 'unreachable', hops: 1, answer: (c) => drip(c, 'HTTP/1.1 200 OK\r\n\r\n', 1000) },
  malformed: {
    rule: 'unreachable',
    hops: 1,
    answer: (c) => c.request.socket.end('HTTP/1.1 2x0 Nope\r\nContent-Length: banana\r\n\r\n'),
  },
  // 429 with Retry-After: 1 on the first request, then 200: honoured, so no finding.
  r429: {
    rule: undefined,
    hops: 1,
    answer: (c) => (c.seen === 0 ? plain(c, 429, { 'retry-after': '1' }) : plain(c, 200)),
  },
  // Transient: the first request fails, the next succeeds.
  flaky503: { rule: undefined, hops: 1, answer: (c) => plain(c, c.seen === 0 ? 503 : 200) },
  flakyreset: {
    rule: undefined,
    hops: 1,
    answer: (c) => (c.seen === 0 ? c.request.socket.destroy() : plain(c, 200)),
  },
  redirect: { rule: undefined, hops: 2, answer: (c) => hopTo(c, 302, 1, 1) },
  moved: { rule: 'permanent-redirect', hops: 2, answer: (c) => hopTo(c, 301, 1, 1) },
  loop: { rule: 'dead-link', hops: 11, answer: (c) => hopTo(c, 302, 0, Number.POSITIVE_INFINITY) },
  chain: { rule: 'dead-link', hops: 11, answer: (c) => hopTo(c, 302, c.hop + 1, chainHops) },
};

function plain({ response }, status, headers = {}) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(status === 200 ? '<!doctype html><title>ok</title>\n' : `<!doctype html><title>${status}</title>\n`);
}

/** Redirects to hop `next` of the same (kind, id) while `next` ≤ `last`; at the end, answers 200. */
function hopTo(context, status, next, last) {
  if (context.hop >= last && last !== Number.POSITIVE_INFINITY) return plain(context, 200);
  const { kind, id } = context;
  const location = next === 0 ? `/${kind}/${id}` : `/${kind}/${id}/${next}`;
  context.response.writeHead(status, { location });
  context.response.end();
}

function drip({ request, hung }, text, everyMs) {
  const socket = request.socket;
  hung.add(socket);
  let sent = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || sent >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[sent++]);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/**
 * Starts the servers. `latencyMs` delays every answer (a plain loopback answers too fast to hold
 * per-host slots). Returns their origins, the request counts per `kind/id`, and `close`.
 */
export async function startFaultServers({ hosts, latencyMs }) {
  const counts = new Map();
  const hung = new Set();
  const stats = { requests: 0, unknown: 0 };
  const handle = (request, response) => {
    stats.requests++;
    const [kind, id, hop] = (request.url ?? '/').split('?')[0].split('/').slice(1);
    const behaviour = behaviours[kind];
    if (behaviour === undefined || id === undefined) {
      stats.unknown++;
      plain({ response }, 400);
      return;
    }
    const key = `${request.headers.host}/${kind}/${id}`;
    const seen = counts.get(key) ?? 0;
    counts.set(key, seen + 1);
    const context = { request, response, kind, id, hop: Number(hop ?? 0), seen, hung };
    setTimeout(() => behaviour.answer(context), latencyMs);
  };
  const servers = await Promise.all(
    Array.from({ length: hosts }, async (_, index) => {
      const server = createServer(handle);
      // Node's own limits would end a hung request after 5 minutes; the soak ends them itself.
      server.requestTimeout = 0;
      server.headersTimeout = 0;
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, `127.0.0.${index + 1}`, resolve);
      });
      return server;
    }),
  );
  return {
    origins: servers.map((server) => `http://127.0.0.${servers.indexOf(server) + 1}:${server.address().port}`),
    counts,
    stats,
    reset() {
      counts.clear();
      stats.requests = 0;
      stats.unknown = 0;
    },
    close() {
      for (const socket of hung) socket.destroy();
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
}
