import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressPolicy } from '../../../../src/core/check/external/address-policy.js';
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

async function check(markdown: string, blockPrivate: boolean, addressPolicy?: AddressPolicy): Promise<Report> {
  const root = makeTree({ 'a.md': markdown });
  const config = loadConfig({ cwd: root, root, flags: { offline: false, retries: 0, timeoutMs: 3000, blockPrivate } });
  return checkLinks(config, addressPolicy === undefined ? {} : { addressPolicy });
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
