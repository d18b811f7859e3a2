import { request, type Dispatcher } from 'undici';
import { batchOutcomes, batchQuery, type GraphqlAnswer, type Lookup } from './github-query.js';
import { parseGithubUrl } from './github-urls.js';
import type { Outcome } from './outcome.js';
import { mayCarryToken } from './token-guard.js';

/** GitHub's limit on what one query may look up by alias is far higher; 100 keeps each answer small and quick. */
export const maxLookupsPerQuery = 100;

/** Largest answer read from the API; 100 lookups take a few kilobytes. */
const maxAnswerBytes = 8 * 1024 * 1024;

/** How to reach GitHub's GraphQL API. */
export interface GithubApiOptions {
  readonly endpoint: URL;
  readonly token: string;
  /** The hosts the token may go to; a request to an endpoint outside them is never sent. */
  readonly tokenHosts: ReadonlySet<string>;
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  readonly userAgent: string;
}

/** Answers github.com links through the API, many per request; links it cannot answer are left to the page check. */
export interface GithubBatch {
  /** The outcome the API gives `url`, or `undefined` when its page must be requested instead. */
  lookup(url: string): Promise<Outcome | undefined>;
  /** Sends every lookup still queued; call once no more URLs will come. */
  flush(): void;
  /** Why the API stopped being used during the run, if it did. */
  readonly stopped: string | undefined;
}

interface Pending {
  readonly lookup: Lookup;
  readonly resolve: (outcome: Outcome | undefined) => void;
}

/** Why a batch got no answer, and whether to stop asking the API for the rest of the run. */
interface Failure {
  readonly reason: string;
  readonly stop: boolean;
}

/**
 * A batcher for one run: lookups queue until 100 are waiting (then go at once) or `flush` is
 * called, and the batches go one after another, as GitHub asks of API clients to avoid its
 * secondary rate limits. Once the API says it is rate-limited, every later lookup is left to the page check.
 */
export function githubBatch(options: GithubApiOptions): GithubBatch {
  const queue: Pending[] = [];
  let chain = Promise.resolve();
  let stopped: string | undefined = mayCarryToken(options.endpoint, options.tokenHosts)
    ? undefined
    : `the GitHub API endpoint \`${options.endpoint.host}\` is not a host the token may go to`;

  const send = (batch: Pending[]): void => {
    chain = chain.then(async () => {
      const outcomes = stopped === undefined ? await answerBatch(batch) : undefined;
      // Every lookup is settled, with `undefined` (the page check) for those the API did not answer.
      for (const pending of batch) pending.resolve(outcomes?.get(pending.lookup.url));
    });
  };

  const answerBatch = async (batch: readonly Pending[]): Promise<Map<string, Outcome | undefined> | undefined> => {
    const result = await queryBatch(batch, options);
    if ('reason' in result) {
      if (result.stop) stopped = result.reason;
      return undefined;
    }
    if (result.remainingZero) stopped = 'the GitHub API rate limit was used up';
    return result.outcomes;
  };

  const drain = (): void => {
    while (queue.length > 0) send(queue.splice(0, maxLookupsPerQuery));
  };
  // After `flush`, a lookup that still arrives (a URL started late) goes out with those of the same turn.
  let flushed = false;
  let drainScheduled = false;
  const drainSoon = (): void => {
    if (drainScheduled) return;
    drainScheduled = true;
    setImmediate(() => {
      drainScheduled = false;
      drain();
    });
  };

  return {
    lookup(url) {
      const link = parseGithubUrl(url);
      if (link === undefined || stopped !== undefined) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        queue.push({ lookup: { url, link }, resolve });
        if (queue.length >= maxLookupsPerQuery) send(queue.splice(0, maxLookupsPerQuery));
        else if (flushed) drainSoon();
      });
    },
    flush() {
      flushed = true;
      drain();
    },
    get stopped() {
      return stopped;
    },
  };
}

type BatchResult = Failure | { readonly outcomes: Map<string, Outcome | undefined>; readonly remainingZero: boolean };

/** One GraphQL request for the batch; any failure leaves every link of it to the page check. */
async function queryBatch(batch: readonly Pending[], options: GithubApiOptions): Promise<BatchResult> {
  const lookups = batch.map((pending) => pending.lookup);
  try {
    const response = await request(options.endpoint, {
      dispatcher: options.dispatcher,
      method: 'POST',
      headers: apiHeaders(options),
      body: JSON.stringify(batchQuery(lookups)),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await readLimited(response.body);
    const answer = failureOf(response.statusCode, response.headers) ?? parseAnswer(text);
    if ('reason' in answer) return answer;
    if (isRateLimited(answer)) return { reason: 'the GitHub API rate limit was used up', stop: true };
    const remainingZero = header(response.headers, 'x-ratelimit-remaining') === '0';
    return { outcomes: batchOutcomes(lookups, answer), remainingZero };
  } catch (error) {
    return { reason: `the GitHub API could not be asked (${(error as Error).message})`, stop: false };
  }
}

/** The token goes in the `Authorization` header, and only because `mayCarryToken` passed for the endpoint. */
function apiHeaders(options: GithubApiOptions): Record<string, string> {
  return {
    'user-agent': options.userAgent,
    'content-type': 'application/json',
    accept: 'application/json',
    authorization: `Bearer ${options.token}`,
  };
}

/**
 * Why an HTTP answer cannot be used. A rate limit (primary: `x-ratelimit-remaining: 0`; secondary:
 * `retry-after`, 403 or 429) or a refused token stops the API for the rest of the run.
 */
function failureOf(status: number, headers: Dispatcher.ResponseData['headers']): Failure | undefined {
  if (status === 200) return undefined;
  const limited = header(headers, 'retry-after') !== undefined || header(headers, 'x-ratelimit-remaining') === '0';
  const stop = limited || status === 401 || status === 403 || status === 429;
  return { reason: `the GitHub API answered ${status}${limited ? ' (rate limit)' : ''}`, stop };
}

/** The answer, or why a body cannot be one: the batch goes to the page check, later batches still try the API. */
function parseAnswer(text: string | undefined): GraphqlAnswer | Failure {
  if (text === undefined) return { reason: 'the GitHub API answer was too large', stop: false };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // Reported below like any other answer that is not an object.
  }
  return { reason: 'the GitHub API answer was not a JSON object', stop: false };
}

/** GraphQL reports a used-up primary limit as a `RATE_LIMITED` error with status 200. */
function isRateLimited(answer: GraphqlAnswer): boolean {
  const errors: readonly unknown[] = Array.isArray(answer.errors) ? answer.errors : [];
  return errors.some(
    (error) => typeof error === 'object' && error !== null && 'type' in error && error.type === 'RATE_LIMITED',
  );
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as text, or `undefined` past the byte cap (the rest is not read). */
async function readLimited(body: Dispatcher.ResponseData['body']): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxAnswerBytes) {
      body.on('error', () => undefined);
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
