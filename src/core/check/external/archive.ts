import { request, type Dispatcher } from 'undici';

/** How to ask the Wayback Machine's availability API. */
export interface ArchiveOptions {
  /** The availability API (`archive.endpoint` in the config). */
  readonly endpoint: string;
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  readonly userAgent: string;
}

/** Bytes of an answer read at most; the API's answers are a few hundred. */
const bodyLimit = 64 * 1024;

/** The closest archived snapshot URL of `url`, or undefined when none, or when the API fails in any way (never throws). */
export async function findArchivedCopy(url: string, options: ArchiveOptions): Promise<string | undefined> {
  try {
    const text = await askApi(url, options);
    return text === undefined ? undefined : closestSnapshot(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The API's answer as text, or undefined when it is not a 200 or is too long; throws on network failure. */
async function askApi(url: string, options: ArchiveOptions): Promise<string | undefined> {
  const separator = options.endpoint.includes('?') ? '&' : '?';
  const response = await request(`${options.endpoint}${separator}url=${encodeURIComponent(url)}`, {
    dispatcher: options.dispatcher,
    method: 'GET',
    headers: { 'user-agent': options.userAgent, accept: 'application/json' },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const { body } = response;
  // Reading still sees every error; this listener only keeps destroying an unfinished body from throwing elsewhere.
  body.on('error', () => undefined);
  try {
    return response.statusCode === 200 ? await readText(body) : undefined;
  } finally {
    body.destroy();
  }
}

/** The body as text, or undefined when it is longer than `bodyLimit`. */
async function readText(body: AsyncIterable<Buffer>): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > bodyLimit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Picks `archived_snapshots.closest.url` out of an answer when it is an available, 200, http(s) snapshot. */
function closestSnapshot(answer: unknown): string | undefined {
  const closest = field(field(answer, 'archived_snapshots'), 'closest');
  const snapshot = field(closest, 'url');
  const status = field(closest, 'status');
  if (field(closest, 'available') !== true || (status !== '200' && status !== 200)) return undefined;
  if (typeof snapshot !== 'string' || !isHttpUrl(snapshot)) return undefined;
  return snapshot.replace(/^http:\/\/web\.archive\.org\//i, 'https://web.archive.org/');
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Readonly<Record<string, unknown>>)[key]
    : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
