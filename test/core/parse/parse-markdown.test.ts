import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';

/** Node types in document order, depth first. */
function types(node: Nodes): string[] {
  return [node.type, ...('children' in node ? node.children.flatMap((child) => types(child as Nodes)) : [])];
}

function childTypes(tree: Root): string[] {
  return tree.children.map((child) => child.type);
}

describe('parseMarkdown', () => {
  it('parses CommonMark into mdast with 1-based positions and offsets', () => {
    const tree = parseMarkdown('# Title\n\nSee [a](b.md).\n');
    expect(childTypes(tree)).toEqual(['heading', 'paragraph']);
    const link = tree.children[1]?.type === 'paragraph' ? tree.children[1].children[1] : undefined;
    expect(link?.type).toBe('link');
    expect(link?.position).toEqual({
      start: { line: 3, column: 5, offset: 13 },
      end: { line: 3, column: 14, offset: 22 },
    });
  });

  it('parses GFM tables', () => {
    const tree = parseMarkdown('| a | b |\n|---|:-:|\n| 1 | 2 |\n');
    expect(types(tree)).toEqual([
      'root',
      'table',
      'tableRow',
      'tableCell',
      'text',
      'tableCell',
      'text',
      'tableRow',
      'tableCell',
      'text',
      'tableCell',
      'text',
    ]);
    expect(tree.children[0]?.type === 'table' ? tree.children[0].align : undefined).toEqual([null, 'center']);
  });

  it('parses GFM strikethrough', () => {
    expect(types(parseMarkdown('~~gone~~\n'))).toEqual(['root', 'paragraph', 'delete', 'text']);
  });

  it('parses GFM autolink literals into links', () => {
    const tree = parseMarkdown('www.x.com and https://y.org\n');
    const paragraph = tree.children[0];
    const links = paragraph?.type === 'paragraph' ? paragraph.children.filter((node) => node.type === 'link') : [];
    expect(links.map((link) => link.url)).toEqual(['http://www.x.com', 'https://y.org']);
  });

  it('parses GFM footnotes and task lists', () => {
    const tree = parseMarkdown('Note[^1]\n\n[^1]: text\n\n- [x] done\n');
    expect(childTypes(tree)).toEqual(['paragraph', 'footnoteDefinition', 'list']);
    expect(types(tree)).toContain('footnoteReference');
    const list = tree.children[2];
    expect(list?.type === 'list' ? list.children[0]?.checked : undefined).toBe(true);
  });

  it('parses YAML front matter into a yaml node', () => {
    const tree = parseMarkdown('---\ntitle: x\nurl: [x](y.md)\n---\n\n# Body\n');
    expect(childTypes(tree)).toEqual(['yaml', 'heading']);
    expect(tree.children[0]).toMatchObject({ type: 'yaml', value: 'title: x\nurl: [x](y.md)' });
  });

  it('parses TOML front matter into a toml node', () => {
    const tree = parseMarkdown('+++\na = 1\n+++\n');
    expect(childTypes(tree)).toEqual(['toml']);
    // mdast's types know no `toml` node, so compare the object rather than narrow it.
    expect(tree.children[0]).toMatchObject({ type: 'toml', value: 'a = 1' });
    expect(tree.children[0]?.position?.end).toEqual({ line: 3, column: 4, offset: 13 });
  });

  it('takes `---` front matter only at the very start of the file', () => {
    expect(childTypes(parseMarkdown('Intro\n\n---\ntitle: x\n---\n'))).toEqual([
      'paragraph',
      'thematicBreak',
      'heading',
    ]);
  });

  it('keeps raw HTML as html nodes, inline and as blocks', () => {
    expect(types(parseMarkdown('<div>\n<a href="y.md">y</a>\n</div>\n\nA <b>b</b>\n'))).toEqual([
      'root',
      'html',
      'paragraph',
      'text',
      'html',
      'text',
      'html',
    ]);
  });
});
