import path from 'node:path';
import {
  checkLinks,
  graphqlUrlFrom,
  getExitCode,
  interruptedLine,
  terminalSafe,
  LinkvetError,
  loadConfig,
  mergeReports,
  readReportFile,
  toJson,
  toMarkdown,
  toSarif,
  toText,
  version,
  writeFileAtomic,
  WriteFileError,
  type Config,
  type Options,
  type Report,
  maxReportBytes,
  readPlainFile,
  whyUnreadable,
} from '../core/index.js';
import { parseArgv, type Invocation } from './parse-argv.js';
import { progressReporter } from './progress.js';
import { usage } from './usage.js';

/** The streams and surroundings of one CLI run, passed in so tests can run it in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborted with the signal's name (`SIGINT`, `SIGTERM`) to stop the run and write a partial report. */
  readonly signal?: AbortSignal;
}

/** 128 + the signal's number, as shells report a process a signal ended. */
const interruptedExitCodes: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/** The exit code for a run stopped by `reason`: the shell convention for signals, else 1. */
export function interruptedExitCode(reason: string): number {
  return interruptedExitCodes[reason] ?? 1;
}

/**
 * Runs the CLI and returns its exit code: 0 clean, 1 findings at or above `--fail-on`,
 * 2 usage or configuration error, 130 / 143 interrupted by SIGINT / SIGTERM (partial report written).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(parseArgv(argv), io);
  } catch (error) {
    if (!(error instanceof LinkvetError)) throw error;
    io.stderr.write(`linkvet: ${terminalSafe(error.message)}\n`);
    return 2;
  }
}

async function run(invocation: Invocation, io: CliIo): Promise<number> {
  if (invocation.command === 'help') return print(io, usage);
  if (invocation.command === 'version') return print(io, `${version}\n`);
  const merging = invocation.command === 'merge';
  const config = loadConfig({
    cwd: io.cwd,
    paths: merging ? [] : invocation.paths,
    flags: { ...fromEnvironment(io.env), ...invocation.flags },
    ...(invocation.root !== undefined ? { root: invocation.root } : {}),
    ...(invocation.configFile !== undefined ? { configFile: invocation.configFile } : {}),
  });
  const report = merging ? merge(invocation.paths, config, io) : await check(config, io);
  for (const warning of report.warnings) io.stderr.write(`linkvet: warning: ${terminalSafe(warning)}\n`);
  writeReport(format(report, invocation, io), invocation, io);
  if (report.incomplete !== undefined) {
    io.stderr.write(`linkvet: ${interruptedLine(report.incomplete)}\n`);
    return interruptedExitCode(report.incomplete.reason);
  }
  return getExitCode(report, config.failOn);
}

async function check(config: Config, io: CliIo): Promise<Report> {
  const progress = progressReporter(io.stderr);
  const report = await checkLinks(config, {
    onProgress: progress.update,
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  });
  progress.done();
  return report;
}

/** `linkvet merge a.json b.json …`: shard reports into one, as if one run had checked every file. */
function merge(files: readonly string[], config: Config, io: CliIo): Report {
  const reports = files.map((file) => ({
    ...readReportFile(readText(path.resolve(io.cwd, file), file), file),
    source: file,
  }));
  return mergeReports(reports, config);
}

function readText(file: string, given: string): string {
  try {
    return readPlainFile(file, maxReportBytes).toString('utf8');
  } catch (error) {
    throw new LinkvetError('io', `cannot read the report \`${given}\` (${whyUnreadable(error)})`, { file: given });
  }
}

/** GitHub's variables: the token lifts API rate limits, the repository names links to check locally. */
function fromEnvironment(env: CliIo['env']): Options {
  const token = env['GITHUB_TOKEN'];
  const repository = env['GITHUB_REPOSITORY'];
  const graphql = graphqlUrlFrom(env);
  return {
    ...(token ? { githubToken: token } : {}),
    ...(token && graphql !== undefined ? { githubGraphqlUrl: graphql } : {}),
    ...(repository && /^[\w.-]+\/[\w.-]+$/.test(repository) ? { repository } : {}),
  };
}

function format(report: Report, invocation: Invocation, io: CliIo): string {
  switch (invocation.format) {
    case 'json':
      return toJson(report, { includeLinks: invocation.includeLinks });
    case 'sarif':
      return toSarif(report);
    case 'markdown':
      return toMarkdown(report);
    case 'text':
      return toText(report, { color: invocation.output === undefined && wantsColor(io) });
  }
}

/** Colour only on a terminal, never with `NO_COLOR` (any value), as no-color.org asks. */
function wantsColor(io: CliIo): boolean {
  return io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
}

function writeReport(text: string, invocation: Invocation, io: CliIo): void {
  if (invocation.output === undefined) {
    io.stdout.write(text);
    return;
  }
  const file = path.resolve(io.cwd, invocation.output);
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    throw new LinkvetError('io', `cannot write --output \`${invocation.output}\` (${reasonOf(error)})`, {
      file: invocation.output,
    });
  }
}

function reasonOf(error: unknown): string {
  return error instanceof WriteFileError ? error.reason : (error as Error).message;
}

function print(io: CliIo, text: string): number {
  io.stdout.write(text);
  return 0;
}
