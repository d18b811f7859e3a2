import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { scanHtml } from './scan-html.js';

/** Collapses runs of white space, as a browser renders text. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What a link says: its text, with image alt text standing in for images, raw HTML `<img>` ones too. */
export function anchorText(node: Nodes | readonly Nodes[]): string {
  return normalizeSpace(rawText(Array.isArray(node) ? node : [node as Nodes]));
}

/** The text of `nodes` as `anchorText` reads it, before white space is collapsed: parts of one anchor join into it. */
export function rawText(nodes: readonly Nodes[]): string {
  return nodes.map(textOf).join('');
}

function textOf(node: Nodes): string {
  if (node.type === 'html') return htmlAltText(node.value);
  if ('children' in node) return node.children.map((child) => textOf(child as Nodes)).join('');
  return toString(node, { includeImageAlt: true, includeHtml: false });
}

/** The `alt` of the `<img>` tags in a piece of raw HTML, which a browser reads as the link's text. */
function htmlAltText(html: string): string {
  return scanHtml(html)
    .links.filter((link) => link.tag === 'img')
    .map((link) => link.text ?? '')
    .join('');
}

/** A heading's text as GitHub slugs it: inline code and link text count, HTML tags and images do not. */
export function headingText(node: Nodes): string {
  return toString(node, { includeImageAlt: false, includeHtml: false });
}
