import { execFileSync, spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/cli.js';
import { makeTree } from '../helpers/tree.js';

interface Report {
  readonly findings: readonly { file: string; rule: string; message: string }[];
  readonly links: readonly { file: string; url: string }[];
}

/*
 * A contributor's pull request can add symlinks and, in a checkout of its own, FIFOs. The bundled
 * CLI runs as a child with a time limit, since a blocking read would hang the test runner itself.
 */
describe('special files in the checkout', () => {
  it('skips devices, FIFOs and symlinks out of the repository or into .git, with a problem each, and never hangs', () => {
    const elsewhere = makeTree({ 'secret.md': '[token](https://leak.example/)\n' });
    const root = makeTree({
      'README.md': '[zeros](notes.txt#L1) [pipe](data.fifo#L2) [real](real.txt#L1) [past](real.txt#L9)\n',
      'real.txt': 'one\n',
      '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n',
    });
    symlinkSync('/dev/zero', path.join(root, 'notes.txt'));
    execFileSync('mkfifo', [path.join(root, 'data.fifo'), path.join(root, 'pipe.md')]);
    symlinkSync('/dev/zero', path.join(root, 'zero.md'));
    symlinkSync(path.join(elsewhere, 'secret.md'), path.join(root, 'leak.md'));
    symlinkSync('.git/config', path.join(root, 'config.md'));

    const run = spawnSync(
      process.execPath,
      [path.join(repositoryRoot, 'dist', 'cli.js'), '--offline', '--format', 'json', '--include-links'],
      { cwd: root, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL', env: { PATH: process.env['PATH'] ?? '' } },
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.findings.map((finding) => `${finding.file} ${finding.rule}: ${finding.message}`)).toEqual([
      expect.stringMatching(/^README\.md missing-fragment: .*L9/) as string,
      'config.md unreadable-file: `config.md` is a symlink into `.git`; skipped',
      'leak.md unreadable-file: `leak.md` is a symlink to a file outside the repository; skipped',
      'pipe.md unreadable-file: `pipe.md` is not a regular file (a FIFO); skipped',
      'zero.md unreadable-file: `zero.md` is a symlink to a file outside the repository; skipped',
    ]);
    expect(report.links.map((link) => link.url)).toEqual([
      'notes.txt#L1',
      'data.fifo#L2',
      'real.txt#L1',
      'real.txt#L9',
    ]);
    expect(run.stdout).not.toContain('leak.example');
    expect(run.stdout).not.toContain('c2VjcmV0');
  });
});
