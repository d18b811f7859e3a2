import type { Dispatcher } from 'undici';
import type { HostPool, Sleep } from './host-pool.js';
import type { Hop, NetworkError, Outcome } from './outcome.js';
import { pageIdReader, type PageScan } from './page-ids.js';
import { decideRetry, type RetryInput, type RetryPolicy } from './retry-policy.js';
import { sendRequest, type Answer } from './send-request.js';

/** Everything one probe needs; shared by all probes of a run. */
export interface ProbeOptions {
  readonly dispatcher: Dispatcher;
  readonly pool: HostPool;
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly headersFor: (url: URL) => Readonly<Record<string, string>>;
  readonly isAccepted: (status: number) => boolean;
}

/** Where a chain of requests ended. */
type ChainEnd =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly url: string;
      readonly retryAfter?: string;
      readonly chain: Hop[];
    }
  | {
      readonly kind: 'error';
      readonly error: NetworkError;
      readonly url: string;
      readonly chain: Hop[];
      /** The error in words, kept for `blocked-address`: which address and why. */
      readonly detail?: string;
    };

const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Finds out what a URL leads to: redirects followed by hand, HEAD first (GET when fragments are
 * wanted, or to confirm a HEAD failure), retried while the failure may be transient.
 * @param fragments ids to look for on the final page; empty for none
 */
export async function probeUrl(url: string, fragments: readonly string[], options: ProbeOptions): Promise<Outcome> {
  const state: ProbeState = { getOnly: fragments.length > 0 };
  for (let attempt = 0; ; attempt++) {
    const page: PageScan = { html: false };
    const end = await followChain(url, { fragments, page, state }, options);
    const decision = decideRetry(retryInput(end), attempt, options.policy);
    if (!decision.retry) {
      const outcome = toOutcome(end, attempt + 1, fragments.length > 0 ? page : undefined, options);
      return withNote(outcome, decision.reason);
    }
    if (end.kind === 'status' && end.status === 429) options.pool.slowDown(new URL(end.url).host, decision.delayMs);
    await options.sleep(decision.delayMs);
  }
}

/** What one probe remembers between its requests. */
interface ProbeState {
  /** Once HEAD has failed and GET had to confirm it, retries go straight to GET: one request, not two. */
  getOnly: boolean;
}

/** What a chain is asked to collect along the way. */
interface ChainRequest {
  readonly fragments: readonly string[];
  readonly page: PageScan;
  readonly state: ProbeState;
}

async function followChain(url: string, request: ChainRequest, options: ProbeOptions): Promise<ChainEnd> {
  const chain: Hop[] = [];
  let current = new URL(url);
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    const answer = await ask(current, request, options);
    if (answer.kind === 'error') {
      return { kind: 'error', error: answer.error, url: current.href, chain, detail: answer.detail };
    }
    const location = answer.headers.location;
    if (!redirectStatuses.has(answer.status) || location === undefined) {
      const retryAfter = answer.headers.retryAfter;
      return {
        kind: 'status',
        status: answer.status,
        url: current.href,
        chain,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      };
    }
    chain.push({ url: current.href, status: answer.status });
    const next = resolveLocation(location, current);
    if (typeof next === 'string') return { kind: 'error', error: next, url: current.href, chain };
    if (chain.some((step) => step.url === next.href))
      return { kind: 'error', error: 'redirect-loop', url: next.href, chain };
    current = next;
  }
  return { kind: 'error', error: 'too-many-redirects', url: current.href, chain };
}

/** One hop: HEAD, confirmed by GET when HEAD fails (many servers mishandle HEAD); GET at once when fragments are wanted. */
async function ask(url: URL, request: ChainRequest, options: ProbeOptions): Promise<Answer> {
  const { fragments, page, state } = request;
  const send = (method: 'HEAD' | 'GET'): Promise<Answer> =>
    sendRequest(url.href, {
      dispatcher: options.dispatcher,
      method,
      headers: options.headersFor(url),
      timeoutMs: options.timeoutMs,
      ...(method === 'GET' && fragments.length > 0 ? { readBody: pageIdReader(fragments, page) } : {}),
    });
  return options.pool.run(url.host, async () => {
    if (state.getOnly) return send('GET');
    const head = await send('HEAD');
    if (head.kind !== 'status' || head.status < 400 || head.status === 429) return head;
    state.getOnly = true;
    return send('GET');
  });
}

/** The next hop, or why there is none: `file:`, `javascript:`, `data:` and the like are never followed. */
function resolveLocation(location: string, base: URL): URL | 'bad-redirect' | 'unsafe-redirect' {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    return 'bad-redirect';
  }
  return next.protocol === 'http:' || next.protocol === 'https:' ? next : 'unsafe-redirect';
}

function retryInput(end: ChainEnd): RetryInput {
  if (end.kind === 'error') return { kind: 'error', error: end.error };
  return end.retryAfter === undefined
    ? { kind: 'status', status: end.status }
    : { kind: 'status', status: end.status, retryAfter: end.retryAfter };
}

/** Sorts a chain's end into the verdict families of DESIGN.md's rules table. */
function toOutcome(end: ChainEnd, attempts: number, page: PageScan | undefined, options: ProbeOptions): Outcome {
  const { chain } = end;
  if (end.kind === 'error' && end.error === 'blocked-address') {
    return { type: 'blocked', url: end.url, why: end.detail ?? 'blocked', chain, attempts };
  }
  if (end.kind === 'error') {
    const definitive = [
      'dns-not-found',
      'redirect-loop',
      'too-many-redirects',
      'bad-redirect',
      'unsafe-redirect',
    ].includes(end.error);
    return { type: definitive ? 'dead' : 'unreachable', error: end.error, chain, attempts };
  }
  const { status } = end;
  if (options.isAccepted(status)) {
    const fragments = page?.html === true ? page.answers : undefined;
    return { type: 'alive', status, finalUrl: end.url, chain, attempts, ...(fragments ? { fragments } : {}) };
  }
  if (status === 401 || status === 403) return { type: 'denied', status, chain, attempts };
  if (status === 429 || status >= 500) return { type: 'unreachable', status, chain, attempts };
  return { type: 'dead', status, chain, attempts };
}

function withNote(outcome: Outcome, note: string | undefined): Outcome {
  return note === undefined || outcome.type !== 'unreachable' ? outcome : { ...outcome, note };
}
