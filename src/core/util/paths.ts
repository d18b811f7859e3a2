import path from 'node:path';

/** A platform path as a POSIX path, the form every report uses. */
export function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}
