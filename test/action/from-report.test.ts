import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestEvent, runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { makeTree } from '../helpers/tree.js';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const headSha = 'a'.repeat(40);

/** The `workflow_run` event of a fork's pull request run that finished. */
function workflowRunEvent(sha = headSha): { name: string; payload: unknown } {
  return {
    name: 'workflow_run',
    payload: {
      action: 'completed',
      workflow_run: { head_sha: sha, head_branch: 'feature', head_repository: { owner: { login: 'fork' } } },
    },
  };
}

/** Posts `report` (as written into a fresh workspace) from a workflow_run job. */
function postReport(github: FakeGitHub, report: string, sha = headSha): Promise<ActionResult> {
  // The workspace has broken links of its own: a run that checked anything would report them.
  const workspace = makeTree({ 'linkvet-report.json': report, 'README.md': '[own](./own-broken.md)\n' });
  return runBundledAction({
    workspace,
    inputs: { 'from-report': 'linkvet-report.json' },
    apiUrl: github.origin,
    event: workflowRunEvent(sha),
  });
}

function writes(github: FakeGitHub): string[] {
  return github.requests.filter((request) => request.method !== 'GET').map((request) => request.path);
}

/** A valid report, as linkvet writes it, with one finding. */
function validReport(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    tool: { name: 'linkvet', version: '0.1.0' },
    stats: { files: 1, links: 1, uniqueUrls: 0, errors: 1, warnings: 0, notices: 0, durationMs: 5 },
    findings: [
      {
        file: 'README.md',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 20,
        url: './missing.md',
        text: 'missing',
        rule: 'missing-file',
        severity: 'error',
        message: '`missing.md` does not exist',
      },
    ],
    links: [],
    warnings: [],
    anchors: {},
  };
}

/** The text with every code span removed: what GitHub renders as Markdown rather than code. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

describe('from-report', () => {
  it('merges shard reports found in a directory into one comment, like one unsharded run', async () => {
    fake = await startFakeGitHub();
    const files = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [`docs/page-${i}.md`, `# Page ${i}\n\n[gone](./gone-${i}.md)\n`]),
    );
    const source = makeTree(files);
    const shards = await Promise.all(
      [1, 2, 3].map((index) =>
        runBundledAction({
          workspace: source,
          inputs: { offline: 'true', comment: 'false', shard: `${index}/3`, report: `reports/shard-${index}/r.json` },
          apiUrl: fake?.origin ?? '',
          event: pullRequestEvent(),
        }),
      ),
    );
    expect(shards.map((shard) => Number(shard.outputs['errors']))).not.toContain(9);
    const reports = Object.fromEntries(
      [1, 2, 3].map((index) => [
        `reports/shard-${index}/r.json`,
        readFileSync(`${source}/reports/shard-${index}/r.json`, 'utf8'),
      ]),
    );
    const workspace = makeTree(reports);

    const result = await runBundledAction({
      workspace,
      inputs: { 'from-report': 'reports' },
      apiUrl: fake.origin,
      event: pullRequestEvent(),
    });

    expect(result.code).toBe(0);
    expect(result.outputs['errors']).toBe('9');
    expect(result.stdout).toContain('merging 3 shard reports');
    const merged = JSON.parse(readFileSync(result.outputs['report'] ?? '', 'utf8')) as { stats: { files: number } };
    expect(merged.stats.files).toBe(9);
    expect(fake.comments).toHaveLength(1);
    for (let i = 0; i < 9; i += 1) expect(fake.comments[0]?.body).toContain(`gone-${i}.md`);
  });

  it("posts a pull request run's report as the sticky comment on the workflow run's pull request", async () => {
    fake = await startFakeGitHub();
    const first = await runBundledAction({
      workspace: makeTree({
        'guide.md': '# Installation\n',
        'README.md': '# Home\n\n[x](./guide.md#instalation)\n\n[y](./missing-page.md)\n',
      }),
      inputs: { offline: 'true', comment: 'false' },
      apiUrl: fake.origin,
      event: pullRequestEvent(),
    });
    expect(first.code).toBe(1);
    expect(fake.comments).toEqual([]);
    const report = readFileSync(first.outputs['report'] ?? '', 'utf8');

    const result = await postReport(fake, report);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('::error');
    expect(result.annotations).toEqual([]);
    expect(result.outputs['errors']).toBe('2');
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /repos/octo/docs/pulls',
      'GET /repos/octo/docs/issues/7/comments',
      'POST /repos/octo/docs/issues/7/comments',
    ]);
    expect(fake.requests[0]?.query.get('head')).toBe('fork:feature');
    expect(fake.comments).toHaveLength(1);
    const body = fake.comments[0]?.body ?? '';
    expect(body.startsWith('<!-- linkvet:sticky-comment -->')).toBe(true);
    expect(body).toContain('#installation');
    expect(body).toContain('missing-page.md');
    expect(body).toContain(`/blob/${headSha}/README.md?plain=1#L3`);
    expect(body).not.toContain('own-broken.md');
    expect(result.summary).toContain('missing-page.md');
    expect(result.summary).not.toContain('own-broken.md');
  });

  it.each([
    [
      'an unknown rule',
      (report: Record<string, unknown>) => {
        const [finding] = report['findings'] as Array<Record<string, unknown>>;
        if (finding) finding['rule'] = 'made-up-rule';
      },
      'findings[0].rule',
    ],
    [
      'HTML in tool.version',
      (report: Record<string, unknown>) => {
        report['tool'] = { name: 'linkvet', version: '<img src=x onerror=alert(1)>' };
      },
      'tool.version',
    ],
    [
      'a count that is not one',
      (report: Record<string, unknown>) => {
        report['stats'] = { ...(report['stats'] as object), errors: -1 };
      },
      'stats.errors',
    ],
  ])('refuses a report with %s, naming the key, and posts nothing', async (_what, tamper, key) => {
    fake = await startFakeGitHub();
    const report = validReport();
    tamper(report);
    const result = await postReport(fake, JSON.stringify(report));

    expect(result.code).toBe(2);
    const errors = result.annotations.filter((annotation) => annotation.severity === 'error');
    expect(errors[0]?.properties['title']).toBe('linkvet: cannot run');
    expect(errors[0]?.message).toContain(`\`${key}\``);
    expect(errors[0]?.message).toContain('linkvet-report.json');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`linkvet-report.json: \`${key}\` must be`);
    expect(fake.requests).toEqual([]);
    expect(fake.comments).toEqual([]);
  });

  it('refuses a report that is a FIFO or a symlink to a device at once, naming it, and posts nothing', async () => {
    fake = await startFakeGitHub();
    const workspace = makeTree({ 'README.md': '# A\n' });
    execFileSync('mkfifo', [path.join(workspace, 'pipe.json')]);
    symlinkSync('/dev/zero', path.join(workspace, 'zero.json'));
    for (const [file, why] of [
      ['pipe.json', 'it is not a regular file (a FIFO)'],
      ['zero.json', 'it is not a regular file (a character device)'],
    ] as const) {
      const result = await runBundledAction({
        workspace,
        inputs: { 'from-report': file },
        apiUrl: fake.origin,
        event: workflowRunEvent(),
      });
      expect(result.code).toBe(2);
      const errors = result.annotations.filter((annotation) => annotation.severity === 'error');
      expect(errors.map((error) => error.message)).toEqual([`input 'from-report': cannot read \`${file}\` (${why})`]);
    }
    expect(fake.requests).toEqual([]);
  });

  it('escapes hostile text from a valid report in the comment and the summary', async () => {
    fake = await startFakeGitHub();
    const hostile =
      '@octocat <img src=x onerror=alert(1)> fixes #12 <!-- linkvet:sticky-comment --> [a](https://evil.example)';
    const report = validReport();
    report['findings'] = [
      {
        file: 'docs/@octocat <img src=x onerror=alert(1)>.md',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 20,
        url: './<img src=x onerror=alert(1)>.md',
        text: hostile,
        rule: 'missing-file',
        severity: 'error',
        message: `${hostile} \`@admin <img src=y>\``,
        suggestion: '@octocat<img src=z>',
      },
    ];
    report['warnings'] = [hostile];
    const result = await postReport(fake, JSON.stringify(report));

    expect(result.code).toBe(0);
    expect(fake.comments).toHaveLength(1);
    for (const [where, text] of [
      ['comment', fake.comments[0]?.body ?? ''],
      ['summary', result.summary],
    ] as const) {
      expect(text, where).toContain('octocat');
      expect(text, where).toContain('&lt;img src=x');
      const markdown = outsideCode(text);
      // HTML is only ever inside code spans, where GitHub shows it as text.
      expect(markdown, where).not.toMatch(/<img/i);
      expect(markdown.lastIndexOf('<!--'), where).toBeLessThanOrEqual(0);
      expect(markdown, where).not.toContain('](https://evil.example)');
      // Outside code, a mention or issue reference is broken by a zero-width space.
      expect(markdown, where).toContain('\u200B@octocat');
      expect(markdown, where).not.toMatch(/(^|[^\u200B])@(octocat|admin)/);
      expect(markdown, where).not.toMatch(/#12/);
    }
  });

  it('posts nothing when the pull request head is not the workflow run head', async () => {
    fake = await startFakeGitHub({ headSha });
    const result = await postReport(fake, JSON.stringify(validReport()), 'e'.repeat(40));

    expect(result.code).toBe(0);
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/octo/docs/pulls']);
    expect(writes(fake)).toEqual([]);
    expect(fake.comments).toEqual([]);
    expect(result.stdout).toContain(`linkvet: no open pull request has fork:feature at ${'e'.repeat(40)}.`);
    expect(result.outputs['errors']).toBe('1');
  });

  it('posts nothing when no open pull request has the head branch', async () => {
    fake = await startFakeGitHub();
    const result = await runBundledAction({
      workspace: makeTree({ 'linkvet-report.json': JSON.stringify(validReport()) }),
      inputs: { 'from-report': 'linkvet-report.json' },
      apiUrl: fake.origin,
      event: {
        name: 'workflow_run',
        payload: {
          workflow_run: { head_sha: headSha, head_branch: 'feature', head_repository: { owner: { login: 'octo' } } },
        },
      },
    });
    expect(result.code).toBe(0);
    expect(fake.requests[0]?.query.get('head')).toBe('octo:feature');
    expect(writes(fake)).toEqual([]);
    expect(fake.comments).toEqual([]);
  });
});
