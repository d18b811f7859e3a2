import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressPolicy, ResolveAll } from '../../../../src/core/check/external/address-policy.js';
import { checkLinks, loadConfig, type Report } from '../../../../src/core/index.js';
import { closeServer, listen, trackSockets } from '../../../helpers/http-server.js';
import { makeTree } from '../../../helpers/tree.js';

/** A loopback server that counts its requests; `/hop?to=URL` redirects there, anything else is 200. */
interface CountingServer {
  readonly server: Server;
  readonly sockets: Set<Socket>;
  readonly origin: string;
  hits: number;
}

async function countingServer(host: string): Promise<CountingServer> {
  const server = createServer((req, res) => {
    entry.hits++;
    const to = new URL(req.url ?? '/', 'http://x.invalid').searchParams.get('to');
    if (to !== null) res.writeHead(302, { location: to }).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
  });
  const sockets = trackSockets(server);
  const port = await listen(server, host);
  const entry: CountingServer = { server, sockets, origin: `http://${host}:${port}`, hits: 0 };
  return entry;
}

/** In these tests 127.0.0.2 plays a public host and every other address a private one. */
const onlyDotTwoIsPublic: AddressPolicy = (address) => (address === '127.0.0.2' ? undefined : 'loopback');

let privateSite: CountingServer;
let publicSite: CountingServer;

beforeAll(async () => {
  privateSite = await countingServer('127.0.0.1');
  publicSite = await countingServer('127.0.0.2');
});

afterAll(async () => {
  await closeServer(privateSite.server, privateSite.sockets);
  await closeServer(publicSite.server, publicSite.sockets);
});

async function check(
  markdown: string,
  blockPrivate: boolean,
  addressPolicy?: AddressPolicy,
  resolve?: ResolveAll,
): Promise<Report> {
  const root = makeTree({ 'a.md': markdown });
  const config = loadConfig({ cwd: root, root, flags: { offline: false, retries: 0, timeoutMs: 3000, blockPrivate } });
  return checkLinks(config, {
    ...(addressPolicy === undefined ? {} : { addressPolicy }),
    ...(resolve === undefined ? {} : { resolve }),
  });
}

function findings(report: Report): Array<[string, string, string]> {
  return report.findings.map((finding) => [finding.rule, finding.severity, finding.message]);
}

describe('blockPrivate', () => {
  it('refuses a loopback address literal before connecting, saying why', async () => {
    const url = `${privateSite.origin}/page`;
    const before = privateSite.hits;
    const report = await check(`[internal build dashboard](${url})\n`, true);
    expect(findings(report)).toEqual([
      [
        'blocked-address',
        'warning',
        `Not checked: \`${url}\` leads to 127.0.0.1, a loopback address, and \`blockPrivate\` is on`,
      ],
    ]);
    expect(privateSite.hits - before).toBe(0);
    // The JSON report's links say it was not checked, rather than broken.
    expect(report.links.map((link) => link.status)).toEqual(['skipped']);
  });

  it('checks the address after DNS resolution: `localhost` is refused for what it resolves to', async () => {
    const url = `${privateSite.origin.replace('127.0.0.1', 'localhost')}/page`;
    const before = privateSite.hits;
    const report = await check(`[internal build dashboard](${url})\n`, true);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.rule).toBe('blocked-address');
    expect(report.findings[0]?.message).toMatch(
      /leads to (127\.0\.0\.1|::1), a loopback address, and `blockPrivate` is on/,
    );
    expect(privateSite.hits - before).toBe(0);
  });

  it('refuses cloud metadata host names whatever they resolve to', async () => {
    const report = await check(
      '[instance metadata service](http://metadata.google.internal/computeMetadata/v1/)\n',
      true,
    );
    expect(findings(report)).toEqual([
      [
        'blocked-address',
        'warning',
        'Not checked: `http://metadata.google.internal/computeMetadata/v1/` leads to metadata.google.internal, a cloud metadata address, and `blockPrivate` is on',
      ],
    ]);
  });

  it('checks every redirect hop: a public page redirecting to a private one is refused at the hop', async () => {
    const target = `${privateSite.origin}/secret`;
    const url = `${publicSite.origin}/hop?to=${encodeURIComponent(target)}`;
    const [privateBefore, publicBefore] = [privateSite.hits, publicSite.hits];
    const report = await check(`[internal build dashboard](${url})\n`, true, onlyDotTwoIsPublic);
    expect(findings(report)).toEqual([
      [
        'blocked-address',
        'warning',
        `Not checked: \`${url}\` after 1 redirect at \`${target}\` leads to 127.0.0.1, a loopback address, and \`blockPrivate\` is on`,
      ],
    ]);
    expect(publicSite.hits - publicBefore).toBe(1);
    expect(privateSite.hits - privateBefore).toBe(0);
  });

  it('lets a public address through under the same policy', async () => {
    const before = publicSite.hits;
    const report = await check(`[internal build dashboard](${publicSite.origin}/page)\n`, true, onlyDotTwoIsPublic);
    expect(report.findings).toEqual([]);
    expect(publicSite.hits - before).toBe(1);
  });

  it('is off by default: the same loopback link is checked and alive', async () => {
    const before = privateSite.hits;
    const report = await check(`[internal build dashboard](${privateSite.origin}/page)\n`, false);
    expect(report.findings).toEqual([]);
    expect(privateSite.hits - before).toBe(1);
    expect(report.links.map((link) => link.status)).toEqual(['ok']);
  });
});

describe('blockPrivate against DNS rebinding', () => {
  /** A server on `host:port` that answers 200 and closes every connection, so each request dials anew. */
  async function closingServer(host: string, port: number): Promise<CountingServer> {
    const server = createServer((_req, res) => {
      entry.hits++;
      res.writeHead(200, { 'content-type': 'text/html', connection: 'close' }).end('<p>ok</p>');
    });
    const sockets = trackSockets(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const bound = server.address();
    const entry: CountingServer = {
      server,
      sockets,
      origin: `http://${host}:${typeof bound === 'object' && bound ? bound.port : port}`,
      hits: 0,
    };
    return entry;
  }

  it('checks the very address each connection uses: a name server that alternates answers never gets one through', async () => {
    // The same port on both addresses, so only the resolved address decides which server a request reaches.
    const inside = await closingServer('127.0.0.1', 0);
    const port = Number(new URL(inside.origin).port);
    const outside = await closingServer('127.0.0.2', port);
    try {
      // A rebinding name server: public on odd lookups, private on even ones, with no caching.
      const answers: string[] = [];
      const rebinding: ResolveAll = (hostname, _options, callback) => {
        const address = answers.length % 2 === 0 ? '127.0.0.2' : '127.0.0.1';
        answers.push(address);
        expect(hostname).toBe('rebind.test');
        callback(null, [{ address, family: 4 }]);
      };
      const links = Array.from(
        { length: 8 },
        (_, index) => `[page ${index}](http://rebind.test:${port}/page-${index})`,
      );
      const report = await check(`${links.join('\n\n')}\n`, true, onlyDotTwoIsPublic, rebinding);

      const privateAnswers = answers.filter((address) => address === '127.0.0.1').length;
      expect(privateAnswers).toBeGreaterThan(0);
      expect(inside.hits).toBe(0);
      expect(outside.hits).toBe(answers.length - privateAnswers);
      const blocked = report.findings.filter((finding) => finding.rule === 'blocked-address');
      expect(blocked.length).toBeGreaterThan(0);
      for (const finding of blocked) expect(finding.message).toContain('leads to 127.0.0.1, a loopback address');
      // One verdict per link: those whose connection drew the private answer were not checked.
      expect(report.links).toHaveLength(8);
      expect(report.links.filter((link) => link.status === 'skipped')).toHaveLength(blocked.length);
      expect(report.links.filter((link) => link.status === 'ok')).toHaveLength(8 - blocked.length);
    } finally {
      await closeServer(inside.server, inside.sockets);
      await closeServer(outside.server, outside.sockets);
    }
  });
});
