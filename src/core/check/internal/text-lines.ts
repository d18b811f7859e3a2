import { githubLineCountOf } from '../../collect/read-source.js';
import { readRegularFile } from '../../util/read-regular-file.js';

/**
 * Line count of a text file for `#L` anchors, as GitHub shows it (UTF-16 too); `undefined` for a
 * file that is binary, unreadable, over `maxFileSize` or not a regular file inside the repository
 * (see `readRegularFile`).
 */
export function countTextLines(root: string, file: string, maxFileSize: number): number | undefined {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(root, file, maxFileSize);
  } catch {
    return undefined;
  }
  return githubLineCountOf(bytes);
}
