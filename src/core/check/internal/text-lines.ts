import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Line count of a text file for `#L` anchors; `undefined` for binary or unreadable files. */
export function countTextLines(root: string, file: string): number | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.join(root, file));
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  let lines = 0;
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines;
}
