import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../src/core/check-links.js';
import { loadConfig } from '../../src/core/config/load-config.js';
import { mergeReports } from '../../src/core/merge-reports.js';
import { toJobSummary } from '../../src/core/report/github/job-summary.js';
import { toPrComment } from '../../src/core/report/github/pr-comment.js';
import { readReportFile } from '../../src/core/report/read-report.js';
import { toJson } from '../../src/core/report/to-json.js';
import { toMarkdown } from '../../src/core/report/to-markdown.js';
import { toSarif } from '../../src/core/report/to-sarif.js';
import { toText } from '../../src/core/report/to-text.js';
import type { Report } from '../../src/core/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

// The pipeline stopped by an AbortSignal: what finished is reported, what did not is marked, and every format says so.

let site: TestServer;

beforeAll(async () => {
  site = await startTestServer();
});

afterAll(async () => {
  await site.close();
});

function repository(): string {
  return makeTree({
    'a.md': `# A\n\n[fine](${site.url('/ok')}) [slow](${site.url('/slow?ms=20000&n=a')}#part) [gone](./gone.md)\n`,
    'b.md': `# B\n\n[home](./a.md#a) [slow again](${site.url('/slow?ms=20000&n=a')})\n`,
  });
}

function configFor(root: string, paths: readonly string[]) {
  return loadConfig({ cwd: root, paths, flags: { retries: 0, timeoutMs: 60_000, cache: { enabled: false } } });
}

/** Runs the pipeline and aborts it with `reason` once the slow URL is being requested. */
async function interruptedRun(root: string, paths: readonly string[], reason: string): Promise<Report> {
  const controller = new AbortController();
  const before = site.requests.length;
  const poll = setInterval(() => {
    if (site.requests.slice(before).some((request) => request.path === '/slow')) controller.abort(reason);
  }, 10);
  try {
    return await checkLinks(configFor(root, paths), { signal: controller.signal });
  } finally {
    clearInterval(poll);
  }
}

const at = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'a'.repeat(40) };

describe('an interrupted run', () => {
  it('keeps every verdict that arrived, also those of URLs after one still pending', { timeout: 20_000 }, async () => {
    const root = makeTree({
      'a.md': `# A\n\n[slow](${site.url('/slow?ms=20000&n=first')}) [gone](${site.url('/gone-page')}) [fine](${site.url('/ok')})\n`,
    });
    const controller = new AbortController();
    const report = await checkLinks(configFor(root, ['.']), {
      signal: controller.signal,
      // Both fast URLs have answered while the first, slow one is still pending: interrupt then.
      onProgress: (progress) => {
        if (progress.phase === 'check' && progress.done === 2) controller.abort('SIGTERM');
      },
    });
    expect(report.links.map((link) => [link.link.url, link.status])).toEqual([
      [site.url('/slow?ms=20000&n=first'), 'unchecked'],
      [site.url('/gone-page'), 'broken'],
      [site.url('/ok'), 'ok'],
    ]);
    expect(report.findings.map((finding) => [finding.rule, finding.url])).toEqual([
      ['dead-link', site.url('/gone-page')],
    ]);
    expect(report.incomplete?.linksUnchecked).toBe(1);
  });

  it('reports what finished and marks the links left without a verdict', { timeout: 20_000 }, async () => {
    const started = Date.now();
    const report = await interruptedRun(repository(), ['.'], 'SIGINT');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.incomplete).toEqual({ reason: 'SIGINT', filesChecked: 2, filesTotal: 2, linksUnchecked: 2 });
    expect(report.links.map((link) => [link.link.url, link.status])).toEqual([
      [site.url('/ok'), 'ok'],
      [`${site.url('/slow?ms=20000&n=a')}#part`, 'unchecked'],
      ['./gone.md', 'broken'],
      ['./a.md#a', 'ok'],
      [site.url('/slow?ms=20000&n=a'), 'unchecked'],
    ]);
    expect(report.findings.map((finding) => finding.rule)).toEqual(['missing-file']);
  });

  it('makes no request once aborted before it starts', async () => {
    const root = repository();
    const before = site.requests.length;
    const report = await checkLinks(configFor(root, ['.']), { signal: AbortSignal.abort('SIGTERM') });
    expect(site.requests.length).toBe(before);
    expect(report.incomplete).toEqual({ reason: 'SIGTERM', filesChecked: 0, filesTotal: 2, linksUnchecked: 0 });
  });

  it('is said plainly in every format', { timeout: 20_000 }, async () => {
    const report = await interruptedRun(repository(), ['.'], 'SIGTERM');
    const sentence = /Interrupted \(SIGTERM\)\W+incomplete results/;
    expect(toText(report)).toContain(
      '⚠ Interrupted (SIGTERM): incomplete results, 2 of 2 files read, 2 links not checked.',
    );
    expect(toMarkdown(report)).toMatch(sentence);
    expect(toJobSummary(report)).toMatch(sentence);
    expect(toPrComment(report, { at })).toMatch(sentence);
    const sarif = JSON.parse(toSarif(report)) as { runs: { invocations?: { executionSuccessful: boolean }[] }[] };
    expect(sarif.runs[0]?.invocations?.[0]?.executionSuccessful).toBe(false);
    expect(JSON.stringify(sarif)).toMatch(sentence);
    const json = JSON.parse(toJson(report)) as { schemaVersion: number; incomplete: unknown };
    expect(json.schemaVersion).toBe(1);
    expect(json.incomplete).toEqual({ reason: 'SIGTERM', filesChecked: 2, filesTotal: 2, linksUnchecked: 2 });
  });

  it('stays incomplete when read back and when merged with a complete shard', { timeout: 20_000 }, async () => {
    const root = repository();
    const interrupted = await interruptedRun(root, ['a.md'], 'SIGINT');
    const finished = await checkLinks(configFor(makeTree({ 'c.md': '# C\n' }), ['c.md']));
    expect(finished.incomplete).toBeUndefined();
    expect(toJson(finished)).not.toContain('incomplete');
    const read = readReportFile(toJson(interrupted, { includeLinks: true }), 'a.json');
    expect(read.report.incomplete).toEqual(interrupted.incomplete);
    expect(read.links.filter((link) => link.status === 'unchecked')).toHaveLength(1);
    const ok = readReportFile(toJson({ ...finished, links: [] }, { includeLinks: true }), 'c.json');
    const merged = mergeReports(
      [
        { ...read, source: 'a.json' },
        { ...ok, source: 'c.json' },
      ],
      configFor(root, ['.']),
    );
    expect(merged.incomplete).toEqual({ reason: 'SIGINT', filesChecked: 2, filesTotal: 2, linksUnchecked: 1 });
  });

  it('is refused with the key when a report file gives a malformed incomplete', () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      incomplete: { reason: 'SIGINT', filesChecked: -1, filesTotal: 2, linksUnchecked: 0 },
      tool: { name: 'linkvet', version: '1.0.0' },
      stats: { files: 0, links: 0, uniqueUrls: 0, errors: 0, warnings: 0, notices: 0, durationMs: 0 },
      findings: [],
    });
    expect(() => readReportFile(text, 'shard.json')).toThrow(/shard\.json.*incomplete\.filesChecked/);
  });
});
