import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pullRequestEvent, runBundledAction, type ActionResult } from '../helpers/action.js';
import { startFakeCache, type FakeCache } from '../helpers/fake-cache.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { closeServer, listen, startTestServer, trackSockets, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

// The bundled action, given a canary as its `github-token`, must register it as a secret before printing anything,
// must send it to the (fake, loopback) GitHub API, and must never let it reach a log line, the job summary, an
// output, a comment or review, the report and SARIF files, or the cache, even when the API echoes it back.

const canary = 'ghs_actionCanary_9Hf3Kp6Vn1Yc';

/** The canary written plainly, in the Basic auth forms git and curl use, or percent-encoded. */
function canaryForms(token: string): string[] {
  const basic = (text: string): string => Buffer.from(text).toString('base64');
  return [token, basic(token), basic(`x-access-token:${token}`), basic(`:${token}`), encodeURIComponent(token)];
}

function leaksIn(surfaces: Readonly<Record<string, string>>): string[] {
  return Object.entries(surfaces).flatMap(([where, text]) =>
    canaryForms(canary)
      .filter((form) => text.includes(form))
      .map((form) => `${where}: ${form}`),
  );
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeGitHub(options: Parameters<typeof startFakeGitHub>[0]): Promise<FakeGitHub> {
  const github = await startFakeGitHub(options);
  cleanups.push(() => github.close());
  return github;
}

/** A request a hostile API received. */
interface EchoedRequest {
  readonly url: string;
  readonly rawHeaders: readonly string[];
}

/** An API that answers every request with `status`, echoing the request's Authorization in body, headers and links. */
async function echoingApi(status: number): Promise<{ origin: string; requests: EchoedRequest[] }> {
  const requests: EchoedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ url: req.url ?? '', rawHeaders: req.rawHeaders });
    const authorization = req.headers.authorization ?? 'none';
    const body = JSON.stringify({
      message: `Bad credentials: you sent ${authorization}`,
      errors: [{ message: authorization, code: 'invalid' }],
      documentation_url: `https://docs.github.com/rest?${authorization}`,
    });
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-echo-authorization': encodeURIComponent(authorization),
      link: `<http://127.0.0.1:1/next?auth=${encodeURIComponent(authorization)}>; rel="next"`,
    });
    res.end(body);
  });
  const sockets = trackSockets(server);
  const port = await listen(server);
  cleanups.push(() => closeServer(server, sockets));
  return { origin: `http://127.0.0.1:${port}`, requests };
}

async function loopbackSite(): Promise<TestServer> {
  const site = await startTestServer();
  cleanups.push(() => site.close());
  return site;
}

async function fakeCache(): Promise<FakeCache> {
  const cache = await startFakeCache();
  cleanups.push(() => cache.close());
  return cache;
}

/** A checkout of hostile Markdown: dead, redirecting, header-echoing and malformed links, one suggestion to make. */
function hostileWorkspace(site: TestServer, apiOrigin = 'http://127.0.0.1:1'): string {
  const root = makeTree({
    'README.md': [
      '# Secrets',
      '',
      `[echo](${site.url('/auth-echo')}) [gone](${site.url('/gone')}) [denied](${site.url('/unauthorized')})`,
      `[moved](${site.url('/moved')}) [to echo](${site.url('/redirect-to?to=' + encodeURIComponent(site.url('/auth-echo')))})`,
      `[userinfo](http://user:pass@${new URL(site.origin).host}/ok) [loop](${site.url('/loop-a')})`,
      `[the API itself](${apiOrigin}/repos/octo/docs?from=markdown)`,
      '[missing](./nowhere.md) [here](#nowhere) [click here](./README.md)',
      '[unclosed](<http://127.0.0.1:1/a b> "title',
      '<javascript:alert(1)> [data](data:text/html,x) [ref][undefined-ref]',
      '',
    ].join('\n'),
  });
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** Inputs that turn every output on: external checks, cache, report, SARIF, comment, suggestions. */
const everything = {
  'github-token': canary,
  offline: 'false',
  cache: 'true',
  report: 'out/report.json',
  sarif: 'out/report.sarif',
  comment: 'true',
  suggestions: 'true',
  summary: 'true',
  annotations: 'true',
  'fail-on': 'never',
};

function cacheEnv(cache: FakeCache): Record<string, string> {
  return {
    ACTIONS_CACHE_URL: cache.url,
    ACTIONS_RUNTIME_TOKEN: 'runtime-token',
    GITHUB_SERVER_URL: 'http://127.0.0.1:1',
  };
}

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string, label: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, file);
    if (statSync(full).isFile()) files[`${label}/${file}`] = readFileSync(full, 'latin1');
  }
  return files;
}

/** Everything the run printed or wrote, with the one line that must hold the token (the mask command) taken out. */
function surfacesOf(
  result: ActionResult,
  workspace: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    stdout: withoutMaskCommand(result.stdout),
    stderr: result.stderr,
    summary: result.summary,
    outputs: JSON.stringify(result.outputs),
    ...filesUnder(workspace, 'workspace'),
    ...filesUnder(result.runnerTemp, 'runner'),
    ...extra,
  };
}

function withoutMaskCommand(stdout: string): string {
  return stdout.replace(`::add-mask::${canary}\n`, '');
}

/** The runner masks a secret only from the moment it is registered: that must come before any other output. */
function expectMaskedFirst(result: ActionResult): void {
  expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${canary}`);
  expect(result.stderr.indexOf(canary)).toBe(-1);
}

async function runWith(
  workspace: string,
  apiUrl: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<ActionResult> {
  // RUNNER_DEBUG turns on every ::debug:: line, so they are scanned too.
  const debug = { RUNNER_DEBUG: '1', ...env };
  const result = await runBundledAction({ workspace, apiUrl, event: pullRequestEvent(), inputs, env: debug });
  cleanups.push(() => rmSync(result.runnerTemp, { recursive: true, force: true }));
  return result;
}

describe('the action with a github-token', () => {
  it('sends it to the GitHub API, masks it first, and writes it nowhere', async () => {
    const site = await loopbackSite();
    const cache = await fakeCache();
    const seeded = [1, 2, 3].map((n) => ({ body: `older comment ${n}`, type: 'User' as const }));
    const github = await fakeGitHub({
      pageSize: 1,
      comments: seeded,
      files: [{ filename: 'README.md', status: 'modified', patch: '@@ -1,1 +1,9 @@\n+# Secrets' }],
    });
    const workspace = hostileWorkspace(site, github.origin);
    const result = await runWith(workspace, github.origin, everything, cacheEnv(cache));

    expect(result.code, result.stderr).toBe(0);
    expectMaskedFirst(result);
    // Not vacuous: the API got the token on every call, pages beyond the first included.
    expect(github.requests.length).toBeGreaterThan(3);
    const apiCalls = github.requests.filter((request) => request.query.get('from') !== 'markdown');
    for (const request of apiCalls) expect(request.headers.authorization).toContain(canary);
    expect(github.requests.filter((r) => r.query.get('page') === '3').length).toBeGreaterThan(0);
    // And the run produced every surface that is scanned below.
    const posted = [...github.comments.map((c) => c.body), ...github.reviews.map((r) => JSON.stringify(r))];
    expect(posted.some((body) => body.includes('linkvet'))).toBe(true);
    expect(existsSync(path.join(workspace, 'out/report.sarif'))).toBe(true);
    expect(result.summary).not.toBe('');
    expect(cache.entries.length).toBeGreaterThan(0);
    expect(site.requests.every((request) => !JSON.stringify(request.headers).includes(canary))).toBe(true);
    // A link to the API's own origin is an ordinary external link: checked, without the token.
    const linkChecks = github.requests.filter((request) => request.query.get('from') === 'markdown');
    expect(linkChecks.length).toBeGreaterThan(0);
    expect(linkChecks.every((request) => request.headers.authorization === undefined)).toBe(true);

    const uploads = Object.fromEntries(
      cache.requests.map((request, index) => [`cache request ${index}`, JSON.stringify(request)]),
    );
    expect(leaksIn(surfacesOf(result, workspace, { ...uploads, posted: posted.join('\n') }))).toEqual([]);
  }, 60_000);

  it('never follows a pagination link off the API origin with the token', async () => {
    const elsewhere = await echoingApi(200);
    const github = await fakeGitHub({
      pageSize: 1,
      comments: [{ body: 'one' }, { body: 'two' }],
      nextLinkOrigin: elsewhere.origin,
    });
    const workspace = hostileWorkspace(await loopbackSite());
    const result = await runWith(workspace, github.origin, { ...everything, offline: 'true', cache: 'false' }, {});

    expectMaskedFirst(result);
    expect(github.requests.some((request) => request.headers.authorization?.includes(canary))).toBe(true);
    expect(elsewhere.requests).toEqual([]);
    expect(leaksIn(surfacesOf(result, workspace))).toEqual([]);
  }, 60_000);

  for (const status of [401, 403, 500]) {
    it(`keeps it out of every message when the API answers ${status} and echoes the token back`, async () => {
      const api = await echoingApi(status);
      const workspace = hostileWorkspace(await loopbackSite());
      const inputs = { ...everything, offline: 'true', cache: 'false', 'only-changed': 'true' };
      const result = await runWith(workspace, api.origin, inputs, {});

      expectMaskedFirst(result);
      expect(api.requests.length).toBeGreaterThan(0);
      expect(api.requests.every((request) => request.rawHeaders.join('\n').includes(canary))).toBe(true);
      expect(result.stdout).toContain(`HTTP ${status}`);
      // The echo did reach the message, with the token cut out.
      expect(result.stdout).toMatch(/Bad credentials: you sent \w+ \*\*\*/);
      expect(leaksIn(surfacesOf(result, workspace))).toEqual([]);
    }, 60_000);
  }
});
