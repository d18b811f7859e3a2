import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkExternal, type ExternalCheckOptions } from '../../../../src/core/check/external/check-external.js';
import { checkOnline, externalOptions } from '../../../helpers/external.js';
import { startTestServer, type TestServer } from '../../../helpers/http-server.js';
import type { ClassifiedLink } from '../../../../src/core/types.js';

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

function external(url: string): ClassifiedLink {
  const at = { line: 1, column: 1 };
  return {
    link: { file: 'a.md', kind: 'inline', url, text: 'x', span: { start: at, end: at } },
    target: { type: 'external', url },
  };
}

function options(tokenHost: string): ExternalCheckOptions {
  return { ...externalOptions(agent), token: { value: 'sekret', hosts: new Set([tokenHost]) } };
}

describe('the GitHub token', () => {
  it('goes to its own host and never follows a redirect to another', async () => {
    const port = new URL(site.origin).port;
    const own = `http://localhost:${port}`;
    const elsewhere = site.url('/auth-echo');
    const links = [external(`${own}/auth-echo`), external(`${own}/redirect-to?to=${encodeURIComponent(elsewhere)}`)];
    await checkExternal(links, options('localhost'));
    const authorizations = site.requests.map((request) => [
      request.host.split(':')[0],
      request.headers['authorization'],
    ]);
    expect(authorizations).toEqual(
      expect.arrayContaining([
        ['localhost', 'Bearer sekret'],
        ['127.0.0.1', undefined],
      ]),
    );
    expect(site.requests.filter((request) => request.host.startsWith('127.0.0.1')).length).toBeGreaterThan(0);
    for (const request of site.requests.filter((entry) => entry.host.startsWith('127.0.0.1'))) {
      expect(request.headers['authorization']).toBeUndefined();
    }
  });

  it('never reaches a non-GitHub host from the config, not even through redirects', async () => {
    const target = site.url('/redirect-to?to=' + encodeURIComponent(site.url('/auth-echo')));
    await checkOnline({ 'a.md': `[a](${site.url('/auth-echo')}) [b](${target})\n` }, { githubToken: 'sekret' });
    expect(site.requests.length).toBeGreaterThan(0);
    expect(site.requests.every((request) => request.headers['authorization'] === undefined)).toBe(true);
  });
});
