import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import { splitAtHeadings } from '../../../src/core/parse/split-blocks.js';

/** A document with every construct a careless cut would break, repeated so it spans many chunks. */
function tricky(sections: number): string {
  const parts = ['---\ntitle: x\n# not a heading\n---\n\n# Top\n'];
  for (let index = 0; index < sections; index++) {
    parts.push(
      `## Section ${index}\n\nSee [the ref][shared], [local][local-${index}], [up](#top) and <https://x.example/${index}>.\n`,
      '```sh\n# a comment, not a heading\n[not](a-link.md)\n```\n',
      '````md\n```\n# still code\n````\n',
      '<!--\n# hidden\n[hidden](nope.md)\n-->\n',
      '> quote with [a link](q.md)\n> # heading inside a quote\n\n',
      '- item with [a link](i.md)\n\n  continued paragraph\n',
      `# Repeated\n\n[local-${index}]: ./local-${index}.md\n\n`,
    );
  }
  parts.push('## End\n\n[shared]: ./shared.md\n');
  return parts.join('');
}

function extractWith(text: string, chunking?: { above: number; size: number }): ReturnType<typeof extractFile> {
  return extractFile('doc.md', parseMarkdown(text, chunking), text, { shortcut: false });
}

describe('chunked parsing of big files', () => {
  it('cuts only before top-level ATX headings outside front matter, fences and HTML blocks', () => {
    const text = tricky(30);
    const { chunks } = splitAtHeadings(text, 200);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(text);
    for (const chunk of chunks.slice(1)) expect(chunk.text).toMatch(/^#{1,6} (Section|Repeated|End)/);
    for (const chunk of chunks) expect(text.split('\n')[chunk.line - 1]).toBe(chunk.text.split('\n')[0]);
  });

  it('extracts exactly what one whole parse extracts: links, positions, slugs and definitions', () => {
    const text = tricky(30);
    const whole = extractWith(text, { above: Infinity, size: 0 });
    const chunked = extractWith(text, { above: 0, size: 200 });
    expect(chunked.links).toEqual(whole.links);
    expect(chunked.landmarks).toEqual(whole.landmarks);
    expect(chunked.definitions).toEqual(whole.definitions);
    expect(chunked.danglingReferences).toEqual([]);
    expect(chunked.unusedDefinitions).toEqual([]);
    expect(whole.links.filter((link) => link.url === './shared.md')).toHaveLength(30);
    expect(whole.landmarks.slugs).toContain('repeated-29');
  });
});

/** Links as `line:column url`, from a parse cut into tiny chunks and from one whole parse. */
function linksBothWays(text: string): { chunked: string[]; whole: string[] } {
  const brief = (file: ReturnType<typeof extractFile>) =>
    file.links.map((link) => `${link.span.start.line}:${link.span.start.column} ${link.url}`);
  return {
    chunked: brief(extractWith(text, { above: 0, size: 1 })),
    whole: brief(extractWith(text, { above: Infinity, size: 0 })),
  };
}

describe('chunked parsing: bugs found by the property tests', () => {
  it('resolves references to definitions inside block quotes and list items of another chunk', () => {
    const { chunked, whole } = linksBothWays('# A\n\n[q] and [l]\n\n# B\n\n> [q]: q.md\n\n- [l]: l.md\n');
    expect(whole).toEqual(['3:1 q.md', '3:9 l.md']);
    expect(chunked).toEqual(whole);
  });

  it('does not borrow footnote definitions, which swallowed the definitions after them', () => {
    const { chunked, whole } = linksBothWays('# A\n\n[^n]: note\n\n[a]: a.md\n\n# B\n\n[a]\n');
    expect(whole).toEqual(['9:1 a.md']);
    expect(chunked).toEqual(whole);
  });

  it('resolves references in a last chunk that ends inside an unclosed fence', () => {
    const { chunked, whole } = linksBothWays('# A\n\n[a]: a.md\n\n# B\n\n[a]\n\n~~~\ncode\n');
    expect(whole).toEqual(['7:1 a.md']);
    expect(chunked).toEqual(whole);
  });

  it('does not cut inside an HTML block that only a blank line ends', () => {
    const { chunked, whole } = linksBothWays('# A\n\n<details>\n# not a heading [x](x.md)\n\n# B [y](y.md)\n');
    expect(whole).toEqual(['6:5 y.md']);
    expect(chunked).toEqual(whole);
  });

  it('sees a fence after a byte order mark, and keeps front matter in the first chunk', () => {
    const { chunked, whole } = linksBothWays(
      '\uFEFF~~~\n# in code [x](x.md)\n~~~\n\n# A [y](y.md)\n\n[b]: b.md\n\n# B [b]\n',
    );
    expect(whole).toEqual(['5:5 y.md', '9:5 b.md']);
    expect(chunked).toEqual(whole);
    const front = linksBothWays('+++\na = 1\n+++\n# A [b]\n\n# B\n\n[b]: b.md\n');
    expect(front.chunked).toEqual(front.whole);
    expect(front.whole).toEqual(['4:5 b.md']);
  });

  it('counts a lone CR as a line ending when placing chunks', () => {
    const { chunked, whole } = linksBothWays('# A\r\r[x](x.md)\r\r# B\r\r[y](y.md)\r');
    expect(whole).toEqual(['3:1 x.md', '7:1 y.md']);
    expect(chunked).toEqual(whole);
  });

  it('scans a line of many block-quote markers in linear time', () => {
    const text = `# A\n\n${'>   '.repeat(5_000)}x\n\n# B\n`;
    const started = performance.now();
    expect(splitAtHeadings(text, 1).chunks).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
