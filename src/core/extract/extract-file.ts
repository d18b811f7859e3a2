import GithubSlugger from 'github-slugger';
import type { Definition as MdDefinition, Html, Link as MdLink, Nodes, Parents, Root } from 'mdast';
import type { DanglingReference, Definition, ExtractedFile, Link, Point, Span } from '../types.js';
import { anchorText, headingText, normalizeSpace } from './anchor-text.js';
import { findDanglingReferences } from './dangling-references.js';
import { findDirectives } from './directives.js';
import { scanHtml, type HtmlScan } from './scan-html.js';
import { createSourceMap, htmlPoints, type SourceMap } from './source-map.js';
import { walk } from './walk.js';

/** What one walk over a tree gathers. */
interface Gathered {
  readonly file: string;
  readonly source: SourceMap;
  readonly definitions: ReadonlyMap<string, Definition>;
  readonly slugger: GithubSlugger;
  readonly links: Link[];
  readonly slugs: string[];
  readonly aliases: string[];
  readonly ids: string[];
  readonly used: Set<string>;
  readonly dangling: DanglingReference[];
  readonly shortcut: boolean;
  /** Each HTML node scanned once, though an open `<a>` looks at the nodes after it. */
  readonly scans: WeakMap<Html, HtmlScan>;
}

/** Options for extraction; `shortcut` also flags undefined `[label]` shortcut references. */
export interface ExtractOptions {
  readonly shortcut: boolean;
}

/**
 * Extracts the links, definitions and landmarks (heading slugs, HTML ids) of one parsed file.
 * Code, front matter and HTML comments hold nothing: they are not visited or not links.
 */
export function extractFile(file: string, tree: Root, text: string, options: ExtractOptions): ExtractedFile {
  const source = createSourceMap(text);
  const definitions = collectDefinitions(file, tree);
  const gathered: Gathered = {
    file,
    source,
    definitions,
    slugger: new GithubSlugger(),
    links: [],
    slugs: [],
    aliases: [],
    ids: [],
    used: new Set(),
    dangling: [],
    shortcut: options.shortcut,
    scans: new WeakMap(),
  };
  walk(tree, (node, parent, index) => visitNode(gathered, node, parent, index));
  const onGithub = <T extends { readonly span: Span }>(item: T): T => ({
    ...item,
    span: githubSpan(source, item.span),
  });
  const all = [...definitions.values()].map(onGithub);
  return {
    file,
    links: gathered.links.map(onGithub),
    definitions: all,
    unusedDefinitions: all.filter((definition) => !gathered.used.has(definition.label)),
    danglingReferences: gathered.dangling.map(onGithub),
    landmarks: {
      slugs: gathered.slugs,
      aliases: gathered.aliases,
      ids: gathered.ids,
      lineCount: source.githubLineCount,
    },
    directives: findDirectives(tree, text),
  };
}

/** A span found in the parser's lines, as GitHub numbers them (see `SourceMap`). */
function githubSpan(source: SourceMap, span: Span): Span {
  return { start: source.githubPoint(span.start), end: source.githubPoint(span.end) };
}

function collectDefinitions(file: string, tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  walk(tree, (node) => {
    if (node.type !== 'definition' || definitions.has(node.identifier)) return;
    definitions.set(node.identifier, { file, label: node.identifier, url: node.url, span: spanOf(node) });
  });
  return definitions;
}

function visitNode(gathered: Gathered, node: Nodes, parent: Parents | undefined, index: number): void {
  switch (node.type) {
    case 'link':
      if (node.position === undefined) return addLiteralWithoutPosition(gathered, node, parent, index);
      return addLink(gathered, node, linkKind(gathered.source, node), node.url, anchorText(node.children));
    case 'image':
      return addLink(gathered, node, 'image', node.url, normalizeSpace(node.alt ?? ''));
    case 'linkReference':
    case 'imageReference':
      return addReference(gathered, node);
    case 'heading':
      addSlug(gathered, headingText(node));
      return addDangling(gathered, node);
    case 'paragraph':
    case 'tableCell':
      return addDangling(gathered, node);
    case 'html':
      return addHtml(gathered, node, parent, index);
    default:
      return;
  }
}

/**
 * GitHub trims a heading's text, then slugs it (github-slugger: lower case, punctuation and emoji
 * dropped, each space a hyphen, `-1`, `-2` for repeats). Whether a hyphen left at the end by a
 * dropped emoji survives is unclear, so both spellings are accepted.
 */
function addSlug(gathered: Gathered, text: string): void {
  const slug = gathered.slugger.slug(text.trim());
  gathered.slugs.push(slug);
  const trimmed = slug.replace(/^-+|-+$/g, '');
  if (trimmed !== slug && trimmed !== '') gathered.aliases.push(trimmed);
}

/**
 * remark-gfm finds some literal autolinks (after brackets, say) in a second pass that leaves the
 * node without a position; its text is found in the source after the nearest placed sibling.
 */
function addLiteralWithoutPosition(gathered: Gathered, node: MdLink, parent: Parents | undefined, index: number): void {
  const literal = anchorText(node.children);
  const from = placedOffsetBefore(parent, index);
  const at = from === undefined ? -1 : findLiteral(gathered.source.text, literal, from);
  // Written differently (with escapes, say): the whole paragraph is the best place known.
  const span =
    at === -1 && parent
      ? spanOf(parent)
      : {
          start: gathered.source.pointAt(Math.max(0, at)),
          end: gathered.source.pointAt(Math.max(0, at) + literal.length),
        };
  gathered.links.push({ file: gathered.file, kind: 'literal', url: node.url, text: literal, span });
}

/** Where `literal` starts from `from`; the parser turned NUL into U+FFFD, so it is looked for that way too. */
function findLiteral(text: string, literal: string, from: number): number {
  const at = text.indexOf(literal, from);
  return at !== -1 || !literal.includes('\uFFFD') ? at : text.replaceAll('\0', '\uFFFD').indexOf(literal, from);
}

/** The end offset of the nearest earlier sibling that has a position, or else the parent's start. */
function placedOffsetBefore(parent: Parents | undefined, index: number): number | undefined {
  for (let sibling = index - 1; sibling >= 0; sibling--) {
    const end = parent?.children[sibling]?.position?.end.offset;
    if (end !== undefined) return end;
  }
  return parent?.position?.start.offset;
}

function linkKind(source: SourceMap, node: Nodes): Link['kind'] {
  const first = source.text[node.position?.start.offset ?? 0];
  return first === '[' ? 'inline' : first === '<' ? 'autolink' : 'literal';
}

function addLink(gathered: Gathered, node: Nodes, kind: Link['kind'], url: string, text: string): void {
  const link: Link = { file: gathered.file, kind, url, text, span: spanOf(node) };
  gathered.links.push(isImageOnly(node) ? { ...link, imageOnly: true } : link);
}

/** A link or reference whose content is images and white space only, like a badge. */
function isImageOnly(node: Nodes): boolean {
  if (node.type !== 'link' && node.type !== 'linkReference') return false;
  const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return content.length > 0 && content.every(isImageNode);
}

/** An image in Markdown, or a raw `<img>` tag among a link's children. */
function isImageNode(node: Nodes): boolean {
  return (
    node.type === 'image' ||
    node.type === 'imageReference' ||
    (node.type === 'html' && /^<img\b[^>]*>$/i.test(node.value.trim()))
  );
}

function addReference(gathered: Gathered, node: Nodes & { identifier: string }): void {
  gathered.used.add(node.identifier);
  const definition = gathered.definitions.get(node.identifier);
  if (!definition) return;
  const isImage = node.type === 'imageReference';
  const text = isImage ? normalizeSpace(node.alt ?? '') : anchorText(node);
  gathered.links.push({
    file: gathered.file,
    kind: isImage ? 'image-reference' : 'reference',
    url: definition.url,
    text,
    span: spanOf(node),
    label: node.identifier,
    ...(isImageOnly(node) ? { imageOnly: true as const } : {}),
  });
}

function scanOf(gathered: Gathered, node: Html): HtmlScan {
  let scan = gathered.scans.get(node);
  if (!scan) gathered.scans.set(node, (scan = scanHtml(node.value)));
  return scan;
}

function addHtml(gathered: Gathered, node: Html, parent: Parents | undefined, index: number): void {
  const scan = scanOf(gathered, node);
  for (const id of scan.ids) gathered.ids.push(id);
  for (const heading of scan.headings) addSlug(gathered, heading);
  const pointOf = htmlPoints(gathered.source, node);
  for (const link of scan.links) {
    const continued = link.text === undefined && parent ? contentUntilAnchorEnds(gathered, parent, index) : undefined;
    const start = pointOf(link.start);
    const end = continued?.end ?? pointOf(link.end);
    const imageOnly = continued ? continued.imageOnly : link.imageOnly === true;
    gathered.links.push({
      file: gathered.file,
      kind: link.tag === 'a' ? 'html-anchor' : 'html-image',
      url: link.url.trim(),
      text: normalizeSpace(continued?.text ?? link.text ?? ''),
      span: { start, end },
      ...(imageOnly ? { imageOnly: true as const } : {}),
    });
  }
}

/**
 * What an inline `<a href>` holds, which remark splits into sibling nodes: up to its `</a>`, or up
 * to the next `<a>`, which ends it in HTML as well. Each sibling thus belongs to one anchor at
 * most, so a paragraph of thousands of unclosed `<a>` costs linear time. The anchor ends after
 * an `</a>`, or where the next `<a>` begins.
 */
function contentUntilAnchorEnds(
  gathered: Gathered,
  parent: Parents,
  index: number,
): { text: string; imageOnly: boolean; end?: Point } {
  const content: Nodes[] = [];
  let end: Point | undefined;
  for (let next = index + 1; next < parent.children.length; next++) {
    const sibling = parent.children[next] as Nodes;
    if (sibling.type === 'html') {
      const scan = scanOf(gathered, sibling);
      const place = scan.closesAnchor ? sibling.position?.end : scan.opensAnchor ? sibling.position?.start : undefined;
      if (scan.closesAnchor || scan.opensAnchor) {
        if (place) end = { line: place.line, column: place.column };
        break;
      }
    }
    content.push(sibling);
  }
  const visible = content.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return {
    text: anchorText(content),
    imageOnly: visible.length > 0 && visible.every(isImageNode),
    ...(end ? { end } : {}),
  };
}

/**
 * Finds undefined references in a paragraph, heading or table cell. remark leaves them as text,
 * possibly split by emphasis or code, so the whole container is scanned with every `[`, `]` and `\`
 * that is not text (code, HTML, link syntax) blanked out.
 */
function addDangling(gathered: Gathered, node: Parents): void {
  const offset = node.position?.start.offset;
  const endOffset = node.position?.end.offset;
  if (offset === undefined || endOffset === undefined) return;
  // Bounded to the node: an unbounded search would run to the end of the file for every paragraph.
  if (!gathered.source.text.slice(offset, endOffset).includes('[')) return;
  const raw = bracketsOfText(gathered.source.text, node, offset, endOffset);
  for (const found of findDanglingReferences(raw, gathered.shortcut)) {
    if (gathered.definitions.has(found.label)) continue;
    const at = (delta: number): Point => gathered.source.pointAt(offset + delta);
    gathered.dangling.push({
      file: gathered.file,
      label: found.label,
      text: normalizeSpace(found.text),
      referenceType: found.referenceType,
      span: { start: at(found.start), end: at(found.end) },
    });
  }
}

/** The source from `start` to `end`, keeping brackets and backslashes only where `node` has text nodes. */
function bracketsOfText(text: string, node: Parents, start: number, end: number): string {
  const blank = (from: number, to: number): string => text.slice(from, to).replace(/[[\]\\]/g, ' ');
  let masked = '';
  let at = start;
  walk(node, (child) => {
    const from = child.position?.start.offset;
    const to = child.position?.end.offset;
    if (child.type !== 'text' || from === undefined || to === undefined || from < at) return;
    masked += blank(at, from) + text.slice(from, to);
    at = to;
  });
  return masked + blank(at, end);
}

function spanOf(node: Nodes | MdDefinition): Span {
  const position = node.position;
  return {
    start: { line: position?.start.line ?? 1, column: position?.start.column ?? 1 },
    end: { line: position?.end.line ?? 1, column: position?.end.column ?? 1 },
  };
}
