import { createServer, type Server, type Socket } from 'node:net';
import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createDeflate, createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../../src/core/index.js';
import { checkOnline } from '../../../helpers/external.js';
import { closeServer, listen, trackSockets } from '../../../helpers/http-server.js';

/**
 * One raw TCP server whose paths each misbehave in one way. Raw sockets, not `node:http`, because
 * most of these answers are things a well-behaved HTTP server library refuses to send.
 */
type Behaviour = (socket: Socket, method: string) => void;

const timeoutMs = 800;
/** Wall-clock bound for one run of one link: the timeout, plus generous room for a loaded machine. */
const runBoundMs = timeoutMs + 4000;
const MB = 1024 * 1024;

/** Bytes each path's answer handed to its socket, over all requests: what a client could have read. */
const sent = new Map<string, number>();
const methods = new Map<string, string[]>();
let server: Server;
let sockets: Set<Socket>;
let origin: string;

function count(path: string, bytes: number): void {
  sent.set(path, (sent.get(path) ?? 0) + bytes);
}

/** Writes `data` unless the client has gone; a destroyed socket just stops the behaviour. */
function offer(socket: Socket, path: string, data: string | Buffer): boolean {
  if (socket.destroyed) return false;
  count(path, Buffer.byteLength(data));
  return socket.write(data);
}

/** Keeps writing `chunk` while the client reads, and stops when it hangs up. */
function endlessly(socket: Socket, path: string, chunk: Buffer): void {
  const pump = (): void => {
    while (offer(socket, path, chunk));
  };
  socket.on('drain', pump);
  pump();
}

/** Writes one byte of `data` every `everyMs`, until it is all out or the client hangs up. */
function drip(socket: Socket, path: string, data: string, everyMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= data.length) return clearInterval(timer);
    offer(socket, path, data[index++] ?? '');
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

const chunkedHtmlHead = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n';

function chunk(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
}

/** A compressed stream of endless HTML, fed only as fast as the client reads the compressed bytes. */
function bomb(socket: Socket, path: string, encoder: Transform, encoding: string): void {
  offer(
    socket,
    path,
    `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: ${encoding}\r\nConnection: close\r\n\r\n`,
  );
  const plain = Buffer.from('<p>nothing to see here</p>'.repeat(40_000));
  let inflated = 0;
  encoder.on('data', (data: Buffer) => {
    if (!offer(socket, path, data)) encoder.pause();
  });
  socket.on('drain', () => encoder.resume());
  const feed = (): void => {
    while (!socket.destroyed && encoder.write(plain)) inflated += plain.length;
    if (!socket.destroyed) encoder.once('drain', feed);
  };
  socket.once('close', () => {
    decodedSent.set(path, inflated);
    encoder.destroy();
  });
  feed();
}

/** Bytes a compressed bomb fed its encoder before the client hung up: what the client had to inflate at most. */
const decodedSent = new Map<string, number>();

function redirectTo(location: string): Behaviour {
  return (socket) => {
    offer(socket, '', `HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`);
  };
}

const behaviours: Readonly<Record<string, Behaviour>> = {
  '/endless': (socket, method) => {
    if (method === 'HEAD')
      return void offer(socket, '/endless', 'HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
    offer(socket, '/endless', chunkedHtmlHead);
    endlessly(socket, '/endless', chunk(Buffer.from('<p>more</p>'.repeat(6000))));
  },
  '/huge-headers': (socket) => {
    const line = `X-Filler: ${'a'.repeat(1000)}\r\n`;
    offer(socket, '/huge-headers', `HTTP/1.1 200 OK\r\n${line.repeat(1024)}Content-Length: 0\r\n\r\n`);
  },
  '/drip-body': (socket) => {
    offer(socket, '/drip-body', chunkedHtmlHead);
    drip(socket, '/drip-body', '1\r\n<\r\n'.repeat(1000), 1000);
  },
  '/drip-headers': (socket) =>
    drip(socket, '/drip-headers', `HTTP/1.1 200 OK\r\n${'X-Slow: yes\r\n'.repeat(100)}\r\n`, 100),
  '/garbage': (socket) => {
    offer(socket, '/garbage', 'SSH-2.0-OpenSSH_9.6\r\nthis is not HTTP at all\r\n\r\n');
  },
  '/bad-status': (socket) => {
    offer(socket, '/bad-status', 'HTTP/1.1 OK 200 Fine\r\nContent-Length: 0\r\n\r\n');
  },
  '/cut-headers': (socket) => {
    offer(socket, '/cut-headers', 'HTTP/1.1 200 OK\r\nContent-Ty');
    socket.end();
  },
  '/gzip-bomb': (socket) => bomb(socket, '/gzip-bomb', createGzip({ level: 1 }), 'gzip'),
  '/deflate-bomb': (socket) => bomb(socket, '/deflate-bomb', createDeflate({ level: 1 }), 'deflate'),
  '/brotli-bomb': (socket) =>
    bomb(socket, '/brotli-bomb', createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }), 'br'),
  '/to-file': redirectTo('file:///etc/passwd'),
  '/to-javascript': redirectTo('javascript:alert(document.cookie)'),
  '/to-data': redirectTo('data:text/html,<h1 id=top>hi</h1>'),
  '/to-ftp': redirectTo('ftp://127.0.0.1/pub'),
  '/to-garbage': redirectTo('http://[::1'),
};

/** Reads one request head, then hands the socket to the path's behaviour. */
function serve(socket: Socket): void {
  socket.on('error', () => undefined);
  let head = '';
  const onData = (data: Buffer): void => {
    // A TLS ClientHello (record type 22) never ends in a blank line: answer it with junk at once.
    if (head === '' && data[0] === 0x16) return void socket.end('this is no TLS server\r\n');
    head += data.toString('latin1');
    if (!head.includes('\r\n\r\n')) return;
    socket.off('data', onData);
    const [method = '', target = ''] = head.split(' ');
    const path = target.split('?')[0] ?? '';
    methods.set(path, [...(methods.get(path) ?? []), method]);
    const behaviour = behaviours[path];
    if (behaviour) behaviour(socket, method);
    else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    // The client's later bytes (a second request on a kept-alive socket) are ignored: one answer per socket.
    socket.resume();
  };
  socket.on('data', onData);
}

beforeAll(async () => {
  server = createServer(serve);
  sockets = trackSockets(server);
  origin = `http://127.0.0.1:${await listen(server)}`;
});

afterAll(async () => {
  await closeServer(server, sockets);
});

/** Checks one Markdown link to `path` on the hostile server; returns its findings and how long it took. */
async function checkHostile(
  link: string,
  flags: { externalFragments?: boolean } = {},
): Promise<{ findings: readonly Finding[]; elapsedMs: number }> {
  const started = Date.now();
  const { report } = await checkOnline({ 'a.md': `[x](${link})\n` }, { retries: 0, timeoutMs, ...flags });
  return { findings: report.findings, elapsedMs: Date.now() - started };
}

function rulesAndMessages(findings: readonly Finding[]): Array<[string, string]> {
  return findings.map((finding) => [finding.rule, finding.message]);
}

describe('a server that never stops sending', () => {
  it('is read no further than the 64 KiB discard limit when only the status matters', async () => {
    const url = `${origin}/endless`;
    const { findings, elapsedMs } = await checkHostile(url);
    // HEAD was refused, so GET confirmed the page: alive, no finding.
    expect(findings).toEqual([]);
    expect(methods.get('/endless')).toEqual(['HEAD', 'GET']);
    expect(elapsedMs).toBeLessThan(runBoundMs);
    // Socket buffers on both sides hold a few MB at most; 64 KiB were read.
    expect(sent.get('/endless')).toBeLessThan(32 * MB);
  });

  it('is read no further than the page cap (16 MB) or the timeout when fragments are looked for', async () => {
    const url = `${origin}/endless#install`;
    const { findings, elapsedMs } = await checkHostile(url, { externalFragments: true });
    expect(elapsedMs).toBeLessThan(runBoundMs);
    expect(sent.get('/endless')).toBeLessThan(64 * MB);
    expect(findings).toHaveLength(1);
    expect(['missing-fragment', 'unreachable']).toContain(findings[0]?.rule);
  });
});

describe('a server that sends 1 MB of headers', () => {
  it('is refused at 64 KiB of headers: unreachable, naming the limit', async () => {
    const url = `${origin}/huge-headers`;
    const { findings, elapsedMs } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['unreachable', `Could not verify \`${url}\` now: it sent response headers larger than 64 KiB (1 attempt)`],
    ]);
    expect(elapsedMs).toBeLessThan(runBoundMs);
  });
});

describe('a server that drips one byte at a time', () => {
  it('times out within the timeout when the body drips one byte a second', async () => {
    const url = `${origin}/drip-body#install`;
    const { findings, elapsedMs } = await checkHostile(url, { externalFragments: true });
    expect(rulesAndMessages(findings)).toEqual([
      ['unreachable', `Could not verify \`${url.replace('#install', '')}\` now: it timed out (1 attempt)`],
    ]);
    expect(elapsedMs).toBeLessThan(runBoundMs);
    // One byte a second for under five seconds: the run did not wait for the 6,000-byte body.
    expect(sent.get('/drip-body')).toBeLessThan(chunkedHtmlHead.length + 10);
  });

  it('times out within the timeout when the headers themselves drip, though bytes keep coming', async () => {
    const url = `${origin}/drip-headers`;
    const { findings, elapsedMs } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['unreachable', `Could not verify \`${url}\` now: it timed out (1 attempt)`],
    ]);
    expect(elapsedMs).toBeLessThan(runBoundMs);
    // Ten bytes a second would take two minutes to finish the headers.
    expect(sent.get('/drip-headers')).toBeLessThan(200);
  });
});

describe('a server that does not speak HTTP', () => {
  it.each(['/garbage', '/bad-status'])('%s: unreachable, saying the response is not valid HTTP', async (path) => {
    const url = `${origin}${path}`;
    const { findings, elapsedMs } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['unreachable', `Could not verify \`${url}\` now: it sent a response that is not valid HTTP (1 attempt)`],
    ]);
    expect(elapsedMs).toBeLessThan(runBoundMs);
  });

  it('closes in the middle of the headers: unreachable, the connection was reset', async () => {
    const url = `${origin}/cut-headers`;
    const { findings, elapsedMs } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['unreachable', `Could not verify \`${url}\` now: it reset the connection (1 attempt)`],
    ]);
    expect(elapsedMs).toBeLessThan(runBoundMs);
  });

  it('answers an https:// link with junk instead of a TLS handshake: unreachable, TLS failed', async () => {
    const url = `${origin.replace('http:', 'https:')}/garbage`;
    const { findings, elapsedMs } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['unreachable', `Could not verify \`${url}\` now: it failed the TLS handshake (1 attempt)`],
    ]);
    expect(elapsedMs).toBeLessThan(runBoundMs);
  });
});

describe('a compressed bomb read for fragments', () => {
  it.each(['/gzip-bomb', '/deflate-bomb', '/brotli-bomb'])(
    '%s is inflated no further than the 16 MB page cap, within the timeout',
    async (path) => {
      const url = `${origin}${path}#install`;
      const heapBefore = process.memoryUsage().heapUsed;
      const { findings, elapsedMs } = await checkHostile(url, { externalFragments: true });
      expect(elapsedMs).toBeLessThan(runBoundMs);
      await expect.poll(() => decodedSent.get(path), { timeout: 5000 }).toBeDefined();
      // The encoder may run ahead of the reader by its buffers: far below the gigabytes it would go on to.
      expect(decodedSent.get(path)).toBeLessThan(256 * MB);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * MB);
      expect(findings).toHaveLength(1);
      expect(['missing-fragment', 'unreachable']).toContain(findings[0]?.rule);
    },
  );
});

describe('a redirect to a URL that is not http(s)', () => {
  it.each([
    ['/to-file', 'file:///etc/passwd'],
    ['/to-javascript', 'javascript:'],
    ['/to-data', 'data:'],
    ['/to-ftp', 'ftp:'],
  ])('%s is not followed: the link is dead', async (path) => {
    const url = `${origin}${path}`;
    const { findings, elapsedMs } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['dead-link', `\`${url}\` redirects to a URL that is not http(s) (not followed) after 1 redirect (1 attempt)`],
    ]);
    // HEAD answered 302, so one request, and nothing else was asked for.
    expect(methods.get(path)).toEqual(['HEAD']);
    expect(elapsedMs).toBeLessThan(runBoundMs);
  });

  it('a Location that is not a URL at all is dead: an invalid redirect', async () => {
    const url = `${origin}/to-garbage`;
    const { findings } = await checkHostile(url);
    expect(rulesAndMessages(findings)).toEqual([
      ['dead-link', `\`${url}\` redirects to an invalid URL after 1 redirect (1 attempt)`],
    ]);
  });
});
