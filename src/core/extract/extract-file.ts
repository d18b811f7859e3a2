import type { Root, RootContent } from 'mdast';
import type { ExtractedFile } from '../types.js';
import { assembleExtraction } from './assemble-extraction.js';
import { extractPiece, type ExtractOptions, type Fragment, type PieceContext } from './extract-piece.js';
import { createSourceMap } from './source-map.js';

export type { ExtractOptions } from './extract-piece.js';

/** Extracts a file piece by piece, in the order its top-level nodes come, so no piece's nodes need to be kept. */
export interface PieceExtractor {
  /**
   * Extracts the piece at `index`: the next one, or one already added, parsed again (its nodes
   * may differ in inline content only; block structure, and so HTML blocks, stay the same).
   */
  add(index: number, nodes: readonly RootContent[]): void;
  /** The file's extraction, exactly what one walk over the whole tree would give. */
  finish(): ExtractedFile;
}

/**
 * Extracts the links, definitions and landmarks (heading slugs, HTML ids) of one parsed file.
 * Code, front matter and HTML comments hold nothing: they are not visited or not links.
 */
export function extractFile(file: string, tree: Root, text: string, options: ExtractOptions): ExtractedFile {
  const extractor = startExtraction(file, text, options);
  extractor.add(0, tree.children);
  return extractor.finish();
}

/**
 * Starts extracting `file` from pieces of its tree: runs of top-level nodes that, put one after
 * the other, make the whole tree (a list or table cut in two comes as two list or table nodes).
 */
export function startExtraction(file: string, text: string, options: ExtractOptions): PieceExtractor {
  const context: PieceContext = {
    file,
    source: createSourceMap(text),
    options,
    mayHoldDirectives: text.includes('linkvet-'),
  };
  const fragments: Fragment[] = [];
  return {
    add(index, nodes) {
      if (index > fragments.length)
        throw new RangeError(`piece ${index} of \`${file}\` came before piece ${index - 1}`);
      fragments[index] = extractPiece(context, nodes, leftOpen(fragments, index));
    },
    finish: () => assembleExtraction(context.source, file, fragments),
  };
}

/**
 * Whether the pieces before `index` leave an anchor open, so the piece's first nodes belong to
 * it. That depends on HTML blocks only, which a second parse does not change.
 */
function leftOpen(fragments: readonly Fragment[], index: number): boolean {
  const before = fragments[index - 1];
  if (before === undefined) return false;
  if (before.trailing !== undefined) return true;
  return before.leading !== undefined && !before.leading.closed;
}
