import type { List, Nodes, Parents, Root, RootContent, Table } from 'mdast';
import {
  answeredOtherwise,
  fileLabels,
  labelHash,
  ownLabels,
  parseWithLabels,
  type LabelBook,
  type Lookups,
} from './label-book.js';

/**
 * How a chunk's first node meets the last node before it: as a new top-level block, as more
 * items of the same top-level list, or as more body rows of the same top-level table.
 */
type Join = 'block' | 'list-items' | 'table-rows';

/**
 * A run of the file parsed on its own, as remembered once its nodes are handed on: where it is,
 * how it was parsed, and what its label lookups need from the rest of the file.
 */
interface Piece {
  /** Offsets of the piece in the file, and its first line (1-based). */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** A table's header and delimiter lines, parsed before a piece that continues the table. */
  readonly prefix: string;
  readonly join: Join;
  /** The first node is the unclosed front matter fence parsed before the piece (see `unclosedFrontMatter`). */
  readonly fenced: boolean;
  /** Whether the first node goes on with the last node of the piece before (a list's items, a table's rows). */
  readonly continues: boolean;
  readonly definitions: Lookups;
  readonly footnotes: Lookups;
  /** Set when the piece was parsed again with the whole file's definitions. */
  parsedAgain?: true;
}

/**
 * A piece's top-level nodes, placed in the file, as they go into the whole tree: put one after
 * the other they make it, except that a `continues` piece's first node (a list or a table, its
 * header row dropped) holds more children of the node before it.
 */
export interface ParsedPiece {
  readonly index: number;
  readonly nodes: readonly RootContent[];
  readonly continues: boolean;
}

/** The identifiers of the file's definitions and footnote definitions, gathered piece by piece. */
interface FileLabels {
  readonly definitions: Set<string>;
  readonly footnotes: Set<string>;
}

/** Where a window's parse may be cut: at `index` in the parsed text, starting a new piece. */
interface Cut {
  readonly index: number;
  /** The window's top-level nodes before the cut, the last one possibly shortened. */
  readonly before: RootContent[];
  readonly line: number;
  readonly join: Join;
  readonly prefix: string;
}

/** What one window parse sees: its text, where the file's text starts in it, and offsets as micromark counts them. */
interface Window {
  readonly source: string;
  readonly tree: Root;
  /** Characters micromark did not count at the start (a byte order mark). */
  readonly skipped: number;
  /** The first index a cut may take, and the index of the last whole line (a cut needs a line after it). */
  readonly firstCut: number;
  readonly lastLine: number;
}

/**
 * Parses a big file in pieces of about `size` characters with the result of one whole parse.
 *
 * Where to cut is decided by the parser itself: a window is parsed alone, and it is cut only
 * before a line that, in that parse, starts a new top-level block, a new item of a top-level
 * list, or a body row of a top-level table. The window starts where the previous cut was, so
 * its parse up to the cut is the file's parse there: CommonMark decides block structure line
 * by line from the blocks open before the line, and at such a line every block before it is
 * closed (a list or table goes on, and is rejoined; a table's header is parsed again before its
 * rows). Block structure never depends on which labels are defined, so each piece first
 * parses with its own definitions; a piece is parsed again, with the file's definitions, only
 * when one of its label lookups got a different answer than the whole file gives. Each piece
 * is parsed at most twice, so the work stays linear, and no line is guessed at by a scanner.
 */
export function parseInChunks(text: string, size: number, onPiece: (piece: ParsedPiece) => void): void {
  const labels: FileLabels = { definitions: new Set(), footnotes: new Set() };
  const pieces = splitAndParse(text, Math.max(1, size), labels, onPiece);
  reparseWithFileLabels(text, pieces, labels, onPiece);
}

/**
 * Parses the file window by window and hands each piece's nodes on as soon as it is cut, keeping
 * only what a second parse of the piece needs: the nodes of a big file are never all held.
 */
function splitAndParse(text: string, size: number, labels: FileLabels, onPiece: (piece: ParsedPiece) => void): Piece[] {
  const pieces: Piece[] = [];
  let lastType: string | undefined;
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const frontMatter = frontMatterEnd(text, bom);
  const fence = frontMatter === 0 ? unclosedFrontMatter(text, bom) : '';
  let next = { start: 0, line: 1, prefix: '', join: 'block' as Join };
  let span = Math.max(size, frontMatter);
  for (;;) {
    const { start, prefix } = next;
    const end = lineEndAfter(text, start + span);
    const book = ownLabels();
    const window = parseWindow(text, next, end, book, start === 0 ? Math.max(bom, frontMatter) : 0);
    const cut = end === text.length ? undefined : lastCut(window);
    if (end === text.length || cut !== undefined) {
      const nodes = cut?.before ?? window.tree.children;
      const place = placeOf(next, window.skipped, bom);
      for (const node of nodes) shiftPositions(node, place);
      const pieceEnd = cut === undefined ? end : start + cut.index - prefix.length;
      const fenced = start > 0 && fence !== '';
      const piece = remembered({ ...next, end: pieceEnd, fenced }, nodes, book, labels, lastType);
      pieces.push(piece);
      const handed = handedOn(piece, nodes);
      lastType = handed.at(-1)?.type ?? lastType;
      onPiece({ index: pieces.length - 1, nodes: handed, continues: piece.continues });
      if (cut === undefined) return pieces;
      next = { start: pieceEnd, line: place.line + cut.line - 1, prefix: fence + cut.prefix, join: cut.join };
      span = size;
    } else {
      // No safe cut in this window (one huge block): look further, in a window twice as long.
      span *= 2;
    }
  }
}

/** Parses the text from `from.start` to `end`, after the table header the piece continues, if any. */
function parseWindow(
  text: string,
  from: { start: number; prefix: string },
  end: number,
  book: LabelBook,
  reserved: number,
): Window {
  const source = from.prefix + text.slice(from.start, end);
  const tree = parseWithLabels(source, book);
  const skipped = from.start === 0 && source.startsWith('\uFEFF') ? 1 : 0;
  return {
    source,
    tree,
    skipped,
    firstCut: Math.max(from.prefix.length + 1, reserved + 1),
    lastLine: lastLineStart(source),
  };
}

/** Where a window's positions go in the file: added to offsets and lines. */
interface Place {
  readonly offset: number;
  readonly line: number;
}

/**
 * micromark drops a leading byte order mark from its offsets, so in a file that starts with one
 * every offset is one less than the string index; the pieces keep that, as a whole parse would.
 */
function placeOf(piece: { start: number; line: number; prefix: string }, skipped: number, bom: number): Place {
  const prefixLines = lineCount(piece.prefix);
  return { offset: piece.start - piece.prefix.length + skipped - bom, line: piece.line - prefixLines };
}

/** The last place in the window where it may be cut, searching from the end. */
function lastCut(window: Window): Cut | undefined {
  const children = window.tree.children;
  for (let index = children.length - 1; index >= 0; index--) {
    const child = children[index];
    if (child === undefined) continue;
    const inner = child.type === 'list' ? itemCut(window, children, index, child) : undefined;
    const rows = child.type === 'table' ? rowCut(window, children, index, child) : undefined;
    const found = inner ?? rows ?? blockCut(window, children, index);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Before a top-level block. */
function blockCut(window: Window, children: RootContent[], index: number): Cut | undefined {
  const child = children[index];
  const at = child && lineStartOf(window, child);
  if (child === undefined || at === undefined || index === 0) return undefined;
  if (startsOnlyWhenNothingIsOpen(lineFrom(window.source, at))) return undefined;
  // After a definition, micromark may still hold the lines as one block of content, which a
  // line beyond the window can reinterpret: cut only before another definition, and not where
  // a title could start (it may run past the window).
  if (
    children[index - 1]?.type === 'definition' &&
    (child.type !== 'definition' || /^[ \t]*["'(]/.test(window.source.slice(at, at + 8)))
  ) {
    return undefined;
  }
  return {
    index: at,
    before: children.slice(0, index),
    line: child.position?.start.line ?? 1,
    join: 'block',
    prefix: '',
  };
}

/**
 * Lines whose block depends on whether a block was still open before them. micromark reads a
 * line as "interrupting" whenever a block (even indented code, or a paragraph in a list item that
 * the line ends) is open, and some blocks may not start then: a list item with nothing on its
 * first line, an ordered item not starting with 1, indented code, an HTML block of type 7, a
 * footnote definition. A piece starts with nothing open, so it must not start with such a line.
 */
function startsOnlyWhenNothingIsOpen(line: string): boolean {
  if (/^(?: {4}| {0,3}\t)/.test(line)) return true;
  if (/^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]*$/.test(line)) return true;
  if (/^ {0,3}\d{1,9}[.)]/.test(line) && !/^ {0,3}1[.)]/.test(line)) return true;
  if (/^ {0,3}\[\^/.test(line)) return true;
  return /^ {0,3}</.test(line) && !htmlBlockThatInterrupts.test(line);
}

/** HTML blocks of types 1 to 6, which may start while a paragraph is open. */
const htmlBlockThatInterrupts = new RegExp(
  '^ {0,3}<(?:!--|\\?|![A-Za-z]|!\\[CDATA\\[|(?:script|pre|style|textarea)(?:[ \\t>]|$)|/?(?:' +
    'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
    'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
    'menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|' +
    'track|ul)(?:[ \\t>]|/>|$))',
  'i',
);

/** Before an item (not the first) of a top-level list. */
function itemCut(window: Window, children: RootContent[], index: number, list: List): Cut | undefined {
  for (let item = list.children.length - 1; item >= 1; item--) {
    const node = list.children[item];
    const at = node && lineStartOf(window, node);
    if (node === undefined || at === undefined) continue;
    const shortened: List = { ...list, children: list.children.slice(0, item), position: spanTo(list, item - 1) };
    const before = [...children.slice(0, index), shortened];
    return { index: at, before, line: node.position?.start.line ?? 1, join: 'list-items', prefix: '' };
  }
  return undefined;
}

/** Before a body row (not the first) of a top-level table; the piece after it parses the header first. */
function rowCut(window: Window, children: RootContent[], index: number, table: Table): Cut | undefined {
  const firstBody = table.children[1];
  const tableStart = lineStartOf(window, table, true);
  const bodyStart = firstBody && lineStartOf(window, firstBody, true);
  if (tableStart === undefined || bodyStart === undefined) return undefined;
  for (let row = table.children.length - 1; row >= 2; row--) {
    const node = table.children[row];
    const at = node && lineStartOf(window, node);
    if (node === undefined || at === undefined) continue;
    const shortened: Table = { ...table, children: table.children.slice(0, row), position: spanTo(table, row - 1) };
    const before = [...children.slice(0, index), shortened];
    const prefix = window.source.slice(tableStart, bodyStart);
    return { index: at, before, line: node.position?.start.line ?? 1, join: 'table-rows', prefix };
  }
  return undefined;
}

/** The node's position ending where its child `last` ends. */
function spanTo(node: Parents, last: number): Nodes['position'] {
  const start = node.position?.start;
  const end = node.children[last]?.position?.end;
  return start && end ? { start, end } : node.position;
}

/**
 * The index in the window's text of the start of the line where `node` starts, when only
 * indentation comes before it on that line and the line may start a piece: not the first line
 * allowed, and not one a parse alone would read differently at the start of a text (front
 * matter fences, a byte order mark). `anywhere` drops the range and start checks.
 */
function lineStartOf(window: Window, node: Nodes, anywhere = false): number | undefined {
  const offset = node.position?.start.offset;
  if (offset === undefined) return undefined;
  const source = window.source;
  let at = offset + window.skipped;
  while (at > 0 && (source[at - 1] === ' ' || source[at - 1] === '\t')) at--;
  if (at > 0 && source[at - 1] !== '\n' && source[at - 1] !== '\r') return undefined;
  if (anywhere) return at;
  if (at < window.firstCut || at >= window.lastLine) return undefined;
  if (source.startsWith('---', at) || source.startsWith('+++', at) || source[at] === '\uFEFF') return undefined;
  return at;
}

/** The line starting at `index`, without its line ending. */
function lineFrom(source: string, index: number): string {
  lineEnding.lastIndex = index;
  const ending = lineEnding.exec(source);
  return source.slice(index, ending === null ? undefined : ending.index);
}

/** The end of the line holding `index` (after its line ending), or the end of the text. */
function lineEndAfter(text: string, index: number): number {
  if (index >= text.length) return text.length;
  lineEnding.lastIndex = index;
  const ending = lineEnding.exec(text);
  if (ending === null) return text.length;
  // A CR at `index` may be the first half of a CRLF that ends the line.
  return ending.index + ending[0].length;
}

/** Where the last line of `source` starts (the text ends with a line ending unless it is the file's end). */
function lastLineStart(source: string): number {
  let end = source.length;
  if (source.endsWith('\r\n')) end -= 2;
  else if (source.endsWith('\n') || source.endsWith('\r')) end -= 1;
  const lf = source.lastIndexOf('\n', end - 1);
  const cr = source.lastIndexOf('\r', end - 1);
  return Math.max(lf, cr) + 1;
}

/** Line endings as micromark counts them: CRLF, CR and LF each end a line. */
function lineCount(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

const lineEnding = /\r\n|\r|\n/g;

/**
 * The end of YAML (`---`) or TOML (`+++`) front matter, as remark-frontmatter reads it: the
 * first line of the file is the fence alone (spaces after it allowed), and the first later line
 * that is the same fence closes it. 0 when there is none. The first piece must hold all of it.
 */
function frontMatterEnd(text: string, bom: number): number {
  const open = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(bom, bom + 64));
  if (open?.[1] === undefined) return 0;
  const close = new RegExp(
    `(?:\\r\\n|\\r|\\n)${open[1] === '---' ? '---' : '\\+\\+\\+'}[ \\t]*(?=\\r\\n|\\r|\\n|$)`,
    'g',
  );
  close.lastIndex = bom + open[0].length - 1;
  const match = close.exec(text);
  return match === null ? 0 : lineEndAfter(text, match.index + match[0].length);
}

/**
 * A file that opens front matter on its first line and never closes it is parsed by micromark
 * with that fence open to the end: the attempt is "concrete", so no line after it opens a block
 * quote or list item, and only when the end is reached does the fence become a thematic break
 * (or a paragraph). Pieces after the first are parsed after the same fence and a blank line,
 * which puts them in the same state; the node the fence becomes is dropped.
 */
function unclosedFrontMatter(text: string, bom: number): string {
  const open = /^(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/.exec(text.slice(bom, bom + 64));
  return open?.[1] === undefined ? '' : `${open[1]}\n\n`;
}

/** What is kept of a piece once its nodes are handed on; its definitions go into the file's labels. */
function remembered(
  place: Pick<Piece, 'start' | 'end' | 'line' | 'prefix' | 'join' | 'fenced'>,
  nodes: readonly RootContent[],
  book: LabelBook,
  labels: FileLabels,
  lastType: string | undefined,
): Piece {
  const own: FileLabels = { definitions: new Set(), footnotes: new Set() };
  for (const node of nodes) collectIdentifiers(node, own.definitions, own.footnotes);
  for (const identifier of own.definitions) labels.definitions.add(identifier);
  for (const identifier of own.footnotes) labels.footnotes.add(identifier);
  const first = nodes[place.fenced ? 1 : 0]?.type;
  const continues =
    (place.join === 'list-items' && lastType === 'list' && first === 'list') ||
    (place.join === 'table-rows' && lastType === 'table' && first === 'table');
  return {
    ...place,
    continues,
    definitions: book.definitions.lookups(own.definitions),
    footnotes: book.footnotes.lookups(own.footnotes),
  };
}

/** A piece's nodes as they go into the whole tree: without the front matter fence parsed before it, or a continued table's header row. */
function handedOn(piece: Piece, nodes: readonly RootContent[]): RootContent[] {
  const handed = nodes.slice(piece.fenced ? 1 : 0);
  const first = handed[0];
  if (piece.continues && piece.join === 'table-rows' && first?.type === 'table') {
    handed[0] = { ...first, children: first.children.slice(1) };
  }
  return handed;
}

/** Parses again, with the whole file's definitions, the pieces whose lookups were answered otherwise, and hands them on again. */
function reparseWithFileLabels(
  text: string,
  pieces: Piece[],
  labels: FileLabels,
  onPiece: (piece: ParsedPiece) => void,
): void {
  const definitions = hashes(labels.definitions);
  const footnotes = hashes(labels.footnotes);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  for (const [index, piece] of pieces.entries()) {
    const again =
      answeredOtherwise(piece.definitions, labels.definitions, definitions) ||
      answeredOtherwise(piece.footnotes, labels.footnotes, footnotes);
    if (!again) continue;
    const source = piece.prefix + text.slice(piece.start, piece.end);
    const tree = parseWithLabels(source, fileLabels(labels.definitions, labels.footnotes));
    const skipped = piece.start === 0 && source.startsWith('\uFEFF') ? 1 : 0;
    const place = placeOf(piece, skipped, bom);
    for (const node of tree.children) shiftPositions(node, place);
    piece.parsedAgain = true;
    onPiece({ index, nodes: handedOn(piece, tree.children), continues: piece.continues });
  }
}

function hashes(identifiers: ReadonlySet<string>): Set<number> {
  const hashed = new Set<number>();
  for (const identifier of identifiers) hashed.add(labelHash(identifier));
  return hashed;
}

/** The identifiers of definitions and footnote definitions under `node`, as mdast writes them. */
function collectIdentifiers(node: Nodes, definitions: Set<string>, footnotes: Set<string>): void {
  const stack: Nodes[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (current.type === 'definition') definitions.add(current.identifier);
    else if (current.type === 'footnoteDefinition') footnotes.add(current.identifier);
    if ('children' in current) for (const child of current.children as Nodes[]) stack.push(child);
  }
}

/** Pieces put together into one tree: a list or table a cut went through becomes one node again. */
export function joinPieces(pieces: readonly ParsedPiece[]): Root {
  const children: RootContent[] = [];
  for (const piece of pieces) {
    const last = children.at(-1);
    const first = piece.nodes[0];
    let from = 0;
    if (piece.continues && last?.type === 'list' && first?.type === 'list') {
      append(last, first.children);
      last.spread = (last.spread ?? false) || (first.spread ?? false);
      from = 1;
    } else if (piece.continues && last?.type === 'table' && first?.type === 'table') {
      append(last, first.children);
      from = 1;
    }
    for (let index = from; index < piece.nodes.length; index++) children.push(piece.nodes[index] as RootContent);
  }
  const end = children.at(-1)?.position?.end ?? { line: 1, column: 1, offset: 0 };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/** Appends `more` to a node's children, one by one: they may be many. */
function append<T extends Parents>(node: T, more: readonly T['children'][number][]): void {
  const children = node.children as T['children'][number][];
  for (const child of more) children.push(child);
  const end = children.at(-1)?.position?.end;
  if (node.position && end) node.position = { start: node.position.start, end };
}

/** Moves a window's positions to where the window sits in the file; columns stay, as windows start on a line. */
function shiftPositions(node: Nodes, place: Place): void {
  const stack: Nodes[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    const position = current.position;
    if (position) {
      position.start = shift(position.start, place);
      position.end = shift(position.end, place);
    }
    if ('children' in current) for (const child of current.children as Nodes[]) stack.push(child);
  }
}

function shift(point: { line: number; column: number; offset?: number | undefined }, place: Place) {
  return { line: point.line + place.line - 1, column: point.column, offset: (point.offset ?? 0) + place.offset };
}

/** Where the pieces of a parse in chunks of `size` start, how each joins the one before, and which were parsed again: for tests. */
export function chunkStarts(
  text: string,
  size: number,
): readonly { offset: number; line: number; join: Join; parsedAgain: boolean }[] {
  const labels: FileLabels = { definitions: new Set(), footnotes: new Set() };
  const pieces = splitAndParse(text, Math.max(1, size), labels, () => undefined);
  reparseWithFileLabels(text, pieces, labels, () => undefined);
  return pieces.map((piece) => ({
    offset: piece.start,
    line: piece.line,
    join: piece.join,
    parsedAgain: piece.parsedAgain === true,
  }));
}
