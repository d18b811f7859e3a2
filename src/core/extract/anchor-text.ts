import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Collapses runs of white space, as a browser renders text. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What a link says: its text, with image alt text standing in for images. */
export function anchorText(node: Nodes | readonly Nodes[]): string {
  return normalizeSpace(toString(node, { includeImageAlt: true, includeHtml: false }));
}

/** A heading's text as GitHub slugs it: inline code and link text count, HTML tags and images do not. */
export function headingText(node: Nodes): string {
  return toString(node, { includeImageAlt: false, includeHtml: false });
}
