import { createServer, type Server } from 'node:http';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendRequest } from '../../../../src/core/check/external/send-request.js';

/** A loopback server answering 200 after a short latency, counting the connections it accepts and the methods it sees. */
interface CountingServer {
  readonly origin: string;
  readonly connections: () => number;
  readonly methods: string[];
  readonly close: () => Promise<void>;
}

async function countingServer(latencyMs: number): Promise<CountingServer> {
  let connections = 0;
  const methods: string[] = [];
  const server: Server = createServer((request, response) => {
    methods.push(request.method ?? '');
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(request.method === 'HEAD' ? undefined : '<!doctype html><title>ok</title>\n');
    }, latencyMs);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    methods,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let site: CountingServer;
let agent: Agent;

beforeEach(async () => {
  site = await countingServer(5);
  agent = new Agent();
});

afterEach(async () => {
  await agent.close();
  await site.close();
});

describe('HEAD keep-alive', () => {
  it('sends 50 HEADs one after another over one connection', async () => {
    for (let n = 0; n < 50; n++) await head(`${site.origin}/page-${n}`);
    expect(site.methods).toEqual(Array(50).fill('HEAD'));
    expect(site.connections()).toBeLessThanOrEqual(2);
  });

  it('sends 50 HEADs two at a time over no more than a few connections', async () => {
    const lanes = [0, 1].map(async (lane) => {
      for (let n = lane; n < 50; n += 2) await head(`${site.origin}/page-${n}`);
    });
    await Promise.all(lanes);
    expect(site.methods).toEqual(Array(50).fill('HEAD'));
    // Two at a time; a request starting the instant another ends may open one more.
    expect(site.connections()).toBeLessThanOrEqual(4);
  });
});

async function head(url: string): Promise<void> {
  const answer = await sendRequest(url, { dispatcher: agent, method: 'HEAD', headers: {}, timeoutMs: 2000 });
  expect(answer).toMatchObject({ kind: 'status', status: 200 });
}
