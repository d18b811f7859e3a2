import type { AnchorCategory, DomainProfile } from '../types.js';
import type { AnchorFacts } from './anchor-facts.js';
import { normalizedEntropy } from './entropy.js';
import { groupBy } from './group-by.js';

const categories: readonly AnchorCategory[] = [
  'exact-match',
  'partial-match',
  'branded',
  'descriptive',
  'naked-url',
  'generic',
  'image',
  'empty',
];

/** Per external domain: how many links, how varied their texts, and how they fall into categories. */
export function anchorProfile(facts: readonly AnchorFacts[]): DomainProfile[] {
  const external = facts.filter((fact) => fact.destination.external);
  const profiles = [...groupBy(external, (fact) => fact.destination.domain ?? '').entries()].map(([domain, links]) =>
    domainProfile(domain, links),
  );
  return profiles.sort((a, b) => b.links - a.links || (a.domain < b.domain ? -1 : 1));
}

function domainProfile(domain: string, links: readonly AnchorFacts[]): DomainProfile {
  const texts = [...groupBy(links, (fact) => fact.text).values()].sort((a, b) => b.length - a.length);
  const top = texts[0] ?? [];
  const counts = Object.fromEntries(categories.map((category) => [category, 0])) as Record<AnchorCategory, number>;
  for (const fact of links) counts[fact.category]++;
  return {
    domain,
    links: links.length,
    distinctTexts: texts.length,
    topText: top[0]?.link.text ?? '',
    topShare: round(top.length / links.length),
    entropy: round(normalizedEntropy(texts.map((group) => group.length))),
    categories: counts,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
