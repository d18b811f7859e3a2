import { describe, expect, it } from 'vitest';
import { configKeys, validateOptions } from '../../../src/core/config/validate-options.js';
import { LinkvetError } from '../../../src/core/errors.js';
import { ruleIds } from '../../../src/core/rules/registry.js';
import { rejection, source } from '../../helpers/config.js';

describe('validateOptions: accepted values', () => {
  it('knows every key of the config file contract', () => {
    expect(configKeys).toEqual(
      expect.arrayContaining([
        'include',
        'exclude',
        'ignoreUrls',
        'remap',
        'offline',
        'timeout',
        'retries',
        'concurrency',
        'perHostConcurrency',
        'maxPerHostConcurrency',
        'urlBudget',
        'maxRunTime',
        'accept',
        'externalFragments',
        'cache',
        'denyDomains',
        'denyFile',
        'anchors',
        'references',
        'rules',
      ]),
    );
  });

  it('returns no settings for an empty file', () => {
    expect(validateOptions(null, source)).toEqual({});
    expect(validateOptions(undefined, source)).toEqual({});
    expect(validateOptions({}, source)).toEqual({});
  });

  it('sets only the keys the file names', () => {
    expect(validateOptions({ retries: 0, offline: true }, source)).toEqual({ retries: 0, offline: true });
  });

  it('maps durations to milliseconds under their Config names', () => {
    expect(validateOptions({ timeout: '10s', cache: { maxAge: '1d' } }, source)).toEqual({
      timeoutMs: 10_000,
      cache: { enabled: true, maxAgeMs: 86_400_000 },
    });
    expect(validateOptions({ timeout: 750 }, source)).toEqual({ timeoutMs: 750 });
    expect(validateOptions({ timeout: '500ms' }, source)).toEqual({ timeoutMs: 500 });
  });

  it('reads the scheduling keys: the per-host ceiling, the per-URL budget and the run budget', () => {
    expect(validateOptions({ maxPerHostConcurrency: 16, urlBudget: '45s', maxRunTime: '10m' }, source)).toEqual({
      maxPerHostConcurrency: 16,
      urlBudgetMs: 45_000,
      maxRunTimeMs: 600_000,
    });
    expect(validateOptions({ urlBudget: 2500 }, source)).toEqual({ urlBudgetMs: 2500 });
  });

  it('reads sizes in bytes', () => {
    expect(validateOptions({ maxFileSize: '5MB' }, source)).toEqual({ maxFileSize: 5 * 1024 * 1024 });
    expect(validateOptions({ maxFileSize: '64kb' }, source)).toEqual({ maxFileSize: 64 * 1024 });
    expect(validateOptions({ maxFileSize: 4096 }, source)).toEqual({ maxFileSize: 4096 });
  });

  it('reads statuses, ranges and { from, to } objects', () => {
    expect(validateOptions({ accept: ['200-299', 403] }, source)).toEqual({
      accept: [
        { from: 200, to: 299 },
        { from: 403, to: 403 },
      ],
    });
    expect(validateOptions({ accept: 429 }, source)).toEqual({ accept: [{ from: 429, to: 429 }] });
  });

  it('takes a single value where a list is expected as a list of one', () => {
    expect(validateOptions({ include: 'docs/**/*.md', denyDomains: 'spam.example' }, source)).toEqual({
      include: ['docs/**/*.md'],
      denyDomains: ['spam.example'],
    });
  });

  it('compiles ignoreUrls and remap patterns', () => {
    const options = validateOptions(
      { ignoreUrls: ['^https://localhost'], remap: [{ from: '^https://old\\.site/', to: 'https://new.site/' }] },
      source,
    );
    expect(options.ignoreUrls?.[0]?.test('https://localhost:3000/')).toBe(true);
    expect(options.remap?.[0]?.from.test('https://old.site/a')).toBe(true);
    expect(options.remap?.[0]?.to).toBe('https://new.site/');
  });

  it('reads nested anchors, cache and references objects', () => {
    expect(
      validateOptions(
        {
          anchors: { minLinks: 3, maxShare: 0.5, genericPhrases: ['go'], brandTerms: ['Acme'] },
          cache: { enabled: true, path: '.cache.json' },
          references: { shortcut: true },
        },
        source,
      ),
    ).toEqual({
      anchors: { minLinks: 3, maxShare: 0.5, genericPhrases: ['go'], brandTerms: ['Acme'] },
      cache: { enabled: true, path: '.cache.json' },
      references: { shortcut: true },
    });
  });

  it('accepts every rule id with every severity', () => {
    const rules = Object.fromEntries(
      ruleIds.map((id, index) => [id, ['error', 'warning', 'notice', 'off'][index % 4]]),
    );
    expect(validateOptions({ rules }, source)).toEqual({ rules });
  });

  it('reads failOn', () => {
    expect(validateOptions({ failOn: 'never' }, source)).toEqual({ failOn: 'never' });
  });
});

describe('validateOptions: errors', () => {
  it('are config errors that name the file and the key', () => {
    const error = rejection({ offline: 'yes' });
    expect(error).toBeInstanceOf(LinkvetError);
    expect(error.code).toBe('config');
    expect(error.message).toBe('cfg.yml: `offline` must be `true` or `false`, got `yes`');
    expect(error.location).toEqual({ file: 'cfg.yml', key: 'offline' });
  });

  it('suggest the closest known key for an unknown one', () => {
    expect(rejection({ timout: '10s' }).message).toBe('cfg.yml: unknown key `timout`; did you mean `timeout`?');
    expect(rejection({ Include: ['*.md'] }).message).toBe('cfg.yml: unknown key `Include`; did you mean `include`?');
    expect(rejection({ ignoreUrl: [] }).message).toBe('cfg.yml: unknown key `ignoreUrl`; did you mean `ignoreUrls`?');
  });

  it('list the known keys when nothing is close', () => {
    const error = rejection({ colour: 'red' });
    expect(error.message).toMatch(/^cfg\.yml: unknown key `colour`; known keys: include, exclude, /);
    expect(error.location.key).toBe('colour');
  });

  it('give the full path of an unknown nested key', () => {
    const error = rejection({ anchors: { minLink: 3 } });
    expect(error.message).toBe('cfg.yml: unknown key `anchors.minLink`; did you mean `minLinks`?');
    expect(error.location).toEqual({ file: 'cfg.yml', key: 'anchors.minLink' });
    expect(rejection({ cache: { max_age: '1d' } }).message).toBe(
      'cfg.yml: unknown key `cache.max_age`; did you mean `maxAge`?',
    );
    expect(rejection({ references: { shortcuts: true } }).message).toBe(
      'cfg.yml: unknown key `references.shortcuts`; did you mean `shortcut`?',
    );
  });

  it('reject an unknown key in a remap entry', () => {
    expect(rejection({ remap: [{ from: 'a', tto: 'b' }] }).message).toBe(
      'cfg.yml: unknown key `remap[0].tto`; did you mean `to`?',
    );
  });

  it('reject an unknown rule id, suggesting the closest', () => {
    const error = rejection({ rules: { 'naked-urls': 'off' } });
    expect(error.message).toBe('cfg.yml: unknown key `rules.naked-urls`; did you mean `naked-url`?');
    expect(error.location.key).toBe('rules.naked-urls');
    expect(rejection({ rules: { 'no-such-rule-at-all': 'off' } }).message).toMatch(
      /^cfg\.yml: unknown key `rules\.no-such-rule-at-all`; known keys: missing-file, /,
    );
  });

  it('reject an unknown severity', () => {
    expect(rejection({ rules: { 'naked-url': 'loud' } }).message).toBe(
      'cfg.yml: `rules.naked-url` must be one of `error`, `warning`, `notice`, `off`, got `loud`',
    );
    expect(rejection({ rules: { 'naked-url': false } }).message).toBe(
      'cfg.yml: `rules.naked-url` must be one of `error`, `warning`, `notice`, `off`, got `false`',
    );
  });

  it.each([
    [{ retries: 'two' }, '`retries` must be a whole number of at least 0, got `two`'],
    [{ retries: -1 }, '`retries` must be a whole number of at least 0, got `-1`'],
    [{ retries: 1.5 }, '`retries` must be a whole number of at least 0, got `1.5`'],
    [{ concurrency: 0 }, '`concurrency` must be a whole number of at least 1, got `0`'],
    [{ perHostConcurrency: '4' }, '`perHostConcurrency` must be a whole number of at least 1, got `4`'],
    [{ maxPerHostConcurrency: 0 }, '`maxPerHostConcurrency` must be a whole number of at least 1, got `0`'],
    [{ urlBudget: '0s' }, '`urlBudget` must be a duration above zero such as `30s` or `10m`, got `0s`'],
    [{ maxRunTime: 0 }, '`maxRunTime` must be a duration above zero such as `30s` or `10m`, got `0`'],
    [
      { maxRunTime: 'forever' },
      '`maxRunTime` must be a duration such as `10s`, `500ms`, `1d` or a number of milliseconds, got `forever`',
    ],
    [{ externalFragments: 1 }, '`externalFragments` must be `true` or `false`, got `1`'],
    [{ anchors: { maxShare: 1.5 } }, '`anchors.maxShare` must be a number above 0 and at most 1, got `1.5`'],
    [{ anchors: { maxShare: 0 } }, '`anchors.maxShare` must be a number above 0 and at most 1, got `0`'],
    [{ anchors: { minLinks: 0 } }, '`anchors.minLinks` must be a whole number of at least 1, got `0`'],
    [{ anchors: 5 }, '`anchors` must be a mapping of keys to values, got `5`'],
    [{ cache: ['a'] }, '`cache` must be a mapping of keys to values, got a list'],
    [{ cache: { path: '' } }, '`cache.path` must be a non-empty string, got ``'],
    [{ denyFile: null }, '`denyFile` must be a non-empty string, got `null`'],
    [{ failOn: 'sometimes' }, '`failOn` must be one of `error`, `warning`, `notice`, `never`, got `sometimes`'],
    [{ rules: ['naked-url'] }, '`rules` must be a mapping of keys to values, got a list'],
    [{ remap: [{ from: '^a' }] }, '`remap[0].to` must be a non-empty string, got `undefined`'],
    [{ anchors: { brandTerms: ['Acme', 3] } }, '`anchors.brandTerms[1]` must be a non-empty string, got `3`'],
  ])('reject %j', (raw, message) => {
    const error = rejection(raw);
    expect(error.code).toBe('config');
    expect(error.message).toBe(`cfg.yml: ${message}`);
  });

  it.each(['soon', '10 parsecs', '-5s', '', '1w'])('reject the duration %j', (value) => {
    expect(rejection({ timeout: value }).message).toMatch(
      /^cfg\.yml: `timeout` must be a duration such as `10s`, `500ms`, `1d` or a number of milliseconds, got /,
    );
  });

  it('reject a negative number of milliseconds', () => {
    expect(rejection({ cache: { maxAge: -1 } }).message).toMatch(/^cfg\.yml: `cache\.maxAge` must be a duration/);
  });

  it.each(['big', '5 furlongs', '5TB', -1])('reject the size %j', (value) => {
    expect(rejection({ maxFileSize: value }).message).toMatch(
      /^cfg\.yml: `maxFileSize` must be a size such as `5MB`, `512KB` or a number of bytes, got /,
    );
  });

  it.each([99, 600, '299-200', '2xx', 200.5])('reject the status %j', (value) => {
    expect(rejection({ accept: [200, value] }).message).toMatch(
      /^cfg\.yml: `accept\[1\]` must be an HTTP status or a range such as `200-299`, got /,
    );
  });

  it('reject a bad regex in ignoreUrls, naming the entry', () => {
    const error = rejection({ ignoreUrls: ['^https://ok', '(unclosed'] });
    expect(error.message).toMatch(
      /^cfg\.yml: `ignoreUrls\[1\]` must be a valid regular expression \(.+\), got `\(unclosed`$/,
    );
    expect(error.location).toEqual({ file: 'cfg.yml', key: 'ignoreUrls[1]' });
  });

  it('reject a bad regex in remap', () => {
    expect(rejection({ remap: [{ from: '[a-', to: 'x' }] }).message).toMatch(
      /^cfg\.yml: `remap\[0\]\.from` must be a valid regular expression/,
    );
  });

  it('reject a glob with an unbalanced bracket', () => {
    const error = rejection({ include: ['[abc'] });
    expect(error.message).toMatch(/^cfg\.yml: `include\[0\]` must be a valid glob \(.+\), got `\[abc`$/);
    expect(error.location.key).toBe('include[0]');
    expect(rejection({ exclude: ['ok/**', 'docs/[a-z.md'] }).message).toMatch(/`exclude\[1\]` must be a valid glob/);
  });

  it('reject globs that leave the root', () => {
    for (const glob of ['/etc/**/*.md', '../other/**', 'docs/../../x.md']) {
      expect(rejection({ include: [glob] }).message).toBe(
        `cfg.yml: \`include[0]\` must be a glob relative to the root, without a leading \`/\` or \`..\`, got \`${glob}\``,
      );
    }
  });

  it('reject an empty glob', () => {
    expect(rejection({ exclude: [''] }).message).toBe('cfg.yml: `exclude[0]` must be a non-empty string, got ``');
  });

  it('reject a top level that is not a mapping', () => {
    expect(rejection(['include']).message).toBe(
      'cfg.yml: `(top level)` must be a mapping of keys to values, got a list',
    );
    expect(rejection('include: x').message).toBe(
      'cfg.yml: `(top level)` must be a mapping of keys to values, got `include: x`',
    );
  });
});
