import { statusOf } from './github-api.js';

/**
 * Why a GitHub API call failed, as far as the fix differs. A rate limit and a missing permission both come back
 * as 403, but one goes away by waiting and the other needs a workflow change, so telling them apart matters.
 */
export type ApiFailure =
  | {
      readonly kind: 'rate-limited';
      readonly status: number;
      readonly message: string;
      /** From `retry-after`: seconds to wait before trying again. */
      readonly retryAfterSeconds?: number;
      /** From `x-ratelimit-reset` when `x-ratelimit-remaining` is 0: when the primary limit starts over. */
      readonly resetsAt?: Date;
    }
  | { readonly kind: 'not-permitted'; readonly status: 403 | 404; readonly message: string }
  | { readonly kind: 'other'; readonly status: number | undefined; readonly message: string };

/** GitHub's own wording for a secondary rate limit, for the answers that come without the headers. */
const rateLimitWording = /\brate limit/i;

/**
 * Sorts a failed API call by its status and headers, following GitHub's guide to rate limits: a `retry-after`
 * header or `x-ratelimit-remaining: 0` on a 403 or 429 means a rate limit, and so does a 429 on its own.
 */
export function classifyApiFailure(error: unknown): ApiFailure {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 403 || status === 429) {
    const headers = headersOf(error);
    const asksToWait = headers['retry-after'] !== undefined;
    const retryAfterSeconds = secondsIn(headers['retry-after']);
    const exhausted = headers['x-ratelimit-remaining']?.trim() === '0';
    const resetsAt = exhausted ? epochSecondsIn(headers['x-ratelimit-reset']) : undefined;
    if (status === 429 || asksToWait || exhausted || rateLimitWording.test(message)) {
      return {
        kind: 'rate-limited',
        status,
        message,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        ...(resetsAt === undefined ? {} : { resetsAt }),
      };
    }
  }
  if (status === 403 || status === 404) return { kind: 'not-permitted', status, message };
  return { kind: 'other', status, message };
}

/** The reason part of a warning about a failed API call, with the fix when there is a usual one. */
export function explainApiFailure(failure: ApiFailure, now: number = Date.now()): string {
  const answer = failure.status === undefined ? failure.message : `HTTP ${failure.status}: ${failure.message}`;
  switch (failure.kind) {
    case 'rate-limited':
      return `the GitHub API rate limit was hit, not a missing permission (${answer}); ${whenToRetry(failure, now)}`;
    case 'not-permitted':
      return `the token may not do this (${answer}). Pull requests from forks get a read-only token: give the job \`permissions: pull-requests: write\`, or post from a \`workflow_run\` workflow as the README shows.`;
    case 'other':
      return answer;
  }
}

function whenToRetry(failure: Extract<ApiFailure, { kind: 'rate-limited' }>, now: number): string {
  if (failure.retryAfterSeconds !== undefined) {
    return `GitHub asks to retry after ${failure.retryAfterSeconds} s; re-run the job then.`;
  }
  if (failure.resetsAt !== undefined) {
    const minutes = Math.max(0, Math.ceil((failure.resetsAt.getTime() - now) / 60_000));
    return `the limit resets at ${failure.resetsAt.toISOString()} (in ${minutes} min); re-run the job then.`;
  }
  return 'GitHub asks to wait at least a minute; re-run the job later.';
}

/** The response headers of an Octokit `RequestError`, lower-cased as fetch gives them; empty when there are none. */
function headersOf(error: unknown): Readonly<Record<string, string | undefined>> {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  if (typeof headers !== 'object' || headers === null) return {};
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name.toLowerCase(), value]] : [],
    ),
  );
}

/** `retry-after` as whole seconds, when it is a plain count GitHub sends (an HTTP date is not). */
function secondsIn(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return undefined;
  return Number(value);
}

/** `x-ratelimit-reset`: the UTC epoch second the limit starts over, when it is one. */
function epochSecondsIn(value: string | undefined): Date | undefined {
  if (value === undefined || !/^\s*\d{1,12}\s*$/.test(value)) return undefined;
  const date = new Date(Number(value) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
