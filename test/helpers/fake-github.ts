import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen, trackSockets } from './http-server.js';

/** One request as the fake GitHub API received it, recorded before it was answered. */
export interface ApiRequest {
  readonly method: string;
  /** The path without the query, e.g. `/repos/octo/docs/issues/7/comments`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or `undefined` when there was none or it was not JSON. */
  readonly body: unknown;
}

/** An issue comment on the pull request, as the fake stores it. */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  /** GitHub's `author_association`: `NONE` for strangers (the default), `MEMBER`, `OWNER`, `COLLABORATOR`… */
  association: string;
}

/** One entry of the pull request's changed files. */
export interface PullFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previous_filename?: string;
  patch?: string;
}

/** A pull request review as it was posted. */
export interface FakeReview {
  commit_id?: string;
  event?: string;
  body?: string;
  comments: Array<Record<string, unknown>>;
}

/** What the fake serves and how it behaves. */
export interface FakeGitHubOptions {
  /** Default `octo`. */
  readonly owner?: string;
  /** Default `docs`. */
  readonly repo?: string;
  /** Default `7`. */
  readonly pullNumber?: number;
  /** The pull request's head commit; default `'a'.repeat(40)`. */
  readonly headSha?: string;
  /** Served by the pull request files endpoint. */
  readonly files?: readonly PullFile[];
  /** Issue comments already on the pull request; ids are assigned from 1000 up. */
  readonly comments?: ReadonlyArray<{ body: string; login?: string; type?: 'Bot' | 'User'; association?: string }>;
  /** Most items on one page, whatever `per_page` asks for; default 30. Lets tests force pagination. */
  readonly pageSize?: number;
  /** Every POST, PATCH, PUT and DELETE answers 403, as for a token without write access. */
  readonly readOnly?: boolean;
  /** When set, the `rel="next"` link of the comment list's first page points at this origin instead of the fake. */
  readonly nextLinkOrigin?: string;
  /** When set, every POST, PATCH, PUT and DELETE answers this redirect status to the same path on `redirectWritesTo`. */
  readonly redirectWrites?: { readonly status: 301 | 302 | 303 | 307 | 308; readonly to: string };
  /**
   * When set, every GET answers this redirect status to `to` + `/moved` + the path and query; the fake serves a
   * GET under `/moved` as the path without it, so an empty `to` is a same-origin redirect that leads somewhere.
   */
  readonly redirectReads?: { readonly status: 301 | 302 | 303 | 307 | 308; readonly to: string };
  /** When set, the requests it names answer this error, e.g. a rate limit's 403 or 429 with its headers. */
  readonly fail?: FakeFailure;
}

/** An error answer: its status, GitHub's JSON `message`, and headers such as `retry-after`. */
export interface FakeFailure {
  readonly on: 'writes' | 'every request';
  readonly status: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A fake GitHub REST API on loopback, with live comment state. */
export interface FakeGitHub {
  /** `http://127.0.0.1:43210`, with no trailing slash. */
  readonly origin: string;
  /** Every request received, unknown ones too, in order. */
  readonly requests: ApiRequest[];
  /** The pull request's issue comments as created, updated and deleted through the API. */
  readonly comments: FakeComment[];
  /** Every review posted, in order. */
  readonly reviews: FakeReview[];
  /** Stops listening and destroys every open socket, keep-alive ones too. Safe to call twice. */
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Context {
  readonly origin: string;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly headSha: string;
  readonly files: readonly PullFile[];
  readonly pageSize: number;
  readonly readOnly: boolean;
  readonly nextLinkOrigin: string | undefined;
  readonly redirectWrites: FakeGitHubOptions['redirectWrites'];
  readonly redirectReads: FakeGitHubOptions['redirectReads'];
  readonly fail: FakeFailure | undefined;
  readonly requests: ApiRequest[];
  readonly comments: FakeComment[];
  readonly reviews: FakeReview[];
  /** `created_at` and `updated_at` of each comment, by id. */
  readonly times: Map<number, { created: string; updated: string }>;
  nextCommentId: number;
  nextReviewId: number;
}

type Handler = (ctx: Context, request: ApiRequest, id: number) => Reply;

const JSON_TYPE = 'application/json; charset=utf-8';
const DOCS = 'https://docs.github.com/rest';
const SEEDED_AT = Date.parse('2024-01-01T00:00:00Z');
const BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** The path prefix a redirected read lands on. */
const MOVED = '/moved';
const NOT_FOUND: Reply = { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };

/**
 * Starts a fake GitHub REST API on a free loopback port, serving one pull request: its issue comments, files,
 * reviews and their review comments.
 * @param options the repository, pull request, seeded state and failure modes
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const server = createServer();
  const sockets = trackSockets(server);
  const ctx = createContext(`http://127.0.0.1:${await listen(server)}`, options);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void handle(ctx, req, res));
  let closing: Promise<void> | undefined;
  return {
    origin: ctx.origin,
    requests: ctx.requests,
    comments: ctx.comments,
    reviews: ctx.reviews,
    close: () => (closing ??= closeServer(server, sockets)),
  };
}

function createContext(origin: string, options: FakeGitHubOptions): Context {
  const seeds = options.comments ?? [];
  const ctx: Context = {
    origin,
    owner: options.owner ?? 'octo',
    repo: options.repo ?? 'docs',
    pullNumber: options.pullNumber ?? 7,
    headSha: options.headSha ?? 'a'.repeat(40),
    files: options.files ?? [],
    pageSize: Math.max(1, options.pageSize ?? 30),
    readOnly: options.readOnly ?? false,
    nextLinkOrigin: options.nextLinkOrigin,
    redirectWrites: options.redirectWrites,
    redirectReads: options.redirectReads,
    fail: options.fail,
    requests: [],
    comments: [],
    reviews: [],
    times: new Map(),
    nextCommentId: 1000,
    nextReviewId: 5000,
  };
  seeds.forEach((seed, index) => {
    const type = seed.type ?? 'User';
    const login = seed.login ?? (type === 'Bot' ? BOT.login : 'octocat');
    const at = timestamp(SEEDED_AT + index * 60_000);
    const id = ctx.nextCommentId++;
    ctx.comments.push({ id, body: seed.body, user: { login, type }, association: seed.association ?? 'NONE' });
    ctx.times.set(id, { created: at, updated: at });
  });
  return ctx;
}

async function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.on('error', () => undefined);
  const url = new URL(`http://fake.invalid${req.url ?? '/'}`);
  let text: string;
  try {
    text = (await readBody(req)).toString('utf8');
  } catch {
    res.destroy();
    return;
  }
  const parsed = parseJson(text);
  const request: ApiRequest = {
    method: req.method ?? '',
    path: url.pathname,
    query: url.searchParams,
    headers: { ...req.headers },
    body: parsed.ok ? parsed.value : undefined,
  };
  ctx.requests.push(request);
  send(res, answer(ctx, request, parsed.ok));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(
      reply.status,
      reply.status === 204 ? { ...reply.headers } : { ...reply.headers, 'content-length': 0 },
    );
    res.end();
    return;
  }
  const bytes = Buffer.from(JSON.stringify(reply.body));
  res.writeHead(reply.status, { ...reply.headers, 'content-type': JSON_TYPE, 'content-length': bytes.length });
  res.end(bytes);
}

function answer(ctx: Context, request: ApiRequest, validJson: boolean): Reply {
  if (ctx.fail && (ctx.fail.on === 'every request' || WRITES.has(request.method))) {
    const { status, message, headers = {} } = ctx.fail;
    return { status, body: { message, documentation_url: DOCS }, headers };
  }
  const moved = ctx.redirectReads && request.method === 'GET' ? movedRead(ctx.redirectReads, request) : undefined;
  if (moved?.redirect) return moved.redirect;
  return answerAt(ctx, moved ? { ...request, path: moved.path } : request, validJson);
}

/** Under `redirectReads`: the redirect to answer a read with, or the path a redirected read landed on. */
function movedRead(
  redirect: NonNullable<FakeGitHubOptions['redirectReads']>,
  request: ApiRequest,
): { redirect: Reply; path?: never } | { redirect?: never; path: string } {
  if (request.path.startsWith(`${MOVED}/`)) return { path: request.path.slice(MOVED.length) };
  const query = request.query.size > 0 ? `?${request.query.toString()}` : '';
  return {
    redirect: { status: redirect.status, headers: { location: `${redirect.to}${MOVED}${request.path}${query}` } },
  };
}

function answerAt(ctx: Context, request: ApiRequest, validJson: boolean): Reply {
  if (ctx.redirectWrites && WRITES.has(request.method)) {
    return { status: ctx.redirectWrites.status, headers: { location: `${ctx.redirectWrites.to}${request.path}` } };
  }
  if (ctx.readOnly && WRITES.has(request.method)) {
    return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: DOCS } };
  }
  if (!validJson) return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } };
  const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(request.path);
  if (!match || decode(match[1]) !== ctx.owner || decode(match[2]) !== ctx.repo) return NOT_FOUND;
  const rest = match[3] ?? '';
  for (const [method, pattern, handler, isPull] of routes) {
    if (method !== request.method) continue;
    const found = pattern.exec(rest);
    if (!found) continue;
    const id = Number(found[1] ?? 0);
    if (isPull && id !== ctx.pullNumber) return NOT_FOUND;
    return handler(ctx, request, id);
  }
  return NOT_FOUND;
}

function decode(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Method, pattern on the path after `/repos/:owner/:repo`, handler, and whether the number must be the pull's. */
const routes: ReadonlyArray<readonly [string, RegExp, Handler, boolean]> = [
  ['GET', /^\/issues\/(\d+)\/comments$/, listComments, true],
  ['POST', /^\/issues\/(\d+)\/comments$/, createComment, true],
  ['PATCH', /^\/issues\/comments\/(\d+)$/, updateComment, false],
  ['DELETE', /^\/issues\/comments\/(\d+)$/, deleteComment, false],
  ['GET', /^\/pulls\/(\d+)\/files$/, listFiles, true],
  ['GET', /^\/pulls\/(\d+)$/, getPull, true],
  ['GET', /^\/pulls$/, listPulls, false],
  ['POST', /^\/pulls\/(\d+)\/reviews$/, createReview, true],
  ['GET', /^\/pulls\/(\d+)\/comments$/, listReviewComments, true],
];

function listComments(ctx: Context, request: ApiRequest): Reply {
  const items = ctx.comments.map((comment) => commentJson(ctx, comment));
  return paginate(ctx, request, items, ctx.nextLinkOrigin);
}

function createComment(ctx: Context, request: ApiRequest): Reply {
  const body = bodyText(request);
  if (body === undefined) return invalid('body');
  const id = ctx.nextCommentId++;
  const comment: FakeComment = { id, body, user: { ...BOT }, association: 'NONE' };
  const now = timestamp(Date.now());
  ctx.comments.push(comment);
  ctx.times.set(id, { created: now, updated: now });
  return { status: 201, body: commentJson(ctx, comment) };
}

function updateComment(ctx: Context, request: ApiRequest, id: number): Reply {
  const comment = ctx.comments.find((c) => c.id === id);
  if (!comment) return NOT_FOUND;
  const body = bodyText(request);
  if (body === undefined) return invalid('body');
  comment.body = body;
  const created = ctx.times.get(id)?.created ?? timestamp(SEEDED_AT);
  ctx.times.set(id, { created, updated: timestamp(Date.now()) });
  return { status: 200, body: commentJson(ctx, comment) };
}

function deleteComment(ctx: Context, _request: ApiRequest, id: number): Reply {
  const index = ctx.comments.findIndex((c) => c.id === id);
  if (index < 0) return NOT_FOUND;
  ctx.comments.splice(index, 1);
  ctx.times.delete(id);
  return { status: 204 };
}

function listFiles(ctx: Context, request: ApiRequest): Reply {
  return paginate(
    ctx,
    request,
    ctx.files.map((file) => fileJson(ctx, file)),
  );
}

function getPull(ctx: Context): Reply {
  return { status: 200, body: pullJson(ctx) };
}

function listPulls(ctx: Context, request: ApiRequest): Reply {
  const head = request.query.get('head');
  const state = request.query.get('state');
  const matches = (head === null || head === 'fork:feature') && (state === null || state === 'open' || state === 'all');
  return { status: 200, body: matches ? [pullJson(ctx)] : [] };
}

function createReview(ctx: Context, request: ApiRequest): Reply {
  const body = request.body;
  if (!isRecord(body)) return invalid('body');
  const comments = body.comments ?? [];
  if (!Array.isArray(comments) || !comments.every(isRecord)) return invalid('comments');
  const review: FakeReview = { comments };
  if (typeof body.commit_id === 'string') review.commit_id = body.commit_id;
  if (typeof body.event === 'string') review.event = body.event;
  if (typeof body.body === 'string') review.body = body.body;
  ctx.reviews.push(review);
  return { status: 200, body: { id: ctx.nextReviewId++, state: 'COMMENTED' } };
}

/** The review comments of every review posted so far, flattened in order, as `GET /pulls/:n/comments` lists them. */
function listReviewComments(ctx: Context, request: ApiRequest): Reply {
  let id = 9000;
  const items = ctx.reviews.flatMap((review, index) =>
    review.comments.map((comment) => ({
      id: id++,
      pull_request_review_id: 5000 + index,
      commit_id: review.commit_id ?? ctx.headSha,
      path: comment.path,
      line: comment.line,
      side: comment.side ?? 'RIGHT',
      ...(comment.start_line === undefined ? {} : { start_line: comment.start_line }),
      body: comment.body,
      user: { ...BOT },
    })),
  );
  return paginate(ctx, request, items);
}

/** Slices `items` by `per_page` (capped at the page size) and `page`, with GitHub's `Link` header. */
function paginate(ctx: Context, request: ApiRequest, items: readonly unknown[], nextOrigin?: string): Reply {
  const perPage = Math.min(positiveInt(request.query.get('per_page')) ?? 30, ctx.pageSize);
  const page = positiveInt(request.query.get('page')) ?? 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (to: number, origin = ctx.origin): string => {
    const query = new URLSearchParams(request.query);
    query.delete('per_page');
    query.delete('page');
    query.set('per_page', String(perPage));
    query.set('page', String(to));
    return `<${origin}${request.path}?${query.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1 && page <= last) links.push(`${link(page - 1)}; rel="prev"`);
  if (page < last) {
    links.push(`${link(page + 1, page === 1 ? (nextOrigin ?? ctx.origin) : ctx.origin)}; rel="next"`);
    links.push(`${link(last)}; rel="last"`);
  }
  if (page > 1 && page <= last) links.push(`${link(1)}; rel="first"`);
  const body = items.slice((page - 1) * perPage, page * perPage);
  return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

function commentJson(ctx: Context, comment: FakeComment): Record<string, unknown> {
  const times = ctx.times.get(comment.id) ?? { created: timestamp(SEEDED_AT), updated: timestamp(SEEDED_AT) };
  return {
    id: comment.id,
    url: `${ctx.origin}/repos/${ctx.owner}/${ctx.repo}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${ctx.owner}/${ctx.repo}/pull/${ctx.pullNumber}#issuecomment-${comment.id}`,
    issue_url: `${ctx.origin}/repos/${ctx.owner}/${ctx.repo}/issues/${ctx.pullNumber}`,
    body: comment.body,
    user: { login: comment.user.login, type: comment.user.type },
    author_association: comment.association,
    created_at: times.created,
    updated_at: times.updated,
  };
}

function fileJson(ctx: Context, file: PullFile): Record<string, unknown> {
  const lines = file.patch?.split('\n') ?? [];
  const additions = lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
  const deletions = lines.filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  const sha = createHash('sha1').update(`${file.status}:${file.filename}`).digest('hex');
  return {
    sha,
    filename: file.filename,
    status: file.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `https://github.com/${ctx.owner}/${ctx.repo}/blob/${ctx.headSha}/${path}`,
    raw_url: `https://github.com/${ctx.owner}/${ctx.repo}/raw/${ctx.headSha}/${path}`,
    contents_url: `${ctx.origin}/repos/${ctx.owner}/${ctx.repo}/contents/${path}?ref=${ctx.headSha}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
  };
}

function pullJson(ctx: Context): Record<string, unknown> {
  return {
    number: ctx.pullNumber,
    state: 'open',
    head: { sha: ctx.headSha, ref: 'feature', repo: { full_name: 'fork/docs' } },
    base: { ref: 'main', sha: 'b'.repeat(40) },
  };
}

function bodyText(request: ApiRequest): string | undefined {
  const body = request.body;
  return isRecord(body) && typeof body.body === 'string' ? body.body : undefined;
}

function invalid(field: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource: 'Request', field, code: 'invalid' }],
      documentation_url: DOCS,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An ISO time without milliseconds, as GitHub writes them. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
