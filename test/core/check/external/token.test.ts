import { describe, expect, it } from 'vitest';
import { checkExternal, type ExternalCheckOptions } from '../../../../src/core/check/external/check-external.js';
import { checkOnline, externalLink, externalOptions, useSiteAndAgent } from '../../../helpers/external.js';

const setup = useSiteAndAgent();

function options(tokenHost: string): ExternalCheckOptions {
  return { ...externalOptions(setup.agent()), token: { value: 'sekret', hosts: new Set([tokenHost]) } };
}

describe('the GitHub token', () => {
  it('goes to its own host and never follows a redirect to another', async () => {
    const port = new URL(setup.site().origin).port;
    const own = `http://localhost:${port}`;
    const elsewhere = setup.site().url('/auth-echo');
    const links = [
      externalLink(`${own}/auth-echo`),
      externalLink(`${own}/redirect-to?to=${encodeURIComponent(elsewhere)}`),
    ];
    await checkExternal(links, options(`localhost:${port}`));
    const authorizations = setup
      .site()
      .requests.map((request) => [request.host.split(':')[0], request.headers['authorization']]);
    expect(authorizations).toEqual(
      expect.arrayContaining([
        ['localhost', 'Bearer sekret'],
        ['127.0.0.1', undefined],
      ]),
    );
    expect(setup.site().requests.filter((request) => request.host.startsWith('127.0.0.1')).length).toBeGreaterThan(0);
    for (const request of setup.site().requests.filter((entry) => entry.host.startsWith('127.0.0.1'))) {
      expect(request.headers['authorization']).toBeUndefined();
    }
  });

  it('never reaches a non-GitHub host from the config, not even through redirects', async () => {
    const target = setup.site().url('/redirect-to?to=' + encodeURIComponent(setup.site().url('/auth-echo')));
    await checkOnline({ 'a.md': `[a](${setup.site().url('/auth-echo')}) [b](${target})\n` }, { githubToken: 'sekret' });
    expect(setup.site().requests.length).toBeGreaterThan(0);
    expect(setup.site().requests.every((request) => request.headers['authorization'] === undefined)).toBe(true);
  });
});
