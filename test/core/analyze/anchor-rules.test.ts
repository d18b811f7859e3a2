import { describe, expect, it } from 'vitest';
import type { Options, Report } from '../../../src/core/index.js';
import { check, places } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** Runs the pipeline over a throwaway tree and returns the report. */
async function run(files: Readonly<Record<string, string>>, flags: Options = {}): Promise<Report> {
  return await check(makeTree(files), flags);
}

/** `count` Markdown files `p1.md`, `p2.md`, … each holding `perFile` copies of `line`. */
function spread(count: number, perFile: number, line: string): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`p${index + 1}.md`, `${Array(perFile).fill(line).join('\n\n')}\n`]),
  );
}

describe('images as anchors', () => {
  it('takes an image-only link with alt as named by its alt, and profiles it as `image`', async () => {
    const report = await run({
      'a.md': '[![Build status](https://ci.example/badge.svg)](https://ci.example/builds)\n',
    });
    expect(places(report)).toEqual([]);
    expect(report.anchors).toEqual([
      expect.objectContaining({ domain: 'ci.example', links: 1, topText: 'Build status' }),
    ]);
    expect(report.anchors[0]?.categories).toEqual({
      'exact-match': 0,
      'partial-match': 0,
      branded: 0,
      descriptive: 0,
      'naked-url': 0,
      generic: 0,
      image: 1,
      empty: 0,
    });
  });

  it('reports an image-only link without alt once, as a link without a name', async () => {
    const report = await run({ 'a.md': 'Intro\n\n[![](https://ci.example/badge.svg)](https://ci.example/builds)\n' });
    expect(places(report)).toEqual(['a.md:3:1 empty-anchor-text']);
    expect(report.anchors[0]?.categories).toMatchObject({ image: 0, empty: 1 });
  });

  it('reports a Markdown link holding only a raw `<img>` without alt once, as the link', async () => {
    const report = await run({
      'a.md': [
        '[<img src="https://x.example/logo.png">](https://x.example/about)',
        '',
        '[<img src="https://x.example/team.png" alt="Our team">](https://x.example/team)',
        '',
      ].join('\n'),
    });
    expect(places(report)).toEqual(['a.md:1:1 empty-anchor-text']);
    expect(report.findings[0]?.message).toContain('holds only an image without alt text');
    expect(report.anchors[0]?.categories).toMatchObject({ empty: 1, image: 1 });
  });

  it('reports a raw `<img>` without alt, or with an empty one, and not one with alt', async () => {
    const report = await run({
      'a.md': [
        '<img src="https://img.example/a.png">',
        '',
        'Text <img src="https://img.example/b.png" alt=""> and <img src="https://img.example/c.png" alt="A chart">',
        '',
      ].join('\n'),
    });
    expect(places(report)).toEqual(['a.md:1:1 missing-alt-text', 'a.md:3:6 missing-alt-text']);
    expect(report.anchors).toEqual([]);
  });

  it('reports a Markdown image without alt, and not one with alt', async () => {
    const report = await run({ 'a.md': '![](https://img.example/a.png) ![A chart](https://img.example/b.png)\n' });
    expect(places(report)).toEqual(['a.md:1:1 missing-alt-text']);
  });
});

describe('naked URLs', () => {
  it('flags an address written without its scheme as the text of a link to it', async () => {
    const report = await run({
      'a.md': [
        '[example.com/docs](https://example.com/docs)',
        '',
        '[www.example.com](https://example.com/)',
        '',
        '<https://example.com/guide>',
        '',
      ].join('\n'),
    });
    expect(places(report)).toEqual(['a.md:1:1 naked-url', 'a.md:3:1 naked-url', 'a.md:5:1 naked-url']);
    expect(report.anchors[0]?.categories).toMatchObject({ 'naked-url': 3 });
    expect(report.findings[0]?.severity).toBe('notice');
  });

  it('does not flag a host name that is not the link’s host, nor names with dots', async () => {
    const report = await run({
      'a.md': [
        '[example.com](https://other.example/page)',
        '',
        '[Node.js](https://nodejs.org/en)',
        '',
        '[docs.example.com](https://example.com/)',
        '',
      ].join('\n'),
    });
    expect(places(report)).toEqual([]);
    expect(report.anchors.map((profile) => [profile.domain, profile.categories['naked-url']])).toEqual([
      ['example.com', 0],
      ['nodejs.org', 0],
      ['other.example', 0],
    ]);
  });

  it('does not flag an e-mail address as the text of its mailto: link', async () => {
    const report = await run({ 'a.md': '[team@example.com](mailto:team@example.com)\n' });
    expect(places(report)).toEqual([]);
  });
});

describe('ambiguous-anchor-text', () => {
  it('judges one file at a time', async () => {
    const report = await run({
      'a.md': 'See the [Guide](https://x.example/one).\n',
      'b.md': 'See the [Guide](https://x.example/two).\n',
    });
    expect(places(report)).toEqual([]);
  });

  it('warns when one file sends the same text to two pages, at the first', async () => {
    const report = await run({
      'a.md': 'See the [Guide](https://x.example/one).\n\nOr the [guide!](https://x.example/two).\n',
      'b.md': 'See the [Guide](https://x.example/three).\n',
    });
    expect(places(report)).toEqual(['a.md:1:9 ambiguous-anchor-text']);
  });
});

describe('over-optimized-anchor', () => {
  const exact = '[best cheap widgets](https://widgets.example/best-cheap-widgets)';

  it('needs the links to come from `minFiles` files', async () => {
    const files = { 'a.md': `${exact}\n\n${exact}\n\n${exact}\n`, 'b.md': `${exact}\n\n${exact}\n` };
    expect(places(await run(files))).toEqual([]);
    expect(places(await run(files, { anchors: { minFiles: 2 } }))).toEqual(['a.md:1:1 over-optimized-anchor']);
  });

  it('needs exactly `minLinks` links, no more', async () => {
    expect(places(await run(spread(5, 1, exact)))).toEqual(['p1.md:1:1 over-optimized-anchor']);
    expect(places(await run(spread(4, 1, exact)))).toEqual([]);
    expect(places(await run(spread(4, 1, exact), { anchors: { minLinks: 4 } }))).toEqual([
      'p1.md:1:1 over-optimized-anchor',
    ]);
    expect(places(await run(spread(5, 1, exact), { anchors: { minLinks: 6 } }))).toEqual([]);
  });

  it('needs a share strictly above `maxShare`', async () => {
    const other = (text: string): string => `[${text}](https://widgets.example/best-cheap-widgets)`;
    const threeOfFive = {
      ...spread(3, 1, exact),
      'q1.md': `${other('the widget catalogue')}\n`,
      'q2.md': `${other('a review of widgets')}\n`,
    };
    expect(places(await run(threeOfFive))).toEqual([]);
    expect(places(await run(threeOfFive, { anchors: { maxShare: 0.59 } }))).toEqual([
      'p1.md:1:1 over-optimized-anchor',
    ]);
    const fourOfFive = { ...threeOfFive, 'q2.md': `${exact}\n` };
    const report = await run(fourOfFive);
    expect(places(report)).toEqual(['p1.md:1:1 over-optimized-anchor']);
    expect(report.findings[0]?.message).toMatch(/^4 of 5 links to .* \(80%\) read exactly `best cheap widgets`/);
  });

  it('stops counting a text once `brandTerms` make it a brand name', async () => {
    const files = spread(3, 2, '[Acme Rockets](https://shop.example/catalogue)');
    const unbranded = await run(files);
    expect(places(unbranded)).toEqual(['p1.md:1:1 over-optimized-anchor']);
    expect(unbranded.anchors[0]?.categories).toMatchObject({ descriptive: 6, branded: 0 });
    const branded = await run(files, { anchors: { brandTerms: ['acme-rockets'] } });
    expect(places(branded)).toEqual([]);
    expect(branded.anchors[0]?.categories).toMatchObject({ descriptive: 0, branded: 6 });
  });

  it('never counts generic text, which has its own rule', async () => {
    const report = await run(spread(3, 2, '[click here](https://shop.example/catalogue)'));
    expect(places(report).filter((place) => place.endsWith('over-optimized-anchor'))).toEqual([]);
    expect(places(report)).toHaveLength(6);
  });
});

describe('anchors.genericPhrases and anchors.builtinPhrases', () => {
  const files = { 'a.md': '[click here](https://x.example/a)\n\n[ZZZ!](https://x.example/b)\n' };

  it('adds configured phrases to the built-in lists by default', async () => {
    expect(places(await run(files))).toEqual(['a.md:1:1 generic-anchor-text']);
    expect(places(await run(files, { anchors: { genericPhrases: ['zzz'] } }))).toEqual([
      'a.md:1:1 generic-anchor-text',
      'a.md:3:1 generic-anchor-text',
    ]);
  });

  it('replaces the built-in lists with `builtinPhrases: false`', async () => {
    const report = await run(files, { anchors: { builtinPhrases: false, genericPhrases: ['zzz'] } });
    expect(places(report)).toEqual(['a.md:3:1 generic-anchor-text']);
  });

  it('reads both keys from the config file', async () => {
    const report = await run({
      ...files,
      '.linkvet.yml': 'anchors:\n  builtinPhrases: false\n  genericPhrases: [zzz]\n',
    });
    expect(places(report)).toEqual(['a.md:3:1 generic-anchor-text']);
  });
});

describe('severities of anchor rules', () => {
  const files = {
    'a.md': '[click here](https://x.example/a)\n\n<https://x.example/b>\n\n![](https://x.example/c.png)\n',
  };

  it('uses the registry’s defaults', async () => {
    const report = await run(files);
    expect(report.findings.map(({ rule, severity }) => `${rule} ${severity}`)).toEqual([
      'generic-anchor-text warning',
      'naked-url notice',
      'missing-alt-text warning',
    ]);
  });

  it('applies `rules:` from flags, `off` included', async () => {
    const report = await run(files, {
      rules: { 'naked-url': 'off', 'generic-anchor-text': 'error', 'missing-alt-text': 'notice' },
    });
    expect(report.findings.map(({ rule, severity }) => `${rule} ${severity}`)).toEqual([
      'generic-anchor-text error',
      'missing-alt-text notice',
    ]);
    expect(report.stats).toMatchObject({ errors: 1, warnings: 0, notices: 1 });
  });

  it('applies `rules:` from the config file', async () => {
    const report = await run({ ...files, '.linkvet.yml': 'rules:\n  naked-url: off\n  generic-anchor-text: off\n' });
    expect(places(report)).toEqual(['a.md:5:1 missing-alt-text']);
  });
});
