import type { AnchorCategory, DomainProfile } from '../types.js';
import { inlineCode } from './escape-markdown.js';

const categoryNames: Readonly<Record<AnchorCategory, string>> = {
  'exact-match': 'Exact match',
  'partial-match': 'Partial match',
  branded: 'Branded',
  descriptive: 'Descriptive',
  'naked-url': 'Naked URL',
  generic: 'Generic',
  image: 'Image',
  empty: 'Empty',
};

/**
 * The anchor profile as a table of the most linked domains and a Mermaid pie chart of categories
 * (GitHub renders Mermaid in comments and summaries); domains and texts are escaped, the chart
 * holds only linkvet's own labels.
 */
export function anchorProfileToMarkdown(profile: readonly DomainProfile[], maxDomains = 20): string[] {
  if (profile.length === 0) return [];
  const rows = profile.slice(0, maxDomains).map(profileRow);
  const hidden = profile.length - rows.length;
  return [
    '#### Anchor profile',
    '',
    '| Domain | Links | Texts | Top text | Share | Diversity |',
    '| --- | ---: | ---: | --- | ---: | ---: |',
    ...rows,
    ...(hidden > 0 ? ['', `…and ${hidden} more ${hidden === 1 ? 'domain' : 'domains'}.`] : []),
    '',
    ...categoryPie(profile),
  ];
}

function profileRow(domain: DomainProfile): string {
  const share = `${Math.round(domain.topShare * 100)}%`;
  return `| ${inlineCode(domain.domain)} | ${domain.links} | ${domain.distinctTexts} | ${inlineCode(domain.topText)} | ${share} | ${domain.entropy.toFixed(2)} |`;
}

function categoryPie(profile: readonly DomainProfile[]): string[] {
  const totals = new Map<AnchorCategory, number>();
  for (const domain of profile) {
    for (const [category, count] of Object.entries(domain.categories) as Array<[AnchorCategory, number]>) {
      totals.set(category, (totals.get(category) ?? 0) + count);
    }
  }
  const slices = [...totals].filter(([, count]) => count > 0);
  if (slices.length === 0) return [];
  return [
    '```mermaid',
    'pie title Anchor text by category',
    ...slices.map(([category, count]) => `  "${categoryNames[category]}" : ${count}`),
    '```',
  ];
}
