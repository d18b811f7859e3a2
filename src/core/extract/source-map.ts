import type { Html } from 'mdast';
import type { Point } from '../types.js';

/**
 * Converts offsets in a file's text to 1-based line/column points. Two numberings meet here:
 * the parser's, where a lone CR ends a line (CommonMark), and GitHub's, where only LF does (its
 * file view shows `a\rb` as one line, and `#L` anchors, annotations and review comments count
 * lines that way). Extraction works in the parser's; what it reports is converted to GitHub's.
 */
export interface SourceMap {
  readonly text: string;
  /** Lines as the parser counts them. */
  readonly lineCount: number;
  /** The parser's point at `offset`. */
  pointAt(offset: number): Point;
  /** A line as the parser counts them, without its line ending. */
  lineText(line: number): string;
  /** Lines as GitHub shows them: a lone CR does not end one. */
  readonly githubLineCount: number;
  /** A parser's point as GitHub numbers lines and columns. */
  githubPoint(point: Point): Point;
  /** Whether the two numberings differ anywhere (the text holds a lone CR); when not, `githubPoint` returns its argument. */
  readonly numberingsDiffer: boolean;
}

/** Every line ending CommonMark knows: a lone CR ends a line for remark, so it must here too. */
const lineEnding = /\r\n|\r|\n/g;

/** Indexes line starts once, so every lookup is a binary search. */
export function createSourceMap(text: string): SourceMap {
  const starts = lineStarts(text, lineEnding);
  const lineCount = text === '' || /[\r\n]$/.test(text) ? starts.length - 1 : starts.length;
  const github = githubNumbering(text, starts);
  return {
    text,
    lineCount,
    pointAt(offset) {
      const line = lineOf(starts, offset);
      return { line: line + 1, column: offset - (starts[line] ?? 0) + 1 };
    },
    lineText(line) {
      const start = starts[line - 1] ?? text.length;
      const end = starts[line] ?? text.length;
      return text.slice(start, end).replace(/(?:\r\n|\r|\n)$/, '');
    },
    ...github,
  };
}

/** GitHub's line count and point conversion; the identity, and cheap, for a file without a lone CR. */
function githubNumbering(
  text: string,
  starts: readonly number[],
): Pick<SourceMap, 'githubLineCount' | 'githubPoint' | 'numberingsDiffer'> {
  const githubLineCount = countGithubLines(text);
  if (!/\r(?!\n)/.test(text)) return { githubLineCount, githubPoint: (point) => point, numberingsDiffer: false };
  const githubStarts = lineStarts(text, /\n/g);
  return {
    githubLineCount,
    numberingsDiffer: true,
    githubPoint(point) {
      const offset = Math.min(text.length, (starts[point.line - 1] ?? text.length) + point.column - 1);
      const line = lineOf(githubStarts, offset);
      return { line: line + 1, column: offset - (githubStarts[line] ?? 0) + 1 };
    },
  };
}

/** Lines as GitHub shows them: one per LF, and one more for text after the last. */
export function countGithubLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text !== '' && !text.endsWith('\n') ? lines + 1 : lines;
}

function lineStarts(text: string, ending: RegExp): number[] {
  const starts = [0];
  for (const match of text.matchAll(ending)) starts.push(match.index + match[0].length);
  return starts;
}

/** The index of the last start at or before `offset`. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Maps offsets in an HTML node's value to the parser's points in the source, where containers
 * may prefix lines with `> ` or indentation. The node's lines are indexed once and each line's
 * place in the source is found once, so a node holding thousands of links costs linear time.
 */
export function htmlPoints(source: SourceMap, node: Html): (offset: number) => Point {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const starts = lineStarts(node.value, lineEnding);
  const bases = new Map<number, number>();
  const baseOf = (lineDelta: number): number => {
    let base = bases.get(lineDelta);
    if (base === undefined) {
      const valueLine = node.value
        .slice(starts[lineDelta], starts[lineDelta + 1] ?? node.value.length)
        .replace(/(?:\r\n|\r|\n)$/, '');
      base = Math.max(0, source.lineText(start.line + lineDelta).indexOf(valueLine));
      bases.set(lineDelta, base);
    }
    return base;
  };
  return (offset) => {
    const lineDelta = lineOf(starts, offset);
    const columnInLine = offset - (starts[lineDelta] ?? 0);
    if (lineDelta === 0) return { line: start.line, column: start.column + columnInLine };
    return { line: start.line + lineDelta, column: baseOf(lineDelta) + columnInLine + 1 };
  };
}
