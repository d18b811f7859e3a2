import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotReadable, readRegularFile, TooLarge } from '../../../src/core/util/read-regular-file.js';
import { makeTree } from '../../helpers/tree.js';

/** What reading `file` threw, as `Class: message`, or its text when it read. */
function outcome(root: string, file: string, maxBytes = 1024): string {
  try {
    return readRegularFile(root, file, maxBytes).toString('utf8');
  } catch (error) {
    if (error instanceof NotReadable || error instanceof TooLarge) return `${error.name}: ${error.message}`;
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

describe('readRegularFile', () => {
  it('reads a regular file, directly or through a symlink that stays in the repository', () => {
    const root = makeTree({ 'docs/a.md': '# A\n' });
    symlinkSync('docs/a.md', path.join(root, 'alias.md'));
    mkdirSync(path.join(root, 'linked'));
    symlinkSync('../docs', path.join(root, 'linked', 'docs'));
    expect(outcome(root, 'docs/a.md')).toBe('# A\n');
    expect(outcome(root, 'alias.md')).toBe('# A\n');
    expect(outcome(root, 'linked/docs/a.md')).toBe('# A\n');
  });

  it('refuses a symlink out of the repository, to a device or a file elsewhere on the machine', () => {
    const elsewhere = makeTree({ 'secret.md': '[token](https://leak.example/)\n' });
    const root = makeTree({ 'a.md': '# A\n' });
    symlinkSync('/dev/zero', path.join(root, 'zero.md'));
    symlinkSync(path.join(elsewhere, 'secret.md'), path.join(root, 'secret.md'));
    symlinkSync(elsewhere, path.join(root, 'outside'));
    for (const file of ['zero.md', 'secret.md', 'outside/secret.md']) {
      expect(outcome(root, file)).toBe('NotReadable: is a symlink to a file outside the repository');
    }
  });

  it("refuses a symlink into the checkout's .git, where credentials are kept", () => {
    const root = makeTree({ '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n' });
    symlinkSync('.git/config', path.join(root, 'config.md'));
    expect(outcome(root, 'config.md')).toBe('NotReadable: is a symlink into `.git`');
  });

  it('refuses a FIFO at once instead of waiting for a writer, and a directory', () => {
    const root = makeTree({ 'docs/a.md': '# A\n' });
    execFileSync('mkfifo', [path.join(root, 'pipe.md')]);
    expect(outcome(root, 'pipe.md')).toBe('NotReadable: is not a regular file (a FIFO)');
    expect(outcome(root, 'docs')).toBe('NotReadable: is a directory');
  });

  it('refuses a file over the limit without reading it, and says how big it is', () => {
    const root = makeTree({ 'big.md': 'x'.repeat(2048) });
    expect(outcome(root, 'big.md', 2047)).toBe('TooLarge: 2,048 bytes, over the limit of 2,047');
    expect(outcome(root, 'big.md', 2048)).toHaveLength(2048);
    expect(outcome(root, 'missing.md')).toBe('ENOENT');
  });
});
