import { request, type Dispatcher } from 'undici';
import { BlockedAddressError } from './address-policy.js';
import { classifyNetworkError } from './network-error.js';
import type { NetworkError } from './outcome.js';

/** How to send one request. */
export interface SendOptions {
  readonly dispatcher: Dispatcher;
  readonly method: 'HEAD' | 'GET';
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** For GET: reads the body until it returns true (enough seen); without it the body is discarded. */
  readonly readBody?: (body: AsyncIterable<Buffer>, headers: ResponseHeaders) => Promise<void>;
}

/** The response headers linkvet reads. */
export interface ResponseHeaders {
  readonly location?: string;
  readonly retryAfter?: string;
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

/** What one request got: a status, or a network error. */
export type Answer =
  | { readonly kind: 'status'; readonly status: number; readonly headers: ResponseHeaders }
  | { readonly kind: 'error'; readonly error: NetworkError; readonly detail: string };

/** Bytes of an unwanted body read to keep the connection alive; beyond this it is closed instead. */
const discardLimit = 64 * 1024;

/** The policy refusal behind an error, looking through `cause` (undici may wrap it). */
function blockedAddressIn(error: unknown): BlockedAddressError | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof BlockedAddressError) return current;
    current = current.cause;
  }
  return undefined;
}

/** Sends one request, following no redirect, within an overall timeout. */
export async function sendRequest(url: string, options: SendOptions): Promise<Answer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(url, {
      dispatcher: options.dispatcher,
      method: options.method,
      headers: options.headers,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal,
      ...keepAliveFor(options.method),
    });
    const headers = pickHeaders(response.headers);
    await consumeBody(response.body, headers, options);
    return { kind: 'status', status: response.statusCode, headers };
  } catch (error) {
    const blocked = blockedAddressIn(error);
    if (blocked) return { kind: 'error', error: 'blocked-address', detail: blocked.message };
    return { kind: 'error', error: classifyNetworkError(error), detail: (error as Error).message };
  }
}

/**
 * undici closes the connection after every HEAD (in case a server sends a body it should not), so
 * each HEAD would open a connection of its own. `reset: false` keeps it open: undici reads no body
 * after a HEAD, and stray bytes from such a server fail only that socket's next answer, as a
 * network error the retry policy treats as transient.
 */
function keepAliveFor(method: SendOptions['method']): { readonly reset?: false } {
  return method === 'HEAD' ? { reset: false } : {};
}

async function consumeBody(
  body: Dispatcher.ResponseData['body'],
  headers: ResponseHeaders,
  options: SendOptions,
): Promise<void> {
  if (options.readBody === undefined) {
    await body.dump({ limit: discardLimit }).catch(() => undefined);
    return;
  }
  try {
    await options.readBody(body, headers);
  } finally {
    // Destroying a body that was not read to the end makes undici emit AbortError; with no
    // listener that would be an uncaught exception that ends the whole run.
    body.on('error', () => undefined);
    body.destroy();
  }
}

function pickHeaders(raw: Dispatcher.ResponseData['headers']): ResponseHeaders {
  const one = (name: string): string | undefined => {
    const value = raw[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const entries = {
    location: one('location'),
    retryAfter: one('retry-after'),
    contentType: one('content-type'),
    contentEncoding: one('content-encoding'),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}
