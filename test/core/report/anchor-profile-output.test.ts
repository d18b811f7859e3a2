import type { Nodes, Root, Table } from 'mdast';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/index.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import { toJson } from '../../../src/core/report/to-json.js';
import { toMarkdown } from '../../../src/core/report/to-markdown.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** One link of every category to widgets.example, two branded links to react.dev, and links the profile leaves out. */
const corpus = [
  '# Links',
  '',
  '[best cheap widgets](https://widgets.example/best-cheap-widgets)',
  '[cheap gadgets](https://widgets.example/best-cheap-widgets)',
  '[the installation manual](https://widgets.example/best-cheap-widgets#setup)',
  '<https://widgets.example/best-cheap-widgets>',
  '[click here](https://widgets.example/offers)',
  '[![Widget photo](https://widgets.example/photo.png)](https://widgets.example/gallery)',
  '[](https://widgets.example/empty)',
  '[Widgets Inc](https://www.widgets.example/about)',
  '',
  '[React](https://react.dev/learn) and [React](https://react.dev/reference)',
  '',
  '[the heading](#links), [mail us](mailto:team@example.com), ![A diagram](https://img.example/d.png)',
  '',
].join('\n');

async function corpusReport(): Promise<Report> {
  return await check(makeTree({ 'README.md': corpus }));
}

const categoryKeys = ['exactMatch', 'partialMatch', 'branded', 'descriptive', 'nakedUrl', 'generic', 'image', 'empty'];

describe('toJson: the anchor profile', () => {
  it('keys each external domain’s profile by domain, most linked first', async () => {
    const json = JSON.parse(toJson(await corpusReport())) as { anchors: Record<string, unknown> };
    expect(Object.keys(json.anchors)).toEqual(['widgets.example', 'react.dev']);
  });

  it('gives counts, top text, share, entropy and camel-cased categories', async () => {
    const json = JSON.parse(toJson(await corpusReport())) as { anchors: Record<string, unknown> };
    expect(json.anchors['widgets.example']).toEqual({
      links: 8,
      distinctTexts: 8,
      topText: 'best cheap widgets',
      topShare: 0.13,
      entropy: 1,
      categories: {
        exactMatch: 1,
        partialMatch: 1,
        branded: 1,
        descriptive: 1,
        nakedUrl: 1,
        generic: 1,
        image: 1,
        empty: 1,
      },
    });
    expect(json.anchors['react.dev']).toEqual({
      links: 2,
      distinctTexts: 1,
      topText: 'React',
      topShare: 1,
      entropy: 0,
      categories: { ...Object.fromEntries(categoryKeys.map((key) => [key, 0])), branded: 2 },
    });
  });

  it('names every category in camel case, and no domain key inside a profile', async () => {
    const json = JSON.parse(toJson(await corpusReport())) as {
      anchors: Record<string, { categories: Record<string, number> }>;
    };
    for (const profile of Object.values(json.anchors)) {
      expect(Object.keys(profile).sort()).toEqual(
        ['categories', 'distinctTexts', 'entropy', 'links', 'topShare', 'topText'].sort(),
      );
      expect(Object.keys(profile.categories)).toEqual(categoryKeys);
    }
  });

  it('is an empty object without external links', async () => {
    const report = await check(makeTree({ 'a.md': '# A\n\n[self](#a) [mail](mailto:a@example.com)\n' }));
    expect((JSON.parse(toJson(report)) as { anchors: unknown }).anchors).toEqual({});
  });
});

/** The first node of a type after the heading whose text is `heading`, in a parsed Markdown report. */
function tableAfter(tree: Root, heading: string): Table | undefined {
  const start = tree.children.findIndex(
    (node) => node.type === 'heading' && node.children.some((child) => 'value' in child && child.value === heading),
  );
  return tree.children.slice(start + 1).find((node): node is Table => node.type === 'table');
}

/** Every node under `node`, itself included. */
function descendants(node: Nodes): Nodes[] {
  return [node, ...('children' in node ? node.children.flatMap((child) => descendants(child)) : [])];
}

/** The text a cell shows: its text and code, entities decoded as GitHub decodes them. */
function shownText(node: Nodes): string {
  return descendants(node)
    .map((child) => (child.type === 'text' || child.type === 'inlineCode' ? child.value : ''))
    .join('');
}

describe('toMarkdown: the anchor profile', () => {
  it('renders a table of domains and a pie of categories', async () => {
    const markdown = toMarkdown(await corpusReport());
    expect(markdown).toContain(
      [
        '#### Anchor profile',
        '',
        '| Domain | Links | Texts | Top text | Share | Diversity |',
        '| --- | ---: | ---: | --- | ---: | ---: |',
        '| ` widgets.example ` | 8 | 8 | ` best cheap widgets ` | 13% | 1.00 |',
        '| ` react.dev ` | 2 | 1 | ` React ` | 100% | 0.00 |',
        '',
        '```mermaid',
        'pie title Anchor text by category',
        '  "Exact match" : 1',
        '  "Partial match" : 1',
        '  "Branded" : 3',
        '  "Descriptive" : 1',
        '  "Naked URL" : 1',
        '  "Generic" : 1',
        '  "Image" : 1',
        '  "Empty" : 1',
        '```',
      ].join('\n'),
    );
  });

  it('keeps hostile anchor text inside its table cell, as text', async () => {
    const hostile =
      'a|b &lt;script&gt;alert(1)&lt;/script&gt; \\`x\\` &lt;img src=x onerror=alert(1)&gt; "q" &amp; | end';
    const root = makeTree({
      'a.md': `[${hostile}](https://evil.example/one)\n\n[${hostile}](https://evil.example/two)\n`,
    });
    const report = await check(root);
    const topText = report.anchors[0]?.topText ?? '';
    expect(topText).toBe('a|b <script>alert(1)</script> `x` <img src=x onerror=alert(1)> "q" & | end');
    expect(report.findings.map(({ rule }) => rule)).toEqual(['ambiguous-anchor-text']);

    const markdown = toMarkdown(report);
    // Tags may appear in the source, but only inside code spans: see the parsed checks below.
    const tree = parseMarkdown(markdown);
    const profile = tableAfter(tree, 'Anchor profile');
    expect(profile?.children).toHaveLength(2);
    for (const row of profile?.children ?? []) expect(row.children).toHaveLength(6);
    const cell = profile?.children[1]?.children[3];
    // Every character, backticks included, is shown as written and parses as nothing.
    expect(cell && shownText(cell)).toBe(topText);

    const findings = tableAfter(tree, 'linkvet');
    expect(findings?.children).toHaveLength(2);
    for (const row of findings?.children ?? []) expect(row.children).toHaveLength(4);
    const nodes = descendants(tree);
    expect(nodes.filter((node) => node.type === 'image')).toEqual([]);
    // User text sits in code spans: no link (not even an autolink) and no HTML comes out of it.
    expect(nodes.filter((node) => node.type === 'link')).toEqual([]);
    expect(nodes.filter((node) => node.type === 'html')).toEqual([]);
  });

  it('sums the pie to the external anchor links, with linkvet’s labels only', async () => {
    const files = {
      'a.md': '[click here](https://one.example/a) [Manual](https://one.example/b) <https://two.example/>\n',
      'b.md': '[Two "quoted" : 99](https://two.example/x)\n\n![](https://img.example/i.png) [local](a.md)\n',
    };
    const report = await check(makeTree(files));
    const markdown = toMarkdown(report);
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1]?.split('\n') ?? [];
    expect(block[0]).toBe('pie title Anchor text by category');
    const labels = new Set([
      'Exact match',
      'Partial match',
      'Branded',
      'Descriptive',
      'Naked URL',
      'Generic',
      'Image',
      'Empty',
    ]);
    const slices = block.slice(1).map((line) => /^ {2}"([^"]+)" : (\d+)$/.exec(line));
    expect(slices.length).toBeGreaterThan(0);
    for (const slice of slices) expect(labels.has(slice?.[1] ?? ''), String(slice?.[0])).toBe(true);
    const total = slices.reduce((sum, slice) => sum + Number(slice?.[2]), 0);
    expect(total).toBe(4);
    expect(total).toBe(report.anchors.reduce((sum, profile) => sum + profile.links, 0));
  });

  it('leaves the section out when no anchor leads off the site', async () => {
    const root = makeTree({
      'a.md': '# A\n\n[self](#a) [mail](mailto:a@example.com) ![A photo](https://img.example/p.png) [gone](gone.md)\n',
    });
    const report = await check(root);
    expect(report.anchors).toEqual([]);
    const markdown = toMarkdown(report);
    expect(markdown).toContain('missing-file');
    expect(markdown).not.toContain('Anchor profile');
    expect(markdown).not.toContain('mermaid');
  });
});

describe('toMarkdown: Markdown in anchor text stays text', () => {
  it('turns no link, image or emphasis in user text into syntax, in the profile or in findings', async () => {
    const hostile =
      '[Docs \\[login\\]\\(https://phish.example/login\\) \\!\\[t\\]\\(https://tracker.example/p.png\\) \\*\\*bold\\*\\* www.evil.example](https://evil.example/one)';
    const root = makeTree({
      'a.md': `${hostile}\n[Another page](https://evil.example/two)\n[x](missing-https://phish.example.md)\n`,
    });
    const tree = parseMarkdown(toMarkdown(await check(root)));
    const kinds = new Set(descendants(tree).map((node) => node.type));
    for (const kind of ['link', 'image', 'strong', 'emphasis', 'linkReference'])
      expect(kinds.has(kind as Nodes['type']), kind).toBe(false);
  });
});
