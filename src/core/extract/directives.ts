import type { Html, Root } from 'mdast';
import type { Directive, DirectiveKind, Point } from '../types.js';
import { createSourceMap, type SourceMap } from './source-map.js';
import { walk } from './walk.js';

export type { Directive, DirectiveKind } from '../types.js';

/** Every directive kind, checked against the union by the compiler. */
const kinds: Readonly<Record<DirectiveKind, true>> = {
  'disable-next-line': true,
  'disable-line': true,
  disable: true,
  enable: true,
};

/** An HTML comment; `<!-->` and `<!--->` are empty comments that end at once, as in CommonMark. */
const commentPattern = /<!--(?!-?>)([\s\S]*?)-->/g;

/** A line holding nothing a link could be written in: white space, perhaps inside a block quote. */
const blankLine = /^[\s>]*$/;

/**
 * Finds the `<!-- linkvet-… -->` comments in a parsed file's raw HTML, block and inline.
 * Comments in code spans and blocks are text, not HTML nodes, so they are never directives.
 * @param tree the file's mdast
 * @param source the file's text, for positions inside containers and for blank lines
 */
export function findDirectives(tree: Root, source: string): Directive[] {
  // Most files have none: one string search spares them the walk.
  if (!source.includes('linkvet-')) return [];
  const directives: Directive[] = [];
  let map: SourceMap | undefined;
  walk(tree, (node) => {
    if (node.type !== 'html' || !node.value.includes('linkvet-')) return;
    map ??= createSourceMap(source);
    for (const directive of directivesIn(node, map)) directives.push(directive);
  });
  return directives;
}

function directivesIn(node: Html, map: SourceMap): Directive[] {
  const found: Directive[] = [];
  for (const match of node.value.matchAll(commentPattern)) {
    const parsed = parseComment(match[1] ?? '');
    if (parsed === undefined) continue;
    const start = pointIn(map, node, match.index);
    const end = pointIn(map, node, match.index + match[0].length);
    const place = {
      line: end.line,
      column: end.column,
      startLine: start.line,
      nextLine: nextFilledLine(map, end.line),
    };
    found.push({ ...parsed, ...place });
  }
  return found;
}

/**
 * Reads `linkvet-<kind> rule-a, rule-b -- reason` from a comment's body; `undefined` when the
 * comment is not meant for linkvet. Rules are split at commas and white space.
 */
function parseComment(body: string): Pick<Directive, 'kind' | 'rules' | 'name'> | undefined {
  const [name = '', ...rules] = withoutReason(body.trim()).split(/[\s,]+/);
  if (!name.startsWith('linkvet-')) return undefined;
  const kind = name.slice('linkvet-'.length);
  return { kind: isKind(kind) ? kind : 'unknown', rules: rules.filter((rule) => rule !== ''), name };
}

/** The body without a trailing ` -- why it is suppressed`, as ESLint allows. */
function withoutReason(body: string): string {
  return body.split(/\s--(?:\s|$)/, 1)[0] ?? '';
}

function isKind(word: string): word is DirectiveKind {
  return Object.hasOwn(kinds, word);
}

/** Maps an offset in an HTML node's value to the source, where containers may prefix lines with `> ` or indentation. */
function pointIn(map: SourceMap, node: Html, offset: number): Point {
  const start = node.position?.start ?? { line: 1, column: 1 };
  // Every CommonMark line ending counts, a lone CR too, as in the source map.
  const before = node.value.slice(0, offset).split(/\r\n|\r|\n/);
  const lineDelta = before.length - 1;
  if (lineDelta === 0) return { line: start.line, column: start.column + offset };
  const line = start.line + lineDelta;
  const columnInLine = before.at(-1)?.length ?? 0;
  const valueLine = node.value.split(/\r\n|\r|\n/)[lineDelta] ?? '';
  const base = Math.max(0, map.lineText(line).indexOf(valueLine));
  return { line, column: base + columnInLine + 1 };
}

/** The first line after `line` that is not blank; past the end of the file when there is none. */
function nextFilledLine(map: SourceMap, line: number): number {
  let next = line + 1;
  while (next <= map.lineCount && blankLine.test(map.lineText(next))) next++;
  return next;
}
