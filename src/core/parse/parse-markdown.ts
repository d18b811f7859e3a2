import type { Root } from 'mdast';
import { parseInChunks } from './chunked-parse.js';
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
  return parseInChunks(text, chunking.size);
}
