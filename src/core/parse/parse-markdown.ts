import type { Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitAtHeadings, type Chunk, type ScannedDefinition } from './split-blocks.js';

/** One processor for the whole run: GFM and YAML/TOML front matter, as GitHub renders them. */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

/**
 * Files above this size are parsed in chunks: micromark's memory grows faster than the
 * file (a 20 MB file took 4.6 GB in one piece), so chunks keep a big file's peak low.
 */
const defaultChunking: Chunking = { above: 512 * 1024, size: 64 * 1024 };

/** When to parse in chunks, and how big a chunk is (in characters); tests make them small. */
export interface Chunking {
  readonly above: number;
  readonly size: number;
}

/** Parses Markdown into an mdast tree with 1-based positions, in chunks when the file is large. */
export function parseMarkdown(text: string, chunking: Chunking = defaultChunking): Root {
  if (text.length <= chunking.above) return processor.parse(text);
  const { chunks, definitions } = splitAtHeadings(text, chunking.size);
  if (chunks.length === 1) return processor.parse(text);
  const children = chunks.flatMap((chunk, index) => parseChunk(chunk, borrowedDefinitions(definitions, index)));
  const end = children.at(-1)?.position?.end ?? { line: 1, column: 1, offset: 0 };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/** Definitions from other chunks, one a line, so that a chunk's references resolve as in the whole file. */
function borrowedDefinitions(definitions: readonly ScannedDefinition[], chunk: number): string {
  return definitions
    .filter((definition) => definition.chunk !== chunk && definition.url !== '')
    .map((definition) => `[${definition.label}]: ${definition.url}\n`)
    .join('');
}

/**
 * Parses a chunk with borrowed definitions. The first chunk, which may hold front matter or a
 * byte order mark, gets them after its text (it always ends outside fences and HTML blocks);
 * later chunks get them before, as they may end inside a fence that would swallow them, and
 * start with a heading, which parses the same after a blank line.
 */
function parseChunk(chunk: Chunk, borrowed: string): RootContent[] {
  if (borrowed === '') return placed(processor.parse(chunk.text), chunk, emptyPrefix);
  if (chunk.offset === 0) {
    return placed(processor.parse(`${chunk.text}\n\n${borrowed}`), chunk, { ...emptyPrefix, end: chunk.text.length });
  }
  const prefix = `${borrowed}\n`;
  const lines = prefix.split('\n').length - 1;
  return placed(processor.parse(prefix + chunk.text), chunk, { length: prefix.length, lines, end: Infinity });
}

/** Text parsed with a chunk: `length` characters and `lines` lines before it, and where the chunk's own text ends. */
interface Surroundings {
  readonly length: number;
  readonly lines: number;
  readonly end: number;
}

const emptyPrefix: Surroundings = { length: 0, lines: 0, end: Infinity };

/** The chunk's own top-level nodes, moved to where the chunk sits in the file. */
function placed(tree: Root, chunk: Chunk, around: Surroundings): RootContent[] {
  const own = tree.children.filter((child) => {
    const offset = child.position?.start.offset ?? 0;
    return offset >= around.length && offset < around.end;
  });
  const place = { offset: chunk.offset - around.length, line: chunk.line - around.lines };
  for (const child of own) shiftPositions(child, place);
  return own;
}

/** Where a parsed chunk's first line and character sit in the file. */
interface Place {
  readonly offset: number;
  readonly line: number;
}

/** Moves a chunk's positions to where the chunk sits in the file; columns stay, as chunks start on a line. */
function shiftPositions(node: Nodes, chunk: Place): void {
  const stack: Nodes[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    const position = current.position;
    if (position) {
      position.start = shift(position.start, chunk);
      position.end = shift(position.end, chunk);
    }
    if ('children' in current) for (const child of current.children as Nodes[]) stack.push(child);
  }
}

function shift(point: { line: number; column: number; offset?: number | undefined }, chunk: Place) {
  return { line: point.line + chunk.line - 1, column: point.column, offset: (point.offset ?? 0) + chunk.offset };
}
