import path from 'node:path';
import { Agent, type Dispatcher } from 'undici';
import type { Config } from '../../config/options.js';
import { guardedConnector, privateAddressPolicy, type AddressPolicy, type ResolveAll } from './address-policy.js';
import { memoryCache, openCache, type LinkCache } from './cache-file.js';
import type { ExternalCheckOptions } from './check-external.js';
import { githubBatch, type GithubBatch } from './github-batch.js';
import type { Sleep } from './host-pool.js';
import { maxHeaderBytes } from './network-error.js';
import { isLoopback } from './token-guard.js';

/** The side effects of external checking, injectable for tests. */
export interface ExternalHooks {
  readonly dispatcher?: Dispatcher;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Replaces the private-address policy of `blockPrivate`, so tests can call one loopback address public. */
  readonly addressPolicy?: AddressPolicy;
  /** Replaces the system's DNS under `blockPrivate`, so tests can play a rebinding name server. */
  readonly resolve?: ResolveAll;
}

/** Options for one run's external check, and what must happen when it ends. */
export interface ExternalSession {
  readonly options: ExternalCheckOptions;
  readonly warnings: readonly string[];
  /** Saves the cache and closes the connection pool the session opened; returns warnings. */
  finish(): Promise<readonly string[]>;
}

/** GitHub's API and raw-content hosts: the only ones a GitHub token is ever sent to. */
export const githubTokenHosts: ReadonlySet<string> = new Set(['api.github.com', 'raw.githubusercontent.com']);

/**
 * Builds the external check's options from the config: connection pool, cache, token.
 */
export function prepareExternal(config: Config, hooks: ExternalHooks = {}): ExternalSession {
  const ownAgent = hooks.dispatcher === undefined ? ownDispatcher(config, hooks) : undefined;
  const { cache, warning } = cacheFor(config);
  const dispatcher: Dispatcher = hooks.dispatcher ?? (ownAgent as Agent);
  const github = githubBatchFor(config, dispatcher);
  const options: ExternalCheckOptions = {
    dispatcher,
    cache,
    deny: config.deny,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    concurrency: config.concurrency,
    perHostConcurrency: config.perHostConcurrency,
    maxPerHostConcurrency: config.maxPerHostConcurrency,
    ...(config.urlBudgetMs === undefined ? {} : { urlBudgetMs: config.urlBudgetMs }),
    maxRedirects: config.maxRedirects,
    accept: config.accept,
    userAgent: config.userAgent,
    headers: config.headers,
    externalFragments: config.externalFragments,
    ...(config.githubToken === undefined ? {} : { token: { value: config.githubToken, hosts: githubTokenHosts } }),
    ...(github === undefined ? {} : { github }),
    ...(config.archive.enabled ? { archiveEndpoint: config.archive.endpoint } : {}),
    now: hooks.now ?? Date.now,
    sleep: hooks.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: hooks.random ?? Math.random,
  };
  return {
    options,
    warnings: warning === undefined ? [] : [warning],
    async finish() {
      const saved = cache.save();
      await ownAgent?.close();
      return [...(saved === undefined ? [] : [saved]), ...githubWarnings(github)];
    },
  };
}

/** GitHub's GraphQL endpoint for github.com, which `GITHUB_GRAPHQL_URL` or `GITHUB_API_URL` may move (tests point it at loopback). */
export const defaultGraphqlUrl = 'https://api.github.com/graphql';

/**
 * The batcher for github.com links, when there is a token, `githubApi` is on and the endpoint is
 * github.com's API (or loopback, for tests and fakes): a GitHub Enterprise endpoint knows nothing of
 * github.com's repositories, and must not be sent its token's questions about them.
 */
function githubBatchFor(config: Config, dispatcher: Dispatcher): GithubBatch | undefined {
  if (config.githubToken === undefined || !config.githubApi) return undefined;
  const endpoint = parsedUrl(config.githubGraphqlUrl ?? defaultGraphqlUrl);
  if (endpoint === undefined) return undefined;
  const tokenHosts = endpoint.host === 'api.github.com' ? githubTokenHosts : new Set([endpoint.host]);
  if (endpoint.host !== 'api.github.com' && !isLoopback(endpoint.hostname)) return undefined;
  return githubBatch({
    endpoint,
    token: config.githubToken,
    tokenHosts,
    dispatcher,
    timeoutMs: config.timeoutMs,
    userAgent: config.userAgent,
  });
}

function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function githubWarnings(github: GithubBatch | undefined): string[] {
  if (github?.stopped === undefined) return [];
  return [
    `the GitHub API was not used for every github.com link: ${github.stopped}; the rest were requested as web pages`,
  ];
}

/** The run's connection pool; with `blockPrivate`, every connection passes the address policy. */
function ownDispatcher(config: Config, hooks: ExternalHooks): Agent {
  const connect = config.blockPrivate
    ? guardedConnector(hooks.addressPolicy ?? privateAddressPolicy, config.timeoutMs, hooks.resolve)
    : { timeout: config.timeoutMs };
  return new Agent({ connect, maxHeaderSize: maxHeaderBytes });
}

function cacheFor(config: Config): { cache: LinkCache; warning?: string } {
  if (!config.cache.enabled) return { cache: memoryCache() };
  return openCache(path.resolve(config.root, config.cache.path), config.cache.maxAgeMs, config.cache.path);
}
