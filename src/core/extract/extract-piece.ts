import type { Definition as MdDefinition, Html, Link as MdLink, Nodes, Parents, Root, RootContent } from 'mdast';
import type { DanglingReference, Definition, Directive, Link, Point, Span } from '../types.js';
import { anchorText, headingText, normalizeSpace, rawText } from './anchor-text.js';
import { findDanglingReferences } from './dangling-references.js';
import { findDirectivesIn } from './directives.js';
import { scanHtml, type HtmlScan } from './scan-html.js';
import { htmlPoints, type SourceMap } from './source-map.js';
import { walk } from './walk.js';

/**
 * What extracting one piece gathers: a run of a file's top-level nodes, in document order. Whatever
 * depends on the rest of the file is kept open here and settled when the pieces are put together
 * (see `assembleExtraction`): slugs are counted over every heading of the file, references wait for
 * the file's definitions, and an `<a>` block left open at the piece's end takes in what follows.
 */
export interface Fragment {
  readonly links: Entry[];
  /** Every definition in the piece, in order; the file keeps the first of each label. */
  readonly definitions: Definition[];
  /** Heading texts (Markdown and HTML) in order, to slug once the whole file's counters are known. */
  readonly headings: string[];
  readonly ids: string[];
  readonly used: Set<string>;
  /** Bracket pairs left as text; those whose label the file defines are dropped. */
  readonly dangling: DanglingReference[];
  readonly directives: Directive[];
  /** What this piece adds to an anchor left open by the pieces before it; only when one is. */
  leading: AnchorContent | undefined;
  /** An anchor of a top-level HTML block that the piece's end leaves open. */
  trailing: OpenAnchorLink | undefined;
}

/** A link as found, or one that needs the rest of the file to be known. */
export type Entry = Link | ReferenceLink | OpenAnchorLink;

/** A reference link: it becomes a link only if the file defines its label, with that definition's URL. */
export interface ReferenceLink {
  readonly entry: 'reference';
  readonly link: Link;
}

/** An `<a href>` in a top-level HTML block that no HTML block after it closes, in this piece. */
export interface OpenAnchorLink {
  readonly entry: 'open-anchor';
  readonly link: Link;
  /** What it holds, as raw text (spaces collapsed at the end), and the parts after its own piece. */
  readonly content: AnchorContent[];
}

/** Nodes an anchor holds: their raw text, how many are visible and whether all of them are images, and where the anchor ends. */
export interface AnchorContent {
  readonly text: string;
  readonly visible: number;
  readonly images: boolean;
  /** Set when an HTML block ends the anchor; `closed` is then true, with `end` where it ends. */
  readonly closed: boolean;
  readonly end: Point | undefined;
}

/** What one walk over a piece gathers. */
interface Gathered extends Fragment {
  readonly file: string;
  readonly source: SourceMap;
  readonly shortcut: boolean;
  /** Each HTML node scanned once, though an open `<a>` looks at the nodes after it. */
  readonly scans: WeakMap<Html, HtmlScan>;
  /** The piece's top-level nodes, as children of one root. */
  readonly root: Root;
}

/** Options for extraction; `shortcut` also flags undefined `[label]` shortcut references. */
export interface ExtractOptions {
  readonly shortcut: boolean;
}

/** The file a piece belongs to, with its text indexed once. */
export interface PieceContext {
  readonly file: string;
  readonly source: SourceMap;
  readonly options: ExtractOptions;
  /** Whether the file's text holds `linkvet-` at all: most files have no directive, and their pieces need no search. */
  readonly mayHoldDirectives: boolean;
}

/**
 * Extracts the links, definitions and landmarks of a run of top-level nodes of a parsed file.
 * Code, front matter and HTML comments hold nothing: they are not visited or not links.
 * @param openBefore whether an anchor is left open by the pieces before, so this one's first nodes belong to it
 */
export function extractPiece(context: PieceContext, nodes: readonly RootContent[], openBefore: boolean): Fragment {
  const root: Root = { type: 'root', children: nodes as RootContent[] };
  const gathered: Gathered = {
    file: context.file,
    source: context.source,
    shortcut: context.options.shortcut,
    scans: new WeakMap(),
    root,
    links: [],
    definitions: [],
    headings: [],
    ids: [],
    used: new Set(),
    dangling: [],
    directives: context.mayHoldDirectives ? findDirectivesIn(root, context.source) : [],
    leading: undefined,
    trailing: undefined,
  };
  if (openBefore) gathered.leading = anchorContent(gathered, root, -1);
  walk(root, (node, parent, index) => visitNode(gathered, node, parent, index));
  const { links, definitions, headings, ids, used, dangling, directives, leading, trailing } = gathered;
  return { links, definitions, headings, ids, used, dangling, directives, leading, trailing };
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
    case 'definition':
      return void gathered.definitions.push({
        file: gathered.file,
        label: node.identifier,
        url: node.url,
        span: spanOf(node),
      });
    case 'heading':
      gathered.headings.push(headingText(node));
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

/** A reference, kept whether or not its label is defined: the definition may be in another piece. */
function addReference(gathered: Gathered, node: Nodes & { identifier: string }): void {
  gathered.used.add(node.identifier);
  const isImage = node.type === 'imageReference';
  const text = isImage ? normalizeSpace(node.alt ?? '') : anchorText(node);
  const link: Link = {
    file: gathered.file,
    kind: isImage ? 'image-reference' : 'reference',
    url: '',
    text,
    span: spanOf(node),
    label: node.identifier,
    ...(isImageOnly(node) ? { imageOnly: true as const } : {}),
  };
  gathered.links.push({ entry: 'reference', link });
}

function scanOf(gathered: Gathered, node: Html): HtmlScan {
  let scan = gathered.scans.get(node);
  if (!scan) gathered.scans.set(node, (scan = scanHtml(node.value)));
  return scan;
}

function addHtml(gathered: Gathered, node: Html, parent: Parents | undefined, index: number): void {
  const scan = scanOf(gathered, node);
  for (const id of scan.ids) gathered.ids.push(id);
  for (const heading of scan.headings) gathered.headings.push(heading);
  const pointOf = htmlPoints(gathered.source, node);
  for (const found of scan.links) {
    const content = found.text === undefined && parent ? anchorContent(gathered, parent, index) : undefined;
    const link: Link = {
      file: gathered.file,
      kind: found.tag === 'a' ? 'html-anchor' : 'html-image',
      url: found.url.trim(),
      text: normalizeSpace(content?.text ?? found.text ?? ''),
      span: { start: pointOf(found.start), end: content?.end ?? pointOf(found.end) },
      ...((content ? holdsOnlyImages([content]) : found.imageOnly === true) ? { imageOnly: true as const } : {}),
    };
    if (content === undefined || content.closed || parent !== gathered.root) gathered.links.push(link);
    else gathered.links.push((gathered.trailing = { entry: 'open-anchor', link, content: [content] }));
  }
}

/** Whether what an anchor holds is images (and white space) only, like a badge. */
export function holdsOnlyImages(content: readonly AnchorContent[]): boolean {
  let visible = 0;
  for (const part of content) {
    if (!part.images) return false;
    visible += part.visible;
  }
  return visible > 0;
}

/**
 * What an inline `<a href>` holds, which remark splits into sibling nodes: up to its `</a>`, or up
 * to the next `<a>`, which ends it in HTML as well. Each sibling thus belongs to one anchor at
 * most, so a paragraph of thousands of unclosed `<a>` costs linear time. The anchor ends after
 * an `</a>`, or where the next `<a>` begins; at the end of the parent, it is not `closed`.
 */
function anchorContent(gathered: Gathered, parent: Parents, index: number): AnchorContent {
  const content: Nodes[] = [];
  let end: Point | undefined;
  let closed = false;
  for (let next = index + 1; next < parent.children.length && !closed; next++) {
    const sibling = parent.children[next] as Nodes;
    if (sibling.type === 'html') {
      const scan = scanOf(gathered, sibling);
      const place = scan.closesAnchor ? sibling.position?.end : scan.opensAnchor ? sibling.position?.start : undefined;
      closed = scan.closesAnchor || scan.opensAnchor;
      if (place && closed) end = { line: place.line, column: place.column };
    }
    if (!closed) content.push(sibling);
  }
  const visible = content.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  return { text: rawText(content), visible: visible.length, images: visible.every(isImageNode), closed, end };
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
