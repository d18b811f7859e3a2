import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';

/** A file that is over the size limit; `size` is what it holds. */
export class TooLarge extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${size.toLocaleString('en-US')} bytes, over the limit of ${limit.toLocaleString('en-US')}`);
    this.name = 'TooLarge';
  }
}

/** A file linkvet will not read, and why, as a phrase that follows the file's name. */
export class NotReadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotReadable';
  }
}

const realRoots = new Map<string, string>();

/**
 * Reads `file` (relative to `root`) whole, if it is a regular file of at most `maxBytes` inside
 * the repository. Files come from contributors: a symlink may point at `/dev/zero`, a FIFO, a
 * file elsewhere on the runner or the checkout's `.git` (where credentials are kept), and none
 * of those is part of what GitHub shows. Throws `TooLarge`, `NotReadable` or the system's error.
 */
export function readRegularFile(root: string, file: string, maxBytes: number): Buffer {
  const absolute = path.join(root, file);
  refuseOutsideRepository(root, absolute);
  return readPlainFile(absolute, maxBytes);
}

/**
 * Reads `file` whole if it is a regular file of at most `maxBytes`, wherever it is: for files the
 * user names (the config, `denyFile`, the cache), which a pull request may still turn into a
 * symlink to `/dev/zero` or a FIFO. Throws `TooLarge`, `NotReadable` or the system's error.
 */
export function readPlainFile(file: string, maxBytes: number): Buffer {
  // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new NotReadable('is a directory');
    if (!stats.isFile()) throw new NotReadable(`is not a regular file (${kindOf(stats)})`);
    if (stats.size > maxBytes) throw new TooLarge(stats.size, maxBytes);
    return readExactly(fd, stats.size);
  } finally {
    closeSync(fd);
  }
}

function refuseOutsideRepository(root: string, absolute: string): void {
  const realRoot = realRootOf(root);
  const real = realpathSync.native(absolute);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new NotReadable('is a symlink to a file outside the repository');
  }
  const [first] = path.relative(realRoot, real).split(path.sep);
  if (first === '.git') throw new NotReadable('is a symlink into `.git`');
}

function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

/** Reads `size` bytes, or fewer if the file shrank meanwhile; never more, whatever it grew to. */
function readExactly(fd: number, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let offset = 0;
  while (offset < size) {
    const read = readSync(fd, buffer, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return buffer.subarray(0, offset);
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** Why a read failed, as a clause: `it is not a regular file (a FIFO)`, `it does not exist`. */
export function whyUnreadable(error: unknown): string {
  if (error instanceof NotReadable) return `it ${error.reason}`;
  if (error instanceof TooLarge) return `it is ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
