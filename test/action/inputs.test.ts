import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readInputs } from '../../src/action/inputs.js';
import { LinkvetError } from '../../src/core/index.js';
import { repositoryRoot } from '../helpers/cli.js';

type Env = Record<string, string>;

/** The environment the runner sets for these inputs (`INPUT_` + upper-cased name). */
function inputs(values: Readonly<Record<string, string>>): Env {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
}

/** The LinkvetError readInputs throws for these inputs. */
function failure(values: Readonly<Record<string, string>>): LinkvetError {
  try {
    readInputs(inputs(values));
  } catch (error) {
    if (error instanceof LinkvetError) return error;
    throw error;
  }
  throw new Error(`readInputs accepted ${JSON.stringify(values)}`);
}

const defaults = {
  paths: [],
  flags: {},
  onlyChanged: 'all',
  comment: true,
  annotations: true,
  summary: true,
  suggestions: false,
  cache: false,
  token: '',
};

describe('readInputs defaults', () => {
  it('reads an empty environment as every default', () => {
    expect(readInputs({})).toStrictEqual(defaults);
  });

  it("reads action.yml's declared defaults, as the runner passes them, the same way", () => {
    const action = parse(readFileSync(`${repositoryRoot}/action.yml`, 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const declared = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [name, name === 'github-token' ? 'ghs_x' : input.default]),
    );
    expect(Object.keys(declared)).toContain('only-changed');
    expect(readInputs(inputs(declared as Record<string, string>))).toStrictEqual({ ...defaults, token: 'ghs_x' });
  });

  it('treats blank and whitespace-only values as unset', () => {
    expect(
      readInputs(inputs({ comment: '  ', config: ' ', report: '', sarif: '\n', 'from-report': ' ', shard: ' ' })),
    ).toStrictEqual(defaults);
  });

  it('passes config, report, sarif, from-report and github-token through, trimmed', () => {
    const read = readInputs(
      inputs({
        config: ' ci/linkvet.yml ',
        report: 'out/report.json',
        sarif: 'out/linkvet.sarif',
        'from-report': ' linkvet-report.json\n',
        'github-token': ' ghs_token ',
      }),
    );
    expect(read).toMatchObject({
      configFile: 'ci/linkvet.yml',
      reportPath: 'out/report.json',
      sarifPath: 'out/linkvet.sarif',
      fromReport: ['linkvet-report.json'],
      token: 'ghs_token',
    });
  });
});

describe('readInputs booleans', () => {
  const names = ['comment', 'annotations', 'summary', 'suggestions', 'cache'] as const;

  it.each(['true', 'TRUE', 'yes', 'on', '1', ' True '])('reads `%s` as true', (value) => {
    const read = readInputs(inputs(Object.fromEntries([...names, 'offline'].map((name) => [name, value]))));
    for (const name of names) expect(read[name], name).toBe(true);
    expect(read.flags.offline).toBe(true);
  });

  it.each(['false', 'False', 'no', 'off', '0'])('reads `%s` as false', (value) => {
    const read = readInputs(inputs(Object.fromEntries([...names, 'offline'].map((name) => [name, value]))));
    for (const name of names) expect(read[name], name).toBe(false);
    expect(read.flags).not.toHaveProperty('offline');
  });

  it.each([...names, 'offline'])('names `%s` when its value is not a boolean', (name) => {
    const error = failure({ [name]: 'maybe' });
    expect(error.message).toBe(`input '${name}' must be true or false, got \`maybe\``);
    expect(error.code).toBe('usage');
    expect(error.location.key).toBe(name);
  });
});

describe('readInputs only-changed', () => {
  it.each([
    ['', 'all'],
    ['false', 'all'],
    ['no', 'all'],
    ['true', 'files'],
    ['on', 'files'],
    ['lines', 'lines'],
    ['Lines', 'lines'],
    [' LINES ', 'lines'],
  ])('reads `%s` as %s', (value, scope) => {
    expect(readInputs(inputs({ 'only-changed': value })).onlyChanged).toBe(scope);
  });

  it('names the input and its three choices for anything else', () => {
    const error = failure({ 'only-changed': 'files' });
    expect(error.message).toBe("input 'only-changed' must be true, false or lines, got `files`");
    expect(error.location.key).toBe('only-changed');
  });
});

describe('readInputs paths and exclude', () => {
  it('takes one path per line, keeping spaces inside a line and skipping blanks and # comments', () => {
    const paths = 'docs\n\n  README.md  \n# not this one\nguides/getting started.md\r\nCHANGELOG.md\n';
    expect(readInputs(inputs({ paths })).paths).toEqual([
      'docs',
      'README.md',
      'guides/getting started.md',
      'CHANGELOG.md',
    ]);
  });

  it('splits a single line on spaces', () => {
    expect(readInputs(inputs({ paths: 'docs  README.md\tguides ' })).paths).toEqual(['docs', 'README.md', 'guides']);
  });

  it('sorts exclude into globs and regexes, one per line', () => {
    const { flags } = readInputs(inputs({ exclude: 'drafts/**\n^https://example\\.com/\n/internal/\n# comment\n' }));
    expect(flags.exclude).toEqual(['drafts/**']);
    expect(flags.excludePatterns?.map((pattern) => pattern.source)).toEqual([
      '^https:\\/\\/example\\.com\\/',
      'internal',
    ]);
    expect(flags.excludePatterns?.[0]?.test('https://example.com/page')).toBe(true);
  });

  it('splits a single exclude line on spaces', () => {
    const { flags } = readInputs(inputs({ exclude: 'drafts/** archive/*.md' }));
    expect(flags.exclude).toEqual(['drafts/**', 'archive/*.md']);
    expect(flags.excludePatterns).toEqual([]);
  });

  it('names the input for an exclude that is not a valid regex', () => {
    const error = failure({ exclude: 'docs/**\n^(unclosed' });
    expect(error.message).toContain("input 'exclude'");
    expect(error.message).toContain('`^(unclosed`');
    expect(error.message).toContain('not a valid regular expression');
  });
});

describe('readInputs fail-on and shard', () => {
  it.each(['error', 'warning', 'notice', 'never'])('accepts fail-on `%s`', (failOn) => {
    expect(readInputs(inputs({ 'fail-on': failOn })).flags.failOn).toBe(failOn);
  });

  it.each(['fatal', 'Error', 'errors'])('names fail-on and its choices for `%s`', (failOn) => {
    const error = failure({ 'fail-on': failOn });
    expect(error.message).toBe(`input 'fail-on' must be one of error, warning, notice, never, got \`${failOn}\``);
    expect(error.location.key).toBe('fail-on');
  });

  it('reads shard i/n', () => {
    expect(readInputs(inputs({ shard: ' 2/4 ' })).flags.shard).toEqual({ index: 2, count: 4 });
    expect(readInputs(inputs({ shard: '1/1' })).flags.shard).toEqual({ index: 1, count: 1 });
  });

  it.each(['5/4', '0/3', '2', 'two/four', '1/0'])('names shard for `%s`', (shard) => {
    const error = failure({ shard });
    expect(error.message).toContain("input 'shard' must be i/n");
    expect(error.message).toContain(`\`${shard}\``);
  });
});

describe('readInputs block-private', () => {
  it('turns blockPrivate on with `true` and leaves it unset by default', () => {
    expect(readInputs(inputs({ 'block-private': 'true' })).flags).toStrictEqual({ blockPrivate: true });
    expect(readInputs(inputs({ 'block-private': 'false' })).flags).toStrictEqual({});
  });

  it('names the input when its value is not a boolean', () => {
    const error = failure({ 'block-private': 'maybe' });
    expect(error.message).toBe("input 'block-private' must be true or false, got `maybe`");
    expect(error.location.key).toBe('block-private');
  });
});
