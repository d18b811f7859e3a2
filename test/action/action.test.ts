import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  pullRequestEvent,
  runBundledAction,
  type ActionResult,
  type ActionRun,
  type WorkflowAnnotation,
} from '../helpers/action.js';
import { startFakeGitHub, type ApiRequest, type FakeGitHub, type FakeGitHubOptions } from '../helpers/fake-github.js';
import { makeTree } from '../helpers/tree.js';

// End-to-end: dist/index.js as the runner starts it, against a fake GitHub API on 127.0.0.1.
// Every run is offline, so nothing but the fake is ever contacted.

const marker = '<!-- linkvet:sticky-comment -->';
const sha = 'c'.repeat(40);
const blob = `https://github.com/octo/docs/blob/${sha}`;
const commentsPath = '/repos/octo/docs/issues/7/comments';

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

/** Runs the bundled action offline (plus `inputs`), on a push unless `event` says otherwise. */
async function runAction(workspace: string, options: Omit<ActionRun, 'workspace'> = {}): Promise<ActionResult> {
  const result = await runBundledAction({ ...options, workspace, inputs: { offline: 'true', ...options.inputs } });
  runnerDirs.push(result.runnerTemp);
  return result;
}

/** Runs the action on pull request #7 against `github`. */
function runOnPull(workspace: string, github: FakeGitHub, inputs: Readonly<Record<string, string>> = {}) {
  return runAction(workspace, { apiUrl: github.origin, event: pullRequestEvent(), inputs });
}

/** Annotations on a file: the findings (the step's own messages carry no file). */
function findingAnnotations(result: ActionResult): WorkflowAnnotation[] {
  return result.annotations.filter((annotation) => annotation.properties['file'] !== undefined);
}

/** The step's own `::warning::` messages, without a file. */
function stepWarnings(result: ActionResult): WorkflowAnnotation[] {
  return result.annotations.filter(
    (annotation) => annotation.severity === 'warning' && annotation.properties['file'] === undefined,
  );
}

function linkvetComments(github: FakeGitHub): FakeGitHub['comments'] {
  return github.comments.filter((comment) => comment.body.startsWith(marker));
}

function requestsTo(github: FakeGitHub, method: string): ApiRequest[] {
  return github.requests.filter((request) => request.method === method);
}

/** `count` links with generic anchor text, one warning each: `[click here](./exists.md)`. */
function clickHere(count: number): string {
  return Array.from({ length: count }, () => '[click here](./exists.md)').join('\n\n');
}

const cleanTree = {
  'README.md': '# Readme\n\nSee [the guide](./guide.md#setup).\n',
  'guide.md': '# Guide\n\n## Setup\n',
};
const brokenTree = { 'README.md': '# Readme\n\nSee [the guide](./gone.md).\n' };

/**
 * What GitHub renders as live Markdown: the text outside code spans (replaced by a space), with
 * table rows first split into cells at unescaped pipes, as cmark-gfm does before parsing inlines.
 */
function outsideCodeSpans(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map(stripCodeSpans)
            .join('|')
        : stripCodeSpans(line),
    )
    .join('\n');
}

function stripCodeSpans(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '\\') {
      out += text.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (char !== '`') {
      out += char;
      index += 1;
      continue;
    }
    const run = /^`+/.exec(text.slice(index))?.[0] ?? '`';
    const after = index + run.length;
    const closing = [...text.slice(after).matchAll(/`+/g)].find((match) => match[0].length === run.length);
    if (closing === undefined) {
      out += run;
      index = after;
    } else {
      out += ' ';
      index = after + closing.index + run.length;
    }
  }
  return out;
}

/** Text with backslash escapes resolved: GFM autolinks and GitHub mentions work on this. */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('linkvet action', () => {
  it('annotates findings with file, line, end line, columns and a title naming the rule', async () => {
    const fragmentLink = '[the intro](../exists.md#nope)';
    const workspace = makeTree({
      'README.md': '# Readme\n\n[gone](./gone.md)\n\n[split\nlink](./also-gone.md)\n',
      'exists.md': '# Exists\n',
      'docs/guide.md': `# Guide\n\nSome text.\n\nSee ${fragmentLink} for more.\n`,
    });

    const result = await runAction(workspace);

    const annotations = findingAnnotations(result);
    expect(annotations).toHaveLength(3);
    expect(annotations).toContainEqual({
      severity: 'error',
      properties: {
        title: 'linkvet: Missing file (missing-file)',
        file: 'README.md',
        line: '3',
        endLine: '3',
        col: '1',
        endColumn: String('[gone](./gone.md)'.length),
      },
      message: '`gone.md` does not exist',
    });
    expect(annotations).toContainEqual({
      severity: 'error',
      properties: {
        title: 'linkvet: Missing fragment (missing-fragment)',
        file: 'docs/guide.md',
        line: '5',
        endLine: '5',
        col: '5',
        endColumn: String(5 + fragmentLink.length - 1),
      },
      message: expect.stringContaining('`#nope`') as unknown,
    });
    // A link over two lines: GitHub drops columns on multi-line annotations, so none are given.
    expect(annotations).toContainEqual({
      severity: 'error',
      properties: { title: 'linkvet: Missing file (missing-file)', file: 'README.md', line: '5', endLine: '6' },
      message: '`also-gone.md` does not exist',
    });
  });

  it('emits the most severe findings first, within 10 per severity with its own messages, and says how many were held back', async () => {
    const missing = Array.from({ length: 12 }, (_, i) => `[page ${i}](./missing-${i}.md)`).join('\n\n');
    const unused = '[x]: ./exists.md\n[y]: ./exists.md\n[z]: ./exists.md';
    // Notices first and warnings before errors in the file, so the order is the action's, not the file's.
    const workspace = makeTree({
      'README.md': `# Readme\n\n${unused}\n\n${clickHere(12)}\n\n${missing}\n`,
      'exists.md': '# Exists\n',
    });

    const result = await runAction(workspace);

    const severities = findingAnnotations(result).map((annotation) => annotation.severity);
    // One error is left for the failure message and one warning for a possible API warning.
    expect(severities).toEqual([
      ...Array<string>(9).fill('error'),
      ...Array<string>(9).fill('warning'),
      ...Array<string>(3).fill('notice'),
    ]);
    expect(result.annotations.filter((annotation) => annotation.severity === 'error')).toHaveLength(10);
    expect(result.outputs).toMatchObject({ errors: '12', warnings: '12', notices: '3' });
    // 27 findings, 21 annotated.
    expect(result.summary).toContain('> 6 findings were not shown as annotations');
    expect(result.summary.match(/\| ` missing-file ` \|$/gm)).toHaveLength(12);
    expect(result.summary.match(/\| ` generic-anchor-text ` \|$/gm)).toHaveLength(12);
    expect(result.summary.match(/\| ` unused-definition ` \|$/gm)).toHaveLength(3);
    expect(result.summary).not.toContain('more findings not shown here');
  });

  it('writes a job summary with a totals table and findings under a heading per file, linked to their lines', async () => {
    const workspace = makeTree({
      'README.md': '# Readme\n\n[one](./one.md)\n\n[two](./two.md)\n',
      'docs/my file (v2).md': '# Odd name\n\n\n[three](./three.md)\n',
      'ok.md': '[readme](./README.md)\n',
    });

    const { summary } = await runAction(workspace);

    expect(summary).toMatch(/^## linkvet$/m);
    expect(summary).toContain('| Files | Links | Unique URLs | Errors | Warnings | Notices | Time |');
    expect(summary).toMatch(/^\| 3 \| 4 \| 0 \| 3 \| 0 \| 0 \| \d+\.\d s \|$/m);
    const sections = summary.split(/^(?=#### )/m).slice(1);
    expect(sections.map((section) => section.split('\n')[0])).toEqual([
      '#### ` README.md ` · 2 findings',
      '#### ` docs/my file (v2).md ` · 1 finding',
    ]);
    const [readme = '', odd = ''] = sections;
    expect(readme).toContain(`[3:1](${blob}/README.md?plain=1#L3)`);
    expect(readme).toContain(`[5:1](${blob}/README.md?plain=1#L5)`);
    expect(readme).not.toContain('my%20file');
    // Spaces and parentheses are percent-encoded, so the link destination cannot end early.
    expect(odd).toContain(`[4:1](${blob}/docs/my%20file%20%28v2%29.md?plain=1#L4)`);
    expect(summary).not.toContain('my file (v2).md#');
  });

  it('sets the counts and report outputs, and the report is JSON with every finding and link', async () => {
    const workspace = makeTree({
      'README.md': '# Readme\n\n[gone](./gone.md)\n\n[click here](./ok.md)\n\n[unused]: ./ok.md\n',
      'ok.md': '# Ok\n',
    });

    const result = await runAction(workspace);

    expect(result.outputs).toMatchObject({ errors: '1', warnings: '1', notices: '1' });
    const reportPath = result.outputs['report'] ?? '';
    expect(reportPath).toBe(path.join(result.runnerTemp, 'linkvet-report.json'));
    expect(existsSync(reportPath)).toBe(true);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      schemaVersion: unknown;
      findings: Array<{ file: string; line: number; rule: string }>;
      links: Array<{ file: string; url: string; line: number }>;
    };
    expect(report.schemaVersion).toBe(1);
    expect(
      report.findings.map(({ file, line, rule }) => ({ file, line, rule })).sort((a, b) => a.line - b.line),
    ).toEqual([
      { file: 'README.md', line: 3, rule: 'missing-file' },
      { file: 'README.md', line: 5, rule: 'generic-anchor-text' },
      { file: 'README.md', line: 7, rule: 'unused-definition' },
    ]);
    expect(report.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'README.md', url: './gone.md', line: 3 }),
        expect.objectContaining({ file: 'README.md', url: './ok.md', line: 5 }),
      ]),
    );
  });

  it('exits 1 with broken links and 0 when clean', async () => {
    const broken = await runAction(makeTree(brokenTree));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^::error::linkvet found 1 error, 0 warnings and 0 notices \(fail-on: error\)\.$/m);
    const clean = await runAction(makeTree(cleanTree));
    expect(clean.code).toBe(0);
    expect(clean.outputs).toMatchObject({ errors: '0', warnings: '0', notices: '0' });
  });

  it('exits 0 with broken links under fail-on: never, still reporting them', async () => {
    const result = await runAction(makeTree(brokenTree), { inputs: { 'fail-on': 'never' } });
    expect(result.code).toBe(0);
    expect(result.outputs['errors']).toBe('1');
    expect(findingAnnotations(result)).toHaveLength(1);
  });

  it('fails on warnings only under fail-on: warning', async () => {
    const warningsOnly = makeTree({ 'README.md': `# Readme\n\n${clickHere(1)}\n`, 'exists.md': '# Exists\n' });
    const noticesOnly = makeTree({ 'README.md': '# Readme\n\n[unused]: ./exists.md\n', 'exists.md': '# Exists\n' });

    expect((await runAction(warningsOnly)).code).toBe(0);
    expect((await runAction(warningsOnly, { inputs: { 'fail-on': 'warning' } })).code).toBe(1);
    expect((await runAction(noticesOnly, { inputs: { 'fail-on': 'warning' } })).code).toBe(0);
  });

  it('keeps one sticky comment across runs: created, updated in place, then turned into the all-clear', async () => {
    const github = await fakeGitHub({ comments: [{ body: 'Looks good to me!' }] });
    const workspace = makeTree({ 'README.md': '# Readme\n\n[first](./first.md)\n', 'ok.md': '# Ok\n' });
    const readme = path.join(workspace, 'README.md');

    const first = await runOnPull(workspace, github);
    expect(first.code).toBe(1);
    expect(requestsTo(github, 'POST')).toHaveLength(1);
    expect(linkvetComments(github)).toHaveLength(1);
    const [comment] = linkvetComments(github);
    const id = comment?.id;
    expect(comment?.body.startsWith(`${marker}\n`)).toBe(true);
    expect(comment?.body).toContain('first.md');
    expect(comment?.body).not.toContain('second.md');

    writeFileSync(readme, '# Readme\n\n[first](./first.md)\n\n[second](./second.md)\n');
    const second = await runOnPull(workspace, github);
    expect(second.code).toBe(1);
    expect(requestsTo(github, 'POST')).toHaveLength(1);
    expect(requestsTo(github, 'PATCH').map((request) => request.path)).toEqual([
      `/repos/octo/docs/issues/comments/${id}`,
    ]);
    expect(linkvetComments(github)).toEqual([expect.objectContaining({ id })]);
    expect(linkvetComments(github)[0]?.body).toContain('second.md');
    expect(linkvetComments(github)[0]?.body).toContain('**2** errors');

    writeFileSync(readme, '# Readme\n\n[ok](./ok.md)\n');
    const third = await runOnPull(workspace, github);
    expect(third.code).toBe(0);
    expect(requestsTo(github, 'POST')).toHaveLength(1);
    expect(requestsTo(github, 'PATCH')).toHaveLength(2);
    expect(linkvetComments(github)).toEqual([expect.objectContaining({ id })]);
    const allClear = linkvetComments(github)[0]?.body ?? '';
    expect(allClear.startsWith(marker)).toBe(true);
    expect(allClear).toContain('✅');
    expect(allClear).not.toContain('| --- |');
    expect(allClear).not.toContain('first.md');
    expect(github.comments).toHaveLength(2);
    expect(github.comments[0]?.body).toBe('Looks good to me!');
  });

  it('stays quiet on a clean pull request without a linkvet comment', async () => {
    const github = await fakeGitHub({ comments: [{ body: 'Nice docs.' }] });

    const result = await runOnPull(makeTree(cleanTree), github);

    expect(result.code).toBe(0);
    expect(requestsTo(github, 'GET').map((request) => request.path)).toEqual([commentsPath]);
    expect(requestsTo(github, 'POST')).toEqual([]);
    expect(requestsTo(github, 'PATCH')).toEqual([]);
    expect(github.comments.map((comment) => comment.body)).toEqual(['Nice docs.']);
  });

  it('finds its comment on a later page of the comments and updates it instead of adding one', async () => {
    const other = (n: number) => ({ body: `Comment ${n}` });
    const github = await fakeGitHub({
      pageSize: 2,
      comments: [other(1), other(2), other(3), other(4), { body: `${marker}\nold findings`, type: 'Bot' }, other(5)],
    });
    const stickyId = github.comments[4]?.id;

    const result = await runOnPull(makeTree(brokenTree), github);

    expect(result.code).toBe(1);
    const pages = requestsTo(github, 'GET')
      .filter((request) => request.path === commentsPath)
      .map((request) => request.query.get('page') ?? '1');
    expect(pages).toEqual(expect.arrayContaining(['1', '2', '3']));
    expect(requestsTo(github, 'POST')).toEqual([]);
    expect(requestsTo(github, 'PATCH').map((request) => request.path)).toEqual([
      `/repos/octo/docs/issues/comments/${stickyId}`,
    ]);
    expect(github.comments).toHaveLength(6);
    expect(linkvetComments(github)).toEqual([expect.objectContaining({ id: stickyId })]);
    expect(linkvetComments(github)[0]?.body).toContain('gone.md');
  });

  it("never takes over a stranger's comment that carries the marker, but keeps a maintainer's", async () => {
    const planted = `${marker}\n✅ all fine, merge away`;
    const github = await fakeGitHub({
      comments: [
        { body: planted, type: 'User', association: 'NONE' },
        { body: `${marker}\nold findings`, type: 'User', association: 'MEMBER' },
      ],
    });
    const [stranger, maintainer] = github.comments;

    await runOnPull(makeTree(brokenTree), github);

    expect(github.comments.find((comment) => comment.id === stranger?.id)?.body).toBe(planted);
    expect(requestsTo(github, 'PATCH').map((request) => request.path)).toEqual([
      `/repos/octo/docs/issues/comments/${maintainer?.id}`,
    ]);
    expect(requestsTo(github, 'POST')).toEqual([]);
  });

  it('creates its own comment when only a stranger carries the marker', async () => {
    const github = await fakeGitHub({
      comments: [{ body: `${marker}\nfake`, type: 'User', association: 'CONTRIBUTOR' }],
    });

    await runOnPull(makeTree(brokenTree), github);

    expect(requestsTo(github, 'PATCH')).toEqual([]);
    expect(requestsTo(github, 'POST')).toHaveLength(1);
    expect(github.comments[0]?.body).toBe(`${marker}\nfake`);
  });

  describe('with a read-only token', () => {
    function expectOneCommentWarning(result: ActionResult): void {
      const warnings = stepWarnings(result);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.message).toMatch(/could not comment on pull request #7/);
      expect(warnings[0]?.message).toContain('HTTP 403');
      expect(warnings[0]?.message).toContain('pull-requests: write');
    }

    it('warns once about commenting and still annotates, summarises and fails on broken links', async () => {
      const github = await fakeGitHub({ readOnly: true });

      const result = await runOnPull(makeTree(brokenTree), github);

      expectOneCommentWarning(result);
      expect(requestsTo(github, 'POST')).toHaveLength(1);
      expect(github.comments).toEqual([]);
      expect(findingAnnotations(result)).toHaveLength(1);
      expect(result.summary).toContain('` gone.md ` does not exist');
      expect(result.code).toBe(1);
    });

    it('passes a clean tree even when the all-clear cannot be written', async () => {
      const github = await fakeGitHub({ readOnly: true, comments: [{ body: `${marker}\nold findings`, type: 'Bot' }] });

      const result = await runOnPull(makeTree(cleanTree), github);

      expectOneCommentWarning(result);
      expect(requestsTo(github, 'PATCH')).toHaveLength(1);
      expect(github.comments[0]?.body).toBe(`${marker}\nold findings`);
      expect(result.summary).toContain('✅');
      expect(result.code).toBe(0);
    });
  });

  it('keeps hostile anchor text and URLs inert in the comment and the summary', async () => {
    // Escaped brackets keep this one link; the escaped HTML is text, so it reaches the messages.
    const payload =
      '@octocat \\<img src=x onerror=alert(1)\\> **bold** \\[x\\](https://evil.example) #12 | \\<!-- linkvet:sticky-comment --\\>';
    // The same text between backticks: the messages' code spans end early and the payload falls outside them.
    const breakout = `a\\\` ${payload} \\\`b`;
    const workspace = makeTree({
      '.linkvet.yml': 'denyDomains: [evil.example]\n',
      'README.md': [
        '# Hostile',
        `[${payload}](./one.md)`,
        `[${payload}](./two.md)`,
        `[${breakout}](./three.md)`,
        `[${breakout}](./four.md)`,
        '[@octocat <img src=x onerror=alert(1)> **bold** [x](https://evil.example) #12](./missing.md)',
        '[guide](./x`@admin`y.md)',
        '[guide](./q`www.evil.example`r.md)',
        '[site](https://evil.example/`@admin`/x)',
        '',
      ].join('\n\n'),
    });
    const github = await fakeGitHub();

    const result = await runOnPull(workspace, github);

    expect(result.code).toBe(1);
    expect(linkvetComments(github)).toHaveLength(1);
    const comment = linkvetComments(github)[0]?.body ?? '';
    for (const [markdown, isComment] of [
      [comment, true],
      [result.summary, false],
    ] as const) {
      const live = outsideCodeSpans(markdown);
      const text = unescapeMarkdown(live);
      // The hostile texts did reach the output outside code spans, so the checks below are not vacuous.
      for (const word of ['octocat', 'onerror', 'admin', 'evil']) expect(live).toContain(word);
      // No raw HTML but linkvet's own tags; inside code spans `<img` is shown, not rendered.
      expect(live).not.toMatch(/<img/i);
      expect(live.replace(isComment ? marker : '', '')).not.toMatch(/<(?!\/?sub>|br>)/);
      // No mention: every @ outside code is split from the name by a zero-width space.
      expect(text).not.toMatch(/(?<!\u200B)@\w/);
      // No issue reference like #12 (`&#124;` is the escaped pipe).
      expect(text).not.toMatch(/(?<![&\w])#\d/);
      // No live link to evil.example: neither Markdown link syntax nor a GFM autolink.
      expect(live).not.toMatch(/(?<!\\)\]\(\s*<?[^)\s]*evil/);
      expect(text).not.toMatch(/https?:\/\/evil\.example/i);
      expect(text).not.toMatch(/(?:^|[\s*_~(])www\.evil\.example/i);
      // Pipes in the payload never add table cells.
      const rows = markdown.split('\n').filter((line) => line.includes(`](${blob}/`));
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
      // The marker is only at the very start of the comment, never live anywhere else.
      expect(live.indexOf(marker, 1)).toBe(-1);
      if (isComment) expect(markdown.startsWith(`${marker}\n`)).toBe(true);
      else expect(live).not.toContain(marker);
    }
  });

  it('sends the token to the API host only, even when a pagination link points elsewhere', async () => {
    const elsewhere = await fakeGitHub();
    const github = await fakeGitHub({
      pageSize: 1,
      comments: [{ body: 'first' }, { body: `${marker}\nold`, type: 'Bot' }],
      nextLinkOrigin: elsewhere.origin,
    });

    const result = await runOnPull(makeTree(brokenTree), github);

    expect(github.requests.length).toBeGreaterThan(0);
    for (const request of github.requests) expect(request.headers['authorization']).toBe('token test-token');
    expect(elsewhere.requests).toEqual([]);
    expect(requestsTo(github, 'POST')).toEqual([]);
    expect(requestsTo(github, 'PATCH')).toEqual([]);
    const warnings = stepWarnings(result);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(`refused to send the GitHub token to ${elsewhere.origin}`);
    expect(findingAnnotations(result)).toHaveLength(1);
    expect(result.code).toBe(1);
  });

  for (const status of [302, 307, 308] as const) {
    it(`never re-sends the comment to another origin when a write answers ${status}`, async () => {
      const elsewhere = await fakeGitHub();
      const github = await fakeGitHub({ redirectWrites: { status, to: elsewhere.origin } });

      const result = await runOnPull(makeTree(brokenTree), github);

      expect(requestsTo(github, 'POST')).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
      const warnings = stepWarnings(result);
      expect(warnings.map((warning) => warning.message).join('\n')).toContain(
        `refused a redirect of a GitHub API request to ${elsewhere.origin}`,
      );
      expect(result.code).toBe(1);
    });
  }

  it('reads at most 50 pages of a list and says the rest was not read', async () => {
    const comments = Array.from({ length: 80 }, (_, index) => ({ body: `comment ${index}` }));
    const github = await fakeGitHub({ pageSize: 1, comments });

    const result = await runOnPull(makeTree(brokenTree), github);

    expect(requestsTo(github, 'GET').filter((request) => request.path === commentsPath)).toHaveLength(50);
    expect(stepWarnings(result).map((warning) => warning.message)).toContain(
      "linkvet: stopped reading the pull request's comments after 50 pages; the rest is not taken into account",
    );
  });

  it('never follows a same-origin redirect of a write either', async () => {
    // An empty `to` makes the Location a bare path, on the fake's own origin.
    const github = await fakeGitHub({ redirectWrites: { status: 307, to: '' } });

    const result = await runOnPull(makeTree(brokenTree), github);

    expect(requestsTo(github, 'POST')).toHaveLength(1);
    expect(
      stepWarnings(result)
        .map((warning) => warning.message)
        .join('\n'),
    ).toContain('refused to follow a redirect of a POST request');
  });

  it('keeps a hostile file name and URL inside their annotation: no workflow command of their own', async () => {
    // A newline would end the annotation and start a command; `%0A` is how the runner spells one.
    const name = 'docs/a\n::error::forged\n::add-mask::x.md';
    const workspace = makeTree({
      [name]: '[gone](<./b%0A::set-output name=pwned::1.md>) [gone too](<./c,line=1::d.md>)\n',
    });

    const result = await runAction(workspace);

    expect(result.code).toBe(1);
    const commands = result.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(
      commands.filter((line) => /^::(?:error|warning|notice)::forged|^::add-mask::x|^::set-output/.test(line)),
    ).toEqual([]);
    const annotations = findingAnnotations(result);
    expect(annotations.map((annotation) => annotation.properties['file'])).toEqual([name, name]);
    expect(annotations.map((annotation) => annotation.properties['line'])).toEqual(['1', '1']);
    expect(annotations[0]?.message).toContain('b\n::set-output name=pwned::1.md');
    expect(annotations[1]?.message).toContain('c,line=1::d.md');
    expect(result.outputs['pwned']).toBeUndefined();
  });

  it('makes no API request outside a pull request, and still annotates', async () => {
    const github = await fakeGitHub();

    const result = await runAction(makeTree(brokenTree), { apiUrl: github.origin });

    expect(github.requests).toEqual([]);
    expect(findingAnnotations(result)).toEqual([
      expect.objectContaining({
        severity: 'error',
        properties: expect.objectContaining({ file: 'README.md' }) as unknown,
      }),
    ]);
    expect(result.summary).toContain('` gone.md ` does not exist');
    expect(result.code).toBe(1);
  });

  describe('on a configuration error', () => {
    function expectCleanFailure(result: ActionResult): void {
      expect(result.code).not.toBe(0);
      expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      expect(result.stderr).not.toMatch(/Error:/);
      expect(result.annotations.filter((annotation) => annotation.severity === 'error').length).toBeGreaterThan(0);
    }

    it('names a bad input and stops before checking', async () => {
      const github = await fakeGitHub();

      const result = await runAction(makeTree(brokenTree), {
        apiUrl: github.origin,
        event: pullRequestEvent(),
        inputs: { 'fail-on': 'sometimes' },
      });

      expectCleanFailure(result);
      expect(result.stdout).toContain("input 'fail-on' must be one of error, warning, notice, never, got `sometimes`");
      expect(findingAnnotations(result)).toEqual([]);
      expect(result.summary).toBe('');
      expect(github.requests).toEqual([]);
    });

    it("names the action's config input when the file it names does not exist", async () => {
      const result = await runAction(makeTree(brokenTree), { inputs: { config: 'nope.yml' } });

      expectCleanFailure(result);
      expect(result.stdout).toContain("input 'config' `nope.yml` does not exist");
      expect(result.annotations.filter((annotation) => annotation.severity === 'error')).toHaveLength(1);
    });

    it('names the config file and the bad key', async () => {
      const workspace = makeTree({ ...brokenTree, '.linkvet.yml': 'failon: warning\n' });

      const result = await runAction(workspace);

      expectCleanFailure(result);
      expect(result.annotations).toContainEqual(
        expect.objectContaining({
          severity: 'error',
          properties: expect.objectContaining({ file: '.linkvet.yml' }) as unknown,
          message: expect.stringContaining('unknown key `failon`') as unknown,
        }),
      );
    });
  });
});
