import type { Shard } from '../config/options.js';
import type { Violation } from '../types.js';
import type { Collection } from './collect-files.js';

/**
 * Keeps one shard of a collection. Each file goes to the shard that ranks highest for it
 * (rendezvous hashing on its path), so the split depends on nothing but the path and the shard
 * count: adding or removing a file moves no other file, and going from n to n + 1 shards moves
 * only about one file in n + 1. Problems met while walking belong to shard 1, so merged shard
 * reports list each once.
 */
export function shardCollection(collection: Collection, shard: Shard | undefined): Collection {
  if (shard === undefined || shard.count === 1) return collection;
  const files = collection.files.filter((file) => shardOf(file, shard.count) === shard.index);
  const problems: readonly Violation[] = shard.index === 1 ? collection.problems : [];
  return { files, problems };
}

/** The 1-based shard a file belongs to among `count`. */
export function shardOf(file: string, count: number): number {
  let best = 1;
  let bestScore = -1;
  for (let index = 1; index <= count; index += 1) {
    const score = fnv1a(`${index}\u0000${file}`);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  return best;
}

/** 32-bit FNV-1a over UTF-16 code units, mixed at the end so nearby inputs spread evenly. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
