import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { scanHtml } from '../../../src/core/extract/scan-html.js';
import { walk } from '../../../src/core/extract/walk.js';
import { analyzeSource } from '../../../src/core/parse/analyze-source.js';
import { parseMarkdown, type Chunking } from '../../../src/core/parse/parse-markdown.js';
import type { ExtractedFile, Point, Span } from '../../../src/core/types.js';
import { fuzzParameters, markdownDocument, mutated } from '../../helpers/markdown-arbitraries.js';

/** The reference: one plain whole-document parse with the project's plugins. */
const reference = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

const fixtureTexts = ['valid/README.md', 'broken/README.md'].map((name) =>
  readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'),
);

/** A real fixture, or a generated document, mutated at random. */
const mutatedDocument = fc.oneof(fc.constantFrom(...fixtureTexts).chain(mutated), markdownDocument.chain(mutated));

/** Any input the suite feeds: generated documents, and mutations of fixtures and of generated ones. */
const anyDocument = fc.oneof(markdownDocument, mutatedDocument);

/** Whole parses, and chunked parses with small chunks so that several cuts happen. */
const chunking: fc.Arbitrary<Chunking> = fc.oneof(
  fc.constant({ above: Infinity, size: 0 }),
  fc.integer({ min: 1, max: 120 }).map((size) => ({ above: 0, size })),
);

function extract(text: string, chunks: Chunking): ExtractedFile {
  return extractFile('docs/a.md', parseMarkdown(text, chunks), text, { shortcut: true });
}

/** The file's lines as GitHub shows them: only LF ends one (a lone CR does not, and a CR before LF is in the line). */
function linesOf(text: string): string[] {
  return text.split('\n');
}

function pointInside(lines: readonly string[], point: Point): boolean {
  const line = lines[point.line - 1];
  return line !== undefined && point.column >= 1 && point.column <= line.length + 1;
}

function before(a: Point, b: Point): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

function spanProblem(lines: readonly string[], span: Span): string | undefined {
  if (!pointInside(lines, span.start)) return 'start outside the file';
  if (!pointInside(lines, span.end)) return 'end outside the file';
  return before(span.start, span.end) ? undefined : 'start after end';
}

function spansOf(file: ExtractedFile): Span[] {
  return [
    ...file.links.map((link) => link.span),
    ...file.definitions.map((definition) => definition.span),
    ...file.danglingReferences.map((reference) => reference.span),
  ];
}

/** A link-like node or extracted link as `line:column-line:column url`, for comparing as multisets. */
function key(span: Span, url: string): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column} ${url}`;
}

/**
 * Where GitHub shows a point the parser gives: the parser ends a line at a lone CR too, GitHub
 * only at LF. (Lines and columns, not offsets: the parser's offsets do not count a BOM.)
 */
function githubPoint(text: string, point: Point): Point {
  const parserLines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const offset = parserLines.slice(0, point.line - 1).join('').length + point.column - 1;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function spanOfNode(text: string, node: Nodes): Span {
  const position = node.position;
  return {
    start: githubPoint(text, { line: position?.start.line ?? 0, column: position?.start.column ?? 0 }),
    end: githubPoint(text, { line: position?.end.line ?? 0, column: position?.end.column ?? 0 }),
  };
}

/** What a parse or an extraction holds, reduced to comparable keys. */
interface View {
  /** Links, images and references (with their definition's URL) that have a position. */
  readonly links: string[];
  /** URLs of literal autolinks remark-gfm leaves without a position; the extraction must still have them. */
  readonly unplaced: string[];
  readonly definitions: string[];
  readonly htmlLinks: number;
}

/** What the reference parse sees: links and images, references, definitions, raw HTML links. */
function referenceView(text: string): View {
  const tree: Root = reference.parse(text);
  const definitionUrls = new Map<string, string>();
  const definitions: string[] = [];
  walk(tree, (node) => {
    if (node.type !== 'definition' || definitionUrls.has(node.identifier)) return;
    definitionUrls.set(node.identifier, node.url);
    definitions.push(key(spanOfNode(text, node), node.url));
  });
  const links: string[] = [];
  const unplaced: string[] = [];
  let htmlLinks = 0;
  walk(tree, (node) => {
    if (node.type === 'link' && node.position === undefined) unplaced.push(node.url);
    else if (node.type === 'link' || node.type === 'image') links.push(key(spanOfNode(text, node), node.url));
    if (node.type === 'linkReference' || node.type === 'imageReference') {
      links.push(key(spanOfNode(text, node), definitionUrls.get(node.identifier) ?? '<undefined>'));
    }
    if (node.type === 'html') htmlLinks += scanHtml(node.value).links.length;
  });
  return { links: links.sort(), unplaced: unplaced.sort(), definitions: definitions.sort(), htmlLinks };
}

/** The extraction's view; a link the reference has no place for counts as unplaced. */
function extractedView(file: ExtractedFile, expected: View): View {
  const markdown = file.links.filter((link) => link.kind !== 'html-anchor' && link.kind !== 'html-image');
  const placed = new Set(expected.links);
  const links: string[] = [];
  const unplaced: string[] = [];
  for (const link of markdown) {
    const linkKey = key(link.span, link.url);
    if (placed.has(linkKey)) links.push(linkKey);
    else unplaced.push(link.url);
  }
  return {
    links: links.sort(),
    unplaced: unplaced.sort(),
    definitions: file.definitions.map((definition) => key(definition.span, definition.url)).sort(),
    htmlLinks: file.links.length - markdown.length,
  };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'linkvet-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('extractFile properties', () => {
  it('never throws on random or mutated Markdown, whole or in chunks', () => {
    fc.assert(
      fc.property(anyDocument, chunking, (text, chunks) => {
        const file = extract(text, chunks);
        expect(file.file).toBe('docs/a.md');
      }),
      fuzzParameters(300),
    );
  });

  it('read, parse and extract of a file on disk yields an extraction or a clean per-file problem, never a throw', () => {
    fc.assert(
      fc.property(anyDocument, (text) => {
        writeFileSync(path.join(scratch, 'a.md'), text);
        const analysis = analyzeSource(
          { root: scratch, maxFileSize: 1 << 20, references: { shortcut: false } },
          'a.md',
        );
        if (analysis.extracted === undefined) {
          expect(analysis.problems.length).toBeGreaterThan(0);
          for (const problem of analysis.problems) expect(problem.message).toContain('a.md');
        }
      }),
      fuzzParameters(60),
    );
  });

  it('puts every position inside the file, with start before end', () => {
    fc.assert(
      fc.property(anyDocument, chunking, (text, chunks) => {
        const lines = linesOf(text);
        const problems = spansOf(extract(text, chunks))
          .map((span) => ({ span, problem: spanProblem(lines, span) }))
          .filter((entry) => entry.problem !== undefined);
        expect(problems).toEqual([]);
      }),
      fuzzParameters(300),
    );
  });

  it('extracts every link, image, reference and definition the reference parser sees, once each, at the same place', () => {
    fc.assert(
      fc.property(anyDocument, chunking, (text, chunks) => {
        const expected = referenceView(text);
        const actual = extractedView(extract(text, chunks), expected);
        expect(actual.links).toEqual(expected.links);
        expect(actual.unplaced).toEqual(expected.unplaced);
        expect(actual.definitions).toEqual(expected.definitions);
      }),
      fuzzParameters(300),
    );
  });

  it('adds raw HTML links on top of the Markdown ones, none lost or duplicated', () => {
    fc.assert(
      fc.property(anyDocument, chunking, (text, chunks) => {
        const expected = referenceView(text);
        expect(extractedView(extract(text, chunks), expected).htmlLinks).toBe(expected.htmlLinks);
      }),
      fuzzParameters(300),
    );
  });

  it('skips a file nested too deep for the parser with a problem naming it, instead of crashing', () => {
    writeFileSync(path.join(scratch, 'deep.md'), `${'> '.repeat(12_000)}x\n`);
    const analysis = analyzeSource({ root: scratch, maxFileSize: 1 << 20, references: { shortcut: false } }, 'deep.md');
    expect(analysis.extracted).toBeUndefined();
    expect(analysis.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^cannot parse `deep\.md` \(the parser failed: RangeError/),
    ]);
  });
});
