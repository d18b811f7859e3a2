import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { extractMarkdown } from '../../../src/core/parse/analyze-source.js';
import { chunkStarts, joinPieces } from '../../../src/core/parse/chunked-parse.js';
import { parseMarkdown, parseMarkdownInPieces, type ParsedPiece } from '../../../src/core/parse/parse-markdown.js';

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
    expect(whole).toHaveLength(2);
    expect(chunked).toEqual(whole);
  });
});

/** Everything extraction yields, from a parse in chunks of `size` characters and from one whole parse. */
function extractedBothWays(text: string, size: number) {
  return {
    chunked: extractWith(text, { above: 0, size }),
    whole: extractWith(text, { above: Infinity, size: 0 }),
  };
}

/** Lines repeated until the text is about `length` characters long. */
function repeated(length: number, line: (index: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < length; index++) {
    const part = line(index);
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

describe('chunked parsing: more bugs found by the property tests', () => {
  it('does not start a chunk with a line micromark reads otherwise when a block is still open before it', () => {
    for (const text of [
      '\r---\ntitle: x\n---\n[^c d]: x\n\n    more\n- \naa *\n- \n> [t][x]\n',
      'x\n\n    code\n- \n[a](a.md)\n- \n',
      '    code\n2. [a](a.md)\n',
      '    code\n<span>\n[a](a.md)\n',
      '> \n[a]: a.md\r- \n  [\ra]: a.md',
    ]) {
      for (const size of [1, 22]) {
        const { chunked, whole } = extractedBothWays(text, size);
        expect(chunked).toEqual(whole);
      }
    }
  });

  it('parses the chunks of a file whose front matter never closes as micromark parses the whole: without containers', () => {
    const text = '+++\n\n[B][] x\n\n> a [l](l.md)\n\n- b [m](m.md)\n\n# c\n';
    const { chunked, whole } = extractedBothWays(text, 1);
    expect(chunked).toEqual(whole);
    expect(whole.links).toHaveLength(2);
  });

  it('keeps a footnote defined on the first line', () => {
    const { chunked, whole } = extractedBothWays('[^n]: a.md\n[a]: a.md\n\n> [t][^n] [x][a]\n', 1);
    expect(chunked).toEqual(whole);
  });
});

describe('chunked parsing of files of every shape (issue 12, item 8)', () => {
  const shapes: Record<string, string> = {
    'a long list': repeated(4_000, (index) => `- item [${index}](./${index}.md) and [ref][r${index % 7}]\n`),
    'an ordered list': repeated(4_000, (index) => `${index + 1}. item [${index}](./${index}.md)\n`),
    'a nested list': repeated(4_000, (index) => `- top [${index}](t.md)\n  - inner [x](i.md)\n    - deep [y][r1]\n`),
    'a table': `| a | b |\n| - | - |\n${repeated(4_000, (index) => `| [${index}](c.md) \\| x | \`|\` [ref][r2] |\n`)}`,
    'setext headings only': repeated(
      4_000,
      (index) => `Title ${index % 9}\n=====\n\ntext [t](#title-${index % 9})\n\n`,
    ),
    'definitions only': repeated(4_000, (index) => `[r${index}]: ./r${index}.md\n`),
    'HTML blocks': repeated(4_000, (index) => `<div id="d${index}">\n<a href="h${index}.md">h</a>\n</div>\n\n`),
  };
  const definitions = '\n\n[r0]: r0.md\n[r1]: r1.md\n[r2]: r2.md\n';

  for (const [shape, body] of Object.entries(shapes)) {
    it(`cuts ${shape} without ATX headings into chunks that extract as one whole parse`, () => {
      const text = body + definitions;
      const starts = chunkStarts(text, 200);
      expect(starts.length).toBeGreaterThan(5);
      const { chunked, whole } = extractedBothWays(text, 200);
      expect(whole.links.length + whole.definitions.length).toBeGreaterThan(3);
      expect(chunked).toEqual(whole);
    });
  }

  it('cuts at the start of a line: a new top-level block, list item or table body row', () => {
    const text = shapes['a table'] ?? '';
    const starts = chunkStarts(text, 200);
    for (const start of starts.slice(1)) {
      expect(text[start.offset - 1]).toBe('\n');
      expect(start.join).toBe('table-rows');
      expect(text.split('\n')[start.line - 1]).toBe(text.slice(start.offset).split('\n')[0]);
    }
  });
});

describe('chunked parsing takes definitions from the parser, not from a line scan (issue 12, item 9)', () => {
  /** Lines a line scanner took for definitions, though the parser does not: each `[x][lN]` stays undefined. */
  const notDefinitions = [
    'a paragraph\n[l1]: continued.md',
    '| h |\n| - |\n[l2]: row.md',
    '- item\n  [l3]: item-paragraph.md',
    '> quote\n[l4]: lazy.md',
    '[t]: t.md\n"a title\n[l5]: inside-the-title.md\n"',
    '- item\n\n  paragraph\n  [l6]: in-the-item.md',
    '> [q]: q.md\n> quote\n[l7]: lazy-after-definition.md',
  ];

  it('reports `[x][label]` as undefined when the only "definition" is paragraph, table, list, lazy or title text', () => {
    const uses = notDefinitions.map((_, index) => `# Use ${index}\n\n[x][l${index + 1}]\n`).join('\n');
    const text = `${uses}\n${notDefinitions.map((block) => `# Block\n\n${block}\n`).join('\n')}`;
    const { chunked, whole } = extractedBothWays(text, 1);
    expect(whole.danglingReferences.map((reference) => reference.label)).toEqual(
      notDefinitions.map((_, index) => `l${index + 1}`),
    );
    expect(chunked.danglingReferences).toEqual(whole.danglingReferences);
    expect(chunked).toEqual(whole);
  });

  it('resolves a reference to a real definition in another chunk, inside a list, quote or footnote', () => {
    const text =
      '# A\n\n[a][d1] [b][d2] [c][d3] [^n]\n\n# B\n\n- x\n\n  [d1]: one.md\n\n> [d2]: two.md\n\n[d3]: <three.md> "t"\n\n# C\n\n[^n]: note\n';
    const { chunked, whole } = extractedBothWays(text, 1);
    expect(whole.links.map((link) => link.url)).toEqual(['one.md', 'two.md', 'three.md']);
    expect(chunked).toEqual(whole);
  });

  it('parses a chunk again only when its lookups need definitions from other chunks, so the work stays linear', () => {
    const uses = repeated(3_000, (index) => `See [r ${index}][ref-${index}] and [plain](p.md).\n\n`);
    const local = repeated(3_000, (index) => `[own-${index}]: o.md\n\n[o][own-${index}]\n\n`);
    const text = `${uses}${local}${repeated(3_000, (index) => `[ref-${index}]: ./r-${index}.md\n`)}`;
    const starts = chunkStarts(text, 300);
    const usesEnd = uses.length;
    const again = starts.filter((start) => start.parsedAgain);
    expect(starts.length).toBeGreaterThan(20);
    // Chunks of uses are parsed twice; chunks that define what they use, and the definitions, once.
    expect(again.length).toBeGreaterThan(0);
    for (const start of starts) expect(start.parsedAgain).toBe(start.offset < usesEnd);
    const { chunked, whole } = extractedBothWays(text, 300);
    expect(chunked).toEqual(whole);
    expect(whole.danglingReferences).toEqual([]);
  });
});

/** `count` lines. */
function times(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => line(index)).join('');
}

describe('chunked parsing piece by piece (issue 12, item 8: a big file is never held as one tree)', () => {
  const list = times(2_000, (index) => `- item ${index} [l](./p-${index % 7}.md)\n`);

  it('hands the nodes on piece by piece, in order, and the pieces put together are the whole tree', () => {
    const handed: ParsedPiece[] = [];
    parseMarkdownInPieces(list, (piece) => handed.push(piece), { above: 0, size: 2_000 });
    expect(handed.length).toBeGreaterThan(20);
    expect(handed.map((piece) => piece.index)).toEqual(handed.map((_, index) => index));
    expect(handed.slice(1).every((piece) => piece.continues)).toBe(true);
    const whole = parseMarkdown(list, { above: Infinity, size: 0 });
    const joined = joinPieces(handed);
    expect(joined.children).toHaveLength(1);
    expect(joined.children[0]?.type === 'list' && joined.children[0].children).toHaveLength(2_000);
    expect(joined.children[0]?.position).toEqual(whole.children[0]?.position);
  });

  it('extracts piece by piece what one whole parse extracts', () => {
    const whole = extractFile('doc.md', parseMarkdown(list, { above: Infinity, size: 0 }), list, { shortcut: false });
    expect(extractMarkdown('doc.md', list, { shortcut: false }, { above: 0, size: 2_000 })).toEqual(whole);
    expect(whole.links).toHaveLength(2_000);
  });

  it('gives an `<a>` left open by an HTML block the text of the pieces after it, up to the block that closes it', () => {
    const text = `<a href="open.md">\n\n${times(200, (index) => `Paragraph ${index} [x](y.md).\n\n`)}</a>\n\nafter\n`;
    const streamed = extractMarkdown('doc.md', text, { shortcut: false }, { above: 0, size: 100 });
    const anchor = streamed.links.find((link) => link.url === 'open.md');
    // Blocks' texts join with nothing between them, as in one whole parse.
    expect(anchor?.text).toBe(times(200, (index) => `Paragraph ${index} x.`));
    expect(anchor?.span).toEqual({ start: { line: 1, column: 1 }, end: { line: 403, column: 5 } });
    const whole = extractFile('doc.md', parseMarkdown(text, { above: Infinity, size: 0 }), text, { shortcut: false });
    expect(streamed).toEqual(whole);
  });

  it('resolves references and drops dangling ones with definitions from later pieces, parsed again', () => {
    const text = `${times(300, (index) => `See [r][d${index % 3}] and [u][none].\n\n`)}[d0]: a.md\n[d1]: b.md\n[d2]: c.md\n`;
    const streamed = extractMarkdown('doc.md', text, { shortcut: false }, { above: 0, size: 500 });
    expect(streamed.links.map((link) => link.url).slice(0, 3)).toEqual(['a.md', 'b.md', 'c.md']);
    expect(streamed.links).toHaveLength(300);
    expect(streamed.danglingReferences).toHaveLength(300);
    const whole = extractFile('doc.md', parseMarkdown(text, { above: Infinity, size: 0 }), text, { shortcut: false });
    expect(streamed).toEqual(whole);
  });
});
