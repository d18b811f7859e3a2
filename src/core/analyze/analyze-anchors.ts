import type { ClassifiedLink, DomainProfile, Violation } from '../types.js';
import type { DenyList } from '../config/deny-list.js';
import { ambiguousText } from './ambiguous-text.js';
import { deniedDomains } from './denied-domains.js';
import { anchorFacts } from './anchor-facts.js';
import { anchorProfile } from './anchor-profile.js';
import { lowDiversity, overOptimized, type CorpusOptions } from './corpus-rules.js';
import { genericPhraseSet } from './generic-phrases.js';
import { linkRuleViolations } from './link-rules.js';

/** What anchor analysis reads from the config's `anchors`. */
export interface AnchorAnalysisOptions extends CorpusOptions {
  readonly genericPhrases: readonly string[];
  /** `false` when `genericPhrases` replace the built-in lists instead of extending them. */
  readonly builtinPhrases: boolean;
  readonly brandTerms: readonly string[];
  readonly deny: DenyList;
}

/** What the analysis found: findings per link, per file and across the corpus, and the anchor profile. */
export interface AnchorAnalysis {
  readonly violations: readonly Violation[];
  readonly profile: readonly DomainProfile[];
}

function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * Judges anchor text over every link of the run, as search engines and screen-reader users would;
 * needs all links, not just broken ones, and no network.
 */
export function analyzeAnchors(links: readonly ClassifiedLink[], options: AnchorAnalysisOptions): AnchorAnalysis {
  const genericPhrases = genericPhraseSet(
    options.builtinPhrases ? { extra: options.genericPhrases } : { replace: options.genericPhrases },
  );
  const facts = anchorFacts(links, { genericPhrases, brandTerms: options.brandTerms });
  const overOptimizedPages = overOptimized(facts, options);
  const flaggedDomains = new Set(overOptimizedPages.map((violation) => domainOf(violation.url)));
  return {
    violations: [
      ...linkRuleViolations(facts, links),
      ...ambiguousText(facts),
      ...overOptimizedPages,
      ...lowDiversity(facts, options, flaggedDomains),
      ...deniedDomains(links, options.deny),
    ],
    profile: anchorProfile(facts),
  };
}
