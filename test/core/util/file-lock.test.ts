import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../../src/core/util/file-lock.js';
import { makeTree } from '../../helpers/tree.js';

describe('withFileLock', () => {
  it('holds the lock while the work runs and removes it after, also when the work throws', () => {
    const lock = path.join(makeTree({}), 'dir', '.x.linkvet-lock');
    const seen = withFileLock(lock, (locked) => ({ locked, content: readFileSync(lock, 'utf8') }));
    expect(seen.locked).toBe(true);
    expect(seen.content).toMatch(new RegExp(`^${process.pid}-[0-9a-f]{16}$`));
    expect(existsSync(lock)).toBe(false);
    expect(() =>
      withFileLock(lock, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(existsSync(lock)).toBe(false);
  });

  it('leaves alone a lock another writer took over while the work ran', () => {
    const lock = path.join(makeTree({}), '.x.linkvet-lock');
    withFileLock(lock, () => writeFileSync(lock, '1-abcd'));
    expect(readFileSync(lock, 'utf8')).toBe('1-abcd');
  });

  it('runs the work unlocked, without waiting, where no lock can be created', () => {
    const root = makeTree({ 'file.txt': 'not a directory' });
    const waits: number[] = [];
    const locked = withFileLock(path.join(root, 'file.txt', '.x.linkvet-lock'), (held) => held, {
      sleep: (ms) => waits.push(ms),
    });
    expect(locked).toBe(false);
    expect(waits).toEqual([]);
  });
});
