import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readPlainFile } from './read-regular-file.js';
import { isRunning } from './write-file-atomic.js';

/** A lock this old is taken over: far longer than any write it guards, short enough not to stall the next run. */
export const staleLockMs = 30_000;
/** About half a second of waiting in all, then the caller goes ahead without the lock. */
const defaultAttempts = 20;
const defaultDelayMs = 25;
/** A lock file holds `<pid>-<hex>`, nothing more. */
const maxLockBytes = 64;

/** How hard to try for a lock; every field has a default, and tests pass their own clock and sleep. */
export interface LockOptions {
  /** Tries in all before giving up, including the first. */
  readonly attempts?: number;
  readonly delayMs?: number;
  readonly staleMs?: number;
  /** Blocks the thread for `ms` (a real wait, not a busy loop). */
  readonly sleep?: (ms: number) => void;
  /** Milliseconds since the epoch, compared with the lock file's modification time. */
  readonly now?: () => number;
}

/**
 * Runs `work` while holding `lockFile`, created with `wx` so that exactly one writer can create it; a lock whose
 * writer has died, or that is older than `staleMs`, is taken over. After a short bounded wait `work` runs without the
 * lock, and is told so: the caller must stay correct (if less thorough) either way.
 */
export function withFileLock<T>(lockFile: string, work: (locked: boolean) => T, options: LockOptions = {}): T {
  const token = acquire(lockFile, options);
  try {
    return work(token !== undefined);
  } finally {
    if (token !== undefined) release(lockFile, token);
  }
}

/** The token written into the lock when it was had, `undefined` when it was not. */
function acquire(lockFile: string, options: LockOptions): string | undefined {
  const attempts = options.attempts ?? defaultAttempts;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const outcome = tryCreate(lockFile);
    if (outcome.type === 'locked') return outcome.token;
    if (outcome.type === 'failed') return undefined;
    if (isAbandoned(lockFile, options)) {
      // Two writers may both judge the same lock abandoned and both remove it: then both may proceed at once. That
      // costs no more than going ahead without the lock, which the caller must already tolerate.
      if (!remove(lockFile)) return undefined;
      continue;
    }
    if (attempt < attempts) (options.sleep ?? sleepSync)(options.delayMs ?? defaultDelayMs);
  }
  return undefined;
}

type CreateOutcome = { readonly type: 'locked'; readonly token: string } | { readonly type: 'held' | 'failed' };

function tryCreate(lockFile: string): CreateOutcome {
  const token = `${process.pid}-${randomBytes(8).toString('hex')}`;
  try {
    mkdirSync(path.dirname(lockFile), { recursive: true });
  } catch {
    return { type: 'failed' };
  }
  try {
    // `wx`: fails if anything, even a dangling symlink, is already at the path, so a planted link is never followed.
    const fd = openSync(lockFile, 'wx', 0o666);
    try {
      writeSync(fd, token);
    } finally {
      closeSync(fd);
    }
    return { type: 'locked', token };
  } catch (error) {
    return { type: (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'held' : 'failed' };
  }
}

/** Whether the lock's writer is gone or it is older than `staleMs`; a lock that vanished meanwhile counts too. */
function isAbandoned(lockFile: string, options: LockOptions): boolean {
  let modified: number;
  try {
    modified = lstatSync(lockFile).mtimeMs;
  } catch {
    return true;
  }
  const age = (options.now ?? Date.now)() - modified;
  if (age > (options.staleMs ?? staleLockMs)) return true;
  const pid = ownerOf(lockFile);
  return pid !== undefined && !isRunning(pid);
}

/** The pid in a lock file; `undefined` while its writer has created it but not yet written it, or when unreadable. */
function ownerOf(lockFile: string): number | undefined {
  const text = readSmall(lockFile);
  const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(text ?? '')?.[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Removes the lock only if it is still ours: after a takeover it belongs to the writer that took it. */
function release(lockFile: string, token: string): void {
  if (readSmall(lockFile) === token) remove(lockFile);
}

/** Whether the path is gone now; a lock that cannot be removed must not stop the caller's work. */
function remove(file: string): boolean {
  try {
    rmSync(file, { force: true });
    return true;
  } catch {
    return false;
  }
}

function readSmall(file: string): string | undefined {
  try {
    return readPlainFile(file, maxLockBytes).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Blocks the thread without spinning: the cache is saved synchronously, at the end of a run. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
