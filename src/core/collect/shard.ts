import type { Shard } from '../config/options.js';
import type { Violation } from '../types.js';
import type { Collection } from './collect-files.js';

/**
 * Keeps one shard of a collection: files are dealt round-robin over the sorted list,
 * so shards differ in size by at most one file. Problems met while walking belong
 * to shard 1, so merged shard reports list each once.
 */
export function shardCollection(collection: Collection, shard: Shard | undefined): Collection {
  if (shard === undefined || shard.count === 1) return collection;
  const files = collection.files.filter((_, position) => position % shard.count === shard.index - 1);
  const problems: readonly Violation[] = shard.index === 1 ? collection.problems : [];
  return { files, problems };
}
