import type { AnchorOptions } from '../config/options.js';
import { violationAt } from '../rules/violation.js';
import type { Violation } from '../types.js';
import type { AnchorFacts } from './anchor-facts.js';
import { normalizedEntropy } from './entropy.js';
import { groupBy, listPlaces, placeOf } from './group-by.js';

/** The thresholds of the corpus-wide rules (`anchors` in the config). */
export type CorpusOptions = Pick<
  AnchorOptions,
  'minLinks' | 'maxShare' | 'minFiles' | 'minDomainLinks' | 'minDiversity' | 'internal'
>;

/** Texts that are not keyword choices at all, so they cannot over-optimize. */
const notKeywords: ReadonlySet<AnchorFacts['category']> = new Set([
  'empty',
  'image',
  'naked-url',
  'generic',
  'branded',
]);

/** Facts in report order: files by path, then line and column, so "first occurrence" is stable. */
function inReportOrder(facts: readonly AnchorFacts[]): AnchorFacts[] {
  return [...facts].sort(
    (a, b) =>
      (a.link.file < b.link.file ? -1 : a.link.file > b.link.file ? 1 : 0) ||
      a.link.span.start.line - b.link.span.start.line ||
      a.link.span.start.column - b.link.span.start.column,
  );
}

/**
 * `over-optimized-anchor`: a page with at least `minLinks` links from at least `minFiles` files,
 * where one exact keyword text holds more than `maxShare` of them. Branded text never counts.
 */
export function overOptimized(facts: readonly AnchorFacts[], options: CorpusOptions): Violation[] {
  const eligible = inReportOrder(facts.filter((fact) => fact.destination.external || options.internal));
  return [...groupBy(eligible, (fact) => fact.destination.key).values()].flatMap((links) => {
    if (links.length < options.minLinks || new Set(links.map((fact) => fact.link.file)).size < options.minFiles)
      return [];
    const keywordLinks = links.filter((fact) => !notKeywords.has(fact.category));
    const [top] = [...groupBy(keywordLinks, (fact) => fact.text).values()].sort((a, b) => b.length - a.length);
    const share = (top?.length ?? 0) / links.length;
    const first = top?.[0];
    if (top === undefined || first === undefined || share <= options.maxShare) return [];
    const others = listPlaces(top.slice(1).map((fact) => placeOf(fact.link)));
    const message = `${top.length} of ${links.length} links to \`${first.destination.url?.href ?? first.link.url}\` (${Math.round(share * 100)}%) read exactly \`${first.link.text}\`, which looks like a link scheme to search engines; vary the wording (also at ${others})`;
    return [violationAt(first.link, 'over-optimized-anchor', message)];
  });
}

/**
 * `low-anchor-diversity`: one external domain's links, brand names aside, use too few distinct texts.
 * Domains in `alreadyFlagged` (over-optimized) are skipped: that finding already says the same.
 */
export function lowDiversity(
  facts: readonly AnchorFacts[],
  options: CorpusOptions,
  alreadyFlagged: ReadonlySet<string> = new Set(),
): Violation[] {
  const external = inReportOrder(
    facts.filter(
      (fact) =>
        fact.destination.external &&
        !notKeywords.has(fact.category) &&
        !alreadyFlagged.has(fact.destination.domain ?? ''),
    ),
  );
  return [...groupBy(external, (fact) => fact.destination.domain ?? '').values()].flatMap((links) => {
    const first = links[0];
    if (first === undefined || links.length < options.minDomainLinks) return [];
    const texts = groupBy(links, (fact) => fact.text);
    const diversity = normalizedEntropy([...texts.values()].map((group) => group.length));
    if (diversity >= options.minDiversity) return [];
    const message = `The ${links.length} links to \`${first.destination.domain ?? ''}\` use ${texts.size} distinct ${texts.size === 1 ? 'text' : 'texts'} (diversity ${diversity.toFixed(2)}, below ${options.minDiversity}); describe each page in its own words`;
    return [violationAt(first.link, 'low-anchor-diversity', message)];
  });
}
