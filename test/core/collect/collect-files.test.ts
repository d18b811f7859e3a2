import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles, type Collection } from '../../../src/core/collect/collect-files.js';
import { loadConfig } from '../../../src/core/config/load-config.js';
import type { Options } from '../../../src/core/config/options.js';
import { check, places } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** Collects a tree's files as a run from its root would, with the given flags and path arguments. */
function collect(root: string, flags: Options = {}, paths: readonly string[] = []): Collection {
  return collectFiles(loadConfig({ cwd: root, root, paths, flags }));
}

function filesOf(root: string, flags: Options = {}, paths: readonly string[] = []): readonly string[] {
  return collect(root, flags, paths).files;
}

/** Problems reduced to `file rule`. */
function problemsOf(collection: Collection): string[] {
  return collection.problems.map((problem) => `${problem.file} ${problem.rule}`);
}

describe('collectFiles: include and exclude', () => {
  it('collects .md and .markdown files anywhere by default, nothing else', () => {
    const root = makeTree({
      'README.md': '',
      'docs/guide.markdown': '',
      'docs/deep/er/notes.md': '',
      'docs/notes.txt': '',
      'src/index.ts': '',
      'page.mdx': '',
      README: '',
    });
    expect(filesOf(root)).toEqual(['README.md', 'docs/deep/er/notes.md', 'docs/guide.markdown']);
  });

  it('collects files in dot-folders and dot-files', () => {
    const root = makeTree({
      '.github/PULL_REQUEST_TEMPLATE.md': '',
      '.github/ISSUE_TEMPLATE/bug.md': '',
      '.notes.md': '',
    });
    expect(filesOf(root)).toEqual(['.github/ISSUE_TEMPLATE/bug.md', '.github/PULL_REQUEST_TEMPLATE.md', '.notes.md']);
  });

  it('follows the include globs of the config', () => {
    const root = makeTree({ 'README.md': '', 'docs/a.md': '', 'docs/b.txt': '', 'other/c.md': '' });
    expect(filesOf(root, { include: ['docs/**'] })).toEqual(['docs/a.md', 'docs/b.txt']);
  });

  it('skips node_modules by default, at any depth', () => {
    const root = makeTree({
      'README.md': '',
      'node_modules/pkg/README.md': '',
      'packages/app/node_modules/dep/README.md': '',
      'packages/app/README.md': '',
    });
    expect(filesOf(root)).toEqual(['README.md', 'packages/app/README.md']);
  });

  it('skips files matching an exclude glob, and keeps skipping node_modules', () => {
    const root = makeTree({
      'README.md': '',
      'CHANGELOG.md': '',
      'drafts/a.md': '',
      'docs/drafts/b.md': '',
      'node_modules/x/README.md': '',
    });
    expect(filesOf(root, { exclude: ['drafts/**', 'CHANGELOG.md'] })).toEqual(['README.md', 'docs/drafts/b.md']);
  });

  it('skips files matching an exclude pattern', () => {
    const root = makeTree({ 'README.md': '', 'legacy/a.md': '', 'docs/legacy.md': '' });
    expect(filesOf(root, { excludePatterns: [/^legacy\//] })).toEqual(['README.md', 'docs/legacy.md']);
    expect(filesOf(root, { excludePatterns: [/legacy/] })).toEqual(['README.md']);
  });

  it('takes excludes from the config file', () => {
    const root = makeTree({ '.linkvet.yml': 'exclude: ["archive/**"]\n', 'a.md': '', 'archive/old.md': '' });
    expect(filesOf(root)).toEqual(['a.md']);
  });
});

describe('collectFiles: .gitignore', () => {
  it('skips what the root .gitignore ignores', () => {
    const root = makeTree({
      '.gitignore': 'build/\n*.draft.md\n/TODO.md\n',
      'README.md': '',
      'TODO.md': '',
      'docs/TODO.md': '',
      'build/out.md': '',
      'docs/intro.draft.md': '',
      'docs/intro.md': '',
    });
    expect(filesOf(root)).toEqual(['README.md', 'docs/TODO.md', 'docs/intro.md']);
  });

  it('applies a nested .gitignore to its own directory only', () => {
    const root = makeTree({
      'docs/.gitignore': 'secret.md\n/generated/\n',
      'secret.md': '',
      'docs/secret.md': '',
      'docs/sub/secret.md': '',
      'docs/generated/api.md': '',
      'generated/api.md': '',
      'docs/public.md': '',
    });
    expect(filesOf(root)).toEqual(['docs/public.md', 'generated/api.md', 'secret.md']);
  });

  it('honours negations in a .gitignore', () => {
    const root = makeTree({ '.gitignore': '*.md\n!keep.md\n', 'drop.md': '', 'keep.md': '', 'docs/keep.md': '' });
    expect(filesOf(root)).toEqual(['docs/keep.md', 'keep.md']);
  });

  it('lets a deeper .gitignore re-include what a higher one ignores, as git does', () => {
    const root = makeTree({
      '.gitignore': '*.md\n',
      'docs/.gitignore': '!keep.md\n',
      'README.md': '',
      'docs/keep.md': '',
      'docs/other.md': '',
    });
    expect(filesOf(root)).toEqual(['docs/keep.md']);
  });

  it('lets a deeper .gitignore ignore what a higher one re-includes', () => {
    const root = makeTree({
      '.gitignore': '*.md\n!notes.md\n',
      'docs/.gitignore': 'notes.md\n',
      'notes.md': '',
      'docs/notes.md': '',
    });
    expect(filesOf(root)).toEqual(['notes.md']);
  });

  it('reads the .gitignore files above a directory named on the command line', () => {
    const root = makeTree({
      '.gitignore': '*.draft.md\n',
      'docs/.gitignore': 'private.md\n',
      'docs/guide/a.md': '',
      'docs/guide/a.draft.md': '',
      'docs/guide/private.md': '',
    });
    expect(filesOf(root, {}, ['docs/guide'])).toEqual(['docs/guide/a.md']);
  });

  it('reads no .gitignore when gitignore is off', () => {
    const root = makeTree({
      '.gitignore': 'build/\n*.draft.md\n',
      'docs/.gitignore': 'secret.md\n',
      'build/out.md': '',
      'a.draft.md': '',
      'docs/secret.md': '',
    });
    expect(filesOf(root, { gitignore: false })).toEqual(['a.draft.md', 'build/out.md', 'docs/secret.md']);
    expect(filesOf(root)).toEqual([]);
  });

  it('never walks .git', () => {
    const root = makeTree({ '.git/HEAD': '', '.git/info/notes.md': '', 'sub/.git/x.md': '', 'README.md': '' });
    expect(filesOf(root)).toEqual(['README.md']);
  });
});

describe('collectFiles: paths named on the command line', () => {
  it('takes a named file even when it does not match include', () => {
    const root = makeTree({ 'notes.txt': '', 'README.md': '' });
    expect(filesOf(root, {}, ['notes.txt'])).toEqual(['notes.txt']);
  });

  it('walks a named directory, filtered by include', () => {
    const root = makeTree({ 'README.md': '', 'docs/a.md': '', 'docs/b.txt': '', 'docs/sub/c.md': '' });
    expect(filesOf(root, {}, ['docs'])).toEqual(['docs/a.md', 'docs/sub/c.md']);
  });

  it('lists each file once, however often it is named', () => {
    const root = makeTree({ 'README.md': '', 'docs/a.md': '', 'docs/b.md': '' });
    expect(filesOf(root, {}, ['docs/b.md', 'docs', 'README.md', 'docs/a.md'])).toEqual([
      'README.md',
      'docs/a.md',
      'docs/b.md',
    ]);
  });

  it('checks only the named paths', async () => {
    const root = makeTree({ 'a.md': '[x](gone.md)\n', 'b.md': '[x](gone.md)\n' });
    expect(places(await check(root, {}, ['b.md']))).toEqual(['b.md:1:1 missing-file']);
  });
});

describe('collectFiles: order and names', () => {
  it('sorts by code point, not by locale', () => {
    const root = makeTree({ 'a.md': '', 'B.md': '', 'ä.md': '', 'Z/z.md': '', '_.md': '', '1.md': '' });
    expect(filesOf(root)).toEqual(['1.md', 'B.md', 'Z/z.md', '_.md', 'a.md', 'ä.md']);
  });

  it('sorts whole paths, so a file sorts against a directory by its full name', () => {
    const root = makeTree({ 'a/b.md': '', 'a.md': '', 'a-b.md': '' });
    expect(filesOf(root)).toEqual(['a-b.md', 'a.md', 'a/b.md']);
  });

  it('gives the same order on every run', () => {
    const names = ['k.md', 'C.md', 'b/a.md', 'é.md', 'A.md', 'z.md', 'b.md'];
    const root = makeTree(Object.fromEntries(names.map((name) => [name, ''])));
    expect(filesOf(root)).toEqual(['A.md', 'C.md', 'b.md', 'b/a.md', 'k.md', 'z.md', 'é.md']);
    expect(filesOf(root)).toEqual(filesOf(root));
  });

  it('handles spaces and non-ASCII letters in names', async () => {
    const root = makeTree({
      'my notes/file one.md': '# One\n',
      'docs/über uns.md': '# Über uns\n',
      'docs/日本語.md': '# 日本\n',
      'README.md': '[a](<my notes/file one.md#one>) [b](docs/%C3%BCber%20uns.md) [c](docs/日本語.md) [d](docs/nö.md)\n',
    });
    expect(filesOf(root)).toEqual(['README.md', 'docs/über uns.md', 'docs/日本語.md', 'my notes/file one.md']);
    expect(places(await check(root))).toEqual(['README.md:1:79 missing-file']);
  });
});

describe('collectFiles: symlinks', () => {
  it('reports a symlink loop once and skips it without hanging', () => {
    const root = makeTree({ 'a.md': '', 'docs/b.md': '' });
    symlinkSync('.', path.join(root, 'loop'));
    const collection = collect(root);
    expect(collection.files).toEqual(['a.md', 'docs/b.md']);
    expect(problemsOf(collection)).toEqual(['loop unreadable-file']);
    expect(collection.problems[0]?.message).toMatch(/^`loop` is a symlink loop/);
  });

  it('reports a loop through a parent directory once', () => {
    const root = makeTree({ 'docs/a.md': '' });
    symlinkSync('..', path.join(root, 'docs', 'up'));
    const collection = collect(root);
    expect(collection.files).toEqual(['docs/a.md']);
    expect(problemsOf(collection)).toEqual(['docs/up unreadable-file']);
  });

  it('reports a dangling symlink named like Markdown and collects the other files', () => {
    const root = makeTree({ 'a.md': '', 'z.md': '' });
    symlinkSync('nowhere.md', path.join(root, 'x.md'));
    const collection = collect(root);
    expect(collection.files).toEqual(['a.md', 'z.md']);
    expect(problemsOf(collection)).toEqual(['x.md unreadable-file']);
    expect(collection.problems[0]?.message).toBe('cannot read `x.md` (broken symlink); skipped');
  });

  it('reports a symlink that points at itself', () => {
    const root = makeTree({ 'a.md': '' });
    symlinkSync('self.md', path.join(root, 'self.md'));
    const collection = collect(root);
    expect(collection.files).toEqual(['a.md']);
    expect(problemsOf(collection)).toEqual(['self.md unreadable-file']);
    expect(collection.problems[0]?.message).toContain('symlink loop');
  });

  it('ignores a dangling symlink that would not be collected anyway', () => {
    const root = makeTree({ 'a.md': '' });
    symlinkSync('nowhere', path.join(root, 'x.txt'));
    expect(collect(root)).toEqual({ files: ['a.md'], problems: [] });
  });

  it('collects a symlink to a Markdown file and walks a symlink to a directory', () => {
    const root = makeTree({ 'real/a.md': '', 'b.md': '' });
    symlinkSync('b.md', path.join(root, 'c.md'));
    symlinkSync('real', path.join(root, 'linked'));
    expect(filesOf(root)).toEqual(['b.md', 'c.md', 'linked/a.md', 'real/a.md']);
  });

  it('reports the problems in a run and still checks the other files', async () => {
    const root = makeTree({ 'a.md': '[x](gone.md)\n', 'docs/b.md': '[y](../a.md)\n' });
    symlinkSync('.', path.join(root, 'loop'));
    symlinkSync('nowhere.md', path.join(root, 'x.md'));
    mkdirSync(path.join(root, 'empty'));
    expect(places(await check(root))).toEqual([
      'a.md:1:1 missing-file',
      'loop:1:1 unreadable-file',
      'x.md:1:1 unreadable-file',
    ]);
  });
});

describe('symlinks leaving the root', () => {
  it('are not followed, so a link to / cannot walk the whole machine', () => {
    const outside = makeTree({ 'secret.md': '# outside\n' });
    const root = makeTree({ 'a.md': '# a\n' });
    symlinkSync(outside, path.join(root, 'elsewhere'));
    expect(filesOf(root)).toEqual(['a.md']);
    expect(collect(root).problems).toEqual([]);
  });
});
