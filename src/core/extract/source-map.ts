import type { Point } from '../types.js';

/** Converts offsets in a file's text to 1-based line/column points. */
export interface SourceMap {
  readonly text: string;
  readonly lineCount: number;
  pointAt(offset: number): Point;
  lineText(line: number): string;
}

/** Indexes line starts once, so every lookup is a binary search. */
export function createSourceMap(text: string): SourceMap {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  const lineCount = text === '' || text.endsWith('\n') ? starts.length - 1 : starts.length;
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
      return text.slice(start, end).replace(/\r?\n$/, '');
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
