import { Agent } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { githubBatch } from '../../../../src/core/check/external/github-batch.js';
import { startFakeGraphql, type FakeGraphql } from '../../../helpers/fake-graphql.js';

let api: FakeGraphql | undefined;
const agent = new Agent();
afterEach(async () => {
  await api?.close();
  api = undefined;
});
afterAll(() => agent.close());

function batcherFor(url: string, tokenHosts: ReadonlySet<string>): ReturnType<typeof githubBatch> {
  const endpoint = new URL(url);
  return githubBatch({ endpoint, token: 'sekret', tokenHosts, dispatcher: agent, timeoutMs: 2000, userAgent: 'test' });
}

describe('the GitHub batcher', () => {
  it('sends a lookup that arrives after flush with the others of its turn', async () => {
    api = await startFakeGraphql({ repositories: { 'octo/a': { nameWithOwner: 'octo/a' } } });
    const batch = batcherFor(api.url, new Set([new URL(api.url).host]));
    batch.flush();
    const late = await Promise.all([
      batch.lookup('https://github.com/octo/a'),
      batch.lookup('https://github.com/octo/b'),
    ]);
    expect(late.map((outcome) => outcome?.type)).toEqual(['alive', 'dead']);
    expect(api.calls.map((call) => call.aliases.length)).toEqual([2]);
  });

  it('sends nothing to an endpoint outside the token hosts, and says why', async () => {
    api = await startFakeGraphql({ repositories: {} });
    const batch = batcherFor(api.url, new Set(['api.github.com']));
    const outcome = batch.lookup('https://github.com/octo/a');
    batch.flush();
    expect(await outcome).toBeUndefined();
    expect(api.calls).toEqual([]);
    expect(batch.stopped).toContain('is not a host the token may go to');
  });
});
