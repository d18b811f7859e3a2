import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestEvent, runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeGitHub, type FakeGitHub, type PullFile } from '../helpers/fake-github.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

let fake: FakeGitHub | undefined;
let site: TestServer | undefined;

afterEach(async () => {
  await fake?.close();
  await site?.close();
  fake = undefined;
  site = undefined;
});

/** The pull request's head commit: reviews go on it, not on GITHUB_SHA (the merge commit). */
const headSha = 'd'.repeat(40);

const filler = Array.from({ length: 12 }, (_, index) => `Paragraph ${index + 1}.\n`).join('\n');

/** README.md: broken links on lines 3 and 5 (added by the pull request) and on line 33 (outside the diff). */
const readme = `# Home\n\n[x](./guide.md#instalation)\n\n[y](./Guide.md)\n\nOld text.\n\n${filler}\n[z](./guide.md#instalation)\n`;

const files: PullFile[] = [
  {
    filename: 'README.md',
    status: 'modified',
    patch: '@@ -1,3 +1,7 @@\n # Home\n \n+[x](./guide.md#instalation)\n+\n+[y](./Guide.md)\n+\n Old text.',
  },
];

const workspace = (): string => makeTree({ 'README.md': readme, 'guide.md': '# Installation\n\nSteps.\n' });

function run(github: FakeGitHub, root: string, inputs: Record<string, string> = {}): Promise<ActionResult> {
  return runBundledAction({
    workspace: root,
    inputs: { offline: 'true', suggestions: 'true', ...inputs },
    apiUrl: github.origin,
    event: pullRequestEvent(7, headSha),
  });
}

function reviewPosts(github: FakeGitHub): number {
  return github.requests.filter(
    (request) => request.method === 'POST' && request.path === '/repos/octo/docs/pulls/7/reviews',
  ).length;
}

function commentBody(comment: Record<string, unknown> | undefined): string {
  const body = comment?.['body'];
  return typeof body === 'string' ? body : '';
}

describe('suggestions: true', () => {
  it('posts one review on the head commit with a suggestion for each fixable finding on a diff line', async () => {
    fake = await startFakeGitHub({ files, headSha });
    const result = await run(fake, workspace());

    expect(result.code).toBe(1);
    expect(result.outputs['errors']).toBe('3');
    expect(reviewPosts(fake)).toBe(1);
    expect(fake.reviews).toHaveLength(1);
    const review = fake.reviews[0];
    expect(review?.commit_id).toBe(headSha);
    expect(review?.event).toBe('COMMENT');
    expect(review?.body).toContain('2 links');
    // Line 33 has the same fixable finding, but no review comment may sit outside the diff.
    expect(review?.comments.map((comment) => `${String(comment['path'])}:${String(comment['line'])}`)).toEqual([
      'README.md:3',
      'README.md:5',
    ]);
    expect(review?.comments.map((comment) => comment['side'])).toEqual(['RIGHT', 'RIGHT']);

    const [fragment, file] = review?.comments ?? [];
    expect(commentBody(fragment)).toContain('`missing-fragment`');
    expect(commentBody(fragment)).toContain('\n```suggestion\n[x](./guide.md#installation)\n```');
    expect(commentBody(file)).toContain('`missing-file`');
    expect(commentBody(file)).toContain('\n```suggestion\n[y](./guide.md)\n```');
    expect(result.stdout).toContain('linkvet: suggested 2 fixes in a review');
  });

  it('does not post the same suggestions again on the next run', async () => {
    fake = await startFakeGitHub({ files, headSha });
    const root = workspace();
    await run(fake, root);
    expect(fake.reviews).toHaveLength(1);

    const second = await run(fake, root);
    const listed = fake.requests.filter(
      (request) => request.method === 'GET' && request.path === '/repos/octo/docs/pulls/7/comments',
    );
    expect(listed).toHaveLength(2);
    expect(reviewPosts(fake)).toBe(1);
    expect(fake.reviews).toHaveLength(1);
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('suggested');
  });

  it('posts only new suggestions on a later run, reading every page of the review comments', async () => {
    fake = await startFakeGitHub({ files, headSha, pageSize: 1 });
    const root = workspace();
    await run(fake, root);
    expect(fake.reviews[0]?.comments).toHaveLength(2);

    // A later push breaks line 7 too, a context line of the same hunk.
    writeFileSync(path.join(root, 'README.md'), readme.replace('Old text.', '[w](./guide.md#instalation)'));
    const second = await run(fake, root);
    const pages = fake.requests
      .filter((request) => request.method === 'GET' && request.path === '/repos/octo/docs/pulls/7/comments')
      .map((request) => request.query.get('page') ?? '1');
    // Run 1 read one empty page; run 2 read both pages, so it knew both earlier suggestions.
    expect(pages).toEqual(['1', '1', '2']);
    expect(fake.reviews).toHaveLength(2);
    expect(fake.reviews[1]?.body).toContain('1 link ');
    const comments = fake.reviews[1]?.comments ?? [];
    expect(comments.map((comment) => `${String(comment['path'])}:${String(comment['line'])}`)).toEqual(['README.md:7']);
    expect(commentBody(comments[0])).toContain('\n```suggestion\n[w](./guide.md#installation)\n```');
    expect(second.stdout).toMatch(/linkvet: suggested a fix in a review/);
  });

  it('warns once and still fails on the findings when the token may not review', async () => {
    fake = await startFakeGitHub({ files, headSha, readOnly: true });
    const result = await run(fake, workspace(), { comment: 'false' });

    expect(reviewPosts(fake)).toBe(1);
    expect(fake.reviews).toEqual([]);
    const warnings = result.annotations.filter(
      (annotation) => annotation.severity === 'warning' && annotation.properties['file'] === undefined,
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('could not post review suggestions on pull request #7');
    expect(warnings[0]?.message).toContain('HTTP 403');
    expect(warnings[0]?.message).toContain('pull-requests: write');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::linkvet found 3 errors, 0 warnings and 0 notices (fail-on: error).');
  });

  it('suggests the final URL of a permanent redirect', async () => {
    site = await startTestServer();
    fake = await startFakeGitHub({
      files: [
        {
          filename: 'docs/links.md',
          status: 'added',
          patch: `@@ -0,0 +1,3 @@\n+# Links\n+\n+Read [the manual](${site.url('/moved-308')}) first.`,
        },
      ],
      headSha,
    });
    const root = makeTree({ 'docs/links.md': `# Links\n\nRead [the manual](${site.url('/moved-308')}) first.\n` });
    const result = await run(fake, root, { offline: 'false' });

    expect(site.requestsTo('/moved-308').length).toBeGreaterThan(0);
    expect(result.code).toBe(0);
    expect(result.outputs['warnings']).toBe('1');
    expect(fake.reviews).toHaveLength(1);
    const comments = fake.reviews[0]?.comments ?? [];
    expect(comments.map((comment) => `${String(comment['path'])}:${String(comment['line'])}`)).toEqual([
      'docs/links.md:3',
    ]);
    expect(commentBody(comments[0])).toContain('`permanent-redirect`');
    expect(commentBody(comments[0])).toContain(
      `\n\`\`\`suggestion\nRead [the manual](${site.url('/ok')}) first.\n\`\`\``,
    );
  });
});
