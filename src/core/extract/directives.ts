import type { Html, Root } from 'mdast';
import type { Directive, DirectiveKind } from '../types.js';
import { createSourceMap, htmlPoints, type SourceMap } from './source-map.js';
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
  return findDirectivesIn(tree, createSourceMap(source));
}

/** The directives under `tree` (a whole file's, or a run of its top-level nodes), placed in the file `map` indexes. */
export function findDirectivesIn(tree: Root, map: SourceMap): Directive[] {
  const directives: Directive[] = [];
  walk(tree, (node) => {
    if (node.type !== 'html' || !node.value.includes('linkvet-')) return;
    for (const directive of directivesIn(node, map)) directives.push(directive);
  });
  return directives;
}

/** Directives are placed as GitHub numbers lines, like the findings they apply to (see `SourceMap`). */
function directivesIn(node: Html, map: SourceMap): Directive[] {
  const found: Directive[] = [];
  const pointIn = htmlPoints(map, node);
  for (const match of node.value.matchAll(commentPattern)) {
    const parsed = parseComment(match[1] ?? '');
    if (parsed === undefined) continue;
    const start = pointIn(match.index);
    const end = pointIn(match.index + match[0].length);
    const next = nextFilledLine(map, end.line);
    const onGithub = map.githubPoint(end);
    const place = {
      line: onGithub.line,
      column: onGithub.column,
      startLine: map.githubPoint(start).line,
      nextLine: next > map.lineCount ? map.githubLineCount + 1 : map.githubPoint({ line: next, column: 1 }).line,
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

/** The first line after `line` that is not blank; past the end of the file when there is none. */
function nextFilledLine(map: SourceMap, line: number): number {
  let next = line + 1;
  while (next <= map.lineCount && blankLine.test(map.lineText(next))) next++;
  return next;
}
