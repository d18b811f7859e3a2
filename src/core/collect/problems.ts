import type { Point, Violation } from '../types.js';

const start: Point = { line: 1, column: 1 };

/** A file-level problem: the file could not be read, or only in part. */
export function fileProblem(
  file: string,
  message: string,
  rule: 'unreadable-file' | 'invalid-encoding' = 'unreadable-file',
  at: Point = start,
): Violation {
  return { rule, file, span: { start: at, end: at }, url: '', text: '', message };
}
