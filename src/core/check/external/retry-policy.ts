import type { NetworkError } from './outcome.js';

/** How retries are paced. */
export interface RetryPolicy {
  /** Retries of 429, 5xx, resets and other transient failures. */
  readonly retries: number;
  /** Retries of a timeout, at most `retries`: a server that hung once mostly hangs again, and each try costs a timeout. */
  readonly timeoutRetries: number;
  /** The first backoff; each retry doubles it, with jitter. */
  readonly baseDelayMs: number;
  /** The longest `Retry-After` honoured; a server asking for more is not waited for. */
  readonly retryAfterCapMs: number;
  readonly random: () => number;
  readonly now: () => number;
}

/** What a finished chain ended in, as far as retrying goes. */
export type RetryInput =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'error'; readonly error: NetworkError };

/** A decision: wait this long and try again, or stop (with why, when a server asked too much). */
export type RetryDecision =
  { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason?: string };

const transientErrors: ReadonlySet<NetworkError> = new Set([
  'timeout',
  'connect-timeout',
  'reset',
  'dns-failure',
  'other',
]);

/** Timeouts and resets: their retries wait until the first pass is over, so a hanging server holds no slot meanwhile. */
const deferredErrors: ReadonlySet<NetworkError> = new Set(['timeout', 'connect-timeout', 'reset']);

/** The default of `timeoutRetries`: one more try, since the first already cost a whole timeout. */
export const defaultTimeoutRetries = 1;

/**
 * Retries 429, 5xx and resets `retries` times at most and timeouts `timeoutRetries` times: after
 * `Retry-After` when the server gives one (up to the cap), else after an exponential backoff with jitter.
 */
export function decideRetry(input: RetryInput, attempt: number, policy: RetryPolicy): RetryDecision {
  if (!isTransient(input) || attempt >= retriesOf(input, policy)) return { retry: false };
  const asked = input.kind === 'status' ? parseRetryAfter(input.retryAfter, policy.now()) : undefined;
  if (asked !== undefined && asked > policy.retryAfterCapMs) {
    return {
      retry: false,
      reason: `it asked to wait ${Math.ceil(asked / 1000)} s, over the ${policy.retryAfterCapMs / 1000} s cap`,
    };
  }
  return { retry: true, delayMs: asked ?? backoff(attempt, policy) };
}

/** Whether a retry of this failure waits for the first pass to end (timeouts and resets). */
export function isDeferred(input: RetryInput): boolean {
  return input.kind === 'error' && deferredErrors.has(input.error);
}

/** Whether the failure is a timeout, which the host's run of timeouts counts. */
export function isTimeout(error: NetworkError): boolean {
  return error === 'timeout' || error === 'connect-timeout';
}

function retriesOf(input: RetryInput, policy: RetryPolicy): number {
  const timedOut = input.kind === 'error' && isTimeout(input.error);
  return timedOut ? Math.min(policy.retries, policy.timeoutRetries) : policy.retries;
}

function isTransient(input: RetryInput): boolean {
  return input.kind === 'error' ? transientErrors.has(input.error) : input.status === 429 || input.status >= 500;
}

/** `baseDelay × 2^attempt`, scaled by a random factor in [0.5, 1) so clients do not retry in step. */
function backoff(attempt: number, policy: RetryPolicy): number {
  return Math.round(policy.baseDelayMs * 2 ** attempt * (0.5 + policy.random() / 2));
}

/** `Retry-After` in milliseconds from now: delay-seconds or an HTTP-date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  // Only what looks like an HTTP date (a month name and a time of day): Date.parse reads `1.5` as a year.
  if (!/[A-Za-z]{3}/.test(value) || !/\d{1,2}:\d{2}:\d{2}/.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
