/** A repository on github.com, as written in a link (not necessarily its current name). */
export interface RepositoryName {
  readonly owner: string;
  readonly name: string;
}

/**
 * A github.com link the GraphQL API can answer: the repository page, a file or directory at a ref,
 * an issue or pull request, or a release. Any other shape is checked as a web page.
 */
export type GithubLink =
  | (RepositoryName & { readonly kind: 'repository' })
  | (RepositoryName & { readonly kind: 'path'; readonly ref: string; readonly path: string })
  | (RepositoryName & { readonly kind: 'item'; readonly number: number })
  | (RepositoryName & { readonly kind: 'release'; readonly tag: string });

/**
 * First path segments github.com keeps for its own pages: `github.com/topics/rust` is no repository,
 * so asking the API for `topics/rust` would call a live page dead. No account may take these names.
 */
const reservedOwners: ReadonlySet<string> = new Set([
  'about',
  'account',
  'apps',
  'blog',
  'collections',
  'codespaces',
  'contact',
  'copilot',
  'customer-stories',
  'dashboard',
  'enterprise',
  'events',
  'explore',
  'features',
  'github',
  'issues',
  'join',
  'login',
  'logout',
  'marketplace',
  'new',
  'notifications',
  'organizations',
  'orgs',
  'pricing',
  'pulls',
  'readme',
  'resources',
  'search',
  'security',
  'settings',
  'site',
  'solutions',
  'sponsors',
  'stars',
  'team',
  'topics',
  'trending',
  'users',
]);

const ownerPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
// `.git` endings and the dot names redirect or are not repositories; the web check judges them.
const namePattern = /^(?!\.{1,2}$)(?!.*\.git$)[A-Za-z0-9._-]{1,100}$/;

/**
 * The API lookup a URL stands for, or `undefined` when it is not one of the shapes the API answers
 * (then it is checked as a web page). Only `https://github.com` itself: `www.` and `http:` redirect,
 * and that redirect is the finding.
 */
export function parseGithubUrl(url: string): GithubLink | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.host !== 'github.com' || parsed.username || parsed.password)
    return undefined;
  const segments = pathSegments(parsed.pathname);
  if (segments === undefined) return undefined;
  const [owner, name, ...rest] = segments;
  if (owner === undefined || name === undefined || !isRepositoryName(owner, name)) return undefined;
  return linkShape({ owner, name }, rest);
}

/** The URL's decoded path segments; a trailing slash is allowed, an empty segment elsewhere is not. */
function pathSegments(pathname: string): string[] | undefined {
  const raw = pathname.replace(/\/$/, '').split('/').slice(1);
  if (raw.some((segment) => segment === '')) return undefined;
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function isRepositoryName(owner: string, name: string): boolean {
  return ownerPattern.test(owner) && !reservedOwners.has(owner.toLowerCase()) && namePattern.test(name);
}

function linkShape(repository: RepositoryName, rest: readonly string[]): GithubLink | undefined {
  const [view, first, ...more] = rest;
  if (view === undefined) return { ...repository, kind: 'repository' };
  if (first === undefined) return undefined;
  if ((view === 'blob' || view === 'tree') && isRef(first)) {
    return { ...repository, kind: 'path', ref: first, path: more.join('/') };
  }
  if ((view === 'issues' || view === 'pull') && more.length === 0 && /^[1-9]\d{0,9}$/.test(first)) {
    return { ...repository, kind: 'item', number: Number(first) };
  }
  if (view === 'releases' && first === 'tag' && more.length > 0) {
    return { ...repository, kind: 'release', tag: more.join('/') };
  }
  return undefined;
}

/** A ref the API can take in `<ref>:<path>`: no colon (it would split the expression) and no control characters. */
function isRef(ref: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[:\x00-\x1f\x7f]/.test(ref);
}

/**
 * The link's URL under the repository's current `owner/name`: GitHub serves an old name by
 * redirecting to the same page of the new one, so the rest of the path (and the query) is kept.
 */
export function renamedUrl(url: string, nameWithOwner: string): string {
  const parsed = new URL(url);
  const [, , , ...rest] = parsed.pathname.split('/');
  const [owner = '', name = ''] = nameWithOwner.split('/');
  parsed.pathname = ['', encodeURIComponent(owner), encodeURIComponent(name), ...rest].join('/');
  return parsed.href;
}
