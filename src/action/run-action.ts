import * as core from '@actions/core';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import {
  checkLinks,
  containedPath,
  getExitCode,
  interruptedLine,
  LinkvetError,
  loadConfig,
  planAnnotations,
  annotationsPerSeverity,
  mergeReports,
  readReportFile,
  selectFindings,
  suggestChanges,
  toJobSummary,
  toJson,
  toPrComment,
  toSarif,
  writeFileAtomic,
  WriteFileError,
  type Config,
  graphqlUrlFrom,
  maxReportBytes,
  readPlainFile,
  readRegularFile,
  whyUnreadable,
  type NamedReport,
  type Report,
  type Severity,
} from '../core/index.js';
import { inDiff, readPullChanges, touchesLine, type PullChanges } from './changed-files.js';
import { classifyApiFailure, explainApiFailure } from './api-failure.js';
import { gitHubApi, type GitHubApi } from './github-api.js';
import { readGitHubContext, type GitHubContext, type PullRequestRef } from './github-context.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { upsertStickyComment } from './sticky-comment.js';
import { cacheKeys, restoreLinkCache, saveLinkCache } from './report-cache.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Everything one run works with, once inputs and context are read. */
interface Run {
  readonly inputs: ActionInputs;
  readonly context: GitHubContext;
  readonly api: GitHubApi | undefined;
  readonly env: Env;
  readonly signal: AbortSignal | undefined;
}

/**
 * The action: inputs → `Config` → core → annotations, summary, outputs, comment → exit code.
 * Returns the exit code: 0 passed, 1 findings at or above `fail-on` or interrupted, 2 unusable inputs or config.
 * @param signal aborted (with the signal's name) when the runner cancels the job: the run stops and reports what it did
 */
export async function runAction(env: Env, cwd: string, signal?: AbortSignal): Promise<number> {
  try {
    const inputs = readInputs(env);
    if (inputs.token) core.setSecret(inputs.token); // before anything is printed: the runner masks from here on
    const context = readGitHubContext(env, cwd);
    const api = inputs.token
      ? gitHubApi(inputs.token, context.apiUrl, context, (message) => core.warning(`linkvet: ${message}`))
      : undefined;
    const run: Run = { inputs, context, api, env, signal };
    return inputs.fromReport === undefined ? await checkAndReport(run) : await postFromReport(run, inputs.fromReport);
  } catch (error) {
    if (!(error instanceof LinkvetError)) throw error;
    const { file, line } = error.location;
    core.error(error.message, {
      title: 'linkvet: cannot run',
      ...(file ? { file } : {}),
      ...(line ? { startLine: line } : {}),
    });
    // One annotation says it all; setFailed would add a second with the same text.
    return 2;
  }
}

async function checkAndReport(run: Run): Promise<number> {
  const { inputs, context } = run;
  const pull = context.pullRequest;
  const changes = await changesOf(run, pull);
  const config = loadConfig({
    cwd: context.workspace,
    paths: inputs.paths,
    flags: { ...inputs.flags, ...githubFlags(run), ...changedFilesFlag(inputs, changes), ...cacheFlag(inputs) },
    ...(inputs.configFile === undefined ? {} : { configFile: inputs.configFile, configFileName: "input 'config'" }),
  });
  const report = narrow(await checkWithCache(run, config), changes, inputs);
  const code = getExitCode(report, config.failOn);
  for (const warning of report.warnings) core.warning(`linkvet: ${warning}`);
  writeReports(run, report);
  const hidden = inputs.annotations ? annotate(report, annotationRoom(report, code)) : 0;
  const scope = scopeSentence(inputs, changes);
  if (inputs.summary) await writeSummary(report, { at: context.at, hiddenAnnotations: hidden, ...scope });
  setCountOutputs(report);
  if (report.incomplete !== undefined) {
    // No comment and no suggestions: the sticky comment would replace a complete one with a partial result, and
    // its totals would read as an all-clear for the links the run never got to.
    core.setFailed(`linkvet was ${interruptedLine(report.incomplete).replace(/^⚠ Interrupted/, 'interrupted')}`);
    return 1;
  }
  if (pull && run.api && commentsOn(inputs, config)) {
    await comment(run.api, pull.number, toPrComment(report, commentOptions(run, scope)), report);
  }
  if (pull && run.api && inputs.suggestions && changes) await suggest(run.api, pull, report, changes, config);
  if (code !== 0) core.setFailed(failureMessage(report, config));
  return code;
}

/** The pull request's changed files, when `only-changed` or `suggestions` need them. */
async function changesOf(run: Run, pull: PullRequestRef | undefined): Promise<PullChanges | undefined> {
  const { inputs, api } = run;
  if (inputs.onlyChanged === 'all' && !inputs.suggestions) return undefined;
  if (!pull || !api) {
    if (inputs.onlyChanged !== 'all') core.info('linkvet: not a pull request event, so every file is checked.');
    return undefined;
  }
  try {
    return await readPullChanges(api, pull.number);
  } catch (error) {
    core.warning(`linkvet: could not list the pull request's files, so every file is checked (${apiReason(error)})`);
    return undefined;
  }
}

function changedFilesFlag(
  inputs: ActionInputs,
  changes: PullChanges | undefined,
): { changedFiles?: readonly string[] } {
  return inputs.onlyChanged !== 'all' && changes ? { changedFiles: changes.files } : {};
}

function cacheFlag(inputs: ActionInputs): { cache?: { enabled: true } } {
  return inputs.cache ? { cache: { enabled: true } } : {};
}

/** The token lifts GitHub's rate limits for github.com links; the repository names links to check locally. */
function githubFlags(run: Run): { githubToken?: string; githubGraphqlUrl?: string; repository: string } {
  const repository = `${run.context.owner}/${run.context.repo}`;
  const graphql = graphqlUrlFrom(run.env);
  if (!run.inputs.token) return { repository };
  return { githubToken: run.inputs.token, repository, ...(graphql === undefined ? {} : { githubGraphqlUrl: graphql }) };
}

async function checkWithCache(run: Run, config: Config): Promise<Report> {
  const cached = run.inputs.cache && !config.offline;
  const keys = cacheKeys(config, run.env);
  if (cached) await restoreLinkCache(config, keys, run.context.workspace);
  const report = await checkLinks(config, run.signal === undefined ? {} : { signal: run.signal });
  // Saved even when interrupted: what was learned stays learned.
  if (cached) await saveLinkCache(config, keys, run.context.workspace);
  return report;
}

/** With `only-changed: lines`, only findings on lines the pull request added or changed remain. */
function narrow(report: Report, changes: PullChanges | undefined, inputs: ActionInputs): Report {
  if (inputs.onlyChanged !== 'lines' || !changes) return report;
  return selectFindings(report, (finding) => touchesLine(changes, finding.file, finding.span.start.line));
}

function scopeSentence(inputs: ActionInputs, changes: PullChanges | undefined): { scope?: string } {
  if (inputs.onlyChanged === 'all' || !changes) return {};
  const files = changes.files.length;
  const what = `${files} ${files === 1 ? 'file' : 'files'} this pull request changed`;
  return {
    scope:
      inputs.onlyChanged === 'lines'
        ? `Checked the ${what}; only findings on lines it changed are shown.`
        : `Checked the Markdown among the ${what}.`,
  };
}

/** The JSON report (always, with every link, for `merge` and the fork pattern) and SARIF when asked. */
function writeReports(run: Run, report: Report): void {
  const temp = run.env['RUNNER_TEMP'] || path.join(run.context.workspace, '.linkvet');
  const reportPath = path.resolve(
    run.context.workspace,
    run.inputs.reportPath ?? path.join(temp, 'linkvet-report.json'),
  );
  const allowed = [run.context.workspace, temp, tmpdir()];
  writeFile(reportPath, toJson(report, { includeLinks: true }), 'report', allowed);
  core.setOutput('report', reportPath);
  if (run.inputs.sarifPath !== undefined) {
    const sarifPath = path.resolve(run.context.workspace, run.inputs.sarifPath);
    writeFile(sarifPath, toSarif(report), 'sarif', allowed);
    core.setOutput('sarif', sarifPath);
  }
}

function writeFile(file: string, text: string, input: string, allowed: readonly string[]): void {
  // An output path lands only in the workspace or the runner's temp directory, symlinks resolved, so a
  // checkout's planted symlink cannot make the job overwrite a file elsewhere on the runner.
  if (containedPath(allowed[0] ?? '', file, allowed) === undefined)
    throw new LinkvetError(
      'io',
      `input '${input}' file \`${file}\` is outside the workspace and the runner's temp directory`,
      {
        key: input,
      },
    );
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    const reason = error instanceof WriteFileError ? error.reason : (error as Error).message;
    throw new LinkvetError('io', `cannot write input '${input}' file \`${file}\` (${reason})`, {
      key: input,
    });
  }
}

/**
 * How many findings of each severity may be annotated. linkvet's own messages count against
 * GitHub's 10 per severity too: the failure message is an error, and run warnings plus one
 * possible warning from the API (a read-only token) are warnings.
 */
function annotationRoom(report: Report, code: number): Record<Severity, number> {
  return {
    error: annotationsPerSeverity - (code === 0 ? 0 : 1),
    warning: Math.max(0, annotationsPerSeverity - report.warnings.length - 1),
    notice: annotationsPerSeverity,
  };
}

/** Emits the most severe findings as annotations; returns how many were held back. */
function annotate(report: Report, room: Record<Severity, number>): number {
  const plan = planAnnotations(report.findings, room);
  const emit = { error: core.error, warning: core.warning, notice: core.notice };
  for (const { severity, message, ...properties } of plan.annotations) emit[severity](message, properties);
  if (plan.hidden > 0) {
    core.info(
      `linkvet: ${plan.hidden} more findings are not annotated (GitHub shows 10 per severity); see the job summary.`,
    );
  }
  return plan.hidden;
}

async function writeSummary(report: Report, options: Parameters<typeof toJobSummary>[1]): Promise<void> {
  try {
    await core.summary.addRaw(toJobSummary(report, options)).write();
  } catch (error) {
    core.warning(`linkvet: could not write the job summary (${(error as Error).message})`);
  }
}

function setCountOutputs(report: Report): void {
  core.setOutput('errors', report.stats.errors);
  core.setOutput('warnings', report.stats.warnings);
  core.setOutput('notices', report.stats.notices);
}

/** A shard sees part of the files: its comment would overwrite the other shards', so shards leave it to a final job. */
function commentsOn(inputs: ActionInputs, config: Config): boolean {
  if (!inputs.comment) return false;
  if ((config.shard?.count ?? 1) === 1) return true;
  core.info('linkvet: sharded runs do not comment; post the comment from a final job with `from-report`.');
  return false;
}

function commentOptions(run: Run, scope: { scope?: string }): Parameters<typeof toPrComment>[1] {
  return { at: run.context.at, ...(run.context.runUrl ? { runUrl: run.context.runUrl } : {}), ...scope };
}

/** Posts or updates the sticky comment; a token that may not comment costs one warning, not the build. */
async function comment(api: GitHubApi, pull: number, body: string, report: Report): Promise<void> {
  try {
    const outcome = await upsertStickyComment(api, pull, body, report.findings.length > 0);
    core.info(`linkvet: pull request comment ${outcome}`);
  } catch (error) {
    core.warning(`linkvet: could not comment on pull request #${pull}: ${apiReason(error)}`);
  }
}

/** One review holding a ```suggestion for each finding with a known fix on a line of the diff. */
async function suggest(
  api: GitHubApi,
  pull: PullRequestRef,
  report: Report,
  changes: PullChanges,
  config: Config,
): Promise<void> {
  const changesFor = suggestChanges(report.findings, {
    linesOf: (file) => readLines(config, file),
    inDiff: (file, line) => inDiff(changes, file, line),
  });
  try {
    const posted = await api.listReviewCommentBodies(pull.number);
    const fresh = changesFor.filter((change) => !posted.has(`${change.path}\n${change.body}`));
    if (fresh.length === 0) return;
    const body = `linkvet can fix ${fresh.length} ${fresh.length === 1 ? 'link' : 'links'} in this pull request: apply the suggestions below.`;
    await api.createReview(pull, body, fresh);
    core.info(`linkvet: suggested ${fresh.length === 1 ? 'a fix' : `${fresh.length} fixes`} in a review`);
  } catch (error) {
    core.warning(`linkvet: could not post review suggestions on pull request #${pull.number}: ${apiReason(error)}`);
  }
}

function readLines(config: Config, file: string): string[] | undefined {
  try {
    return readRegularFile(config.root, file, config.maxFileSize).toString('utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/** Why an API call failed, with the fix when there is a usual one: a read-only token, or waiting out a rate limit. */
function apiReason(error: unknown): string {
  return explainApiFailure(classifyApiFailure(error));
}

function failureMessage(report: Report, config: Config): string {
  const { errors, warnings, notices } = report.stats;
  const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `linkvet found ${counted(errors, 'error')}, ${counted(warnings, 'warning')} and ${counted(notices, 'notice')} (fail-on: ${config.failOn}).`;
}

/**
 * The fork pull request pattern: a `workflow_run` job posts the comment from the JSON report an
 * untrusted run uploaded. The report is validated and escaped like any other input, and the pull
 * request is found from the event (head owner, branch and commit), never from the report.
 */
async function postFromReport(run: Run, given: readonly string[]): Promise<number> {
  const files = given.flatMap((entry) => reportFilesAt(run.context.workspace, entry));
  const reports = files.map((file) => ({ ...readReportFile(readReportText(run, file), file), source: file }));
  const report = reports.length === 1 && reports[0] ? reports[0].report : mergeShards(run, reports);
  setCountOutputs(report);
  if (reports.length === 1) core.setOutput('report', path.resolve(run.context.workspace, files[0] ?? ''));
  else writeReports(run, report);
  const pull = await pullOfRun(run);
  const at = pull ? { ...run.context.at, sha: pull.headSha } : run.context.at;
  if (run.inputs.summary) await writeSummary(report, { at });
  if (pull && run.api && run.inputs.comment) {
    const options = { at, ...(run.context.runUrl ? { runUrl: run.context.runUrl } : {}) };
    await comment(run.api, pull.number, toPrComment(report, options), report);
  }
  return 0;
}

/** Several reports are shards of one run: merged with the workspace's config, as `linkvet merge` would. */
function mergeShards(run: Run, reports: readonly NamedReport[]): Report {
  const config = loadConfig({
    cwd: run.context.workspace,
    flags: run.inputs.flags,
    ...(run.inputs.configFile === undefined
      ? {}
      : { configFile: run.inputs.configFile, configFileName: "input 'config'" }),
  });
  core.info(`linkvet: merging ${reports.length} shard reports`);
  return mergeReports(reports, config);
}

/** A report file, or every `.json` file under a directory (where download-artifact puts them), sorted. */
function reportFilesAt(workspace: string, entry: string): string[] {
  const absolute = path.resolve(workspace, entry);
  let found: string[];
  try {
    found = statSync(absolute).isDirectory()
      ? readdirSync(absolute, { recursive: true, encoding: 'utf8' })
          .filter((name) => name.endsWith('.json'))
          .map((name) => path.join(entry, name))
          .sort()
      : [entry];
  } catch (error) {
    throw new LinkvetError('io', `input 'from-report': cannot read \`${entry}\` (${(error as Error).message})`, {
      file: entry,
      key: 'from-report',
    });
  }
  if (found.length === 0) {
    throw new LinkvetError('io', `input 'from-report': no .json report under \`${entry}\``, {
      file: entry,
      key: 'from-report',
    });
  }
  return found;
}

function readReportText(run: Run, file: string): string {
  try {
    return readPlainFile(path.resolve(run.context.workspace, file), maxReportBytes).toString('utf8');
  } catch (error) {
    throw new LinkvetError('io', `input 'from-report': cannot read \`${file}\` (${whyUnreadable(error)})`, {
      file,
      key: 'from-report',
    });
  }
}

async function pullOfRun(run: Run): Promise<PullRequestRef | undefined> {
  if (run.context.pullRequest) return run.context.pullRequest;
  const workflowRun = run.context.workflowRun;
  if (!workflowRun || !run.api) {
    core.info('linkvet: no pull request to comment on (not a pull_request or workflow_run event).');
    return undefined;
  }
  try {
    const pull = await run.api.findPullRequest(workflowRun);
    if (!pull)
      core.info(
        `linkvet: no open pull request has ${workflowRun.headOwner}:${workflowRun.headBranch} at ${workflowRun.headSha}.`,
      );
    return pull;
  } catch (error) {
    core.warning(`linkvet: could not find the pull request of the workflow run: ${apiReason(error)}`);
    return undefined;
  }
}
