import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { outputOf, repositoryRoot, type CliResult } from './cli.js';

/** How to start the bundled action, as the runner would. */
export interface ActionRun {
  /** The workspace: the checked-out repository (GITHUB_WORKSPACE and the working directory). */
  readonly workspace: string;
  /** Inputs by their action.yml names, e.g. `{ 'fail-on': 'warning' }`. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The fake API's origin for GITHUB_API_URL; default: a closed port, so nothing is reachable. */
  readonly apiUrl?: string;
  /** The event: name and payload; default a `push`. */
  readonly event?: { readonly name: string; readonly payload: unknown };
  /** More variables, e.g. ACTIONS_CACHE_URL; they win over the defaults. */
  readonly env?: Readonly<Record<string, string>>;
  /** Signals to send, one after the other, as soon as `when` (polled every 20 ms) says the run is far enough. */
  readonly interrupt?: { readonly when: () => boolean; readonly signals: readonly NodeJS.Signals[] };
}

/** What one run of the action left behind. */
export interface ActionResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The job summary file's contents. */
  readonly summary: string;
  /** Outputs parsed from the GITHUB_OUTPUT file. */
  readonly outputs: Readonly<Record<string, string>>;
  /** Workflow-command annotations from stdout: `::error file=…,line=…::message`. */
  readonly annotations: readonly WorkflowAnnotation[];
  /** RUNNER_TEMP, where the JSON report goes by default. */
  readonly runnerTemp: string;
}

export interface WorkflowAnnotation {
  readonly severity: 'error' | 'warning' | 'notice';
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

/** A pull_request event payload for PR `number` with head commit `headSha`. */
export function pullRequestEvent(number = 7, headSha = 'a'.repeat(40)): { name: string; payload: unknown } {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number,
      pull_request: { number, head: { sha: headSha, ref: 'feature' }, base: { sha: 'b'.repeat(40), ref: 'main' } },
      repository: { full_name: 'octo/docs' },
    },
  };
}

/** Runs `dist/index.js` in a child process with INPUT_* variables, an event file and fresh summary and output files. */
export async function runBundledAction(run: ActionRun): Promise<ActionResult> {
  const runner = mkdtempSync(path.join(tmpdir(), 'linkvet-runner-'));
  const files = {
    event: path.join(runner, 'event.json'),
    summary: path.join(runner, 'summary.md'),
    output: path.join(runner, 'output.txt'),
  };
  const event = run.event ?? { name: 'push', payload: {} };
  writeFileSync(files.event, JSON.stringify(event.payload));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const inputs = Object.fromEntries(
    Object.entries({ 'github-token': 'test-token', ...run.inputs }).map(([name, value]) => [
      `INPUT_${name.toUpperCase()}`,
      value,
    ]),
  );
  const env = {
    PATH: process.env['PATH'] ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo/docs',
    GITHUB_SHA: 'c'.repeat(40),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: run.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_WORKSPACE: run.workspace,
    RUNNER_TEMP: runner,
    RUNNER_OS: 'Linux',
    ...inputs,
    ...run.env,
  };
  const { code, stdout, stderr } = await spawnAction(run.workspace, env, run.interrupt);
  return {
    code,
    stdout,
    stderr,
    summary: readFileSync(files.summary, 'utf8'),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    annotations: parseAnnotations(stdout),
    runnerTemp: runner,
  };
}

function spawnAction(cwd: string, env: Record<string, string>, interrupt?: ActionRun['interrupt']): Promise<CliResult> {
  const child = spawn(process.execPath, [path.join(repositoryRoot, 'dist/index.js')], { cwd, env });
  const poll =
    interrupt &&
    setInterval(() => {
      if (!interrupt.when()) return;
      clearInterval(poll);
      for (const signal of interrupt.signals) child.kill(signal);
    }, 20);
  child.on('exit', () => clearInterval(poll));
  return outputOf(child);
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[match[1] ?? ''] = match[3] ?? '';
  }
  return outputs;
}

function parseAnnotations(stdout: string): WorkflowAnnotation[] {
  return [...stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map((match) => ({
    severity: match[1] as WorkflowAnnotation['severity'],
    properties: Object.fromEntries(
      (match[2] ?? '')
        .split(',')
        .filter((pair) => pair.includes('='))
        .map((pair) => {
          const [name = '', ...value] = pair.split('=');
          return [name, unescapeProperty(value.join('='))];
        }),
    ),
    message: unescapeData(match[3] ?? ''),
  }));
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}
