import { deniedBy, type DenyList } from '../config/deny-list.js';
import { violationAt } from '../rules/violation.js';
import type { ClassifiedLink, Violation } from '../types.js';

/** `denied-domain`: every link, image or anchor, to a domain or URL on the deny list; offline too. */
export function deniedDomains(links: readonly ClassifiedLink[], deny: DenyList): Violation[] {
  if (deny.domains.length === 0 && deny.urls.length === 0) return [];
  return links.flatMap(({ link, target }) => {
    if (target.type !== 'external') return [];
    const entry = deniedBy(target.url, deny);
    if (entry === undefined) return [];
    return [violationAt(link, 'denied-domain', `\`${link.url}\` links to \`${entry}\`, which is on the deny list`)];
  });
}
