import { violationAt } from '../rules/violation.js';
import type { Violation } from '../types.js';
import type { AnchorFacts } from './anchor-facts.js';
import { groupBy, listPlaces } from './group-by.js';

/** Categories whose text cannot mislead by itself, or is reported by another rule already. */
const skipped: ReadonlySet<AnchorFacts['category']> = new Set(['empty', 'image', 'naked-url', 'generic']);

/**
 * `ambiguous-anchor-text`: within one file, the same text leads to different pages (fragments of
 * one page count as that page). Reported once, at the first link, naming the others.
 */
export function ambiguousText(facts: readonly AnchorFacts[]): Violation[] {
  const described = facts.filter((fact) => !skipped.has(fact.category));
  const byFileAndText = groupBy(described, (fact) => `${fact.link.file}\u0000${fact.text}`);
  return [...byFileAndText.values()].flatMap((group) => {
    const byDestination = groupBy(group, (fact) => fact.destination.key);
    const [first] = group;
    if (byDestination.size < 2 || first === undefined) return [];
    const places = [...byDestination.values()].map(
      (links) => `\`${links[0]?.link.url ?? ''}\` (line ${links[0]?.link.span.start.line ?? 0})`,
    );
    const message = `\`${first.link.text}\` leads to ${byDestination.size} different pages in this file: ${listPlaces(places)}; give each its own text`;
    return [violationAt(first.link, 'ambiguous-anchor-text', message)];
  });
}
