import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyLink, type ClassifyOptions } from '../../../src/core/classify/classify-link.js';
import type { Target } from '../../../src/core/types.js';
import { fuzzParameters } from '../../helpers/markdown-arbitraries.js';

const options: ClassifyOptions = { ignoreUrls: [], remap: [], repository: 'owner/repo', localRefs: ['main'] };

/** Path pieces an attacker would try: plain and encoded traversals, backslashes, NUL, odd names. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('..', '.', 'docs', 'a.md', 'x y', '', 'etc', 'passwd') },
  fc.constantFrom('%2e%2e', '%2E%2e', '..%2f..', '..%5c..', '..\\..', '%00', '\0', '%2f', '~', '%', '%zz', '中'),
  fc.stringMatching(/^[a-z.%2e5cf\\]{1,6}$/),
);

const relativePath = fc.array(segment, { maxLength: 10 }).map((segments) => segments.join('/'));

/** Link paths written relative, root-relative, as github.com blob links, with a query or fragment, or very long. */
const linkPath = fc.oneof(
  relativePath,
  relativePath.map((written) => `/${written}`),
  relativePath.map((written) => `\\${written}`),
  relativePath.map((written) => `https://github.com/owner/repo/blob/main/${written}`),
  relativePath.map((written) => `https://raw.githubusercontent.com/owner/repo/main/${written}#x`),
  fc.tuple(relativePath, fc.constantFrom('?q=1', '#frag', '#%2e%2e', '?a#b')).map(([written, tail]) => written + tail),
  fc.integer({ min: 1, max: 400 }).map((depth) => `${'../'.repeat(depth)}x.md`),
  fc.integer({ min: 1, max: 2000 }).map((length) => `${'a/'.repeat(length)}${'../'.repeat(length + 1)}x`),
);

const linkingFile = fc.constantFrom('README.md', 'docs/a.md', 'docs/deep/b.md', 'a b/c.md');

/** Where a file target lands when resolved from a root, the way the internal checks join it. */
function landsInside(target: Extract<Target, { type: 'file' }>): boolean {
  const root = path.posix.resolve('/checkout/root');
  const resolved = path.posix.resolve(root, target.path);
  return resolved === root || resolved.startsWith(`${root}/`);
}

describe('classifyLink properties', () => {
  it('never resolves a link outside the root without saying so', () => {
    fc.assert(
      fc.property(linkingFile, linkPath, (file, url) => {
        const target = classifyLink(file, url, options);
        if (target.type !== 'file') return;
        expect(landsInside(target)).toBe(true);
        expect(target.path.split('/')).not.toContain('..');
        // Windows would read a backslash as a separator, and a NUL cannot name a file anywhere.
        expect(target.path).not.toMatch(/[\\\0]/);
      }),
      fuzzParameters(2000),
    );
  });

  it('never throws, and says why a link is not a file', () => {
    fc.assert(
      fc.property(linkingFile, fc.oneof(linkPath, fc.string({ maxLength: 40 })), (file, url) => {
        const target = classifyLink(file, url, options);
        if (target.type === 'invalid' || target.type === 'ignored') expect(target.reason).not.toBe('');
        if (target.type === 'outside-root') expect(target.path.startsWith('..')).toBe(true);
      }),
      fuzzParameters(1000),
    );
  });
});
