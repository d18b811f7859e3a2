import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen, trackSockets } from './http-server.js';

/** A repository as the fake knows it, under the name a link may use (an old one, for a renamed repository). */
export interface FakeRepository {
  /** The current `owner/name`; differs from the key for a renamed or transferred repository. */
  readonly nameWithOwner: string;
  readonly archivedAt?: string;
  /** Refs that resolve (branches, tags, commits). */
  readonly refs?: readonly string[];
  /** `<ref>:<path>` expressions that name a file or directory. */
  readonly paths?: readonly string[];
  /** Issue and pull request numbers. */
  readonly items?: readonly number[];
  readonly releases?: readonly string[];
  readonly tags?: readonly string[];
}

/** An answer that replaces the usual one, e.g. a rate limit's 403 with its headers. */
export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface FakeGraphqlOptions {
  /** Keyed by `owner/name` in lower case, as links name them. */
  readonly repositories: Readonly<Record<string, FakeRepository>>;
  /** Replaces the answer to the request with this index (0-based), when it returns one. */
  readonly reply?: (index: number) => FakeReply | undefined;
  /** Headers added to every usual answer, e.g. `x-ratelimit-remaining`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Delay before every answer, in milliseconds, as a real API's round trip. */
  readonly latencyMs?: number;
}

/** One POST as the fake received it. */
export interface GraphqlCall {
  readonly headers: IncomingHttpHeaders;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The aliases the query looked up. */
  readonly aliases: readonly string[];
}

/** A fake of GitHub's GraphQL API on loopback, answering the queries linkvet sends. */
export interface FakeGraphql {
  /** `http://127.0.0.1:43210/graphql`. */
  readonly url: string;
  readonly calls: GraphqlCall[];
  close(): Promise<void>;
}

/** Starts the fake; close it in `afterEach`. */
export async function startFakeGraphql(options: FakeGraphqlOptions): Promise<FakeGraphql> {
  const calls: GraphqlCall[] = [];
  const server = createServer((req, res) => void answer(req, res, options, calls));
  const sockets = trackSockets(server);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/graphql`, calls, close: () => closeServer(server, sockets) };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  options: FakeGraphqlOptions,
  calls: GraphqlCall[],
): Promise<void> {
  const body = JSON.parse(await readBody(req)) as { query: string; variables: Record<string, unknown> };
  const lookups = aliasesOf(body.query);
  const index = calls.length;
  calls.push({
    headers: req.headers,
    query: body.query,
    variables: body.variables,
    aliases: lookups.map((l) => l.alias),
  });
  if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
  const replaced = options.reply?.(index);
  if (replaced) return reply(res, replaced.status, replaced.headers ?? {}, replaced.body ?? { message: 'replaced' });
  undeclaredVariables(body.query, body.variables);
  const data: Record<string, unknown> = {};
  const errors: unknown[] = [];
  for (const lookup of lookups) {
    const found = resolve(lookup, body.variables, options.repositories);
    data[lookup.alias] = found;
    if (found === null) errors.push({ type: 'NOT_FOUND', path: [lookup.alias], message: 'Could not resolve' });
  }
  reply(res, 200, options.headers ?? {}, errors.length === 0 ? { data } : { data, errors });
}

interface AliasLookup {
  readonly alias: string;
  readonly owner: string;
  readonly name: string;
  /** `key`, function name, argument variable of each nested field. */
  readonly fields: ReadonlyArray<{ key: string; fn: string; variable: string }>;
}

const aliasPattern =
  /(l\d+): repository\(owner: \$(\w+), name: \$(\w+), followRenames: true\) \{ nameWithOwner isArchived archivedAt (.*?)\}(?= l\d+:| \}$)/g;
const fieldPattern = /(?:(\w+): )?(\w+)\(\w+: \$(\w+)\) \{ __typename \}/g;

function aliasesOf(query: string): AliasLookup[] {
  return [...query.matchAll(aliasPattern)].map(([, alias = '', owner = '', name = '', inner = '']) => ({
    alias,
    owner,
    name,
    fields: [...inner.matchAll(fieldPattern)].map(([, key, fn = '', variable = '']) => ({
      key: key ?? fn,
      fn,
      variable,
    })),
  }));
}

/** A variable used but not declared (or declared but not sent) would be a GraphQL error at GitHub: fail loudly. */
function undeclaredVariables(query: string, variables: Readonly<Record<string, unknown>>): void {
  const declared = new Set([...query.matchAll(/\$(\w+): (?:String|Int)!/g)].map((match) => match[1]));
  for (const [, used = ''] of query.matchAll(/\$(\w+)[),]/g)) {
    if (!declared.has(used) || !(used in variables)) throw new Error(`variable $${used} is not declared or sent`);
  }
}

function resolve(
  lookup: AliasLookup,
  variables: Readonly<Record<string, unknown>>,
  repositories: FakeGraphqlOptions['repositories'],
): Record<string, unknown> | null {
  const key = `${String(variables[lookup.owner])}/${String(variables[lookup.name])}`.toLowerCase();
  const repository = repositories[key];
  if (repository === undefined) return null;
  const result: Record<string, unknown> = {
    nameWithOwner: repository.nameWithOwner,
    isArchived: repository.archivedAt !== undefined,
    archivedAt: repository.archivedAt ?? null,
  };
  for (const field of lookup.fields) result[field.key] = exists(field.fn, variables[field.variable], repository);
  return result;
}

function exists(fn: string, value: unknown, repository: FakeRepository): { __typename: string } | null {
  const known: Record<string, readonly unknown[] | undefined> = {
    object: String(value).includes(':') ? repository.paths : repository.refs,
    issueOrPullRequest: repository.items,
    release: repository.releases,
    ref: repository.tags?.map((tag) => `refs/tags/${tag}`),
  };
  return known[fn]?.includes(value) === true ? { __typename: fn } : null;
}

function reply(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
