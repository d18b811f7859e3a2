import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestEvent, runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeGitHub, type FakeGitHub, type PullFile } from '../helpers/fake-github.js';
import { makeTree } from '../helpers/tree.js';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A repository where every Markdown file has one broken link, changed or not. */
const tree = {
  'README.md': '# Home\n\n[gone](./nowhere.md)\n',
  'docs/unchanged.md': '# Real heading\n\n[broken](./missing-unchanged.md)\n',
  'docs/changed.md': '# Changed\n\n[ok](./unchanged.md#real-heading)\n\n[bad](./missing-changed.md)\n',
  'docs/new.md': '# New\n\n[bad](./missing-new.md)\n',
  'docs/moved.md': '# Moved\n\n[bad](./missing-moved.md)\n',
  'src/app.js': 'console.log("[x](./not-markdown.md)");\n',
};

/** Five changed files, one of each kind, served two per page. */
const files: PullFile[] = [
  {
    filename: 'docs/changed.md',
    status: 'modified',
    patch: '@@ -1,3 +1,5 @@\n # Changed\n \n [ok](./unchanged.md#real-heading)\n+\n+[bad](./missing-changed.md)',
  },
  { filename: 'src/app.js', status: 'modified', patch: '@@ -0,0 +1 @@\n+console.log("[x](./not-markdown.md)");' },
  { filename: 'docs/old.md', status: 'removed', patch: '@@ -1,3 +0,0 @@\n-# Old\n-\n-[gone](./gone.md)' },
  {
    filename: 'docs/moved.md',
    status: 'renamed',
    previous_filename: 'docs/was.md',
    patch: '@@ -1,3 +1,3 @@\n-# Was\n+# Moved\n \n [bad](./missing-moved.md)',
  },
  { filename: 'docs/new.md', status: 'added', patch: '@@ -0,0 +1,3 @@\n+# New\n+\n+[bad](./missing-new.md)' },
];

/** `file url` of every finding annotation. */
function annotated(result: ActionResult): string[] {
  return result.annotations
    .filter((annotation) => annotation.properties['file'] !== undefined)
    .map((annotation) => `${annotation.properties['file'] ?? ''}:${annotation.properties['line'] ?? ''}`)
    .sort();
}

interface JsonReport {
  stats: { files: number; errors: number };
  findings: Array<{ file: string; url: string; line: number; rule: string }>;
  links: Array<{ file: string; url: string; status: string }>;
}

function readJsonReport(result: ActionResult): JsonReport {
  return JSON.parse(readFileSync(result.outputs['report'] ?? '', 'utf8')) as JsonReport;
}

/** The `page` of each request for the pull request's files; the first page carries none. */
function filePages(github: FakeGitHub): number[] {
  return github.requests
    .filter((request) => request.method === 'GET' && request.path === '/repos/octo/docs/pulls/7/files')
    .map((request) => Number(request.query.get('page') ?? '1'));
}

describe('only-changed: true', () => {
  it('checks only the Markdown files the pull request adds, modifies or renames, reading every page', async () => {
    fake = await startFakeGitHub({ files, pageSize: 2 });
    const result = await runBundledAction({
      workspace: makeTree(tree),
      inputs: { offline: 'true', 'only-changed': 'true' },
      apiUrl: fake.origin,
      event: pullRequestEvent(),
    });

    expect(filePages(fake)).toEqual([1, 2, 3]);
    expect(result.code).toBe(1);
    expect(annotated(result)).toEqual(['docs/changed.md:5', 'docs/moved.md:3', 'docs/new.md:3']);
    expect(result.outputs['errors']).toBe('3');

    const report = readJsonReport(result);
    expect(report.stats.files).toBe(3);
    expect(report.findings.map((finding) => `${finding.file} ${finding.url}`)).toEqual([
      'docs/changed.md ./missing-changed.md',
      'docs/moved.md ./missing-moved.md',
      'docs/new.md ./missing-new.md',
    ]);
    // The link into an unchanged file's heading was checked, against that file, and found.
    expect(report.links).toContainEqual(
      expect.objectContaining({ file: 'docs/changed.md', url: './unchanged.md#real-heading', status: 'ok' }),
    );

    // Four files remain once the removed one is dropped; the summary and comment say so.
    const scope = 'Checked the Markdown among the 4 files this pull request changed.';
    expect(result.summary).toContain(scope);
    expect(fake.comments).toHaveLength(1);
    const comment = fake.comments[0]?.body ?? '';
    expect(comment).toContain(scope);
    for (const unchanged of ['nowhere.md', 'missing-unchanged.md', 'was.md', 'not-markdown.md', 'gone.md']) {
      expect(result.summary).not.toContain(unchanged);
      expect(comment).not.toContain(unchanged);
    }
  });

  it('checks every file, with a warning, when the pull request files cannot be listed', async () => {
    fake = await startFakeGitHub({ files, pullNumber: 8 });
    const result = await runBundledAction({
      workspace: makeTree(tree),
      inputs: { offline: 'true', 'only-changed': 'true', comment: 'false' },
      apiUrl: fake.origin,
      event: pullRequestEvent(7),
    });
    const warnings = result.annotations.filter(
      (annotation) => annotation.severity === 'warning' && annotation.properties['file'] === undefined,
    );
    expect(warnings.map((warning) => warning.message)).toEqual([
      expect.stringContaining("could not list the pull request's files, so every file is checked"),
    ]);
    expect(result.outputs['errors']).toBe('5');
    expect(result.summary).not.toContain('this pull request changed');
  });
});

describe('only-changed: lines', () => {
  it('reports only the findings on lines the pull request added', async () => {
    fake = await startFakeGitHub({
      files: [
        {
          filename: 'docs/guide.md',
          status: 'modified',
          // Line 3 is context, line 5 is added.
          patch: '@@ -1,3 +1,5 @@\n # Guide\n \n [old](./missing-old.md)\n+\n+[new](./missing-new.md)',
        },
      ],
    });
    const result = await runBundledAction({
      workspace: makeTree({
        'docs/guide.md': '# Guide\n\n[old](./missing-old.md)\n\n[new](./missing-new.md)\n',
        'README.md': '[elsewhere](./missing-elsewhere.md)\n',
      }),
      inputs: { offline: 'true', 'only-changed': 'lines' },
      apiUrl: fake.origin,
      event: pullRequestEvent(),
    });

    expect(result.code).toBe(1);
    expect(annotated(result)).toEqual(['docs/guide.md:5']);
    expect(result.outputs['errors']).toBe('1');
    expect(readJsonReport(result).findings.map((finding) => finding.url)).toEqual(['./missing-new.md']);

    const scope = 'Checked the 1 file this pull request changed; only findings on lines it changed are shown.';
    expect(result.summary).toContain(scope);
    expect(result.summary).toContain('missing-new.md');
    expect(result.summary).not.toContain('missing-old.md');
    const comment = fake.comments[0]?.body ?? '';
    expect(comment).toContain(scope);
    expect(comment).toContain('missing-new.md');
    expect(comment).not.toContain('missing-old.md');
    expect(comment).not.toContain('missing-elsewhere.md');
  });
});

describe('only-changed outside pull requests', () => {
  it('checks every file on a push, without calling the API', async () => {
    fake = await startFakeGitHub({ files });
    const result = await runBundledAction({
      workspace: makeTree(tree),
      inputs: { offline: 'true', 'only-changed': 'true' },
      apiUrl: fake.origin,
      event: { name: 'push', payload: { ref: 'refs/heads/main' } },
    });

    expect(fake.requests).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('not a pull request event, so every file is checked');
    expect(annotated(result)).toEqual([
      'README.md:3',
      'docs/changed.md:5',
      'docs/moved.md:3',
      'docs/new.md:3',
      'docs/unchanged.md:3',
    ]);
    expect(result.summary).not.toContain('this pull request changed');
  });
});
