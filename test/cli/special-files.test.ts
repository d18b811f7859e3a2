import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { lstatSync, symlinkSync } from 'node:fs';
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
      // A link through a symlink out of the repository is missing: nothing beyond it is looked at.
      'README.md missing-file: `notes.txt` does not exist',
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

  it('refuses a config, denyFile, .gitignore or cache that is a device or a FIFO, naming it, without hanging', () => {
    const zeroConfig = makeTree({ 'README.md': '# A\n' });
    symlinkSync('/dev/zero', path.join(zeroConfig, '.linkvet.yml'));
    const config = cli(zeroConfig);
    expect([config.status, config.stderr]).toEqual([
      2,
      'linkvet: .linkvet.yml: cannot read the config file (it is not a regular file (a character device))\n',
    ]);

    const fifoDeny = makeTree({ 'README.md': '# A\n', '.linkvet.yml': 'denyFile: deny.txt\n' });
    execFileSync('mkfifo', [path.join(fifoDeny, 'deny.txt')]);
    const deny = cli(fifoDeny);
    expect([deny.status, deny.stderr]).toEqual([
      2,
      'linkvet: `denyFile` `deny.txt` cannot be read: it is not a regular file (a FIFO)\n',
    ]);

    // A closed port: the one web link fails fast, but the cache is read and would be written.
    const root = makeTree({
      'README.md': '[x](gone.md) [w](http://127.0.0.1:9/)\n',
      '.linkvet.yml': 'cache: { path: cache.json }\nretries: 0\n',
    });
    symlinkSync('/dev/zero', path.join(root, '.gitignore'));
    execFileSync('mkfifo', [path.join(root, 'cache.json')]);
    const run = cli(root, []);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('`gone.md` does not exist');
    expect(run.stderr).toContain(
      'Ignoring the cache file `cache.json`: it cannot be read (it is not a regular file (a FIFO)); it will be left as it is.',
    );
    expect(lstatSync(path.join(root, 'cache.json')).isFIFO()).toBe(true);
  });
});

function cli(cwd: string, args: readonly string[] = ['--offline']): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(repositoryRoot, 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
  });
}
