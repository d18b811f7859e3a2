import { spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

/** A writable stream that keeps what it was given, optionally posing as a terminal. */
class Capture extends Writable {
  text = '';
  isTTY: boolean;

  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, as `linkvet …` would run in `cwd`. */
export async function runCli(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; tty?: boolean },
): Promise<CliResult> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const code = await main(argv, { cwd: options.cwd, env: options.env ?? {}, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** What a spawned child printed, and its exit code once it closes (-1 when killed by a signal). */
export function outputOf(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The repository's root, where the bundled CLI lives in dist/. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the bundled `dist/cli.js` in a real process (CI builds it before the tests run). */
export function runBundledCli(argv: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [`${repositoryRoot}dist/cli.js`, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
