import { getOctokit } from '@actions/github';
import type { PullRequestRef, WorkflowRunRef } from './github-context.js';

type Octokit = ReturnType<typeof getOctokit>;

/** An issue comment as far as linkvet cares. */
export interface Comment {
  readonly id: number;
  readonly body: string;
  /** `Bot` for the Actions token's comments. */
  readonly authorType: string;
  /** GitHub's `author_association`: `OWNER`, `MEMBER`, `COLLABORATOR`, `CONTRIBUTOR`, `NONE`… */
  readonly association: string;
}

/** A file a pull request touches. */
export interface PullFile {
  readonly filename: string;
  readonly status: string;
  readonly patch?: string;
}

/** One review comment to post: a line (or lines) of a file and its body. */
export interface ReviewComment {
  readonly path: string;
  readonly line: number;
  readonly startLine?: number;
  readonly body: string;
}

/** The REST calls the action makes, on one repository. */
export interface GitHubApi {
  listComments(pull: number): Promise<Comment[]>;
  createComment(pull: number, body: string): Promise<void>;
  updateComment(id: number, body: string): Promise<void>;
  listPullFiles(pull: number): Promise<PullFile[]>;
  /** Bodies of the review comments already on the pull request, for not suggesting the same fix twice. */
  listReviewCommentBodies(pull: number): Promise<Set<string>>;
  createReview(pull: PullRequestRef, body: string, comments: readonly ReviewComment[]): Promise<void>;
  /** The open pull request whose head is this branch at this commit, if any. */
  findPullRequest(run: WorkflowRunRef): Promise<PullRequestRef | undefined>;
}

/**
 * A client for the repository's API. Every request is checked before it leaves: the token goes
 * to `apiUrl`'s origin and nowhere else, not even when a response's pagination link points away.
 */
export function gitHubApi(
  token: string,
  apiUrl: string,
  repository: { owner: string; repo: string },
  warn: (message: string) => void = () => undefined,
): GitHubApi {
  const origin = new URL(apiUrl).origin;
  const octokit = getOctokit(token, { baseUrl: apiUrl, request: { fetch: redirectsWithin(origin) } });
  keepTokenAt(octokit, origin);
  hideTokenInErrors(octokit, token);
  const { owner, repo } = repository;
  return {
    async listComments(pull) {
      const comments = await octokit.paginate(
        octokit.rest.issues.listComments,
        {
          owner,
          repo,
          issue_number: pull,
          per_page: 100,
        },
        atMostPages("the pull request's comments", warn),
      );
      return comments.map((comment) => ({
        id: comment.id,
        body: comment.body ?? '',
        authorType: comment.user?.type ?? '',
        association: comment.author_association,
      }));
    },
    async createComment(pull, body) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: pull, body });
    },
    async updateComment(id, body) {
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body });
    },
    async listPullFiles(pull) {
      const files = await octokit.paginate(
        octokit.rest.pulls.listFiles,
        { owner, repo, pull_number: pull, per_page: 100 },
        atMostPages("the pull request's files", warn),
      );
      return files.map((file) => ({
        filename: file.filename,
        status: file.status,
        ...(file.patch === undefined ? {} : { patch: file.patch }),
      }));
    },
    async listReviewCommentBodies(pull) {
      const comments = await octokit.paginate(
        octokit.rest.pulls.listReviewComments,
        { owner, repo, pull_number: pull, per_page: 100 },
        atMostPages("the pull request's review comments", warn),
      );
      return new Set(comments.map((comment) => `${comment.path}\n${comment.body}`));
    },
    async createReview(pull, body, comments) {
      await octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: pull.number,
        commit_id: pull.headSha,
        event: 'COMMENT',
        body,
        comments: comments.map((comment) => ({
          path: comment.path,
          line: comment.line,
          side: 'RIGHT',
          ...(comment.startLine === undefined ? {} : { start_line: comment.startLine, start_side: 'RIGHT' }),
          body: comment.body,
        })),
      });
    },
    async findPullRequest(run) {
      const pulls = await octokit.rest.pulls.list({
        owner,
        repo,
        state: 'open',
        head: `${run.headOwner}:${run.headBranch}`,
        per_page: 100,
      });
      const pull = pulls.data.find((candidate) => candidate.head.sha === run.headSha);
      return pull && { number: pull.number, headSha: pull.head.sha };
    },
  };
}

/**
 * Most pages read of one list: GitHub lists at most 3,000 files of a pull request (30 pages of 100), so
 * more than this many pages means a broken or hostile API, not a big pull request.
 */
export const maxPages = 50;

/**
 * A paginate map function that ends the listing after `maxPages` pages, warning that the rest was not read. The
 * warning needs a next page to be there: a list of exactly `maxPages` pages was read whole.
 */
function atMostPages<T>(what: string, warn: (message: string) => void) {
  let pages = 0;
  return (response: { data: T[]; headers: { link?: string } }, done: () => void): T[] => {
    pages += 1;
    if (pages >= maxPages && hasNextPage(response.headers.link)) {
      warn(`stopped reading ${what} after ${maxPages} pages; the rest is not taken into account`);
      done();
    }
    return response.data;
  };
}

/** Whether a `Link` header names a next page, as Octokit's paginate reads it. */
function hasNextPage(link: string | undefined): boolean {
  return link !== undefined && /<[^<>]+>;\s*rel="next"/.test(link);
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;

/**
 * A fetch that follows redirects only for reads and only on the API's origin. fetch alone would follow
 * a write's 307 to any origin with the comment body (it strips Authorization, not the body), so a
 * redirected write is refused, and so is a redirect that leaves the origin.
 */
function redirectsWithin(origin: string): typeof fetch {
  return async (input, init) => {
    let url = new URL(input instanceof Request ? input.url : input);
    const method = (init?.method ?? 'GET').toUpperCase();
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, { ...init, redirect: 'manual' });
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null) return response;
      const next = new URL(location, url);
      if (next.origin !== origin) {
        throw new Error(
          `refused a redirect of a GitHub API request to ${next.origin}: API requests go only to ${origin}`,
        );
      }
      if (method !== 'GET' && method !== 'HEAD') {
        throw new Error(
          `refused to follow a redirect of a ${method} request to the GitHub API (HTTP ${response.status})`,
        );
      }
      if (hop >= maxRedirects) throw new Error(`the GitHub API redirected more than ${maxRedirects} times`);
      url = next;
    }
  };
}

/** Refuses any request whose URL is not on the API's origin, before the token is attached to it. */
function keepTokenAt(octokit: Octokit, origin: string): void {
  octokit.hook.before('request', (options) => {
    const target = new URL(options.url.startsWith('/') ? `${options.baseUrl}${options.url}` : options.url);
    if (target.origin !== origin) {
      throw new Error(`refused to send the GitHub token to ${target.origin}: API requests go only to ${origin}`);
    }
  });
}

/**
 * A hostile or broken API may echo the request's Authorization back in its error body, which becomes the error's
 * message and then a log line or a summary: the token is cut out of it before anyone sees it.
 */
function hideTokenInErrors(octokit: Octokit, token: string): void {
  const forms = [token, encodeURIComponent(token), Buffer.from(token).toString('base64')].filter((form) => form !== '');
  octokit.hook.error('request', (error) => {
    if (error instanceof Error) {
      error.message = forms.reduce((message, form) => message.split(form).join('***'), error.message);
    }
    throw error;
  });
}

/**
 * The HTTP status the API answered a failed call with; `undefined` when no answer came. Octokit gives a refused
 * redirect or a refused connection status 500 too, but without a response, and "HTTP 500" would blame the API.
 */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
}
