import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCache, type LinkCache } from '../../../../src/core/check/external/cache-file.js';
import type { CacheableOutcome } from '../../../../src/core/check/external/outcome.js';
import type { LockOptions } from '../../../../src/core/util/file-lock.js';
import { makeTree } from '../../../helpers/tree.js';

// Two runs saving one cache file: each loaded it before the other saved, and neither may lose the other's results.

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2025, 0, 1);
const dead: CacheableOutcome = { type: 'dead', status: 404, chain: [], attempts: 1 };
const denied: CacheableOutcome = { type: 'denied', status: 403, chain: [], attempts: 1 };

/** A cache file that an earlier run left, with one entry, in a directory of its own. */
function oldCache(): string {
  const entries = { 'https://old.example/': { outcome: dead, checkedAt: t0 } };
  const root = makeTree({ 'cache.json': JSON.stringify({ tool: 'linkvet', version: 1, entries }) });
  return path.join(root, 'cache.json');
}

function lockOf(file: string): string {
  return path.join(path.dirname(file), '.cache.json.linkvet-lock');
}

function open(file: string, lock: LockOptions = {}): LinkCache {
  const { cache, warning } = openCache(file, day, file, lock);
  expect(warning).toBeUndefined();
  return cache;
}

function entriesOf(file: string): Record<string, { outcome: CacheableOutcome; checkedAt: number }> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, never> }).entries;
}

/** A sleep that only counts, so waiting for a held lock takes no time and its bound can be asserted. */
function countingSleep(): { readonly sleep: (ms: number) => void; readonly waits: number[] } {
  const waits: number[] = [];
  return { sleep: (ms) => waits.push(ms), waits };
}

/** The pid of a process that has exited, as a lock left by a killed run holds. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid;
}

describe('openCache: two runs saving one file', () => {
  it("keeps the other run's entries when it saved between our load and our save", () => {
    const file = oldCache();
    const a = open(file);
    const b = open(file);
    b.set('https://b.example/', denied, t0 + 2);
    expect(b.save()).toBeUndefined();
    a.set('https://a.example/', dead, t0 + 1);
    expect(a.save()).toBeUndefined();
    expect(Object.keys(entriesOf(file))).toEqual(['https://a.example/', 'https://b.example/', 'https://old.example/']);
    expect(open(file).get('https://b.example/', t0 + 3)).toEqual(denied);
  });

  it('keeps the verdict checked last for a URL both runs checked, whichever saves last', () => {
    const file = oldCache();
    const early = open(file);
    const late = open(file);
    late.set('https://both.example/', denied, t0 + 20);
    early.set('https://both.example/', dead, t0 + 10);
    expect(late.save()).toBeUndefined();
    expect(early.save()).toBeUndefined();
    expect(entriesOf(file)['https://both.example/']).toEqual({ outcome: denied, checkedAt: t0 + 20 });

    const later = open(file);
    later.set('https://both.example/', dead, t0 + 30);
    expect(later.save()).toBeUndefined();
    expect(entriesOf(file)['https://both.example/']).toEqual({ outcome: dead, checkedAt: t0 + 30 });
  });

  it('drops what has expired from the merged entries too', () => {
    const file = oldCache();
    const a = open(file);
    const b = open(file);
    b.set('https://b.example/', denied, t0 + day);
    b.save();
    a.set('https://a.example/', dead, t0 + day + 5);
    expect(a.save()).toBeUndefined();
    expect(Object.keys(entriesOf(file))).toEqual(['https://a.example/', 'https://b.example/']);
  });

  it('keeps an entry the other run checked after our last check, but not one dated more than maxAge ahead', () => {
    const file = oldCache();
    const a = open(file);
    const entries = {
      'https://soon.example/': { outcome: denied, checkedAt: t0 + day - 1 },
      'https://far.example/': { outcome: denied, checkedAt: t0 + 3 * day },
    };
    writeFileSync(file, JSON.stringify({ tool: 'linkvet', version: 1, entries }));
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBeUndefined();
    expect(Object.keys(entriesOf(file))).toEqual([
      'https://a.example/',
      'https://old.example/',
      'https://soon.example/',
    ]);
  });

  it("keeps a newer linkvet's cache that replaced the file after we loaded it", () => {
    const file = oldCache();
    const a = open(file);
    const newer = JSON.stringify({ tool: 'linkvet', version: 2, entries: {} });
    writeFileSync(file, newer);
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBe(`Not writing the cache file \`${file}\`: a newer linkvet wrote it.`);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('takes and removes the lock, leaving only the cache file', () => {
    const file = oldCache();
    const { sleep, waits } = countingSleep();
    const a = open(file, { sleep });
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBeUndefined();
    expect(waits).toEqual([]);
    expect(readdirSync(path.dirname(file))).toEqual(['cache.json']);
  });
});

describe('openCache: the lock file', () => {
  it('takes over a lock older than 30 s at once', () => {
    const file = oldCache();
    writeFileSync(lockOf(file), `${process.pid}-00ff`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockOf(file), minuteAgo, minuteAgo);
    const { sleep, waits } = countingSleep();
    const a = open(file, { sleep });
    const b = open(file);
    b.set('https://b.example/', denied, t0);
    b.save();
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBeUndefined();
    expect(waits).toEqual([]);
    expect(Object.keys(entriesOf(file))).toContain('https://b.example/');
    expect(existsSync(lockOf(file))).toBe(false);
  });

  it('takes over a fresh lock whose writer has died', () => {
    const file = oldCache();
    writeFileSync(lockOf(file), `${deadPid()}-00ff`);
    const { sleep, waits } = countingSleep();
    const a = open(file, { sleep });
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBeUndefined();
    expect(waits).toEqual([]);
    expect(existsSync(lockOf(file))).toBe(false);
  });

  it("waits a bounded time for a live writer's lock, then saves, still merged, and leaves that lock alone", () => {
    const file = oldCache();
    const held = `${process.pid}-00ff`;
    writeFileSync(lockOf(file), held);
    const { sleep, waits } = countingSleep();
    const a = open(file, { sleep });
    const b = open(file, { sleep });
    b.set('https://b.example/', denied, t0);
    expect(b.save()).toBeUndefined();
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBeUndefined();
    // About half a second for each of the two saves, in short steps.
    expect(waits).toEqual(Array.from({ length: 38 }, () => 25));
    expect(Object.keys(entriesOf(file))).toEqual(['https://a.example/', 'https://b.example/', 'https://old.example/']);
    expect(readFileSync(lockOf(file), 'utf8')).toBe(held);
  });

  it('never writes through a symlink planted where the lock goes', () => {
    const file = oldCache();
    const victim = path.join(path.dirname(file), 'victim.txt');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, lockOf(file));
    const { sleep } = countingSleep();
    const a = open(file, { sleep });
    a.set('https://a.example/', dead, t0);
    expect(a.save()).toBeUndefined();
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readlinkSync(lockOf(file))).toBe(victim);
    expect(Object.keys(entriesOf(file))).toContain('https://a.example/');
  });
});
