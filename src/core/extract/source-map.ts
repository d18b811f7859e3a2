import type { Point } from '../types.js';

/** Converts offsets in a file's text to 1-based line/column points. */
export interface SourceMap {
  readonly text: string;
  readonly lineCount: number;
  pointAt(offset: number): Point;
  lineText(line: number): string;
}

/** Every line ending CommonMark knows: a lone CR ends a line for remark, so it must here too. */
const lineEnding = /\r\n|\r|\n/g;

/** Indexes line starts once, so every lookup is a binary search. */
export function createSourceMap(text: string): SourceMap {
  const starts = [0];
  for (const ending of text.matchAll(lineEnding)) starts.push(ending.index + ending[0].length);
  const lineCount = text === '' || /[\r\n]$/.test(text) ? starts.length - 1 : starts.length;
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
  };
}

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
