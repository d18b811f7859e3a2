import { fileProblem } from '../collect/problems.js';
import { readSource } from '../collect/read-source.js';
import { startExtraction, type ExtractOptions } from '../extract/extract-file.js';
import type { ExtractedFile, Violation } from '../types.js';
import { parseMarkdownInPieces, type Chunking } from './parse-markdown.js';

/** One file read, parsed and extracted; `undefined` extraction when it could not be read or parsed. */
export interface FileAnalysis {
  readonly extracted: ExtractedFile | undefined;
  readonly problems: readonly Violation[];
}

/** What analysing a file needs from the config: plain data, so it can be handed to a worker thread. */
export interface AnalyzeSettings {
  readonly root: string;
  readonly maxFileSize: number;
  readonly references: ExtractOptions;
}

/**
 * Reads, parses and extracts one file. A file the parser throws on is skipped with a problem
 * instead of ending the run. The source text is dropped on return: only the extraction is kept.
 */
export function analyzeSource(settings: AnalyzeSettings, file: string): FileAnalysis {
  const source = readSource(settings.root, file, settings.maxFileSize);
  if (!source.ok) return { extracted: undefined, problems: source.problems };
  try {
    return { extracted: extractMarkdown(file, source.text, settings.references), problems: source.problems };
  } catch (error) {
    return unparsed(file, `the parser failed: ${describeError(error)}`);
  }
}

/**
 * Parses and extracts a file's text piece by piece: each piece's nodes are extracted as soon as
 * they are parsed, then dropped, so a big file's whole tree is never held (see `parseMarkdownInPieces`).
 */
export function extractMarkdown(
  file: string,
  text: string,
  options: ExtractOptions,
  chunking?: Chunking,
): ExtractedFile {
  const extractor = startExtraction(file, text, options);
  parseMarkdownInPieces(text, (piece) => extractor.add(piece.index, piece.nodes), chunking);
  return extractor.finish();
}

/** The problem for a file that could not be parsed, and no extraction. */
export function unparsed(file: string, why: string): FileAnalysis {
  return { extracted: undefined, problems: [fileProblem(file, `cannot parse \`${file}\` (${why}); skipped`)] };
}

/** An error's class and message on one line, whatever was thrown. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
