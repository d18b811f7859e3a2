import { normalizeAnchorText } from './normalize-text.js';

/** Second-level labels under which a country code holds the name (`example.co.uk`). */
const secondLevels: ReadonlySet<string> = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu', 'ne', 'or', 'go']);

/** Hosting platforms whose subdomain is the project (`requests.readthedocs.io`, `acme.github.io`). */
const sharedHosts: readonly string[] = [
  'github.io',
  'gitlab.io',
  'readthedocs.io',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'herokuapp.com',
  'web.app',
];

/** Hosts whose first path segments name the real brand: a repository, a package, a user. */
const pathBrands: Readonly<Record<string, number>> = {
  'github.com': 2,
  'gitlab.com': 2,
  'bitbucket.org': 2,
  'www.npmjs.com': 2,
  'npmjs.com': 2,
  'pypi.org': 2,
  'crates.io': 2,
  'pkg.go.dev': 3,
  'hub.docker.com': 3,
};

/**
 * The words that name a destination's brand: its domain's main label (`react` for react.dev,
 * `github` for docs.github.com), the repository or package named in its path, and configured terms.
 */
export function brandTermsOf(url: URL, configured: readonly string[]): string[] {
  const terms = [mainLabel(url.hostname), ...pathNames(url), ...configured];
  return [...new Set(terms.map(normalizeAnchorText).filter((term) => term !== ''))];
}

/**
 * Whether anchor text names the brand: a brand term appears in it as whole words, spaced out
 * (`Git Hub`), as the start of the domain's label (`npm` for npmjs.com, `TypeScript` for
 * typescriptlang.org), or as whole words of a multi-word repository or package name.
 */
export function namesBrand(normalizedText: string, brandTerms: readonly string[]): boolean {
  const padded = ` ${normalizedText} `;
  const squashed = normalizedText.replace(/ /g, '');
  return brandTerms.some((term) => {
    const squashedTerm = term.replace(/ /g, '');
    if (padded.includes(` ${term} `) || squashed === squashedTerm) return true;
    // Part of a multi-word name: `table` for micromark-extension-gfm-table.
    if (term.includes(' ') && ` ${term} `.includes(padded)) return true;
    return squashed.length >= 3 && !term.includes(' ') && squashedTerm.startsWith(squashed);
  });
}

function mainLabel(hostname: string): string {
  const host = hostname.replace(/^www\./, '');
  const shared = sharedHosts.find((suffix) => host.endsWith(`.${suffix}`));
  if (shared !== undefined)
    return (
      host
        .slice(0, -shared.length - 1)
        .split('.')
        .at(-1) ?? host
    );
  const labels = host.split('.');
  const [secondLast, last] = labels.slice(-2);
  const countryCoded =
    last !== undefined && last.length === 2 && secondLast !== undefined && secondLevels.has(secondLast);
  return (countryCoded ? labels.at(-3) : (secondLast ?? labels[0])) ?? hostname;
}

/** `owner/repo` on GitHub gives `repo` and `owner`; `/package/name` on npm gives `name`; words split on `-`/`_` too. */
function pathNames(url: URL): string[] {
  const host = url.hostname.replace(/^www\./, '');
  // Project pages on github.io and gitlab.io live under the repository's name.
  const projectPages = host.endsWith('.github.io') || host.endsWith('.gitlab.io');
  const depth = projectPages ? 1 : (pathBrands[host] ?? pathBrands[url.hostname]);
  if (depth === undefined) return [];
  const segments = url.pathname.split('/').filter(Boolean).slice(0, depth);
  const names = segments.filter((segment) => !['package', 'project', 'crates', 'r', '_'].includes(segment));
  return names.flatMap((name) => [name, name.replace(/[-_.]+/g, ' ')]);
}
