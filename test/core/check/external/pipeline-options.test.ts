import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkvetError } from '../../../../src/core/index.js';
import { checkOnline, checkTreeOnline, verdicts } from '../../../helpers/external.js';
import { startTestServer, type TestServer } from '../../../helpers/http-server.js';
import { makeTree } from '../../../helpers/tree.js';

let site: TestServer;
beforeEach(async () => (site = await startTestServer()));
afterEach(async () => site.close());

/** A stand-in for the Wayback availability API that knows one snapshot. */
async function availabilityApi(): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const api: Server = createServer((request, response) => {
    const asked = new URL(request.url ?? '/', 'http://x').searchParams.get('url') ?? '';
    const snapshot = `http://web.archive.org/web/2020/${asked}`;
    const closest = asked.endsWith('/gone')
      ? { available: true, url: snapshot, timestamp: '2020', status: '200' }
      : undefined;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ archived_snapshots: closest ? { closest } : {} }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const { port } = api.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}/wayback/available`,
    close: () => new Promise((resolve) => api.close(() => resolve())),
  };
}

describe('archive suggestions (opt-in)', () => {
  it('suggest the closest snapshot of a dead link, over https', async () => {
    const api = await availabilityApi();
    try {
      const markdown = `[a](${site.url('/gone')}) [b](${site.url('/not-found')})\n`;
      const { report } = await checkOnline(
        { 'a.md': markdown },
        { archive: { enabled: true, endpoint: api.endpoint } },
      );
      expect(report.findings.map((finding) => [finding.rule, finding.suggestion])).toEqual([
        ['dead-link', `https://web.archive.org/web/2020/${site.url('/gone')}`],
        ['dead-link', undefined],
      ]);
    } finally {
      await api.close();
    }
  });
});

describe('deny file', () => {
  it('reads disavow syntax from denyFile and names the file and line of a bad entry', async () => {
    const port = new URL(site.origin).port;
    const root = makeTree({
      'a.md': `[x](http://localhost:${port}/ok)\n`,
      'disavow.txt': '# spam\ndomain:localhost\n',
    });
    const { report } = await checkTreeOnline(root, { denyFile: 'disavow.txt' });
    expect(verdicts(report)).toEqual([`http://localhost:${port}/ok denied-domain`]);
    writeFileSync(path.join(root, 'disavow.txt'), 'domain:ok.example\nnot a domain or url\n');
    const failure = await checkTreeOnline(root, { denyFile: 'disavow.txt' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LinkvetError);
    expect((failure as LinkvetError).location).toMatchObject({ file: 'disavow.txt', line: 2 });
  });

  it('stops with a config error naming a denyFile that does not exist', async () => {
    const failure = await checkOnline({ 'a.md': '' }, { denyFile: 'nope.txt' }).catch((error: unknown) => error);
    expect((failure as LinkvetError).message).toBe('`denyFile` `nope.txt` cannot be read: it does not exist');
  });
});

describe('a cache file that is not ours', () => {
  it('is left alone and reported as a run warning, not a crash', async () => {
    const root = makeTree({ 'a.md': `[x](${site.url('/ok')})\n`, 'notes.json': '{"mine": true}\n' });
    const { report } = await checkTreeOnline(root, { cache: { enabled: true, path: 'notes.json', maxAgeMs: 60_000 } });
    expect(report.findings).toEqual([]);
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.warnings).toEqual([
      'Ignoring the cache file `notes.json`: it was not written by linkvet; it will be left as it is.',
      'Not writing the cache file `notes.json`: it holds something other than a linkvet cache.',
    ]);
  });
});

describe('remapped links', () => {
  it('are checked at the remapped address but get no suggestion in its terms', async () => {
    const flags = { remap: [{ from: /^https:\/\/docs\.example\.test\//, to: `${site.origin}/` }] };
    const { report } = await checkOnline({ 'a.md': '[old](https://docs.example.test/moved)\n' }, flags);
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'permanent-redirect', url: 'https://docs.example.test/moved' }),
    ]);
    expect(report.findings[0]?.suggestion).toBeUndefined();
    expect(site.requestsTo('/moved')).toHaveLength(1);
  });
});
