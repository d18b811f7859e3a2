import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { extractMarkdown } from '../../../src/core/parse/analyze-source.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import type { ExtractedFile } from '../../../src/core/types.js';
import { block, fuzzParameters, inline, mutated } from '../../helpers/markdown-arbitraries.js';

const label = fc.constantFrom('a', 'B', 'c d', 'x\\]', 'ü', '^n');
const reference = label.map((name) => `[t][${name}]`);
const definition = fc
  .tuple(
    label,
    fc.constantFrom('a.md', '<b c.md>', '#top', ''),
    fc.constantFrom('', ' "t"', "\n'multi\nline'", '\n"open'),
  )
  .map(([name, url, title]) => `[${name}]: ${url}${title}`);
const text = fc.array(fc.oneof(inline, reference), { maxLength: 4 }).map((parts) => parts.join(' '));

/**
 * The shapes where a cut or a definition is easy to get wrong: lines that look like definitions
 * but continue a paragraph, a table, a list item, a lazy quote or a title; setext headings; lists
 * and tables long enough to be cut inside; definitions in containers; footnotes.
 */
const trickyBlock: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(text, definition).map(([line, def]) => `${line}\n${def}`),
  fc.tuple(text, definition).map(([cell, def]) => `| h | i |\n| - | - |\n| ${cell} | x |\n${def}\n| y |`),
  fc.tuple(text, definition).map(([line, def]) => `- ${line}\n  ${def}`),
  fc.tuple(text, definition).map(([line, def]) => `> ${line}\n${def}`),
  fc.tuple(definition, definition).map(([a, b]) => `${a}\n${b}`),
  fc.tuple(text, fc.constantFrom('===', '---', '-', '= =')).map(([line, underline]) => `${line}\n${underline}`),
  fc
    .array(fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '  - ', '    '), text), { minLength: 1, maxLength: 6 })
    .map((items) => items.map(([marker, line]) => marker + line).join('\n')),
  fc
    .array(text, { minLength: 1, maxLength: 6 })
    .map((rows) => `| a | b |\n|---|:-:|\n${rows.map((row) => `| ${row} | \\| |`).join('\n')}`),
  fc
    .array(fc.tuple(fc.constantFrom('> ', '>', '> > ', ''), text), { minLength: 1, maxLength: 4 })
    .map((lines) => lines.map(([marker, line]) => marker + line).join('\n')),
  fc.tuple(label, text).map(([name, line]) => `[^${name}]: ${line}\n\n    more ${line}`),
  fc.constantFrom('```', '~~~', '<div>', '<!--', '-->', '---', '+++', '\uFEFF', '    code', ''),
);

/** A document of ordinary and tricky blocks, joined by blank lines, single newlines or other line endings. */
const document: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\ntitle: x\n---\n', '+++\na = 1\n+++\n', '\uFEFF'),
    fc.array(fc.oneof(block, trickyBlock, trickyBlock), { maxLength: 16 }),
    fc.constantFrom('\n\n', '\n', '\r\n', '\r'),
  )
  .map(([front, blocks, separator]) => front + blocks.join(separator));

const anyDocument = fc.oneof({ weight: 3, arbitrary: document }, document.chain(mutated));

function extract(text: string, chunking: { above: number; size: number }): ExtractedFile {
  return extractFile('docs/a.md', parseMarkdown(text, chunking), text, { shortcut: true });
}

/** The way a file is analysed: each piece extracted as it is parsed, its nodes then dropped. */
function extractStreaming(text: string, chunking: { above: number; size: number }): ExtractedFile {
  return extractMarkdown('docs/a.md', text, { shortcut: true }, chunking);
}

/** Top-level HTML blocks that open an `<a>` and leave it open for the blocks after them, or close it. */
const anchorBlock = fc.constantFrom(
  '<a href="x.md">',
  '<a href="y.md"><img src="i.png" alt="i">',
  '<div><a href="z.md">open',
  '</a>',
  '<p></a></p>',
  '<img src="b.png" alt="badge">',
  '<a href="w.md">closed</a>',
  '<!-- </a> -->',
);
const withAnchors: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.oneof(anchorBlock, block, trickyBlock), { maxLength: 16 }), fc.constantFrom('\n\n', '\r\n\r\n'))
  .map(([blocks, separator]) => blocks.join(separator));

describe('chunked parsing, property', () => {
  it('extracts piece by piece, as files are analysed, exactly what one whole parse extracts, with chunks of any small size', () => {
    fc.assert(
      fc.property(anyDocument, fc.integer({ min: 1, max: 64 }), (text, size) => {
        const whole = extract(text, { above: Infinity, size: 0 });
        expect(extractStreaming(text, { above: 0, size })).toEqual(whole);
      }),
      fuzzParameters(300),
    );
  });

  it('extracts exactly what one whole parse extracts when anchors are left open across pieces', () => {
    fc.assert(
      fc.property(fc.oneof(withAnchors, withAnchors.chain(mutated)), fc.integer({ min: 1, max: 64 }), (text, size) => {
        const whole = extract(text, { above: Infinity, size: 0 });
        expect(extractStreaming(text, { above: 0, size })).toEqual(whole);
      }),
      fuzzParameters(300),
    );
  });
});
