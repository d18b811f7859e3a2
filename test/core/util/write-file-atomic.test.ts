import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, WriteFileError } from '../../../src/core/util/write-file-atomic.js';
import { makeTree } from '../../helpers/tree.js';

describe('writeFileAtomic', () => {
  it('replaces the file with the new text and leaves no temp file behind', () => {
    const root = makeTree({ 'out/report.json': 'old' });
    const file = path.join(root, 'out/report.json');
    writeFileAtomic(file, 'new ✓');
    expect(readFileSync(file, 'utf8')).toBe('new ✓');
    expect(readdirSync(path.join(root, 'out'))).toEqual(['report.json']);
  });

  it('creates missing directories', () => {
    const root = makeTree({});
    const file = path.join(root, 'a/b/c.json');
    writeFileAtomic(file, '{}');
    expect(readFileSync(file, 'utf8')).toBe('{}');
  });

  it('removes temps of dead writers of the same file, and only those', () => {
    // 2^22 + 1 is above Linux's highest pid, so no process has it.
    const dead = `.report.json.${2 ** 22 + 1}-0badf00d.linkvet-tmp`;
    const live = `.report.json.${process.pid}-0badf00d.linkvet-tmp`;
    const other = `.other.json.${2 ** 22 + 1}-0badf00d.linkvet-tmp`;
    const root = makeTree({ [dead]: 'torn', [live]: 'in progress', [other]: 'not ours to judge' });
    writeFileAtomic(path.join(root, 'report.json'), 'new');
    expect(readdirSync(root).sort()).toEqual([live, other, 'report.json'].sort());
  });

  it('throws a WriteFileError naming the file and keeps the old file when it cannot write', () => {
    const root = makeTree({ 'report.json/inside': 'a directory stands where the file should be' });
    const file = path.join(root, 'report.json');
    const error = (() => {
      try {
        writeFileAtomic(file, 'new');
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(WriteFileError);
    expect((error as WriteFileError).file).toBe(file);
    expect((error as WriteFileError).message).toContain(`\`${file}\``);
    expect(readFileSync(path.join(file, 'inside'), 'utf8')).toContain('directory');
    expect(readdirSync(root)).toEqual(['report.json']);
  });
});
