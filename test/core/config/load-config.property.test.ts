import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/core/config/load-config.js';
import type { Config } from '../../../src/core/config/options.js';
import { LinkvetError } from '../../../src/core/errors.js';
import { fuzzParameters } from '../../helpers/markdown-arbitraries.js';

const root = mkdtempSync(path.join(tmpdir(), 'linkvet-config-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Real keys, near misses and nested paths, so that both the accepting and the refusing paths run. */
const key = fc.constantFrom(
  'include',
  'exclude',
  'timeout',
  'retries',
  'concurrency',
  'maxFileSize',
  'ignoreUrls',
  'remap',
  'accept',
  'headers',
  'cache',
  'anchors',
  'rules',
  'overrides',
  'failOn',
  'repository',
  'references',
  'archive',
  'timout',
  'Include',
  'maxfilesize',
  '__proto__',
  'constructor',
);

/** Values of the wrong and right types: huge and negative numbers, bad durations and regexes, nesting. */
const leaf = fc.oneof(
  fc.constantFrom(
    '1s',
    '-5s',
    '10ms',
    '1e400',
    '(',
    '[a-',
    '*',
    '**/*.md',
    'error',
    'off',
    '200-299',
    'owner/repo',
    '',
  ),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 53),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('node'), { maxLength: 3 }),
  object: fc.dictionary(fc.oneof(key, fc.constantFrom('from', 'to', 'enabled', 'maxAge', 'files')), tie('node'), {
    maxKeys: 3,
  }),
})).node;

const configObject = fc.dictionary(key, value, { maxKeys: 5 });

/** Documents no generator of values would write: alias bombs, deep nesting, BOMs, broken syntax. */
function billionLaughs(levels: number): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= levels; level++) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => previous).join(', ')}]`);
  }
  return `${lines.join('\n')}\ninclude: *a${levels}\n`;
}

const hostileYaml = fc.oneof(
  fc.integer({ min: 1, max: 9 }).map(billionLaughs),
  fc.integer({ min: 10, max: 20_000 }).map((depth) => `include: ${'['.repeat(depth)}${']'.repeat(depth)}\n`),
  fc.integer({ min: 10, max: 5_000 }).map((depth) => `${'- '.repeat(depth)}x\n`),
  fc.constantFrom(
    '\uFEFFtimeout: 5s\n',
    'timeout: [\n',
    'a: b: c\n',
    '{{{',
    '!!js/function x\n',
    'include: !!binary AAAA\n',
  ),
  fc.constantFrom('key: &x 1\nkey: *x\n', 'retries: *undefined\n', 'rules: {missing-file: loud}\n'),
);

type Written = { readonly name: string; readonly bytes: Buffer };

const document: fc.Arbitrary<Written> = fc.oneof(
  configObject.map((object) => ({ name: '.linkvet.json', bytes: Buffer.from(JSON.stringify(object)) })),
  configObject.map((object) => ({ name: '.linkvet.yml', bytes: Buffer.from(stringify(object)) })),
  hostileYaml.map((text) => ({ name: '.linkvet.yml', bytes: Buffer.from(text) })),
  fc.integer({ min: 10, max: 20_000 }).map((depth) => ({
    name: '.linkvet.json',
    bytes: Buffer.from(`{"include": ${'['.repeat(depth)}${']'.repeat(depth)}}`),
  })),
  fc.uint8Array({ maxLength: 40 }).map((noise) => ({
    name: '.linkvet.yml',
    bytes: Buffer.concat([Buffer.from('timeout: "'), Buffer.from([0xff, 0xfe, 0xc3]), noise, Buffer.from('"\n')]),
  })),
);

type Outcome = { readonly config: Config } | { readonly error: unknown };

function load(written: Written): Outcome {
  const file = path.join(root, written.name);
  writeFileSync(file, written.bytes);
  try {
    return { config: loadConfig({ cwd: root, root, configFile: file }) };
  } catch (error) {
    return { error };
  } finally {
    rmSync(file, { force: true });
  }
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof RegExp) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('loadConfig properties', () => {
  it('loads a frozen config or fails with a LinkvetError naming the file and the key, for any document', () => {
    fc.assert(
      fc.property(document, (written) => {
        const outcome = load(written);
        if ('config' in outcome) {
          expect(isDeeplyFrozen(outcome.config)).toBe(true);
          return;
        }
        expect(outcome.error).toBeInstanceOf(LinkvetError);
        const error = outcome.error as LinkvetError;
        expect(error.message).toContain(written.name);
        if (error.location.key !== undefined) expect(error.message).toContain(error.location.key);
      }),
      fuzzParameters(250),
    );
  });

  it('refuses a YAML alias bomb quickly, with a LinkvetError', () => {
    const started = performance.now();
    const outcome = load({ name: '.linkvet.yml', bytes: Buffer.from(billionLaughs(9)) });
    expect('error' in outcome && outcome.error).toBeInstanceOf(LinkvetError);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
