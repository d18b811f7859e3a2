import type { GithubLink } from './github-urls.js';
import { renamedUrl } from './github-urls.js';
import type { Archived, Hop, Outcome } from './outcome.js';

/** One GraphQL request: the query text and its variables (every value from a link travels as a variable, never in the text). */
export interface GraphqlRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, string | number>>;
}

/** A link to look up, under the URL its outcome is for. */
export interface Lookup {
  readonly url: string;
  readonly link: GithubLink;
}

/** The parsed JSON of a GraphQL answer: `data` by alias, and `errors` naming the alias they belong to. */
export interface GraphqlAnswer {
  readonly data?: unknown;
  readonly errors?: unknown;
}

/**
 * One query for every lookup, each under its own alias `l<index>`. Renamed and transferred
 * repositories are followed (`followRenames`), so an old name answers with the current one.
 */
export function batchQuery(lookups: readonly Lookup[]): GraphqlRequest {
  const variables: Record<string, string | number> = {};
  const declarations: string[] = [];
  const fields = lookups.map(({ link }, index) => {
    const declare = (name: string, type: string, value: string | number): string => {
      variables[`${name}${index}`] = value;
      declarations.push(`$${name}${index}: ${type}`);
      return `$${name}${index}`;
    };
    const repository = `repository(owner: ${declare('o', 'String!', link.owner)}, name: ${declare('n', 'String!', link.name)}, followRenames: true)`;
    return `l${index}: ${repository} { nameWithOwner isArchived archivedAt ${shapeFields(link, declare)} }`;
  });
  return { query: `query(${declarations.join(', ')}) { ${fields.join(' ')} }`, variables };
}

type Declare = (name: string, type: string, value: string | number) => string;

function shapeFields(link: GithubLink, declare: Declare): string {
  switch (link.kind) {
    case 'repository':
      return '';
    case 'path': {
      const ref = `ref: object(expression: ${declare('r', 'String!', link.ref)}) { __typename }`;
      if (link.path === '') return ref;
      return `${ref} at: object(expression: ${declare('e', 'String!', `${link.ref}:${link.path}`)}) { __typename }`;
    }
    case 'item':
      return `item: issueOrPullRequest(number: ${declare('k', 'Int!', link.number)}) { __typename }`;
    case 'release':
      return `release(tagName: ${declare('t', 'String!', link.tag)}) { __typename } tag: ref(qualifiedName: ${declare('q', 'String!', `refs/tags/${link.tag}`)}) { __typename }`;
  }
}

/**
 * Each lookup's outcome from the answer, or `undefined` where the API could not settle it and the
 * page must be requested instead: an error other than "not found", a ref that may hold slashes, a
 * missing issue (GitHub redirects transferred ones), an answer of a shape not asked for.
 */
export function batchOutcomes(lookups: readonly Lookup[], answer: GraphqlAnswer): Map<string, Outcome | undefined> {
  const notFound = notFoundAliases(Array.isArray(answer.errors) ? answer.errors : []);
  const data = isRecord(answer.data) ? answer.data : {};
  const outcomes = new Map<string, Outcome | undefined>();
  lookups.forEach((lookup, index) => {
    const alias = `l${index}`;
    const found = data[alias];
    if (found === null && notFound.has(alias)) outcomes.set(lookup.url, dead([]));
    else outcomes.set(lookup.url, isRecord(found) ? repositoryOutcome(lookup, found) : undefined);
  });
  return outcomes;
}

/** Aliases whose only errors say `NOT_FOUND` for the alias itself; any other error leaves the alias to the page check. */
function notFoundAliases(errors: readonly unknown[]): Set<string> {
  const notFound = new Set<string>();
  const otherwise = new Set<string>();
  for (const error of errors) {
    if (!isRecord(error) || !Array.isArray(error.path)) continue;
    const [alias] = error.path as unknown[];
    if (typeof alias !== 'string') continue;
    if (error.type === 'NOT_FOUND' && error.path.length === 1) notFound.add(alias);
    else otherwise.add(alias);
  }
  for (const alias of otherwise) notFound.delete(alias);
  return notFound;
}

function repositoryOutcome(lookup: Lookup, data: Readonly<Record<string, unknown>>): Outcome | undefined {
  const { nameWithOwner } = data;
  if (typeof nameWithOwner !== 'string' || !/^[^/]+\/[^/]+$/.test(nameWithOwner)) return undefined;
  const { link, url } = lookup;
  const renamed = nameWithOwner.toLowerCase() !== `${link.owner}/${link.name}`.toLowerCase();
  const finalUrl = renamed ? renamedUrl(url, nameWithOwner) : url;
  const chain: Hop[] = renamed ? [{ url, status: 301 }] : [];
  switch (exists(link, data)) {
    case 'yes':
      return alive(finalUrl, chain, archivedOf(link, data));
    case 'no':
      return dead(chain);
    case 'unknown':
      return undefined;
  }
}

/** Whether the thing the link names exists in the repository that answered. */
function exists(link: GithubLink, data: Readonly<Record<string, unknown>>): 'yes' | 'no' | 'unknown' {
  switch (link.kind) {
    case 'repository':
      return 'yes';
    case 'path':
      // A ref that does not resolve may be a branch with a slash (`feature/x`) read as `feature`: the page decides.
      if (!isRecord(data.ref)) return 'unknown';
      return link.path === '' || isRecord(data.at) ? 'yes' : 'no';
    case 'item':
      return isRecord(data.item) ? 'yes' : 'unknown';
    case 'release':
      // github.com shows a tag without a release on the same URL.
      return isRecord(data.release) || isRecord(data.tag) ? 'yes' : 'no';
  }
}

/** Only a link to the repository itself is told its repository is archived; its files and issues still work. */
function archivedOf(link: GithubLink, data: Readonly<Record<string, unknown>>): Archived | undefined {
  if (link.kind !== 'repository' || data.isArchived !== true) return undefined;
  return typeof data.archivedAt === 'string' ? { at: data.archivedAt } : {};
}

function alive(finalUrl: string, chain: readonly Hop[], archived: Archived | undefined): Outcome {
  const outcome = { type: 'alive', status: 200, finalUrl, chain, attempts: 1 } as const;
  return archived === undefined ? outcome : { ...outcome, archived };
}

/** What github.com itself answers for a repository, path or release that does not exist. */
function dead(chain: readonly Hop[]): Outcome {
  return { type: 'dead', status: 404, chain, attempts: 1 };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
