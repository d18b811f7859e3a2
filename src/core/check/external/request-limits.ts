import { stoppedAnsweringAfter, type HostFeedback } from './host-pool.js';
import type { ProbeOptions } from './probe-url.js';
import { isTimeout, parseRetryAfter } from './retry-policy.js';
import type { Answer } from './send-request.js';

/** Marks a chain cut short because the URL's budget ran out. */
export const budgetSpent = 'the URL budget was spent';

/**
 * One request's timeout: the full one, or a short one when the host stopped answering, and never more than
 * what is left of the URL's budget.
 */
export function requestTimeout(url: URL, spentMs: number, options: ProbeOptions): number {
  const full = options.pool.hasStoppedAnswering(url.host) ? shortTimeout(options) : options.timeoutMs;
  return Math.max(1, Math.min(full, Math.ceil(options.urlBudgetMs - spentMs)));
}

/** An answer within a quarter of the timeout is quick: the host has room for more. Past that, a request lends its host slot. */
export function quickWithin(options: ProbeOptions): number {
  return options.timeoutMs / 4;
}

/** How a request went, for the host's limit. */
export function feedbackOf(answer: Answer, tookMs: number, options: ProbeOptions): HostFeedback {
  if (answer.kind === 'error') return isTimeout(answer.error) ? 'timeout' : 'failed';
  if (answer.status === 429 || answer.status === 503) return 'overloaded';
  return tookMs <= quickWithin(options) ? 'quick' : 'slow';
}

/** Pauses the host for its `Retry-After` (at most the cap) when its refusals come in a row; one refusing URL waits alone. */
export function pauseIfAsked(answer: Answer, host: string, options: ProbeOptions): void {
  if (answer.kind !== 'status' || !options.pool.isOverloaded(host)) return;
  const { now, retryAfterCapMs } = options.policy;
  const asked = parseRetryAfter(answer.headers.retryAfter, now());
  if (asked !== undefined) options.pool.pause(host, now() + Math.min(asked, retryAfterCapMs));
}

/** Why a URL was given up on: its budget. */
export function budgetNote(options: ProbeOptions): string {
  return `gave up after its ${seconds(options.urlBudgetMs)} budget (\`urlBudget\`) was spent`;
}

/** Why a URL was given up on: its host stopped answering. */
export function stoppedNote(host: string, options: ProbeOptions): string {
  const times = `${stoppedAnsweringAfter} times in a row`;
  return `\`${host}\` stopped answering: its requests timed out ${times}, so its URLs got one try with a ${seconds(shortTimeout(options))} timeout`;
}

/** The timeout of the one last try a host that stopped answering gets. */
function shortTimeout(options: ProbeOptions): number {
  return Math.max(1, Math.round(options.timeoutMs / 4));
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
