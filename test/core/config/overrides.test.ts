import { describe, expect, it } from 'vitest';
import { defaults } from '../../../src/core/config/defaults.js';
import { loadConfig } from '../../../src/core/config/load-config.js';
import { configKeys, validateOptions } from '../../../src/core/config/validate-options.js';
import { buildReport } from '../../../src/core/report/build-report.js';
import type { Violation } from '../../../src/core/types.js';
import { rejection, source } from '../../helpers/config.js';
import { makeTree } from '../../helpers/tree.js';

describe('overrides: accepted values', () => {
  it('is a config key, empty by default', () => {
    expect(configKeys).toContain('overrides');
    expect(defaults.overrides).toEqual([]);
  });

  it('reads globs and rule severities', () => {
    const raw = {
      overrides: [
        { files: ['docs/legacy/**', 'CHANGELOG.md'], rules: { 'missing-fragment': 'off', 'dead-link': 'warning' } },
        { files: 'docs/api/**', rules: {} },
      ],
    };
    expect(validateOptions(raw, source)).toEqual({
      overrides: [
        { files: ['docs/legacy/**', 'CHANGELOG.md'], rules: { 'missing-fragment': 'off', 'dead-link': 'warning' } },
        { files: ['docs/api/**'], rules: {} },
      ],
    });
  });

  it('reaches the loaded config from a YAML file', () => {
    const root = makeTree({
      '.linkvet.yml': 'overrides:\n  - files: ["docs/legacy/**"]\n    rules: { missing-fragment: off }\n',
    });
    expect(loadConfig({ cwd: root, root }).overrides).toEqual([
      { files: ['docs/legacy/**'], rules: { 'missing-fragment': 'off' } },
    ]);
  });
});

describe('overrides: errors', () => {
  it('names the key and the closest rule for an unknown rule', () => {
    const error = rejection({ overrides: [{ files: ['a/**'], rules: { 'mising-fragment': 'off' } }] });
    expect(error.message).toBe(
      'cfg.yml: unknown key `overrides[0].rules.mising-fragment`; did you mean `missing-fragment`?',
    );
    expect(error.location).toEqual({ file: 'cfg.yml', key: 'overrides[0].rules.mising-fragment' });
  });

  it('rejects a bad severity with its full key', () => {
    expect(rejection({ overrides: [{ files: ['a/**'], rules: { 'dead-link': 'quiet' } }] }).message).toBe(
      'cfg.yml: `overrides[0].rules.dead-link` must be one of `error`, `warning`, `notice`, `off`, got `quiet`',
    );
  });

  it('rejects a bad glob as `include` does', () => {
    expect(rejection({ overrides: [{ files: ['docs/[legacy'], rules: {} }] }).message).toMatch(
      /^cfg\.yml: `overrides\[0\]\.files\[0\]` must be a valid glob \(/,
    );
    expect(rejection({ overrides: [{ files: ['../elsewhere/**'], rules: {} }] }).message).toBe(
      'cfg.yml: `overrides[0].files[0]` must be a glob relative to the root, without a leading `/` or `..`, got `../elsewhere/**`',
    );
  });

  it.each([
    [
      { overrides: [{ files: ['a/**'], rules: ['dead-link'] }] },
      '`overrides[0].rules` must be a mapping of keys to values, got a list',
    ],
    [{ overrides: [{ files: ['a/**'] }] }, '`overrides[0].rules` must be a mapping of keys to values, got `undefined`'],
    [{ overrides: [{ rules: {} }] }, '`overrides[0].files` must be a list of at least one glob, got `undefined`'],
    [{ overrides: [{ files: [], rules: {} }] }, '`overrides[0].files` must be a list of at least one glob, got a list'],
    [{ overrides: [{ files: [3], rules: {} }] }, '`overrides[0].files[0]` must be a non-empty string, got `3`'],
    [{ overrides: ['docs/**'] }, '`overrides[0]` must be a mapping of keys to values, got `docs/**`'],
  ])('rejects the wrong type in %j', (raw, message) => {
    const error = rejection(raw);
    expect(error.code).toBe('config');
    expect(error.message).toBe(`cfg.yml: ${message}`);
  });

  it('rejects an unknown key in an override, suggesting the closest', () => {
    expect(rejection({ overrides: [{ file: ['a/**'], rules: {} }] }).message).toBe(
      'cfg.yml: unknown key `overrides[0].file`; did you mean `files`?',
    );
  });
});

describe('overrides: in a report', () => {
  it('change severities only in the files they match', () => {
    const root = makeTree({
      '.linkvet.yml':
        'rules: { missing-file: warning }\noverrides:\n  - files: ["docs/legacy/**"]\n    rules: { missing-file: off }\n',
    });
    const span = { start: { line: 1, column: 1 }, end: { line: 1, column: 16 } };
    const gone = (file: string): Violation => ({
      rule: 'missing-file',
      file,
      span,
      url: 'gone.md',
      text: 'gone',
      message: '',
    });
    const report = buildReport({
      config: loadConfig({ cwd: root, root }),
      files: 2,
      classified: [],
      violations: [gone('README.md'), gone('docs/legacy/old.md')],
      warnings: [],
      anchors: [],
      durationMs: 0,
    });
    expect(report.findings.map(({ file, severity }) => `${file} ${severity}`)).toEqual(['README.md warning']);
  });
});
