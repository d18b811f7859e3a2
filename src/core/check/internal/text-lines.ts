import { binaryMarkAt } from '../../collect/read-source.js';
import { readRegularFile } from '../../util/read-regular-file.js';

/**
 * Line count of a text file for `#L` anchors; `undefined` for a file that is binary, unreadable,
 * over `maxFileSize` or not a regular file inside the repository (see `readRegularFile`).
 */
export function countTextLines(root: string, file: string, maxFileSize: number): number | undefined {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(root, file, maxFileSize);
  } catch {
    return undefined;
  }
  if (binaryMarkAt(bytes) !== -1) return undefined;
  let lines = 0;
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines;
}
