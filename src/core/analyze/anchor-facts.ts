import type { AnchorCategory, ClassifiedLink, Link } from '../types.js';
import { brandTermsOf, namesBrand } from './brand.js';
import { destinationOf, type Destination } from './destination.js';
import { isGenericText } from './generic-phrases.js';
import { normalizeAnchorText } from './normalize-text.js';

/** One navigational link with what analysis needs to know about its text. */
export interface AnchorFacts {
  readonly link: Link;
  readonly destination: Destination;
  readonly text: string;
  readonly category: AnchorCategory;
}

/** What categorising needs besides the link. */
export interface FactsContext {
  readonly genericPhrases: ReadonlySet<string>;
  readonly brandTerms: readonly string[];
}

const anchorKinds: ReadonlySet<Link['kind']> = new Set(['inline', 'reference', 'autolink', 'literal', 'html-anchor']);

/** Whether a link is something a reader follows (not an image shown in the page, not a definition). */
export function isAnchor(link: Link): boolean {
  return anchorKinds.has(link.kind);
}

/** Facts for every navigational link with a checkable destination. */
export function anchorFacts(links: readonly ClassifiedLink[], context: FactsContext): AnchorFacts[] {
  return links.flatMap(({ link, target }) => {
    const destination = isAnchor(link) ? destinationOf(link.file, target) : undefined;
    if (destination === undefined) return [];
    const text = normalizeAnchorText(link.text);
    return [{ link, destination, text, category: categorize(link, destination, text, context) }];
  });
}

function categorize(link: Link, destination: Destination, text: string, context: FactsContext): AnchorCategory {
  if (text === '') return 'empty';
  if (link.imageOnly) return 'image';
  if (isNakedUrl(link.text, destination)) return 'naked-url';
  if (isGenericText(link.text, context.genericPhrases)) return 'generic';
  const slug = destination.url ? slugWords(destination.url) : '';
  const brands = destination.url ? brandTermsOf(destination.url, context.brandTerms) : [];
  // The page's own keyword comes before the brand ("best cheap widgets" to widgets.example/best-cheap-widgets
  // is a keyword choice though it holds the brand's word), unless the keyword is a brand itself (a repository name).
  if (slug !== '' && text === slug && !brands.includes(slug)) return 'exact-match';
  if (namesBrand(text, brands)) return 'branded';
  if (slug !== '' && sharesWord(text, slug)) return 'partial-match';
  return 'descriptive';
}

/** Text that is itself an address: the link's URL, or the same host written out (`example.com/docs`). */
export function isNakedUrl(rawText: string, destination: Destination): boolean {
  const text = rawText.trim().replace(/^<|>$/g, '');
  if (text === '' || /\s/.test(text) || !text.includes('.')) return false;
  if (destination.url === undefined) return false;
  try {
    const written = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    return written.hostname.replace(/^www\./, '') === destination.domain;
  } catch {
    return false;
  }
}

/** The words of a URL's last path segment (`/guides/best-cheap-widgets.html` → `best cheap widgets`). */
function slugWords(url: URL): string {
  const segment = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Keep the raw segment.
  }
  return normalizeAnchorText(decoded.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[-_+.]+/g, ' '));
}

function sharesWord(text: string, slug: string): boolean {
  const words = new Set(slug.split(' ').filter((word) => word.length >= 3));
  return text.split(' ').some((word) => words.has(word));
}
