import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestEvent, runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../helpers/fake-github.js';
import { makeTree } from '../helpers/tree.js';

// The bundled action against a fake GitHub API on 127.0.0.1 that limits, redirects and pages the way a
// hostile or overloaded API could. A second fake on another loopback port stands for "another origin":
// it records every request it receives, so "it received nothing" is checked, not assumed.

const marker = '<!-- linkvet:sticky-comment -->';
const commentsPath = '/repos/octo/docs/issues/7/comments';
const brokenTree = { 'README.md': '# Readme\n\nSee [the guide](./gone.md).\n' };
const permissionWording = 'pull-requests: write';

const servers: FakeGitHub[] = [];
const runnerDirs: string[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const dir of runnerDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = await startFakeGitHub(options);
  servers.push(server);
  return server;
}

/** Runs the bundled action offline on pull request #7 of a broken tree, against `github`. */
async function runOnPull(github: FakeGitHub): Promise<ActionResult> {
  const result = await runBundledAction({
    workspace: makeTree(brokenTree),
    apiUrl: github.origin,
    event: pullRequestEvent(),
    inputs: { offline: 'true' },
  });
  runnerDirs.push(result.runnerTemp);
  return result;
}

/** The step's own `::warning::` messages (findings carry a file), joined. */
function stepWarnings(result: ActionResult): string {
  return result.annotations
    .filter((annotation) => annotation.severity === 'warning' && annotation.properties['file'] === undefined)
    .map((annotation) => annotation.message)
    .join('\n');
}

describe('the action on a rate-limited API', () => {
  it('tells a secondary rate limit (403 with retry-after) from a token that may not comment', async () => {
    const limited = await fakeGitHub({
      fail: {
        on: 'writes',
        status: 403,
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        headers: { 'retry-after': '60', 'x-ratelimit-remaining': '4321' },
      },
    });
    const readOnly = await fakeGitHub({
      fail: {
        on: 'writes',
        status: 403,
        message: 'Resource not accessible by integration',
        headers: { 'x-ratelimit-remaining': '4321' },
      },
    });

    const [onLimit, onPermission] = [await runOnPull(limited), await runOnPull(readOnly)];

    expect(stepWarnings(onLimit)).toContain('could not comment on pull request #7: the GitHub API rate limit was hit');
    expect(stepWarnings(onLimit)).toContain('GitHub asks to retry after 60 s');
    expect(stepWarnings(onLimit)).not.toContain(permissionWording);
    expect(stepWarnings(onPermission)).toContain('the token may not do this (HTTP 403: Resource not accessible');
    expect(stepWarnings(onPermission)).toContain(permissionWording);
    expect(stepWarnings(onPermission)).not.toContain('rate limit');
    expect([onLimit.code, onPermission.code]).toEqual([1, 1]);
  });

  it('says when a spent primary rate limit (x-ratelimit-remaining: 0) resets', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const github = await fakeGitHub({
      fail: {
        on: 'writes',
        status: 403,
        message: 'API rate limit exceeded for installation ID 1.',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      },
    });

    const result = await runOnPull(github);

    const warnings = stepWarnings(result);
    expect(warnings).toContain('the GitHub API rate limit was hit, not a missing permission (HTTP 403: API rate limit');
    expect(warnings).toContain(`the limit resets at ${new Date(reset * 1000).toISOString()}`);
    expect(warnings).not.toContain(permissionWording);
  });

  it('calls a 429 a rate limit and says when to retry', async () => {
    const github = await fakeGitHub({
      fail: { on: 'every request', status: 429, message: 'Too Many Requests', headers: { 'retry-after': '30' } },
    });

    const result = await runOnPull(github);

    const warnings = stepWarnings(result);
    expect(warnings).toContain('the GitHub API rate limit was hit, not a missing permission (HTTP 429: Too Many');
    expect(warnings).toContain('GitHub asks to retry after 30 s');
    expect(github.comments).toEqual([]);
    expect(result.code).toBe(1);
  });
});

describe('the action on an API that pages', () => {
  it('reads a list of exactly 50 pages whole, without saying the rest was not read', async () => {
    const comments = Array.from({ length: 49 }, (_, index) => ({ body: `comment ${index}` }));
    const github = await fakeGitHub({ pageSize: 1, comments: [...comments, { body: `${marker}\nold`, type: 'Bot' }] });

    const result = await runOnPull(github);

    const pages = github.requests.filter((request) => request.method === 'GET' && request.path === commentsPath);
    expect(pages).toHaveLength(50);
    expect(stepWarnings(result)).not.toContain('stopped reading');
    // The last page held linkvet's comment: it was updated, not duplicated.
    expect(github.requests.filter((request) => request.method === 'POST')).toEqual([]);
    expect(github.comments.filter((comment) => comment.body.startsWith(marker))).toHaveLength(1);
  });
});

describe('the action on an API that redirects', () => {
  it('follows no read redirect to another origin: that origin receives nothing', async () => {
    const elsewhere = await fakeGitHub();
    const github = await fakeGitHub({ redirectReads: { status: 302, to: elsewhere.origin } });

    const result = await runOnPull(github);

    expect(elsewhere.requests).toEqual([]);
    expect(stepWarnings(result)).toContain(
      `could not comment on pull request #7: refused a redirect of a GitHub API request to ${elsewhere.origin}: API requests go only to ${github.origin}`,
    );
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('follows a read redirect on the API origin, as fetch would', async () => {
    const github = await fakeGitHub({
      redirectReads: { status: 301, to: '' },
      comments: [{ body: `${marker}\nold`, type: 'Bot' }],
    });

    const result = await runOnPull(github);

    expect(github.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET ${commentsPath}`,
      `GET /moved${commentsPath}`,
      'PATCH /repos/octo/docs/issues/comments/1000',
    ]);
    expect(github.comments[0]?.body).toContain('gone.md');
    expect(stepWarnings(result)).toBe('');
  });

  for (const status of [302, 307, 308] as const) {
    it(`never re-sends an updated comment (PATCH) to another origin when it answers ${status}`, async () => {
      const elsewhere = await fakeGitHub({ comments: [{ body: `${marker}\nold`, type: 'Bot' }] });
      const github = await fakeGitHub({
        comments: [{ body: `${marker}\nold`, type: 'Bot' }],
        redirectWrites: { status, to: elsewhere.origin },
      });

      const result = await runOnPull(github);

      expect(github.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
      expect(elsewhere.comments[0]?.body).toBe(`${marker}\nold`);
      expect(stepWarnings(result)).toContain(`refused a redirect of a GitHub API request to ${elsewhere.origin}`);
    });
  }
});
