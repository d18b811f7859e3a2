import * as cache from '@actions/cache';
import * as core from '@actions/core';
import path from 'node:path';
import type { Config } from '../core/index.js';

/**
 * The external-link cache between runs. Actions caches are immutable, so every run saves under a
 * key of its own and restores the newest entry sharing the prefix; shards keep separate caches,
 * since each checks different URLs.
 */
export interface CacheKeys {
  readonly key: string;
  readonly restoreKeys: readonly string[];
}

export function cacheKeys(config: Config, env: Readonly<Record<string, string | undefined>>): CacheKeys {
  const shard = config.shard ? `-shard${config.shard.index}of${config.shard.count}` : '';
  const prefix = `linkvet-${env['RUNNER_OS'] ?? process.platform}${shard}-`;
  const run = `${env['GITHUB_RUN_ID'] ?? Date.now()}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`;
  return { key: `${prefix}${run}`, restoreKeys: [prefix] };
}

/** Restores the newest saved cache file; a cache service that fails costs a warning, never the run. */
export async function restoreLinkCache(config: Config, keys: CacheKeys, workspace: string): Promise<void> {
  if (!cache.isFeatureAvailable()) {
    core.warning('linkvet: input `cache` is on, but the Actions cache service is not available to this job.');
    return;
  }
  try {
    const hit = await cache.restoreCache([cachePath(config, workspace)], keys.key, [...keys.restoreKeys]);
    core.info(hit ? `linkvet: restored the link cache from ${hit}` : 'linkvet: no link cache saved yet');
  } catch (error) {
    core.warning(`linkvet: could not restore the link cache (${(error as Error).message})`);
  }
}

export async function saveLinkCache(config: Config, keys: CacheKeys, workspace: string): Promise<void> {
  if (!cache.isFeatureAvailable()) return;
  try {
    // saveCache reports most failures by returning -1 after logging them, not by throwing.
    const id = await cache.saveCache([cachePath(config, workspace)], keys.key);
    if (id === -1) core.warning('linkvet: the link cache was not saved; see the log above');
    else core.info(`linkvet: saved the link cache as ${keys.key}`);
  } catch (error) {
    core.warning(`linkvet: could not save the link cache (${(error as Error).message})`);
  }
}

/**
 * The cache file relative to the workspace when inside it: the cache service hashes the paths
 * into the entry's version, so an absolute path would miss whenever the checkout moves.
 */
function cachePath(config: Config, workspace: string): string {
  const file = path.resolve(config.root, config.cache.path);
  const relative = path.relative(workspace, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
