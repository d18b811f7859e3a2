import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostPool } from '../../../../src/core/check/external/host-pool.js';
import type { Outcome } from '../../../../src/core/check/external/outcome.js';
import { probeUrl, type ProbeOptions } from '../../../../src/core/check/external/probe-url.js';
import { checkOnline } from '../../../helpers/external.js';

/** A PEM key and the self-signed certificate made with it. */
interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

/** Makes a key and a self-signed certificate for 127.0.0.1 with openssl; fails the suite, clearly, without it. */
function selfSignedCertificate(): KeyPair {
  const openssl = existsSync('/usr/bin/openssl') ? '/usr/bin/openssl' : 'openssl';
  const dir = mkdtempSync(path.join(tmpdir(), 'linkvet-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  try {
    // The IP in subjectAltName lets the control test trust the certificate for 127.0.0.1.
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
    const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', ...subject];
    execFileSync(openssl, [...args, '-keyout', key, '-out', cert], { stdio: 'pipe' });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch (error) {
    throw new Error(
      `tls.test.ts needs openssl (tried \`${openssl}\`) to make a self-signed certificate: ${(error as Error).message}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let pair: KeyPair;
let server: Server;
let origin: string;
let requests = 0;

beforeAll(async () => {
  pair = selfSignedCertificate();
  server = createServer(pair, (_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><h1 id="ok">OK</h1></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Probe options built by hand around `agent`, with no retries and no waiting. */
function probeOptions(agent: Agent): ProbeOptions {
  const sleep = (): Promise<void> => Promise.resolve();
  return {
    dispatcher: agent,
    pool: new HostPool({ concurrency: 2, perHostConcurrency: 2, maxPerHostConcurrency: 2, sleep, now: Date.now }),
    policy: {
      retries: 0,
      timeoutRetries: 1,
      baseDelayMs: 500,
      retryAfterCapMs: 60_000,
      random: () => 0.5,
      now: Date.now,
    },
    sleep,
    timeoutMs: 5000,
    urlBudgetMs: 60_000,
    elapsed: () => performance.now(),
    firstPassOver: () => Promise.resolve(),
    maxRedirects: 5,
    headersFor: () => ({}),
    isAccepted: (status) => status >= 200 && status <= 299,
  };
}

/** Probes `url` through a fresh agent made with `options`, and closes it. */
async function probeWith(url: string, options?: Agent.Options): Promise<Outcome> {
  const agent = new Agent(options);
  try {
    return await probeUrl(url, [], probeOptions(agent));
  } finally {
    await agent.close();
  }
}

describe('a certificate nobody vouches for', () => {
  it('makes the link unreachable: the TLS handshake failed', async () => {
    const url = `${origin}/docs`;
    const before = requests;
    const { report } = await checkOnline({ 'a.md': `[docs](${url})\n` }, { retries: 0 });
    expect(report.findings.map((finding) => [finding.rule, finding.severity, finding.message])).toEqual([
      ['unreachable', 'warning', `Could not verify \`${url}\` now: it failed the TLS handshake (1 attempt)`],
    ]);
    expect(requests - before).toBe(0);
  });

  it('is classified as a TLS error by probeUrl', async () => {
    expect(await probeWith(`${origin}/docs`)).toEqual({ type: 'unreachable', error: 'tls', chain: [], attempts: 1 });
  });

  it('is the only thing wrong: the same server answers once its certificate is trusted', async () => {
    const before = requests;
    const outcome = await probeWith(`${origin}/docs`, { connect: { ca: pair.cert } });
    expect(outcome).toMatchObject({ type: 'alive', status: 200, finalUrl: `${origin}/docs` });
    expect(requests - before).toBe(1);
  });
});
