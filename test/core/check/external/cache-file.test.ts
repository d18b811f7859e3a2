import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryCache, openCache, type LinkCache } from '../../../../src/core/check/external/cache-file.js';
import type { CacheableOutcome, Outcome } from '../../../../src/core/check/external/outcome.js';
import { makeTree } from '../../../helpers/tree.js';

const day = 24 * 60 * 60 * 1000;
const t0 = Date.UTC(2025, 0, 1);

const alive: CacheableOutcome = {
  type: 'alive',
  status: 200,
  finalUrl: 'https://example.com/new',
  chain: [{ url: 'https://example.com/old', status: 301 }],
  attempts: 1,
  fragments: { found: ['install'], missing: ['usage'] },
};
const dead: CacheableOutcome = { type: 'dead', status: 404, chain: [], attempts: 1 };
const dnsDead: CacheableOutcome = { type: 'dead', error: 'dns-not-found', chain: [], attempts: 3 };
const denied: CacheableOutcome = { type: 'denied', status: 403, chain: [], attempts: 2 };
const unreachable: Outcome = { type: 'unreachable', status: 503, chain: [], attempts: 3 };

/** A temp directory, optionally holding a cache file with the given contents; returns the cache file's path. */
function cachePath(contents?: string): string {
  const root = makeTree(contents === undefined ? {} : { 'cache.json': contents });
  return path.join(root, 'cache.json');
}

function fileOf(entries: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({ tool: 'linkvet', version: 1, entries, ...extra });
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function opened(file: string, maxAgeMs = day): LinkCache {
  const { cache, warning } = openCache(file, maxAgeMs);
  expect(warning).toBeUndefined();
  return cache;
}

describe('openCache: round trip', () => {
  it('starts empty, without a warning, when the file does not exist', () => {
    const file = cachePath();
    const { cache, warning } = openCache(file, day);
    expect(warning).toBeUndefined();
    expect(cache.get('https://example.com/', t0)).toBeUndefined();
  });

  it('reads back every cacheable outcome it saved', () => {
    const file = cachePath();
    const cache = opened(file);
    cache.set('https://a.example/', alive, t0);
    cache.set('https://b.example/', dead, t0);
    cache.set('https://c.example/', dnsDead, t0);
    cache.set('https://d.example/', denied, t0);
    expect(cache.save()).toBeUndefined();

    const reopened = opened(file);
    expect(reopened.get('https://a.example/', t0 + 1)).toEqual(alive);
    expect(reopened.get('https://b.example/', t0 + 1)).toEqual(dead);
    expect(reopened.get('https://c.example/', t0 + 1)).toEqual(dnsDead);
    expect(reopened.get('https://d.example/', t0 + 1)).toEqual(denied);
  });

  it('writes the documented format, entries sorted by URL', () => {
    const file = cachePath();
    const cache = opened(file);
    cache.set('https://z.example/', dead, t0);
    cache.set('https://a.example/', denied, t0 + 5);
    cache.save();
    const data = readJson(file) as { tool: string; version: number; entries: Record<string, unknown> };
    expect(data).toEqual({
      tool: 'linkvet',
      version: 1,
      entries: {
        'https://a.example/': { outcome: denied, checkedAt: t0 + 5 },
        'https://z.example/': { outcome: dead, checkedAt: t0 },
      },
    });
    expect(Object.keys(data.entries)).toEqual(['https://a.example/', 'https://z.example/']);
  });

  it('leaves no temporary file behind', () => {
    const file = cachePath();
    const cache = opened(file);
    cache.set('https://a.example/', dead, t0);
    expect(cache.save()).toBeUndefined();
    expect(readdirSync(path.dirname(file))).toEqual(['cache.json']);
  });

  it('creates a missing parent directory', () => {
    const file = path.join(path.dirname(cachePath()), 'deep', 'er', 'cache.json');
    const cache = opened(file);
    cache.set('https://a.example/', dead, t0);
    expect(cache.save()).toBeUndefined();
    expect(opened(file).get('https://a.example/', t0)).toEqual(dead);
  });

  it('replaces an older cache file with the new entries', () => {
    const file = cachePath(fileOf({ 'https://old.example/': { outcome: dead, checkedAt: t0 } }));
    const cache = opened(file);
    cache.set('https://new.example/', alive, t0 + 10);
    expect(cache.save()).toBeUndefined();
    const reopened = opened(file);
    expect(reopened.get('https://old.example/', t0 + 20)).toEqual(dead);
    expect(reopened.get('https://new.example/', t0 + 20)).toEqual(alive);
  });
});

describe('openCache: what it remembers', () => {
  it('never stores an unreachable outcome', () => {
    const file = cachePath();
    const cache = opened(file);
    cache.set('https://flaky.example/', unreachable, t0);
    expect(cache.get('https://flaky.example/', t0)).toBeUndefined();
    expect(cache.save()).toBeUndefined();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('does not let an unreachable outcome replace a cached one', () => {
    const cache = opened(cachePath());
    cache.set('https://a.example/', alive, t0);
    cache.set('https://a.example/', unreachable, t0 + 1);
    expect(cache.get('https://a.example/', t0 + 2)).toEqual(alive);
  });

  it('returns an entry younger than maxAge and not one that old', () => {
    const cache = opened(cachePath(), 1000);
    cache.set('https://a.example/', dead, t0);
    expect(cache.get('https://a.example/', t0 + 999)).toEqual(dead);
    expect(cache.get('https://a.example/', t0 + 1000)).toBeUndefined();
  });

  it('expires entries read from the file by the same rule', () => {
    const file = cachePath(fileOf({ 'https://a.example/': { outcome: dead, checkedAt: t0 } }));
    const cache = opened(file, 1000);
    expect(cache.get('https://a.example/', t0 + 999)).toEqual(dead);
    expect(cache.get('https://a.example/', t0 + 1000)).toBeUndefined();
  });

  it('does not trust an entry checked in the future', () => {
    const cache = opened(cachePath(fileOf({ 'https://a.example/': { outcome: dead, checkedAt: t0 + day } })));
    expect(cache.get('https://a.example/', t0)).toBeUndefined();
  });

  it('drops expired entries when it saves', () => {
    const file = cachePath(
      fileOf({
        'https://old.example/': { outcome: dead, checkedAt: t0 - 2 * day },
        'https://recent.example/': { outcome: denied, checkedAt: t0 - 1000 },
      }),
    );
    const cache = opened(file);
    cache.set('https://new.example/', alive, t0);
    expect(cache.save()).toBeUndefined();
    const data = readJson(file) as { entries: Record<string, unknown> };
    expect(Object.keys(data.entries)).toEqual(['https://new.example/', 'https://recent.example/']);
  });
});

describe('openCache: saving only what changed', () => {
  it('does not write when nothing was set', () => {
    const file = cachePath(fileOf({ 'https://a.example/': { outcome: dead, checkedAt: t0 } }));
    const cache = opened(file);
    expect(cache.get('https://a.example/', t0)).toEqual(dead);
    writeFileSync(file, 'changed by someone else');
    expect(cache.save()).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('changed by someone else');
  });

  it('does not create a file when nothing was set', () => {
    const file = cachePath();
    expect(opened(file).save()).toBeUndefined();
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('writes once for one set of changes', () => {
    const file = cachePath();
    const cache = opened(file);
    cache.set('https://a.example/', dead, t0);
    expect(cache.save()).toBeUndefined();
    writeFileSync(file, 'changed by someone else');
    expect(cache.save()).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe('changed by someone else');
  });

  it('writes again after a later change', () => {
    const file = cachePath();
    const cache = opened(file);
    cache.set('https://a.example/', dead, t0);
    cache.save();
    cache.set('https://b.example/', denied, t0 + 1);
    expect(cache.save()).toBeUndefined();
    expect(opened(file).get('https://b.example/', t0 + 2)).toEqual(denied);
  });
});

describe('openCache: files it ignores', () => {
  it('ignores corrupt JSON with a warning naming the file', () => {
    const file = cachePath('{"tool": "linkvet", "version": 1, "entries": {');
    const { cache, warning } = openCache(file, day);
    expect(warning).toContain(`\`${file}\``);
    expect(warning).toContain('not valid JSON');
    expect(cache.get('https://a.example/', t0)).toBeUndefined();
  });

  it('ignores JSON that linkvet did not write, and will not overwrite it', () => {
    const foreign = JSON.stringify({ name: 'my-package', version: 1, entries: {} });
    const file = cachePath(foreign);
    const { cache, warning } = openCache(file, day);
    expect(warning).toBe(
      `Ignoring the cache file \`${file}\`: it was not written by linkvet; it will be left as it is.`,
    );
    cache.set('https://a.example/', dead, t0);
    expect(cache.get('https://a.example/', t0)).toEqual(dead);
    expect(cache.save()).toContain(`Not writing the cache file \`${file}\``);
    expect(readFileSync(file, 'utf8')).toBe(foreign);
  });

  it('will not overwrite a non-empty file that is not JSON', () => {
    const file = cachePath('# My notes\n');
    const { cache } = openCache(file, day);
    cache.set('https://a.example/', dead, t0);
    expect(cache.save()).toContain('Not writing');
    expect(readFileSync(file, 'utf8')).toBe('# My notes\n');
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"linkvet"'],
    ['null', 'null'],
  ])('ignores %s at the top level', (_name, contents) => {
    const { cache, warning } = openCache(cachePath(contents), day);
    expect(warning).toContain('not written by linkvet');
    expect(cache.get('https://a.example/', t0)).toBeUndefined();
  });

  it('keeps a newer version of the format for the linkvet that wrote it, and runs without it', () => {
    const newer = fileOf({ 'https://a.example/': { outcome: dead, checkedAt: t0 } }, { version: 2 });
    const file = cachePath(newer);
    const { cache, warning } = openCache(file, day);
    expect(warning).toBe(
      `Ignoring the cache file \`${file}\`: it has version \`2\`, expected \`1\` (a newer linkvet wrote it); it will be left as it is.`,
    );
    expect(cache.get('https://a.example/', t0)).toBeUndefined();
    cache.set('https://b.example/', denied, t0);
    expect(cache.save()).toContain(`Not writing the cache file \`${file}\``);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('replaces an older version of the format on save', () => {
    const file = cachePath(fileOf({ 'https://a.example/': { outcome: dead, checkedAt: t0 } }, { version: 0 }));
    const { cache, warning } = openCache(file, day);
    expect(warning).toBe(`Ignoring the cache file \`${file}\`: it has version \`0\`, expected \`1\`.`);
    cache.set('https://b.example/', denied, t0);
    expect(cache.save()).toBeUndefined();
    expect(readJson(file)).toMatchObject({ version: 1, entries: { 'https://b.example/': { outcome: denied } } });
  });

  it('never quotes what the file holds, in a JSON error or a version it cannot read', () => {
    const secret = 'SECRET_API_KEY=abc123';
    for (const contents of [`${secret}\n`, `{"${secret}": `, fileOf({}, { version: secret })]) {
      const { warning } = openCache(cachePath(contents), day);
      expect(warning).toBeDefined();
      expect(warning).not.toContain('SECRET');
      expect(warning).not.toContain('abc123');
    }
  });

  it('rewrites a torn cache of its own on save, saying so', () => {
    const file = cachePath(fileOf({ 'https://a.example/': { outcome: dead, checkedAt: t0 } }).slice(0, 40));
    const { cache, warning } = openCache(file, day);
    expect(warning).toBe(
      `Ignoring the cache file \`${file}\`: it is not valid JSON (a write cut short); it will be rewritten.`,
    );
    cache.set('https://b.example/', denied, t0);
    expect(cache.save()).toBeUndefined();
    expect(opened(file).get('https://b.example/', t0)).toEqual(denied);
  });

  it('ignores a file without an entries object', () => {
    const { warning } = openCache(cachePath(JSON.stringify({ tool: 'linkvet', version: 1, entries: [] })), day);
    expect(warning).toContain('no `entries` object');
  });

  it('replaces an empty file on save', () => {
    const file = cachePath('');
    const { cache, warning } = openCache(file, day);
    expect(warning).toContain('not valid JSON');
    cache.set('https://a.example/', dead, t0);
    expect(cache.save()).toBeUndefined();
    expect(opened(file).get('https://a.example/', t0)).toEqual(dead);
  });

  it('ignores a path it cannot read as a file, and says so instead of throwing on save', () => {
    const file = cachePath();
    mkdirSync(file);
    const { cache, warning } = openCache(file, day);
    expect(warning).toContain(`Ignoring the cache file \`${file}\`: it cannot be read`);
    cache.set('https://a.example/', dead, t0);
    expect(cache.save()).toContain(`Not writing the cache file \`${file}\``);
    expect(statSync(file).isDirectory()).toBe(true);
  });
});

describe('openCache: malformed entries', () => {
  const good = { outcome: dead, checkedAt: t0 };
  const bad: Readonly<Record<string, unknown>> = {
    'not an object': 'dead',
    'no checkedAt': { outcome: dead },
    'string checkedAt': { outcome: dead, checkedAt: '2025-01-01' },
    'negative checkedAt': { outcome: dead, checkedAt: -1 },
    'no outcome': { checkedAt: t0 },
    'unknown type': { outcome: { ...dead, type: 'maybe' }, checkedAt: t0 },
    'unreachable outcome': { outcome: unreachable, checkedAt: t0 },
    'alive without finalUrl': { outcome: { type: 'alive', status: 200, chain: [], attempts: 1 }, checkedAt: t0 },
    'alive with numeric fragments': { outcome: { ...alive, fragments: { found: [1], missing: [] } }, checkedAt: t0 },
    'alive with fragments but no missing': { outcome: { ...alive, fragments: { found: [] } }, checkedAt: t0 },
    'alive stopped for an unknown reason': {
      outcome: { ...alive, fragments: { found: [], missing: [], stoppedAt: 'boredom' } },
      checkedAt: t0,
    },
    'dead with an unknown error': { outcome: { ...dnsDead, error: 'gremlins' }, checkedAt: t0 },
    'dead with a string status': { outcome: { ...dead, status: '404' }, checkedAt: t0 },
    'denied without status': { outcome: { type: 'denied', chain: [], attempts: 1 }, checkedAt: t0 },
    'chain not an array': { outcome: { ...dead, chain: {} }, checkedAt: t0 },
    'hop without url': { outcome: { ...dead, chain: [{ status: 301 }] }, checkedAt: t0 },
    'fractional attempts': { outcome: { ...dead, attempts: 1.5 }, checkedAt: t0 },
  };

  it('drops each malformed entry, keeps the good ones, and counts the dropped ones', () => {
    const file = cachePath(fileOf({ 'https://good.example/': good, ...bad }));
    const { cache, warning } = openCache(file, day);
    expect(warning).toBe(`Dropped ${Object.keys(bad).length} malformed entries from the cache file \`${file}\`.`);
    expect(cache.get('https://good.example/', t0)).toEqual(dead);
    for (const url of Object.keys(bad)) expect(cache.get(url, t0), url).toBeUndefined();
  });

  it('rewrites the file without them on save', () => {
    const file = cachePath(fileOf({ 'https://good.example/': good, ...bad }));
    expect(openCache(file, day).cache.save()).toBeUndefined();
    expect(readJson(file)).toEqual(JSON.parse(fileOf({ 'https://good.example/': good })));
  });

  it('keeps only the known fields of a good entry', () => {
    const file = cachePath(
      fileOf({ 'https://a.example/': { outcome: { ...dead, extra: 'x' }, checkedAt: t0, note: 'hi' } }),
    );
    expect(opened(file).get('https://a.example/', t0)).toEqual(dead);
  });
});

describe('openCache: fragment answers', () => {
  it('reads back an id-limit stop with the answers it had', () => {
    const stopped: CacheableOutcome = { ...alive, fragments: { found: ['a'], missing: [], stoppedAt: 'id-limit' } };
    const file = cachePath(fileOf({ 'https://a.example/': { outcome: stopped, checkedAt: t0 } }));
    expect(opened(file).get('https://a.example/', t0)).toEqual(stopped);
  });

  it("reads an older linkvet's entry listing every id of the page as alive with no fragment answers, and drops the list on save", () => {
    const withoutAnswers: CacheableOutcome = {
      type: 'alive',
      status: 200,
      finalUrl: 'https://a.example/',
      chain: [],
      attempts: 1,
    };
    const old = { ...withoutAnswers, ids: ['install', 'usage', 'faq'] };
    const file = cachePath(fileOf({ 'https://a.example/': { outcome: old, checkedAt: t0 } }));
    const cache = opened(file);
    expect(cache.get('https://a.example/', t0)).toEqual(withoutAnswers);
    cache.set('https://b.example/', dead, t0);
    expect(cache.save()).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toContain('"ids"');
  });
});

describe('memoryCache', () => {
  it('remembers outcomes without a file and without expiry', () => {
    const cache = memoryCache();
    cache.set('https://a.example/', alive, t0);
    expect(cache.get('https://a.example/', t0 + 365 * day)).toEqual(alive);
    expect(cache.save()).toBeUndefined();
  });

  it('never stores an unreachable outcome', () => {
    const cache = memoryCache();
    cache.set('https://a.example/', unreachable, t0);
    expect(cache.get('https://a.example/', t0)).toBeUndefined();
  });
});
