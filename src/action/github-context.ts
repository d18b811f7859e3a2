import { readFileSync } from 'node:fs';
import { LinkvetError, type CommitLocation } from '../core/index.js';

/** The pull request a run is about. */
export interface PullRequestRef {
  readonly number: number;
  /** The head commit: reviews are made on it. */
  readonly headSha: string;
}

/** A `workflow_run` event: the run that produced the report, and where its pull request came from. */
export interface WorkflowRunRef {
  readonly headSha: string;
  readonly headBranch: string;
  /** The owner of the repository the head branch lives in (a fork's owner for fork pull requests). */
  readonly headOwner: string;
}

/** What the runner says about this run: repository, commit, servers, event. */
export interface GitHubContext {
  readonly owner: string;
  readonly repo: string;
  readonly eventName: string;
  /** The commit that was checked out, which findings' lines refer to. */
  readonly at: CommitLocation;
  readonly apiUrl: string;
  readonly runUrl?: string;
  readonly workspace: string;
  readonly pullRequest?: PullRequestRef;
  readonly workflowRun?: WorkflowRunRef;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads the runner's `GITHUB_*` variables and the event payload.
 * @throws LinkvetError when the variables a run needs are missing (not running in Actions)
 */
export function readGitHubContext(env: Env, cwd: string): GitHubContext {
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new LinkvetError('usage', 'GITHUB_REPOSITORY is not set to owner/name: is this running in GitHub Actions?', {
      key: 'GITHUB_REPOSITORY',
    });
  }
  const serverUrl = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const runId = env['GITHUB_RUN_ID'];
  const pullRequest = pullRequestOf(eventName, payload);
  const workflowRun = workflowRunOf(eventName, payload);
  return {
    owner,
    repo,
    eventName,
    at: { serverUrl, repository, sha: env['GITHUB_SHA'] ?? pullRequest?.headSha ?? 'HEAD' },
    apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    ...(runId ? { runUrl: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
    workspace: env['GITHUB_WORKSPACE'] || cwd,
    ...(pullRequest ? { pullRequest } : {}),
    ...(workflowRun ? { workflowRun } : {}),
  };
}

function readPayload(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  try {
    return asRecord(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new LinkvetError('io', `cannot read the event payload \`${file}\` (${(error as Error).message})`, { file });
  }
}

function pullRequestOf(eventName: string, payload: Record<string, unknown>): PullRequestRef | undefined {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const pull = asRecord(payload['pull_request']);
  const number = pull['number'];
  const headSha = asRecord(pull['head'])['sha'];
  if (typeof number !== 'number' || typeof headSha !== 'string') return undefined;
  return { number, headSha };
}

function workflowRunOf(eventName: string, payload: Record<string, unknown>): WorkflowRunRef | undefined {
  if (eventName !== 'workflow_run') return undefined;
  const run = asRecord(payload['workflow_run']);
  const headSha = run['head_sha'];
  const headBranch = run['head_branch'];
  const headOwner = asRecord(asRecord(run['head_repository'])['owner'])['login'];
  if (typeof headSha !== 'string' || typeof headBranch !== 'string' || typeof headOwner !== 'string') return undefined;
  return { headSha, headBranch, headOwner };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
