import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/index.js';
import { check, fixture, places } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

const anchorRules = new Set([
  'generic-anchor-text',
  'empty-anchor-text',
  'missing-alt-text',
  'naked-url',
  'ambiguous-anchor-text',
  'over-optimized-anchor',
  'low-anchor-diversity',
  'denied-domain',
]);

function anchorPlaces(report: Report): string[] {
  return places(report).filter((place) => anchorRules.has(place.split(' ')[1] ?? ''));
}

describe('anchor analysis over a fixture corpus', () => {
  it('warns exactly where a careful editor would, and nowhere else', async () => {
    const report = await check(fixture('anchors'), { anchors: { minDomainLinks: 4 }, denyDomains: ['cn.example'] });
    expect(anchorPlaces(report)).toEqual([
      'README.md:3:13 generic-anchor-text',
      'README.md:5:3 empty-anchor-text',
      'README.md:6:3 missing-alt-text',
      'README.md:7:3 empty-anchor-text',
      'README.md:8:3 naked-url',
      'README.md:9:3 naked-url',
      'README.md:10:3 ambiguous-anchor-text',
      'README.md:12:16 generic-anchor-text',
      'README.md:12:53 denied-domain',
      'README.md:12:53 generic-anchor-text',
      'README.md:15:52 over-optimized-anchor',
      'blog/post-1.md:5:9 low-anchor-diversity',
    ]);
  });

  it('names the count, the share and the other places of an over-optimized text', async () => {
    const report = await check(fixture('anchors'));
    const finding = report.findings.find((entry) => entry.rule === 'over-optimized-anchor');
    expect(finding?.message).toBe(
      '4 of 5 links to `https://widgets.example/best-cheap-widgets` (80%) read exactly `best cheap widgets`, which looks like a link scheme to search engines; vary the wording (also at blog/post-1.md:3, blog/post-2.md:3, blog/post-3.md:3)',
    );
  });

  it('runs offline and profiles every linked domain', async () => {
    const report = await check(fixture('anchors'), { offline: true });
    const react = report.anchors.find((profile) => profile.domain === 'react.dev');
    expect(react).toMatchObject({ links: 8, distinctTexts: 2, topText: 'React', topShare: 0.63 });
    expect(react?.categories).toMatchObject({ branded: 8 });
    const widgets = report.anchors.find((profile) => profile.domain === 'widgets.example');
    expect(widgets?.categories).toMatchObject({ 'exact-match': 4, branded: 1 });
  });
});

describe('look-alikes that must not warn', () => {
  it('a generic word inside a longer descriptive text', async () => {
    const root = makeTree({
      'a.md':
        '[Read more about the cache](https://x.example/cache) and [click here to download the installer](https://x.example/dl)\n',
    });
    expect(anchorPlaces(await check(root))).toEqual([]);
  });

  it('the same text to the same page with different fragments', async () => {
    const root = makeTree({
      'a.md':
        '# A\n\n## B\n\n[Guide](https://x.example/guide#one) [Guide](https://x.example/guide#two) [A](#a) [A](#b)\n',
    });
    expect(anchorPlaces(await check(root))).toEqual([]);
  });

  it('internal navigation repeating one text in many files', async () => {
    const files = Object.fromEntries(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => [`${name}.md`, '[Home](README.md)\n']),
    );
    const root = makeTree({ ...files, 'README.md': '# Home\n' });
    expect(anchorPlaces(await check(root))).toEqual([]);
    expect(anchorPlaces(await check(root, { anchors: { internal: true } }))).toEqual([
      'a.md:1:1 over-optimized-anchor',
    ]);
  });
});

describe('a raw HTML link around an image without alt', () => {
  it('is reported once, as a link with no name', async () => {
    const root = makeTree({ 'a.md': '<a href="https://x.example/home"><img src="https://x.example/logo.png"></a>\n' });
    const report = await check(root);
    expect(anchorPlaces(report)).toEqual(['a.md:1:1 empty-anchor-text']);
    expect(report.findings[0]?.message).toContain('holds only an image without alt text');
  });
});
