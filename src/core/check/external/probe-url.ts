import type { Dispatcher } from 'undici';
import type { HostPool, Sleep } from './host-pool.js';
import type { Hop, NetworkError, Outcome } from './outcome.js';
import { pageIdReader, type PageScan } from './page-ids.js';
import {
  budgetNote,
  budgetSpent,
  feedbackOf,
  pauseIfAsked,
  quickWithin,
  requestTimeout,
  stoppedNote,
} from './request-limits.js';
import {
  decideRetry,
  isDeferred,
  isTimeout,
  type RetryDecision,
  type RetryInput,
  type RetryPolicy,
} from './retry-policy.js';
import { shareHop, type HopAnswers } from './hop-answers.js';
import { sendRequest, type Answer } from './send-request.js';

/** Everything one probe needs; shared by all probes of a run. */
export interface ProbeOptions {
  readonly dispatcher: Dispatcher;
  readonly pool: HostPool;
  readonly policy: RetryPolicy;
  readonly sleep: Sleep;
  readonly timeoutMs: number;
  /** Time one URL may spend in requests and retry waits, all hops and attempts together. */
  readonly urlBudgetMs: number;
  /** A monotonic clock for request durations (the pool's clock may be virtual in tests). */
  readonly elapsed: () => number;
  /** Resolves once every URL had its first try: retries of timeouts and resets wait for it, holding no slot. */
  readonly firstPassOver: () => Promise<void>;
  /** Told once, when this URL's first try has ended (retried or not); set per URL. */
  readonly onFirstTry?: () => void;
  readonly maxRedirects: number;
  readonly headersFor: (url: URL) => Readonly<Record<string, string>>;
  readonly isAccepted: (status: number) => boolean;
  /** The run's answers per hop URL, so a URL several chains reach is requested once; without it, none are shared. */
  readonly hops?: HopAnswers;
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
 * wanted, or to confirm a HEAD failure), retried while the failure may be transient and the URL's
 * budget lasts.
 * @param fragments ids to look for on the final page; empty for none
 */
export async function probeUrl(url: string, fragments: readonly string[], options: ProbeOptions): Promise<Outcome> {
  const state: ProbeState = { getOnly: fragments.length > 0, spentMs: 0 };
  for (let attempt = 0; ; attempt++) {
    const page: PageScan = { html: false };
    const end = await followChain(url, { fragments, page, state }, options);
    if (attempt === 0) options.onFirstTry?.();
    const decision = decideNext(end, attempt, state, options);
    if (!decision.retry) {
      const outcome = toOutcome(end, attempt + 1, fragments.length > 0 ? page : undefined, options);
      return withNote(outcome, decision.reason);
    }
    if (isDeferred(retryInput(end))) await options.firstPassOver();
    await options.sleep(decision.delayMs);
    state.spentMs += decision.delayMs;
  }
}

/**
 * Whether to try again: as the retry policy says, unless the host stopped answering (its one
 * short try was this one) or the wait would outlast the URL's budget.
 */
function decideNext(end: ChainEnd, attempt: number, state: ProbeState, options: ProbeOptions): RetryDecision {
  const host = new URL(end.url).host;
  if (end.kind === 'error' && end.detail === budgetSpent) return { retry: false, reason: budgetNote(options) };
  if (end.kind === 'error' && isTimeout(end.error) && options.pool.hasStoppedAnswering(host)) {
    return { retry: false, reason: stoppedNote(host, options) };
  }
  const decision = decideRetry(retryInput(end), attempt, options.policy);
  if (decision.retry && state.spentMs + decision.delayMs >= options.urlBudgetMs) {
    return { retry: false, reason: budgetNote(options) };
  }
  return decision;
}

/** What one probe remembers between its requests. */
interface ProbeState {
  /** Once HEAD has failed and GET had to confirm it, retries go straight to GET: one request, not two. */
  getOnly: boolean;
  /** Time spent so far in this URL's requests and retry waits. */
  spentMs: number;
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
    if (request.state.spentMs >= options.urlBudgetMs) {
      return { kind: 'error', error: 'timeout', url: current.href, chain, detail: budgetSpent };
    }
    const hopUrl = current;
    const answer = await shareHop(options.hops, hopUrl, request.fragments, () => ask(hopUrl, request, options));
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

/**
 * One hop: HEAD, confirmed by GET when HEAD fails (many servers mishandle HEAD); GET at once when fragments are
 * wanted. Each request's timeout is what is left of the URL's budget when that is shorter, and a short one when
 * the host stopped answering. How it went adjusts the host's limit.
 */
async function ask(url: URL, request: ChainRequest, options: ProbeOptions): Promise<Answer> {
  const { fragments, page, state } = request;
  const send = async (method: 'HEAD' | 'GET'): Promise<Answer> => {
    const started = options.elapsed();
    const answer = await sendRequest(url.href, {
      dispatcher: options.dispatcher,
      method,
      headers: options.headersFor(url),
      timeoutMs: requestTimeout(url, state.spentMs, options),
      ...(method === 'GET' && fragments.length > 0 ? { readBody: pageIdReader(fragments, page) } : {}),
    });
    state.spentMs += options.elapsed() - started;
    return answer;
  };
  return options.pool.run(
    url.host,
    async () => {
      const startedAt = options.policy.now();
      const started = options.elapsed();
      const answer = await headThenGet(send, state);
      options.pool.record(url.host, feedbackOf(answer, options.elapsed() - started, options), startedAt);
      // Within the task, before its slot is given back: the host's next request must already see the pause.
      pauseIfAsked(answer, url.host, options);
      return answer;
    },
    quickWithin(options),
  );
}

async function headThenGet(send: (method: 'HEAD' | 'GET') => Promise<Answer>, state: ProbeState): Promise<Answer> {
  if (state.getOnly) return send('GET');
  const head = await send('HEAD');
  if (head.kind !== 'status' || head.status < 400 || head.status === 429) return head;
  state.getOnly = true;
  return send('GET');
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
