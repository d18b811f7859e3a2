/** A run of whole lines that parses the same alone as inside its file. */
export interface Chunk {
  readonly text: string;
  /** Offset of the chunk's first character in the file. */
  readonly offset: number;
  /** 1-based line of the chunk's first line in the file. */
  readonly line: number;
  /** False when the file ends inside a fence or HTML block that this chunk opened. */
  readonly closed: boolean;
}

/** A `[label]: url` definition found by scanning lines, and the chunk that holds it. */
export interface ScannedDefinition {
  readonly label: string;
  readonly url: string;
  readonly chunk: number;
}

/** What a line-level scan of a file finds: where it can be cut, and its definitions. */
export interface BlockScan {
  readonly chunks: readonly Chunk[];
  readonly definitions: readonly ScannedDefinition[];
}

/**
 * An open construct whose lines must stay together: a code fence, an HTML block of CommonMark
 * types 1–5 (closed by a marker), or of types 6–7 (closed by a blank line).
 */
type Open =
  | { readonly kind: 'fence'; readonly marker: string; readonly length: number }
  | { readonly kind: 'html'; readonly end: RegExp };

/** Types 6 and 7 open on any tag; matching more lines than CommonMark does only means fewer cuts, never a wrong one. */
const htmlUntilBlank = /^ {0,3}<\/?[A-Za-z]/;
const blankLine = /^[ \t]*$/;

const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const atxHeading = /^#{1,6}(?:[ \t]|\r?$)/;
/**
 * A definition, possibly inside block quotes or list items, which hold definitions too. Spaces
 * before each marker belong to that marker alone: two quantifiers sharing them backtrack exponentially.
 */
const definitionLine = /^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)]))* {0,3}\[((?:[^[\]\\]|\\.)+)\]:[ \t]*(.*)$/;
const htmlBlockStarts: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * Cuts a file into chunks of about `targetSize` characters, only before an ATX heading at the
 * start of a line outside front matter, code fences and HTML blocks: such a heading closes every
 * open container, so each chunk parses exactly as it would inside the whole file.
 */
export function splitAtHeadings(text: string, targetSize: number): BlockScan {
  const chunks: Chunk[] = [];
  const definitions: ScannedDefinition[] = [];
  let open: Open | undefined;
  let chunkStart = 0;
  let chunkLine = 1;
  let line = 1;
  // micromark drops a leading byte order mark, so a fence or front matter may follow it.
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  let start = bom + frontMatterEnd(text.slice(bom), (lines) => (line += lines));
  while (start < text.length) {
    const { content, end } = lineAt(text, start);
    if (open === undefined && start - chunkStart >= targetSize && atxHeading.test(content)) {
      chunks.push({ text: text.slice(chunkStart, start), offset: chunkStart, line: chunkLine, closed: true });
      chunkStart = start;
      chunkLine = line;
    }
    if (open === undefined) {
      open = opening(content);
      const definition = open === undefined ? definitionLine.exec(content) : null;
      // `[^label]:` is a GFM footnote, not a definition: borrowed, it would swallow the lines after it.
      if (definition && !definition[1]?.startsWith('^'))
        definitions.push(scanDefinition(definition, text, end, chunks.length));
    } else if (closes(open, content)) {
      open = undefined;
    }
    start = end;
    line++;
  }
  chunks.push({ text: text.slice(chunkStart), offset: chunkStart, line: chunkLine, closed: open === undefined });
  return { chunks, definitions };
}

/** Skips YAML (`---`) or TOML (`+++`) front matter, which only the first chunk may hold. */
function frontMatterEnd(text: string, countLines: (lines: number) => void): number {
  const fence = /^(---|\+\+\+)\r?\n/.exec(text)?.[1];
  if (fence === undefined) return 0;
  const close = new RegExp(`\\n${fence === '---' ? '(?:---|\\.\\.\\.)' : '\\+\\+\\+'}[ \\t]*(?:\\r?\\n|$)`, 'g');
  close.lastIndex = 0;
  const match = close.exec(text);
  if (!match) return 0;
  const end = match.index + match[0].length;
  countLines(text.slice(0, end).match(/\r\n|\r|\n/g)?.length ?? 0);
  return end;
}

/**
 * The line starting at `start`, without its ending, and where the next line starts. A lone CR
 * ends a line for remark, so it does here too: otherwise line numbers and fences would drift.
 */
function lineAt(text: string, start: number): { content: string; end: number } {
  lineEnding.lastIndex = start;
  const ending = lineEnding.exec(text);
  if (ending === null) return { content: text.slice(start), end: text.length };
  return { content: text.slice(start, ending.index), end: ending.index + ending[0].length };
}

const lineEnding = /\r\n|\r|\n/g;

function opening(content: string): Open | undefined {
  const fence = fenceOpen.exec(content);
  if (fence?.[1] !== undefined && !(fence[1].startsWith('`') && (fence[2] ?? '').includes('`'))) {
    return { kind: 'fence', marker: fence[1].charAt(0), length: fence[1].length };
  }
  const html = htmlBlockStarts.find(([startPattern]) => startPattern.test(content));
  if (html === undefined) return htmlUntilBlank.test(content) ? { kind: 'html', end: blankLine } : undefined;
  if (html[1].test(content.replace(html[0], ''))) return undefined;
  return { kind: 'html', end: html[1] };
}

function closes(open: Open, content: string): boolean {
  if (open.kind === 'html') return open.end.test(content);
  const fence = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(content)?.[1];
  return fence !== undefined && fence.charAt(0) === open.marker && fence.length >= open.length;
}

/** The label and destination of a definition; the destination may sit on the next line. */
function scanDefinition(match: RegExpExecArray, text: string, nextLine: number, chunk: number): ScannedDefinition {
  const following = text.indexOf('\n', nextLine);
  const rest = (match[2] ?? '').trim() || text.slice(nextLine, following === -1 ? undefined : following).trim();
  const url = rest.startsWith('<') ? rest.slice(0, rest.indexOf('>') + 1 || undefined) : (rest.split(/\s/)[0] ?? '');
  return { label: match[1] ?? '', url, chunk };
}
