import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createPlainServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, buildConnector } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkExternal, type ExternalCheckOptions } from '../../../../src/core/check/external/check-external.js';
import { githubTokenHosts } from '../../../../src/core/check/external/prepare-external.js';
import { checkLinks, loadConfig, type Options } from '../../../../src/core/index.js';
import { externalLink, externalOptions } from '../../../helpers/external.js';
import { closeServer, listen, trackSockets } from '../../../helpers/http-server.js';
import { makeTree } from '../../../helpers/tree.js';

/*
 * Every hostname in these tests is routed, by a custom connector, to one of two loopback servers (one HTTPS with a
 * self-signed certificate, one plain HTTP), so the production token hosts can be exercised for real without a byte
 * leaving the machine. The servers record each request's Host header, URL, scheme and every raw header line.
 */

const canary = 'ghp_canary_TOKEN_2b7f9e41d0c3';

/** One request a loopback server received, as it arrived. */
interface SeenRequest {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly url: string;
  readonly rawHeaders: readonly string[];
}

/** A loopback server that answers `/go?to=<url>` with a 302 there, and anything else with 200. */
interface RecordingServer {
  readonly port: number;
  close(): Promise<void>;
}

const seen: SeenRequest[] = [];

function answer(scheme: SeenRequest['scheme']) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    seen.push({ scheme, host: req.headers.host ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders });
    const target = new URL(req.url ?? '/', 'http://placeholder').searchParams.get('to');
    if (target === null) res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else res.writeHead(302, { location: target }).end();
  };
}

async function startRecording(server: Server): Promise<RecordingServer> {
  const sockets = trackSockets(server);
  const port = await listen(server);
  return { port, close: () => closeServer(server, sockets) };
}

/** A key and self-signed certificate (any name: the connector does not verify it, the code under test never sees it). */
function selfSignedPair(): { key: string; cert: string } {
  const openssl = existsSync('/usr/bin/openssl') ? '/usr/bin/openssl' : 'openssl';
  const dir = mkdtempSync(path.join(tmpdir(), 'linkvet-token-tls-'));
  try {
    const files = ['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')];
    const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=loopback', ...files];
    execFileSync(openssl, args, { stdio: 'pipe' });
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } catch (error) {
    throw new Error(`token-redirects.test.ts needs openssl (\`${openssl}\`): ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let plain: RecordingServer;
let secure: RecordingServer;
let agent: Agent;

/** An agent that sends every hostname and port to the loopback servers, by scheme; TLS names are not verified. */
function loopbackAgent(): Agent {
  const tls = buildConnector({ rejectUnauthorized: false });
  const tcp = buildConnector({});
  return new Agent({
    connect: (options, callback) => {
      const https = options.protocol === 'https:';
      const routed = { ...options, hostname: '127.0.0.1', port: String(https ? secure.port : plain.port) };
      return (https ? tls : tcp)(routed, callback);
    },
  });
}

beforeAll(async () => {
  plain = await startRecording(createPlainServer(answer('http')));
  secure = await startRecording(createTlsServer(selfSignedPair(), answer('https')));
  agent = loopbackAgent();
});

afterEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  await agent.close();
  await Promise.all([plain.close(), secure.close()]);
});

function productionOptions(): ExternalCheckOptions {
  return { ...externalOptions(agent), maxRedirects: 8, token: { value: canary, hosts: githubTokenHosts } };
}

/** A link on a token host that redirects, hop by hop, through `hops` (the last one is the landing page). */
function chainFrom(start: string, hops: readonly string[]): string {
  return [start, ...hops].reduceRight(
    (next, url) => `${url}${url.includes('?') ? '&' : '?'}to=${encodeURIComponent(next)}`,
  );
}

function carriesCanary(request: SeenRequest): boolean {
  return `${request.url}\n${request.rawHeaders.join('\n')}`.includes(canary);
}

/** Requests for which the token was allowed: a production token host, its default port, over HTTPS. */
function isTokenHost(request: SeenRequest): boolean {
  return request.scheme === 'https' && githubTokenHosts.has(request.host);
}

describe('the production token hosts', () => {
  it('are exactly api.github.com and raw.githubusercontent.com', () => {
    expect([...githubTokenHosts].sort()).toEqual(['api.github.com', 'raw.githubusercontent.com']);
  });

  it('get the token over HTTPS, and nothing else does, whatever a redirect looks like', async () => {
    const lookAlike = new URL('https://\u0430pi.github.com/').host; // Cyrillic "а": punycode, not api.github.com
    const escapes = [
      'https://evil.test/plain',
      'https://api.github.com.evil.test/subdomain',
      'https://api.github.com@evil.test/userinfo',
      'https://api.github.com:secret@evil.test/userinfo-password',
      'https://api.github.com./trailing-dot',
      'https://raw.githubusercontent.com./trailing-dot',
      `https://${lookAlike}/idn`,
      'https://api.github.com:8443/other-port',
      'http://api.github.com/downgrade',
      'http://raw.githubusercontent.com/downgrade',
      'https://github.com/not-a-token-host',
      'https://gist.githubusercontent.com/not-a-token-host',
      'https://xapi.github.com/prefix',
    ];
    const links = escapes.map((target, index) =>
      externalLink(chainFrom(`https://api.github.com/start-${index}`, [target])),
    );
    // Several hops, in and out of token hosts and upper-cased, before leaving for good.
    const long = chainFrom('https://API.GITHUB.COM/long', [
      'https://raw.githubusercontent.com/hop-1',
      'https://api.github.com/hop-2',
      'https://api.github.com.evil.test/hop-3',
      'https://raw.githubusercontent.com/hop-4-after-leaving',
      'https://evil.test/landing',
    ]);
    await checkExternal([...links, externalLink(long)], productionOptions());

    const leaked = seen.filter((request) => carriesCanary(request) && !isTokenHost(request));
    expect(leaked).toEqual([]);
    for (const target of escapes) {
      const { host, pathname } = new URL(target);
      const scheme = target.startsWith('https:') ? 'https' : 'http';
      const arrived = seen.filter((r) => r.scheme === scheme && r.host === host && r.url.startsWith(pathname));
      expect(arrived.length, `the redirect to ${target} was followed`).toBeGreaterThan(0);
    }
    const authorized = seen.filter((request) => isTokenHost(request) && carriesCanary(request)).map((r) => r.host);
    expect(new Set(authorized)).toEqual(new Set(['api.github.com', 'raw.githubusercontent.com']));
    // The token hosts reached after leaving them get it again: each hop is judged alone.
    expect(seen.some((r) => r.url.startsWith('/hop-4-after-leaving') && carriesCanary(r))).toBe(true);
    expect(seen.some((r) => r.host === 'evil.test' && r.url === '/landing' && !carriesCanary(r))).toBe(true);
  });

  it('never get the token over plain HTTP, not even directly', async () => {
    await checkExternal(
      [externalLink('http://api.github.com/direct'), externalLink('https://api.github.com/direct')],
      productionOptions(),
    );
    expect(seen.map((r) => [r.scheme, r.host, carriesCanary(r)])).toEqual(
      expect.arrayContaining([
        ['http', 'api.github.com', false],
        ['https', 'api.github.com', true],
      ]),
    );
    expect(seen.filter((r) => r.scheme === 'http').every((r) => !carriesCanary(r))).toBe(true);
  });
});

describe('remaps and the token', () => {
  async function checkRemapped(markdown: string, remap: Options['remap']): Promise<void> {
    const root = makeTree({ 'a.md': markdown });
    const flags: Options = { offline: false, retries: 0, githubToken: canary, remap: remap ?? [] };
    await checkLinks(loadConfig({ cwd: root, root, flags }), { dispatcher: agent, sleep: () => Promise.resolve() });
  }

  it('sends nothing when a remap turns a token host into another host', async () => {
    await checkRemapped('[a](https://api.github.com/repos/o/r)\n[b](https://raw.githubusercontent.com/o/r/f.md)\n', [
      { from: /^https:\/\/api\.github\.com\//, to: 'https://mirror.evil.test/' },
      { from: /^https:\/\/raw\.githubusercontent\.com\//, to: 'https://raw.githubusercontent.com.evil.test/' },
    ]);
    expect(seen.map((r) => r.host).sort()).toEqual(['mirror.evil.test', 'raw.githubusercontent.com.evil.test']);
    expect(seen.filter(carriesCanary)).toEqual([]);
  });

  it('sends it to the token host a remap leads to, and never to the host the link named', async () => {
    await checkRemapped('[a](https://mirror.evil.test/repos/o/r)\n[b](https://evil.test/direct)\n', [
      { from: /^https:\/\/mirror\.evil\.test\//, to: 'https://api.github.com/' },
    ]);
    expect(seen.filter((r) => r.host === 'mirror.evil.test')).toEqual([]);
    expect(seen.filter((r) => carriesCanary(r)).map((r) => `${r.host}${r.url}`)).toEqual(['api.github.com/repos/o/r']);
    expect(seen.filter((r) => r.host === 'evil.test' && !carriesCanary(r)).length).toBeGreaterThan(0);
  });
});

describe('injected loopback token hosts', () => {
  it('match on host and port: the same name on another port gets nothing', async () => {
    const own = `localhost:${plain.port}`;
    const options: ExternalCheckOptions = {
      ...externalOptions(agent),
      token: { value: canary, hosts: new Set([own]) },
    };
    await checkExternal(
      [
        externalLink(`http://${own}/direct`),
        externalLink(chainFrom(`http://${own}/start`, [`http://localhost:${plain.port + 1}/other-port`])),
        externalLink(chainFrom(`http://${own}/start2`, [`http://127.0.0.1:${plain.port}/other-name`])),
        externalLink(chainFrom(`http://${own}/start3`, [`http://localhost.:${plain.port}/trailing-dot`])),
      ],
      options,
    );
    expect(seen.filter(carriesCanary).every((r) => r.host === own)).toBe(true);
    expect(seen.filter((r) => r.host === own && carriesCanary(r)).length).toBeGreaterThanOrEqual(4);
    for (const landing of ['/other-port', '/other-name', '/trailing-dot']) {
      const arrived = seen.filter((r) => r.url === landing);
      expect(arrived.length, landing).toBeGreaterThan(0);
      expect(arrived.filter(carriesCanary)).toEqual([]);
    }
  });
});

describe('headers rules', () => {
  const secret = 'Basic dXNlcjpwcml2YXRlLWRvY3M=';

  function carriesSecret(request: SeenRequest): boolean {
    return request.rawHeaders.includes(secret);
  }

  it("send an Authorization of the user's own to the URLs they match, and not past a redirect elsewhere", async () => {
    const options: ExternalCheckOptions = {
      ...externalOptions(agent),
      headers: [{ urls: /^https:\/\/docs\.internal\//, headers: { Authorization: secret } }],
    };
    await checkExternal(
      [
        externalLink('https://docs.internal/guide'),
        externalLink(chainFrom('https://docs.internal/start', ['https://evil.test/landing'])),
        externalLink('https://docs.internal.evil.test/look-alike'),
      ],
      options,
    );
    expect(seen.filter(carriesSecret).map((r) => `${r.host}${r.url.split('?')[0] ?? ''}`)).toEqual(
      expect.arrayContaining(['docs.internal/guide', 'docs.internal/start']),
    );
    expect(seen.filter(carriesSecret).every((r) => r.host === 'docs.internal')).toBe(true);
    expect(seen.some((r) => r.host === 'evil.test' && r.url === '/landing')).toBe(true);
    expect(seen.some((r) => r.host === 'docs.internal.evil.test')).toBe(true);
  });
});
