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
