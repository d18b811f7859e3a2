import { describe, expect, it } from 'vitest';
import type { Hop, NetworkError, Outcome } from '../../../../src/core/check/external/outcome.js';
import { verdictOf } from '../../../../src/core/check/external/verdicts.js';

const url = 'https://example.com/docs';
const final = 'https://example.com/new/docs';

/** A chain of redirects from `url`, one hop per status. */
function chain(...statuses: number[]): Hop[] {
  return statuses.map((status, index) => ({ url: index === 0 ? url : `https://example.com/hop/${index}`, status }));
}

function alive(hops: Hop[]): Outcome {
  return { type: 'alive', status: 200, finalUrl: hops.length === 0 ? url : final, chain: hops, attempts: 1 };
}

describe('verdictOf: alive', () => {
  it('has nothing to say about a page that answered at once', () => {
    expect(verdictOf(url, alive([]))).toBeUndefined();
  });

  it.each([301, 308])('suggests the final URL after a %i', (status) => {
    expect(verdictOf(url, alive(chain(status)))).toStrictEqual({
      rule: 'permanent-redirect',
      message: `\`${url}\` moved permanently (${status}) to \`${final}\``,
      suggestion: final,
    });
  });

  it('names the first permanent hop of a mixed chain', () => {
    expect(verdictOf(url, alive(chain(302, 308, 301)))?.message).toBe(
      `\`${url}\` moved permanently (308) to \`${final}\``,
    );
  });

  it.each([[[302]], [[307]], [[303]], [[302, 307]]])('leaves temporary redirects %j alone', (statuses) => {
    expect(verdictOf(url, alive(chain(...statuses)))).toBeUndefined();
  });
});

describe('verdictOf: dead', () => {
  it('names the status and the attempts', () => {
    expect(verdictOf(url, { type: 'dead', status: 404, chain: [], attempts: 1 })).toStrictEqual({
      rule: 'dead-link',
      message: `\`${url}\` answered 404 Not Found (1 attempt)`,
    });
    expect(verdictOf(url, { type: 'dead', status: 410, chain: [], attempts: 3 })?.message).toBe(
      `\`${url}\` answered 410 Gone (3 attempts)`,
    );
  });

  it('gives a bare number for a status with no standard name', () => {
    expect(verdictOf(url, { type: 'dead', status: 499, chain: [], attempts: 1 })?.message).toBe(
      `\`${url}\` answered 499 (1 attempt)`,
    );
  });

  it('says when the host name does not exist', () => {
    expect(verdictOf(url, { type: 'dead', error: 'dns-not-found', chain: [], attempts: 1 })).toStrictEqual({
      rule: 'dead-link',
      message: `\`${url}\` has a host name that does not exist (1 attempt)`,
    });
  });

  it('counts the redirects before a loop, in the singular and the plural', () => {
    const loop = (hops: Hop[]): Outcome => ({ type: 'dead', error: 'redirect-loop', chain: hops, attempts: 1 });
    expect(verdictOf(url, loop(chain(302)))?.message).toBe(
      `\`${url}\` redirects in a loop after 1 redirect (1 attempt)`,
    );
    expect(verdictOf(url, loop(chain(302, 302)))?.message).toBe(
      `\`${url}\` redirects in a loop after 2 redirects (1 attempt)`,
    );
  });

  it('words the other definitive redirect failures', () => {
    const dead = (error: NetworkError, hops: Hop[]): Outcome => ({ type: 'dead', error, chain: hops, attempts: 1 });
    expect(verdictOf(url, dead('too-many-redirects', chain(301, 301, 301)))?.message).toBe(
      `\`${url}\` redirects too many times after 3 redirects (1 attempt)`,
    );
    expect(verdictOf(url, dead('bad-redirect', chain(302)))?.message).toBe(
      `\`${url}\` redirects to an invalid URL after 1 redirect (1 attempt)`,
    );
  });

  it('reports a permanent redirect to a missing page as dead, not as a redirect', () => {
    expect(verdictOf(url, { type: 'dead', status: 404, chain: chain(301), attempts: 1 })).toStrictEqual({
      rule: 'dead-link',
      message: `\`${url}\` answered 404 Not Found after 1 redirect (1 attempt)`,
    });
  });

  it('says "failed" when neither a status nor an error is known', () => {
    expect(verdictOf(url, { type: 'dead', chain: [], attempts: 1 })?.message).toBe(`\`${url}\` failed (1 attempt)`);
  });
});

describe('verdictOf: unreachable', () => {
  it('says the link could not be verified now, with the status', () => {
    expect(verdictOf(url, { type: 'unreachable', status: 503, chain: [], attempts: 3 })).toStrictEqual({
      rule: 'unreachable',
      message: `Could not verify \`${url}\` now: it answered 503 Service Unavailable (3 attempts)`,
    });
  });

  it.each<[NetworkError, string]>([
    ['timeout', 'timed out'],
    ['connect-timeout', 'timed out connecting'],
    ['refused', 'refused the connection'],
    ['reset', 'reset the connection'],
    ['dns-failure', 'could not be looked up (DNS)'],
    ['tls', 'failed the TLS handshake'],
    ['other', 'failed'],
  ])('words the network error %s as "%s"', (error, words) => {
    expect(verdictOf(url, { type: 'unreachable', error, chain: [], attempts: 1 })).toStrictEqual({
      rule: 'unreachable',
      message: `Could not verify \`${url}\` now: it ${words} (1 attempt)`,
    });
  });

  it('adds the note after the attempts', () => {
    const outcome: Outcome = {
      type: 'unreachable',
      status: 429,
      chain: [],
      attempts: 1,
      note: 'it asked to wait 3600 s, over the 60 s cap',
    };
    expect(verdictOf(url, outcome)?.message).toBe(
      `Could not verify \`${url}\` now: it answered 429 Too Many Requests (1 attempt; it asked to wait 3600 s, over the 60 s cap)`,
    );
  });

  it('counts the redirects before the failure', () => {
    expect(verdictOf(url, { type: 'unreachable', status: 500, chain: chain(301, 302), attempts: 2 })?.message).toBe(
      `Could not verify \`${url}\` now: it answered 500 Internal Server Error after 2 redirects (2 attempts)`,
    );
  });
});

describe('verdictOf: denied', () => {
  it.each([
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
  ])('reports %i as access-denied, hinting at bot protection', (status, text) => {
    expect(verdictOf(url, { type: 'denied', status, chain: [], attempts: 1 })).toStrictEqual({
      rule: 'access-denied',
      message: `\`${url}\` answered ${status} ${text}: often bot protection, so it may work in a browser (1 attempt)`,
    });
  });

  it('counts redirects and attempts', () => {
    expect(verdictOf(url, { type: 'denied', status: 403, chain: chain(308), attempts: 2 })?.message).toBe(
      `\`${url}\` answered 403 Forbidden after 1 redirect: often bot protection, so it may work in a browser (2 attempts)`,
    );
  });
});
