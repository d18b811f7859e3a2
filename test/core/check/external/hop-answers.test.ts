import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkExternal } from '../../../../src/core/check/external/check-external.js';
import { externalLink, externalOptions } from '../../../helpers/external.js';

type Route = (response: ServerResponse, seen: number) => void;

/** A loopback server of fixed routes that counts the requests each path receives. */
interface RouteServer {
  readonly origin: string;
  readonly requestsTo: (path: string) => number;
  readonly close: () => Promise<void>;
}

const redirectTo =
  (status: number, location: string): Route =>
  (response) => {
    response.writeHead(status, { location });
    response.end();
  };

const answer =
  (status: number): Route =>
  (response) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    response.end();
  };

/** 503 for its first request, 200 after. */
const flaky: Route = (response, seen) => answer(seen === 0 ? 503 : 200)(response, seen);

const routes: Record<string, Route> = {
  '/ok/a': answer(200),
  '/moved/a': redirectTo(301, '/ok/a'),
  '/found/a': redirectTo(302, '/ok/a'),
  '/via-one': redirectTo(302, '/flaky'),
  '/via-two': redirectTo(302, '/flaky'),
  '/flaky': flaky,
  '/page': (response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><h1 id="here">here</h1>\n');
  },
  '/moved/page': redirectTo(301, '/page'),
  // Slower, so its chain reaches `/page` after the other chain's answer is shared.
  '/found/page': (response, seen) => setTimeout(() => redirectTo(302, '/page')(response, seen), 100),
};

async function routeServer(latencyMs: number): Promise<RouteServer> {
  const counts = new Map<string, number>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    const seen = counts.get(path) ?? 0;
    counts.set(path, seen + 1);
    const route = routes[path] ?? answer(404);
    setTimeout(() => route(response, seen), latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    requestsTo: (path) => counts.get(path) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let site: RouteServer;
let agent: Agent;

beforeEach(async () => {
  site = await routeServer(20);
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await site.close();
});

describe('shared hop answers', () => {
  it('requests a redirect target once when it is linked directly and reached through two redirects', async () => {
    const links = ['/moved/a', '/found/a', '/ok/a'].map((path) => externalLink(`${site.origin}${path}`));
    const result = await checkExternal(links, externalOptions(agent));
    expect(site.requestsTo('/ok/a')).toBe(1);
    expect(site.requestsTo('/moved/a')).toBe(1);
    expect(site.requestsTo('/found/a')).toBe(1);
    // The 301 is still reported for the link that took it, with where it leads.
    expect(result.violations.map((violation) => [violation.url, violation.rule])).toEqual([
      [`${site.origin}/moved/a`, 'permanent-redirect'],
    ]);
  });

  it('asks again after a transient failure, so both chains through it end alive', async () => {
    const links = ['/via-one', '/via-two'].map((path) => externalLink(`${site.origin}${path}`));
    const result = await checkExternal(links, { ...externalOptions(agent), retries: 1 });
    expect(result.violations).toEqual([]);
    // The 503, then one 200 both chains share.
    expect(site.requestsTo('/flaky')).toBe(2);
  });

  it('reads the page itself when it wants fragments, not an answer shared without one', async () => {
    const links = [externalLink(`${site.origin}/moved/page`), externalLink(`${site.origin}/found/page#missing`)];
    const result = await checkExternal(links, { ...externalOptions(agent), externalFragments: true });
    expect(result.violations.map((violation) => [violation.url, violation.rule])).toEqual([
      [`${site.origin}/moved/page`, 'permanent-redirect'],
      [`${site.origin}/found/page#missing`, 'missing-fragment'],
    ]);
    expect(site.requestsTo('/page')).toBe(2);
  });
});
