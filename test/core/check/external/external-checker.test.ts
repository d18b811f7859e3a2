import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExternalChecker } from '../../../../src/core/check/external/check-external.js';
import type { ClassifiedLink } from '../../../../src/core/types.js';
import { externalOptions } from '../../../helpers/external.js';
import { startTestServer, type TestServer } from '../../../helpers/http-server.js';

let site: TestServer;
let agent: Agent;
beforeEach(async () => {
  site = await startTestServer();
  agent = new Agent();
});
afterEach(async () => {
  await agent.close();
  await site.close();
});

function external(url: string, file = 'a.md'): ClassifiedLink {
  const at = { line: 1, column: 1 };
  return {
    link: { file, kind: 'inline', url, text: 'x', span: { start: at, end: at } },
    target: { type: 'external', url },
  };
}

describe('ExternalChecker', () => {
  it('starts requests as links are added, file by file, and reports progress per URL', async () => {
    const progress: Array<[number, number]> = [];
    const checker = new ExternalChecker(externalOptions(agent), (done, total) => progress.push([done, total]));
    checker.add([external(site.url('/ok')), external(site.url('/not-found'))]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(site.requests.length).toBeGreaterThan(0);
    checker.add([external(site.url('/ok'), 'b.md'), external(site.url('/gone'), 'b.md')]);
    const { violations } = await checker.finish();
    expect(violations.map((violation) => [violation.file, violation.url, violation.rule])).toEqual([
      ['a.md', site.url('/not-found'), 'dead-link'],
      ['b.md', site.url('/gone'), 'dead-link'],
    ]);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(site.requestsTo('/ok')).toHaveLength(1);
  });
});
