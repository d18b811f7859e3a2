import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareExternal } from '../../../../src/core/check/external/prepare-external.js';
import { checkLinks, loadConfig, type Options, type Report } from '../../../../src/core/index.js';
import { startFakeGraphql, type FakeGraphql, type FakeGraphqlOptions } from '../../../helpers/fake-graphql.js';
import { closeServer, listen, trackSockets } from '../../../helpers/http-server.js';
import { makeTree } from '../../../helpers/tree.js';

/**
 * A stand-in for github.com's web pages on loopback: the agent's connector sends every github.com
 * connection to it as plain HTTP, so a fallback to the page check is seen (and counted) here.
 */
interface PageSite {
  readonly agent: Agent;
  readonly requests: Array<{ readonly path: string; readonly headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

async function startPageSite(missing: readonly string[] = []): Promise<PageSite> {
  const requests: PageSite['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    res.writeHead(missing.includes(req.url ?? '') ? 404 : 200, { 'content-type': 'text/html' });
    res.end('<html><body>page</body></html>');
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  const agent = new Agent({
    connect: (options, callback) => {
      // Only github.com is redirected; the fake API and anything else on loopback connect as asked.
      const host = options.hostname === 'github.com' ? '127.0.0.1' : options.hostname;
      const target = options.hostname === 'github.com' ? port : Number(options.port);
      const socket: Socket = connect({ host, port: target }, () => callback(null, socket));
      socket.once('error', (error) => callback(error, null));
    },
  });
  return {
    agent,
    requests,
    close: async () => {
      await agent.close();
      await closeServer(server, sockets);
    },
  };
}

let api: FakeGraphql | undefined;
let pages: PageSite | undefined;
afterEach(async () => {
  await api?.close();
  await pages?.close();
  api = undefined;
  pages = undefined;
});

/** Checks one file of links with the token, the fake API and the stand-in pages. */
async function check(
  markdown: string,
  options: FakeGraphqlOptions,
  flags: Options = {},
  missingPages: readonly string[] = [],
): Promise<Report> {
  return checkRoot(await serve(markdown, options, missingPages), flags);
}

/** Starts the fake API and the stand-in pages; returns a tree holding `markdown` as `a.md`. */
async function serve(
  markdown: string,
  options: FakeGraphqlOptions,
  missingPages: readonly string[] = [],
): Promise<string> {
  api = await startFakeGraphql(options);
  pages = await startPageSite(missingPages);
  return makeTree({ 'a.md': markdown });
}

async function checkRoot(root: string, flags: Options = {}): Promise<Report> {
  const config = loadConfig({
    cwd: root,
    root,
    flags: { offline: false, retries: 0, githubToken: 'sekret', githubGraphqlUrl: api?.url ?? '', ...flags },
  });
  if (pages === undefined) throw new Error('serve() first');
  return checkLinks(config, { dispatcher: pages.agent, sleep: () => Promise.resolve() });
}

/** The link-checking findings (anchor-text notices about the bare URLs aside), as `rule url → suggestion`. */
function findings(report: Report): string[] {
  return report.findings
    .filter((finding) => finding.rule !== 'naked-url')
    .map((finding) => `${finding.rule} ${finding.url}${finding.suggestion ? ` → ${finding.suggestion}` : ''}`);
}

function lines(urls: readonly string[]): string {
  return urls.map((url) => `<${url}>`).join('\n') + '\n';
}

const repositories: FakeGraphqlOptions['repositories'] = {
  'octo/live': {
    nameWithOwner: 'octo/live',
    refs: ['main', 'v1.0'],
    paths: ['main:docs/a.md', 'main:docs'],
    items: [1, 2],
    releases: ['v1.0'],
    tags: ['v1.0', 'v0.9'],
  },
  'octo/old-name': { nameWithOwner: 'newowner/new-name', refs: ['main'], paths: ['main:README.md'] },
  'octo/attic': { nameWithOwner: 'octo/attic', archivedAt: '2023-05-01T12:00:00Z' },
};

describe('github.com links through the GraphQL API', () => {
  it('finds missing repositories, paths and releases, follows renames, and asks one query for all', async () => {
    const report = await check(
      lines([
        'https://github.com/octo/live',
        'https://github.com/octo/gone',
        'https://github.com/octo/live/blob/main/docs/a.md',
        'https://github.com/octo/live/tree/main/docs',
        'https://github.com/octo/live/blob/main/docs/missing.md',
        'https://github.com/octo/live/releases/tag/v1.0',
        'https://github.com/octo/live/releases/tag/v0.9',
        'https://github.com/octo/live/releases/tag/v9.9',
        'https://github.com/octo/live/issues/1',
        'https://github.com/octo/live/pull/2',
        'https://github.com/octo/old-name',
        'https://github.com/octo/old-name/blob/main/README.md',
      ]),
      { repositories },
    );
    expect(findings(report)).toEqual([
      'dead-link https://github.com/octo/gone',
      'dead-link https://github.com/octo/live/blob/main/docs/missing.md',
      'dead-link https://github.com/octo/live/releases/tag/v9.9',
      'permanent-redirect https://github.com/octo/old-name → https://github.com/newowner/new-name',
      'permanent-redirect https://github.com/octo/old-name/blob/main/README.md → https://github.com/newowner/new-name/blob/main/README.md',
    ]);
    expect(api?.calls).toHaveLength(1);
    expect(pages?.requests).toEqual([]);
  });

  it('gives an archived repository a notice with its date, also from the cache on the next run', async () => {
    const root = await serve(lines(['https://github.com/octo/attic']), { repositories });
    const report = await checkRoot(root, { cache: { enabled: true } });
    const notice = report.findings.find((finding) => finding.rule === 'archived-repository');
    expect(notice?.severity).toBe('notice');
    expect(notice?.message).toBe(
      'The repository at `https://github.com/octo/attic` was archived on 2023-05-01: it is read-only and may no longer be maintained',
    );
    const again = await checkRoot(root, { cache: { enabled: true } });
    expect(findings(again)).toEqual(['archived-repository https://github.com/octo/attic']);
    expect(api?.calls).toHaveLength(1);
  });

  it('leaves a missing issue, an unresolved ref and other shapes to the page check', async () => {
    const report = await check(
      lines([
        'https://github.com/octo/live/issues/404',
        'https://github.com/octo/live/blob/feature/x/a.md',
        'https://github.com/octo/live/actions',
        'https://github.com/topics/rust',
        'https://github.com/octo/live/issues/1',
      ]),
      { repositories },
      {},
      ['/octo/live/issues/404'],
    );
    expect(findings(report)).toEqual(['dead-link https://github.com/octo/live/issues/404']);
    // A 404 to HEAD is asked again with GET, so paths are counted once.
    expect([...new Set(pages?.requests.map((request) => request.path))].sort()).toEqual([
      '/octo/live/actions',
      '/octo/live/blob/feature/x/a.md',
      '/octo/live/issues/404',
      '/topics/rust',
    ]);
    expect(api?.calls[0]?.aliases).toHaveLength(3);
  });

  it('sends at most ⌈links ÷ 100⌉ queries: 250 repository links in 3, and no page request', async () => {
    const many = Object.fromEntries(
      Array.from({ length: 250 }, (_, index) => [`octo/r${index}`, { nameWithOwner: `octo/r${index}` }]),
    );
    const urls = Object.keys(many).map((name) => `https://github.com/${name}`);
    const report = await check(lines(urls), { repositories: many });
    expect(findings(report)).toEqual([]);
    expect(api?.calls.map((call) => call.aliases.length)).toEqual([100, 100, 50]);
    expect(pages?.requests).toEqual([]);
  });

  it('sends the token to the API host and never to github.com pages', async () => {
    await check(lines(['https://github.com/octo/live', 'https://github.com/octo/live/actions']), { repositories });
    expect(api?.calls.map((call) => call.headers.authorization)).toEqual(['Bearer sekret']);
    expect(pages?.requests).toHaveLength(1);
    expect(pages?.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('rate limits and failures of the API', () => {
  const links = Array.from({ length: 150 }, (_, index) => `https://github.com/octo/r${index}`);
  const many = Object.fromEntries(links.map((url) => [url.slice(19), { nameWithOwner: url.slice(19) }]));

  it('falls back to the pages after a secondary rate limit (403 with retry-after), and asks the API no more', async () => {
    const report = await check(lines(links), {
      repositories: many,
      reply: () => ({ status: 403, headers: { 'retry-after': '60' }, body: { message: 'secondary rate limit' } }),
    });
    expect(findings(report)).toEqual([]);
    expect(api?.calls).toHaveLength(1);
    expect(pages?.requests).toHaveLength(150);
    expect(report.warnings).toEqual([
      'the GitHub API was not used for every github.com link: the GitHub API answered 403 (rate limit); the rest were requested as web pages',
    ]);
  });

  it('uses an answer that says x-ratelimit-remaining: 0, then sends the rest to the pages', async () => {
    const report = await check(lines(links), { repositories: many, headers: { 'x-ratelimit-remaining': '0' } });
    expect(findings(report)).toEqual([]);
    expect(api?.calls.map((call) => call.aliases.length)).toEqual([100]);
    expect(pages?.requests).toHaveLength(50);
  });

  it('sends one failed batch to the pages and tries the API again for the next (a 502)', async () => {
    const report = await check(lines(links), {
      repositories: many,
      reply: (index) => (index === 0 ? { status: 502 } : undefined),
    });
    expect(findings(report)).toEqual([]);
    expect(api?.calls).toHaveLength(2);
    expect(pages?.requests).toHaveLength(100);
  });

  it('stops at a RATE_LIMITED error answered with 200, and at a 429', async () => {
    const limited = await check(lines(links), {
      repositories: many,
      reply: () => ({
        status: 200,
        body: { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] },
      }),
    });
    expect(findings(limited)).toEqual([]);
    expect(api?.calls).toHaveLength(1);
    expect(pages?.requests).toHaveLength(150);
    await api?.close();
    await pages?.close();
    const tooMany = await check(lines(links), { repositories: many, reply: () => ({ status: 429 }) });
    expect(findings(tooMany)).toEqual([]);
    expect(api?.calls).toHaveLength(1);
    expect(pages?.requests).toHaveLength(150);
  });

  it('leaves an alias answered with another error than NOT_FOUND to the page check', async () => {
    const report = await check(lines(['https://github.com/octo/saml', 'https://github.com/octo/gone']), {
      repositories: {},
      reply: () => ({
        status: 200,
        body: {
          data: { l0: null, l1: null },
          errors: [
            { type: 'FORBIDDEN', path: ['l0'], message: 'SAML enforcement' },
            { type: 'NOT_FOUND', path: ['l1'], message: 'Could not resolve' },
          ],
        },
      }),
    });
    expect(findings(report)).toEqual(['dead-link https://github.com/octo/gone']);
    expect(pages?.requests.map((request) => request.path)).toEqual(['/octo/saml']);
  });

  it('follows no redirect from the API, so the token and the query stay with it', async () => {
    const report = await check(lines(links.slice(0, 2)), {
      repositories: many,
      reply: () => ({ status: 307, headers: { location: 'https://github.com/stolen' } }),
    });
    expect(findings(report)).toEqual([]);
    expect(api?.calls).toHaveLength(1);
    expect(pages?.requests.map((request) => request.path).sort()).toEqual(['/octo/r0', '/octo/r1']);
  });

  it('is not used with githubApi: false', async () => {
    await check(lines(links.slice(0, 3)), { repositories: many }, { githubApi: false });
    expect(api?.calls).toHaveLength(0);
    expect(pages?.requests).toHaveLength(3);
  });
});

describe('where the token may go', () => {
  function batchFor(flags: Options, token: Options = { githubToken: 'sekret' }): unknown {
    const root = makeTree({ 'a.md': '' });
    const config = loadConfig({ cwd: root, root, flags: { offline: false, ...token, ...flags } });
    return prepareExternal(config, { dispatcher: new Agent() }).options.github;
  }

  it('asks api.github.com by default and loopback fakes, never another host', () => {
    expect(batchFor({})).toBeDefined();
    expect(batchFor({ githubGraphqlUrl: 'http://127.0.0.1:9/graphql' })).toBeDefined();
    expect(batchFor({ githubGraphqlUrl: 'https://ghe.example.com/api/graphql' })).toBeUndefined();
    expect(batchFor({ githubGraphqlUrl: 'http://api.github.com.example/graphql' })).toBeUndefined();
    expect(batchFor({}, {})).toBeUndefined();
  });
});
