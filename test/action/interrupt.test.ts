import { readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pullRequestEvent, runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

// The runner cancels a job with SIGINT, then SIGTERM: the bundled action must stop at once, still write its report,
// summary and outputs, fail saying it was interrupted, and leave the pull request's comment alone.

let site: TestServer;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  site = await startTestServer();
});

afterAll(async () => {
  await site.close();
});

afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

const slowLinks = ['a', 'b'].map((name) => `/slow?ms=20000&name=${name}`);
const previousComment = '<!-- linkvet:sticky-comment -->\n### linkvet\n\nThe last complete run.';

function workspace(): string {
  return makeTree({
    '.linkvet.json': JSON.stringify({ retries: 0, timeout: '60s' }),
    'README.md': [
      '# Docs',
      '',
      `[fine](${site.url('/ok')}) and [missing](./missing.md)`,
      '',
      ...slowLinks.map((link, index) => `- [slow ${index}](${site.url(link)})`),
      '',
    ].join('\n'),
  });
}

/** Runs the action on pull request #7 and sends `signals` once every slow link is being requested. */
async function interruptedAction(github: FakeGitHub, signals: readonly NodeJS.Signals[]): Promise<ActionResult> {
  const before = site.requests.length;
  const started = (): boolean =>
    site.requests.slice(before).filter((request) => request.path === '/slow').length >= slowLinks.length;
  const result = await runBundledAction({
    workspace: workspace(),
    apiUrl: github.origin,
    event: pullRequestEvent(),
    interrupt: { when: started, signals },
  });
  cleanup.push(() => rmSync(result.runnerTemp, { recursive: true, force: true }));
  return result;
}

async function fakeGitHub(): Promise<FakeGitHub> {
  const github = await startFakeGitHub({
    comments: [{ body: previousComment, login: 'github-actions[bot]', type: 'Bot' }],
  });
  cleanup.push(() => github.close());
  return github;
}

describe('the action, cancelled', () => {
  it('on SIGINT: writes the partial report and summary, fails, and posts no comment', { timeout: 30_000 }, async () => {
    const github = await fakeGitHub();
    const started = Date.now();
    const result = await interruptedAction(github, ['SIGINT']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.annotations.some((a) => a.severity === 'error' && /interrupted \(SIGINT\)/.test(a.message))).toBe(
      true,
    );
    expect(result.summary).toMatch(/Interrupted \(SIGINT\)\W+incomplete results/);
    expect(result.summary).toContain('missing.md');
    const reportPath = result.outputs['report'] ?? '';
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      incomplete: unknown;
      links: { url: string; status: string }[];
    };
    expect(report.incomplete).toEqual({ reason: 'SIGINT', filesChecked: 1, filesTotal: 1, linksUnchecked: 2 });
    expect(report.links.filter((link) => link.status === 'unchecked').map((link) => link.url)).toEqual(
      slowLinks.map((link) => site.url(link)),
    );
    expect(result.outputs['errors']).toBe('1');
    // The earlier, complete comment stands: nothing was written to the pull request.
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(github.comments.map((comment) => comment.body)).toEqual([previousComment]);
  });

  it('on SIGINT then SIGTERM, as the runner sends them: exits non-zero at once', { timeout: 30_000 }, async () => {
    const github = await fakeGitHub();
    const started = Date.now();
    const result = await interruptedAction(github, ['SIGINT', 'SIGTERM']);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
