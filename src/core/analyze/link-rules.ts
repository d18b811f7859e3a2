import type { ClassifiedLink, Link, Span, Violation } from '../types.js';
import { violationAt } from '../rules/violation.js';
import type { AnchorFacts } from './anchor-facts.js';

const imageKinds: ReadonlySet<Link['kind']> = new Set(['image', 'image-reference', 'html-image']);

/**
 * Rules about one link at a time: `empty-anchor-text`, `generic-anchor-text`, `naked-url`, and
 * `missing-alt-text` for images (an image-only link without alt is reported once, as the link).
 */
export function linkRuleViolations(facts: readonly AnchorFacts[], links: readonly ClassifiedLink[]): Violation[] {
  // An image inside a link that has no name is reported once, as the link.
  const namelessLinks = facts.filter((fact) => fact.category === 'empty').map((fact) => fact.link);
  return [...facts.flatMap(anchorViolation), ...missingAltText(links, namelessLinks)];
}

function anchorViolation({ link, category }: AnchorFacts): Violation[] {
  switch (category) {
    case 'empty':
      return [violationAt(link, 'empty-anchor-text', emptyMessage(link))];
    case 'generic':
      return [
        violationAt(
          link,
          'generic-anchor-text',
          `Anchor text \`${link.text}\` says nothing about where \`${link.url}\` leads; describe the target instead`,
        ),
      ];
    case 'naked-url':
      return [
        violationAt(link, 'naked-url', `The anchor text is the address \`${link.text}\`; say what the page is instead`),
      ];
    default:
      return [];
  }
}

function emptyMessage(link: Link): string {
  return link.imageOnly
    ? `The link to \`${link.url}\` holds only an image without alt text, so it has no name; give the image alt text that says where the link goes`
    : `The link to \`${link.url}\` has no text; screen readers can only read out its address`;
}

function missingAltText(links: readonly ClassifiedLink[], namelessLinks: readonly Link[]): Violation[] {
  return links.flatMap(({ link }) => {
    if (!imageKinds.has(link.kind) || link.text !== '') return [];
    if (namelessLinks.some((outer) => outer.file === link.file && within(link.span, outer.span))) return [];
    return [
      violationAt(
        link,
        'missing-alt-text',
        `The image \`${link.url}\` has no alt text; describe it, for readers who cannot see it`,
      ),
    ];
  });
}

function within(inner: Span, outer: Span): boolean {
  const after = (a: Span['start'], b: Span['start']): boolean =>
    a.line > b.line || (a.line === b.line && a.column >= b.column);
  return after(inner.start, outer.start) && after(outer.end, inner.end);
}
