import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../../src/core/config/defaults.js';
import { loadConfig, type ConfigRequest } from '../../../src/core/config/load-config.js';
import type { Config } from '../../../src/core/config/options.js';
import { LinkvetError } from '../../../src/core/errors.js';
import { check, places } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** Loads the config of a tree, with the tree as cwd and root unless the request says otherwise. */
function load(root: string, request: Partial<ConfigRequest> = {}): Config {
  return loadConfig({ cwd: root, root, ...request });
}

/** The `LinkvetError` an action throws; fails the test when it throws nothing or something else. */
function thrown(action: () => unknown): LinkvetError {
  try {
    action();
  } catch (error) {
    if (error instanceof LinkvetError) return error;
    throw error;
  }
  throw new Error('expected a LinkvetError, but nothing was thrown');
}

describe('loadConfig: where settings come from', () => {
  it('uses the defaults when there is no config file', () => {
    const root = makeTree({ 'README.md': '# Hi\n' });
    const config = load(root);
    expect(config).toEqual({
      ...defaults,
      root,
      paths: [],
      localRefs: ['HEAD', 'main', 'master'],
      deny: { domains: [], urls: [] },
    });
    expect(config.configFile).toBeUndefined();
    expect(config).toMatchObject({
      include: ['**/*.md', '**/*.markdown'],
      exclude: ['**/node_modules/**'],
      timeoutMs: 10_000,
      retries: 2,
      perHostConcurrency: 8,
      maxPerHostConcurrency: 32,
      maxFileSize: 32 * 1024 * 1024,
      accept: [{ from: 200, to: 299 }],
      cache: { enabled: false, path: '.linkvet-cache.json', maxAgeMs: 86_400_000 },
      failOn: 'error',
    });
  });

  it('reads .linkvet.yml before .linkvet.yaml and .linkvet.json', () => {
    const root = makeTree({
      '.linkvet.yml': 'retries: 1\n',
      '.linkvet.yaml': 'retries: 2\n',
      '.linkvet.json': '{ "retries": 3 }',
    });
    expect(load(root)).toMatchObject({ retries: 1, configFile: '.linkvet.yml' });
  });

  it('reads .linkvet.yaml before .linkvet.json', () => {
    const root = makeTree({ '.linkvet.yaml': 'retries: 2\n', '.linkvet.json': '{ "retries": 3 }' });
    expect(load(root)).toMatchObject({ retries: 2, configFile: '.linkvet.yaml' });
  });

  it('reads .linkvet.json as JSON when it is the only config file', () => {
    const root = makeTree({ '.linkvet.json': '{ "retries": 3, "timeout": "3s", "rules": { "naked-url": "off" } }' });
    expect(load(root)).toMatchObject({
      retries: 3,
      timeoutMs: 3000,
      rules: { 'naked-url': 'off' },
      configFile: '.linkvet.json',
    });
  });

  it('looks for the config file in the root, not in the directory it runs from', () => {
    const root = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.linkvet.yml': 'retries: 5\n', 'docs/a.md': '' });
    const config = loadConfig({ cwd: path.join(root, 'docs') });
    expect(config).toMatchObject({ root, retries: 5, configFile: '.linkvet.yml' });
  });

  it('ignores a config file that only sits in a subdirectory', () => {
    const root = makeTree({ 'docs/.linkvet.yml': 'retries: 5\n' });
    expect(load(root).retries).toBe(2);
  });

  it('reads the file given to --config, resolved from cwd, instead of the root one', () => {
    const root = makeTree({ '.linkvet.yml': 'retries: 1\n', 'ci/linkvet.yml': 'retries: 7\n', 'docs/a.md': '' });
    const config = load(root, { cwd: path.join(root, 'docs'), configFile: '../ci/linkvet.yml' });
    expect(config).toMatchObject({ retries: 7, configFile: 'ci/linkvet.yml' });
  });

  it('parses a --config file ending in .json as JSON', () => {
    const root = makeTree({ 'settings.json': '{ "offline": true }' });
    expect(load(root, { configFile: 'settings.json' })).toMatchObject({ offline: true, configFile: 'settings.json' });
  });

  it('reads a config file that starts with a byte order mark', () => {
    const root = makeTree({ '.linkvet.json': '\uFEFF{ "retries": 4 }\n' });
    expect(load(root).retries).toBe(4);
    const yaml = makeTree({ '.linkvet.yml': '\uFEFFretries: 6\n' });
    expect(load(yaml).retries).toBe(6);
  });

  it('treats an empty config file as no settings', () => {
    const root = makeTree({ '.linkvet.yml': '# nothing here yet\n' });
    expect(load(root)).toMatchObject({ retries: 2, include: defaults.include, configFile: '.linkvet.yml' });
  });

  it('accepts the example config of DESIGN.md', () => {
    const root = makeTree({
      '.linkvet.yml': [
        'include: ["**/*.md", "**/*.markdown"]',
        'exclude: ["node_modules/**", "CHANGELOG.md"]',
        'ignoreUrls: ["^https://localhost", "example\\\\.com"]',
        'remap: [{ from: "^https://old\\\\.site/", to: "https://new.site/" }]',
        'offline: false',
        'timeout: 10s',
        'retries: 2',
        'concurrency: 32',
        'perHostConcurrency: 4',
        'accept: [200-299]',
        'externalFragments: false',
        'cache: { path: .linkvet-cache.json, maxAge: 1d }',
        'denyDomains: [spam.example]',
        'anchors: { minLinks: 5, maxShare: 0.6, genericPhrases: [], brandTerms: [] }',
        'references: { shortcut: false }',
        'rules: { naked-url: off }',
        '',
      ].join('\n'),
    });
    const config = load(root);
    expect(config).toMatchObject({
      exclude: ['node_modules/**', 'CHANGELOG.md'],
      timeoutMs: 10_000,
      accept: [{ from: 200, to: 299 }],
      cache: { path: '.linkvet-cache.json', maxAgeMs: 86_400_000 },
      denyDomains: ['spam.example'],
      rules: { 'naked-url': 'off' },
    });
    expect(config.ignoreUrls.map(String)).toEqual([String(/^https:\/\/localhost/), String(/example\.com/)]);
    expect(config.ignoreUrls[1]?.test('https://example.com/x')).toBe(true);
    expect(config.ignoreUrls[1]?.test('https://exampleXcom/x')).toBe(false);
    expect(config.remap).toHaveLength(1);
    expect(config.remap[0]?.from.test('https://old.site/page')).toBe(true);
    expect(config.remap[0]?.to).toBe('https://new.site/');
  });
});

describe('loadConfig: flags over the file over the defaults', () => {
  it('lets flags win over the config file, key by key', () => {
    const root = makeTree({ '.linkvet.yml': 'offline: false\nretries: 5\ntimeout: 20s\n' });
    const config = load(root, { flags: { offline: true, retries: 1 } });
    expect(config).toMatchObject({ offline: true, retries: 1, timeoutMs: 20_000 });
  });

  it('lets flags win over the defaults when there is no file', () => {
    const root = makeTree({});
    expect(load(root, { flags: { failOn: 'warning', offline: true } })).toMatchObject({
      failOn: 'warning',
      offline: true,
      retries: 2,
    });
  });

  it('merges the nested anchors and cache objects key by key', () => {
    const root = makeTree({ '.linkvet.yml': 'anchors: { minLinks: 3 }\ncache: { maxAge: 2h }\n' });
    const config = load(root, { flags: { anchors: { maxShare: 0.9 }, cache: { path: 'tmp/cache.json' } } });
    expect(config.anchors).toEqual({ ...defaults.anchors, minLinks: 3, maxShare: 0.9 });
    expect(config.cache).toEqual({ enabled: true, path: 'tmp/cache.json', maxAgeMs: 2 * 3_600_000 });
  });

  it('turns the cache on when the file mentions it, unless it says enabled: false', () => {
    expect(load(makeTree({ '.linkvet.yml': 'cache: { enabled: false, maxAge: 1h }\n' })).cache.enabled).toBe(false);
    expect(load(makeTree({ '.linkvet.yml': 'retries: 1\n' })).cache.enabled).toBe(false);
  });

  it('keeps the default of a nested key the file does not set', () => {
    const root = makeTree({ '.linkvet.yml': 'cache: { path: .cache/links.json }\nreferences: { shortcut: true }\n' });
    const config = load(root);
    expect(config.cache).toEqual({ enabled: true, path: '.cache/links.json', maxAgeMs: 86_400_000 });
    expect(config.references).toEqual({ shortcut: true });
  });

  it('merges rule severities from the file and the flags', () => {
    const root = makeTree({ '.linkvet.yml': 'rules: { naked-url: off, missing-file: notice }\n' });
    const config = load(root, { flags: { rules: { 'missing-file': 'warning' } } });
    expect(config.rules).toEqual({ 'naked-url': 'off', 'missing-file': 'warning' });
  });

  it('adds --exclude globs and patterns to the defaults rather than replacing them', () => {
    const root = makeTree({});
    const config = load(root, { flags: { exclude: ['drafts/**'], excludePatterns: [/^legacy\//] } });
    expect(config.exclude).toEqual(['**/node_modules/**', 'drafts/**']);
    expect(config.excludePatterns.map((pattern) => pattern.source)).toEqual(['^legacy\\/']);
  });

  it("adds --exclude globs to the config file's excludes", () => {
    const root = makeTree({ '.linkvet.yml': 'exclude: [CHANGELOG.md, archive/**]\n' });
    const config = load(root, { flags: { exclude: ['drafts/**', 'CHANGELOG.md'] } });
    expect(config.exclude).toEqual(expect.arrayContaining(['CHANGELOG.md', 'archive/**', 'drafts/**']));
    expect(config.exclude.filter((glob) => glob === 'CHANGELOG.md')).toHaveLength(1);
  });

  it('skips the files excluded by the config file and by --exclude alike', async () => {
    const root = makeTree({
      '.linkvet.yml': 'exclude: [CHANGELOG.md]\n',
      'CHANGELOG.md': '[a](gone-a.md)\n',
      'drafts/b.md': '[b](gone-b.md)\n',
      'legacy/c.md': '[c](gone-c.md)\n',
      'README.md': '[d](gone-d.md)\n',
    });
    const report = await check(root, { exclude: ['drafts/**'], excludePatterns: [/^legacy\//] });
    expect(places(report)).toEqual(['README.md:1:1 missing-file']);
  });

  it('applies rule severities from the config file to the findings', async () => {
    const root = makeTree({ '.linkvet.yml': 'rules: { missing-file: warning }\n', 'a.md': '[x](gone.md)\n' });
    expect((await check(root)).findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual([
      'missing-file warning',
    ]);
    const off = makeTree({ '.linkvet.yml': 'rules: { missing-file: off }\n', 'a.md': '[x](gone.md)\n' });
    expect((await check(off)).findings).toEqual([]);
  });
});

describe('loadConfig: values with units', () => {
  it.each([
    ['10s', 10_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1d', 86_400_000],
    ['250', 250],
    [2500, 2500],
  ])('reads timeout %j as %i ms', (value, expected) => {
    const root = makeTree({ '.linkvet.json': JSON.stringify({ timeout: value }) });
    expect(load(root).timeoutMs).toBe(expected);
  });

  it('reads plain YAML durations and sizes', () => {
    const root = makeTree({ '.linkvet.yml': 'timeout: 500ms\ncache: { maxAge: 1d }\nmaxFileSize: 5MB\n' });
    expect(load(root)).toMatchObject({
      timeoutMs: 500,
      cache: { maxAgeMs: 86_400_000 },
      maxFileSize: 5 * 1024 * 1024,
    });
  });

  it.each([
    ['5MB', 5 * 1024 * 1024],
    ['512KB', 512 * 1024],
    ['1gb', 1024 ** 3],
    [1000, 1000],
  ])('reads maxFileSize %j as %i bytes', (value, expected) => {
    const root = makeTree({ '.linkvet.json': JSON.stringify({ maxFileSize: value }) });
    expect(load(root).maxFileSize).toBe(expected);
  });

  it('reads accepted statuses as ranges', () => {
    const root = makeTree({ '.linkvet.yml': 'accept: [200-299, 403]\n' });
    expect(load(root).accept).toEqual([
      { from: 200, to: 299 },
      { from: 403, to: 403 },
    ]);
  });

  it('reads `off` in rules as a severity, not a YAML boolean', () => {
    const root = makeTree({ '.linkvet.yml': 'rules: { naked-url: off, generic-anchor-text: error }\n' });
    expect(load(root).rules).toEqual({ 'naked-url': 'off', 'generic-anchor-text': 'error' });
  });
});

describe('loadConfig: errors name the file and the key', () => {
  it('rejects an unknown key and suggests the closest one', () => {
    const root = makeTree({ '.linkvet.yml': 'timout: 10s\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toBe('.linkvet.yml: unknown key `timout`; did you mean `timeout`?');
    expect(error.location).toMatchObject({ file: '.linkvet.yml', key: 'timout' });
  });

  it('rejects an unknown nested key with its full path', () => {
    const root = makeTree({ '.linkvet.yml': 'anchors:\n  minLink: 3\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toBe('.linkvet.yml: unknown key `anchors.minLink`; did you mean `minLinks`?');
  });

  it('rejects an unknown rule id', () => {
    const root = makeTree({ '.linkvet.json': '{ "rules": { "naked-urls": "off" } }' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toBe('.linkvet.json: unknown key `rules.naked-urls`; did you mean `naked-url`?');
  });

  it('rejects a value of the wrong type', () => {
    const root = makeTree({ '.linkvet.yml': 'retries: "two"\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toBe('.linkvet.yml: `retries` must be a whole number of at least 0, got `two`');
  });

  it('rejects a bad regex in ignoreUrls, naming the entry', () => {
    const root = makeTree({ '.linkvet.yml': 'ignoreUrls: ["(unclosed"]\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^\.linkvet\.yml: `ignoreUrls\[0\]` must be a valid regular expression/);
    expect(error.location).toMatchObject({ file: '.linkvet.yml', key: 'ignoreUrls[0]' });
  });

  it('rejects a bad glob in include', () => {
    const root = makeTree({ '.linkvet.yml': 'include: ["[abc"]\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^\.linkvet\.yml: `include\[0\]` must be a valid glob/);
  });

  it('reports invalid YAML with file, line and column', () => {
    const root = makeTree({ '.linkvet.yml': 'retries: 2\ninclude: [a.md\noffline: true\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^\.linkvet\.yml:\d+:\d+: invalid YAML \(.+\)$/);
    expect(error.message).not.toContain(' at line ');
    expect(error.location.file).toBe('.linkvet.yml');
    expect(error.location.line).toBeGreaterThanOrEqual(2);
    expect(
      error.message.startsWith(`.linkvet.yml:${String(error.location.line)}:${String(error.location.column)}:`),
    ).toBe(true);
  });

  it('reports where a YAML error is', () => {
    const root = makeTree({ '.linkvet.yml': 'retries: 2\noffline: true\ntimeout: : 10s\n' });
    const error = thrown(() => load(root));
    expect(error.message).toMatch(/^\.linkvet\.yml:3:10: invalid YAML \(Nested mappings are not allowed/);
    expect(error.location).toEqual({ file: '.linkvet.yml', line: 3, column: 10 });
  });

  it('rejects a key given twice in YAML', () => {
    const root = makeTree({ '.linkvet.yml': 'retries: 2\nretries: 3\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^\.linkvet\.yml:2:1: invalid YAML/);
  });

  it('reports invalid JSON with the file name', () => {
    const root = makeTree({ '.linkvet.json': '{ "retries": 2, }' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^\.linkvet\.json: invalid JSON \(.+\)$/);
    expect(error.location.file).toBe('.linkvet.json');
  });

  it('rejects a config file that is not a mapping', () => {
    const root = makeTree({ '.linkvet.yml': '- include\n- exclude\n' });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toBe('.linkvet.yml: `(top level)` must be a mapping of keys to values, got a list');
  });

  it('names a --config file outside the root as given relative to the root', () => {
    const outer = makeTree({ 'shared.yml': 'timout: 1s\n', 'repo/a.md': '' });
    const error = thrown(() => load(path.join(outer, 'repo'), { configFile: '../shared.yml' }));
    expect(error.message).toBe('../shared.yml: unknown key `timout`; did you mean `timeout`?');
  });

  it('rejects a --config file that does not exist as a usage error', () => {
    const root = makeTree({});
    const error = thrown(() => load(root, { configFile: 'missing.yml' }));
    expect(error.code).toBe('usage');
    expect(error.message).toBe('--config `missing.yml` does not exist');
    expect(error.location.key).toBe('--config');
  });

  it('rejects a --config that is a directory as a config error naming it', () => {
    const root = makeTree({ 'conf/a.yml': '' });
    const error = thrown(() => load(root, { configFile: 'conf' }));
    expect(error.code).toBe('config');
    expect(error.message).toBe('conf: cannot read the config file (it is a directory)');
  });

  it('rejects a --root that does not exist or is not a directory', () => {
    const root = makeTree({ 'file.md': '' });
    const notDirectory = thrown(() => loadConfig({ cwd: root, root: 'file.md' }));
    expect(notDirectory.code).toBe('usage');
    expect(notDirectory.message).toBe('--root `file.md` is not a directory');
    const missing = thrown(() => loadConfig({ cwd: root, root: 'nowhere' }));
    expect(missing.code).toBe('usage');
    expect(missing.message).toBe('--root `nowhere` is not a directory');
  });

  it('rejects a path argument outside the root', () => {
    const outer = makeTree({ 'repo/a.md': '', 'other.md': '' });
    const root = path.join(outer, 'repo');
    const error = thrown(() => load(root, { paths: ['../other.md'] }));
    expect(error.code).toBe('usage');
    expect(error.message).toMatch(/^path `\.\.\/other\.md` is outside the root/);
    expect(error.message).toContain(root);
    expect(thrown(() => load(root, { paths: ['..'] })).code).toBe('usage');
  });

  it('rejects a path argument that does not exist', () => {
    const root = makeTree({ 'a.md': '' });
    const error = thrown(() => load(root, { paths: ['a.md', 'docs/missing.md'] }));
    expect(error.code).toBe('usage');
    expect(error.message).toBe('path `docs/missing.md` does not exist');
  });
});

describe('loadConfig: root and paths', () => {
  it('takes the nearest ancestor holding .git as the root', () => {
    const root = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'docs/deep/a.md': '' });
    expect(loadConfig({ cwd: path.join(root, 'docs', 'deep') }).root).toBe(root);
  });

  it('takes a directory with a .git file (a worktree or submodule) as the root', () => {
    const root = makeTree({ '.git': 'gitdir: ../elsewhere\n', 'docs/a.md': '' });
    expect(loadConfig({ cwd: path.join(root, 'docs') }).root).toBe(root);
  });

  it('prefers the nearest .git over one further up', () => {
    const outer = makeTree({ '.git/HEAD': '', 'inner/.git/HEAD': '', 'inner/docs/a.md': '' });
    expect(loadConfig({ cwd: path.join(outer, 'inner', 'docs') }).root).toBe(path.join(outer, 'inner'));
  });

  it('falls back to cwd when no ancestor holds .git', () => {
    const root = makeTree({ 'docs/a.md': '' });
    const cwd = path.join(root, 'docs');
    expect(loadConfig({ cwd }).root).toBe(cwd);
  });

  it('resolves --root from cwd', () => {
    const outer = makeTree({ 'site/a.md': '' });
    expect(loadConfig({ cwd: outer, root: 'site' }).root).toBe(path.join(outer, 'site'));
  });

  it('takes path arguments given as absolute paths, and `.` for the whole root', () => {
    const root = makeTree({ 'docs/a.md': '' });
    expect(load(root, { paths: [path.join(root, 'docs', 'a.md'), '.'] }).paths).toEqual(['docs/a.md', '']);
  });

  it('keeps a file whose name starts with two dots inside the root', () => {
    const root = makeTree({ '..notes.md': '', 'docs/..hidden/a.md': '' });
    expect(load(root, { paths: ['..notes.md', 'docs/..hidden'] }).paths).toEqual(['..notes.md', 'docs/..hidden']);
  });

  it('turns path arguments into POSIX paths relative to the root', () => {
    const root = makeTree({ '.git/HEAD': '', 'docs/guide/a.md': '', 'README.md': '' });
    const config = loadConfig({ cwd: path.join(root, 'docs'), paths: ['guide/a.md', 'guide', '../README.md'] });
    expect(config.paths).toEqual(['docs/guide/a.md', 'docs/guide', 'README.md']);
  });
});

describe('loadConfig: the result', () => {
  it('is frozen, nested objects and lists included', () => {
    const root = makeTree({ '.linkvet.yml': 'anchors: { brandTerms: [Acme] }\nrules: { naked-url: off }\n' });
    const config = load(root, { flags: { exclude: ['drafts/**'] } });
    for (const part of [config, config.anchors, config.anchors.brandTerms, config.cache, config.rules]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    for (const part of [config.include, config.exclude, config.accept, config.accept[0], config.paths]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => {
      (config as { retries: number }).retries = 9;
    }).toThrow(TypeError);
    expect(() => {
      (config.anchors as { minLinks: number }).minLinks = 9;
    }).toThrow(TypeError);
    expect(() => (config.exclude as string[]).push('x/**')).toThrow(TypeError);
    expect(config.retries).toBe(2);
  });

  it('does not leak one run’s settings into the next', () => {
    const root = makeTree({});
    load(root, { flags: { exclude: ['drafts/**'], anchors: { minLinks: 9 }, rules: { 'missing-file': 'off' } } });
    const fresh = load(root);
    expect(fresh.exclude).toEqual(['**/node_modules/**']);
    expect(fresh.anchors.minLinks).toBe(5);
    expect(fresh.rules).toEqual({});
  });
});

describe('loadConfig: bugs found by the property tests', () => {
  it('refuses a YAML alias bomb with a LinkvetError naming the file, not a ReferenceError', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level <= 9; level++) {
      lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(', ')}]`);
    }
    const root = makeTree({ '.linkvet.yml': `${lines.join('\n')}\ninclude: *a9\n` });
    const error = thrown(() => load(root));
    expect(error.code).toBe('config');
    expect(error.message).toMatch(/^\.linkvet\.yml: unusable YAML \(.*alias/);
  });
});

describe('paths from a pull request config stay inside the repository', () => {
  it('refuses a denyFile outside the repository without quoting its content', () => {
    const root = makeTree({ '.linkvet.yml': 'denyFile: /proc/self/environ\n' });
    const error = thrown(() => load(root));
    expect(error.message).toBe(
      '`denyFile` `/proc/self/environ` is outside the repository; config paths must stay inside it',
    );
    const outside = makeTree({ 'deny.txt': 'SECRET_API_KEY=hunter2\n' });
    const relative = path.relative(root, path.join(outside, 'deny.txt'));
    writeFileSync(path.join(root, '.linkvet.yml'), `denyFile: ${relative}\n`);
    const again = thrown(() => load(root));
    expect(again.message).toContain('is outside the repository');
    expect(again.message).not.toContain('SECRET');
  });

  it('refuses a denyFile reached through a symlink out of the repository', () => {
    const outside = makeTree({ 'deny.txt': 'SECRET_API_KEY=hunter2\n' });
    const root = makeTree({ '.linkvet.yml': 'denyFile: out/deny.txt\n' });
    symlinkSync(outside, path.join(root, 'out'));
    expect(thrown(() => load(root)).message).not.toContain('SECRET');
  });

  it('refuses a cache.path outside the repository, even one that does not exist yet', () => {
    const root = makeTree({ '.linkvet.yml': 'cache:\n  path: /tmp/linkvet-planted/cache.json\n' });
    expect(thrown(() => load(root)).message).toBe(
      '`cache.path` `/tmp/linkvet-planted/cache.json` is outside the repository; config paths must stay inside it',
    );
  });

  it('keeps accepting paths inside the repository and a denyFile given on the command line', () => {
    const outside = makeTree({ 'deny.txt': 'domain:example.com\n' });
    const root = makeTree({
      '.linkvet.yml': 'denyFile: deny.txt\ncache:\n  path: .cache/linkvet.json\n',
      'deny.txt': '',
    });
    expect(() => load(root)).not.toThrow();
    expect(() => load(root, { flags: { denyFile: path.join(outside, 'deny.txt') } })).not.toThrow();
  });
});
