import type { Target } from '../types.js';

/** Where a link leads, as one page: fragments and `./` dropped, so `./a.md`, `a.md` and `a.md#top` agree. */
export interface Destination {
  /** A key equal for links to the same page. */
  readonly key: string;
  readonly external: boolean;
  /** The host name of an external page, without `www.`. */
  readonly domain?: string;
  readonly url?: URL;
}

/** The page a link's target is, or `undefined` for targets that lead nowhere checkable (ignored, invalid). */
export function destinationOf(file: string, target: Target): Destination | undefined {
  switch (target.type) {
    case 'file':
      return { key: `file:${target.path}`, external: false };
    case 'fragment':
      return { key: `file:${file}`, external: false };
    case 'external': {
      const url = new URL(target.url);
      url.hash = '';
      return { key: pageKey(url), external: true, domain: url.hostname.replace(/^www\./, ''), url };
    }
    case 'email':
      return { key: `mailto:${target.address.toLowerCase()}`, external: false };
    case 'phone':
    case 'outside-root':
    case 'invalid':
    case 'ignored':
      return undefined;
  }
}

/**
 * One key for the spellings of one web page: `http://nodejs.org`, `https://www.nodejs.org/` and
 * `https://nodejs.org/index.html` agree; the query is kept, as it often selects the content.
 */
function pageKey(url: URL): string {
  const host = url.host.replace(/^www\./, '');
  const path = url.pathname.replace(/\/index\.html?$/i, '/').replace(/\/+$/, '');
  return `//${host}${path}${url.search}`;
}
