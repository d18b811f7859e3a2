import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Why a file could not be written, naming it; the file itself is left as it was. */
export class WriteFileError extends Error {
  readonly file: string;
  /** The system's reason alone, for callers that name the file their own way. */
  readonly reason: string;

  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot write \`${file}\` (${reason})`, { cause });
    this.name = 'WriteFileError';
    this.file = file;
    this.reason = reason;
  }
}

const tempSuffix = '.linkvet-tmp';

/**
 * Writes `text` to `file` so that a crash or kill at any moment leaves either the old file or the new one, never a
 * torn one: a temp file in the same directory (rename is only atomic within one file system), fsync, then rename.
 * Temp files left by earlier writers of the same file that have since died are removed first.
 * @throws WriteFileError naming the file; the temp file is removed
 */
export function writeFileAtomic(file: string, text: string): void {
  const directory = path.dirname(file);
  const temp = path.join(directory, tempName(path.basename(file)));
  try {
    mkdirSync(directory, { recursive: true });
    removeStaleTemps(directory, path.basename(file));
    writeAndSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new WriteFileError(file, error);
  }
}

/** `.<name>.<pid>-<random>.linkvet-tmp`: hidden, unique per write, and carrying the writer's pid for cleanup. */
function tempName(base: string): string {
  return `.${base}.${process.pid}-${randomBytes(4).toString('hex')}${tempSuffix}`;
}

function writeAndSync(temp: string, text: string): void {
  // `wx`: never follow or reuse an existing path, so a planted symlink cannot redirect the write.
  const fd = openSync(temp, 'wx', 0o666);
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes our temps for `base` whose writer process no longer exists; a live writer's temp is never touched. */
function removeStaleTemps(directory: string, base: string): void {
  const prefix = `.${base}.`;
  for (const name of readdirSync(directory)) {
    if (!name.startsWith(prefix) || !name.endsWith(tempSuffix)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length, -tempSuffix.length))?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && !isRunning(pid)) rmSync(path.join(directory, name), { force: true });
  }
}

/** Whether a process with this pid exists (this one included), for telling a dead writer's files from a live one's. */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
