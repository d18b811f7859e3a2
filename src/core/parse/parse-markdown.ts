import type { Root } from 'mdast';
import { joinPieces, parseInChunks, type ParsedPiece } from './chunked-parse.js';

export type { ParsedPiece } from './chunked-parse.js';
import { ownLabels, parseWithLabels } from './label-book.js';

/**
 * Files above this size are parsed in chunks: micromark's memory grows faster than the
 * file (a 20 MB list took 4.47 GB in one piece), so chunks keep a big file's peak low.
 */
const defaultChunking: Chunking = { above: 512 * 1024, size: 64 * 1024 };

/** When to parse in chunks, and how big a chunk is (in characters); tests make them small. */
export interface Chunking {
  readonly above: number;
  readonly size: number;
}

/**
 * Parses Markdown into an mdast tree with 1-based positions, in chunks when the file is large;
 * the tree extracts exactly as one whole parse would (see `parseInChunks`).
 */
export function parseMarkdown(text: string, chunking: Chunking = defaultChunking): Root {
  if (text.length <= chunking.above) return parseWithLabels(text, ownLabels());
  const pieces: ParsedPiece[] = [];
  parseInChunks(text, chunking.size, (piece) => (pieces[piece.index] = piece));
  return joinPieces(pieces);
}

/**
 * Parses Markdown and hands its top-level nodes on piece by piece, in order (see `ParsedPiece`),
 * so a big file's tree is never held whole. A piece may be handed on a second time, with the same
 * index, parsed again once the whole file's definitions are known: it then replaces the first.
 */
export function parseMarkdownInPieces(
  text: string,
  onPiece: (piece: ParsedPiece) => void,
  chunking: Chunking = defaultChunking,
): void {
  if (text.length > chunking.above) return parseInChunks(text, chunking.size, onPiece);
  onPiece({ index: 0, nodes: parseWithLabels(text, ownLabels()).children, continues: false });
}
