import GithubSlugger from 'github-slugger';
import type { DanglingReference, Definition, ExtractedFile, Landmarks, Link, Span } from '../types.js';
import { normalizeSpace } from './anchor-text.js';
import { holdsOnlyImages, type Entry, type Fragment, type OpenAnchorLink } from './extract-piece.js';
import type { SourceMap } from './source-map.js';

/**
 * Puts the fragments of a file's pieces together into its extraction, settling what needed the
 * whole file: the first definition of each label wins, references resolve against them, bracket
 * pairs with a defined label are not dangling, headings are slugged in document order, and an
 * anchor left open takes in the pieces after it until an HTML block ends it.
 */
export function assembleExtraction(source: SourceMap, file: string, fragments: readonly Fragment[]): ExtractedFile {
  extendOpenAnchors(fragments);
  const definitions = firstDefinitions(fragments);
  const used = new Set<string>();
  for (const fragment of fragments) for (const label of fragment.used) used.add(label);
  const onGithub = githubSpans(source);
  const all = onGithub([...definitions.values()]);
  return {
    file,
    links: onGithub(resolvedLinks(fragments, definitions)),
    definitions: all,
    unusedDefinitions: all.filter((definition) => !used.has(definition.label)),
    danglingReferences: onGithub(dangling(fragments, definitions)),
    landmarks: landmarks(fragments, source),
    directives: fragments.flatMap((fragment) => fragment.directives),
  };
}

/** Adds to each anchor left open at a piece's end what the following pieces' first nodes hold, up to the HTML block that ends it. */
function extendOpenAnchors(fragments: readonly Fragment[]): void {
  let open: OpenAnchorLink | undefined;
  for (const fragment of fragments) {
    if (open !== undefined && fragment.leading !== undefined) {
      open.content.push(fragment.leading);
      if (fragment.leading.closed) open = undefined;
    }
    if (fragment.trailing !== undefined) open = fragment.trailing;
  }
}

function firstDefinitions(fragments: readonly Fragment[]): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  for (const fragment of fragments) {
    for (const definition of fragment.definitions) {
      if (!definitions.has(definition.label)) definitions.set(definition.label, definition);
    }
  }
  return definitions;
}

function resolvedLinks(fragments: readonly Fragment[], definitions: ReadonlyMap<string, Definition>): Link[] {
  const links: Link[] = [];
  for (const fragment of fragments) {
    for (const entry of fragment.links) {
      const link = resolved(entry, definitions);
      if (link !== undefined) links.push(link);
    }
  }
  return links;
}

/** A link as it ends up: a reference takes its definition's URL (none, no link); an open anchor its whole content. */
function resolved(entry: Entry, definitions: ReadonlyMap<string, Definition>): Link | undefined {
  if (!('entry' in entry)) return entry;
  if (entry.entry === 'reference') {
    const definition = definitions.get(entry.link.label ?? '');
    return definition && { ...entry.link, url: definition.url };
  }
  const { file, kind, url, span } = entry.link;
  const end = entry.content.findLast((part) => part.end !== undefined)?.end ?? span.end;
  return {
    file,
    kind,
    url,
    text: normalizeSpace(entry.content.map((part) => part.text).join('')),
    span: { start: span.start, end },
    ...(holdsOnlyImages(entry.content) ? { imageOnly: true as const } : {}),
  };
}

function dangling(fragments: readonly Fragment[], definitions: ReadonlyMap<string, Definition>): DanglingReference[] {
  const found: DanglingReference[] = [];
  for (const fragment of fragments) {
    for (const reference of fragment.dangling) if (!definitions.has(reference.label)) found.push(reference);
  }
  return found;
}

/**
 * GitHub trims a heading's text, then slugs it (github-slugger: lower case, punctuation and emoji
 * dropped, each space a hyphen, `-1`, `-2` for repeats). Whether a hyphen left at the end by a
 * dropped emoji survives is unclear, so both spellings are accepted.
 */
function landmarks(fragments: readonly Fragment[], source: SourceMap): Landmarks {
  const slugger = new GithubSlugger();
  const slugs: string[] = [];
  const aliases: string[] = [];
  const ids: string[] = [];
  for (const fragment of fragments) {
    for (const heading of fragment.headings) {
      const slug = slugger.slug(heading.trim());
      slugs.push(slug);
      const trimmed = slug.replace(/^-+|-+$/g, '');
      if (trimmed !== slug && trimmed !== '') aliases.push(trimmed);
    }
    for (const id of fragment.ids) ids.push(id);
  }
  return { slugs, aliases, ids, lineCount: source.githubLineCount };
}

/**
 * Spans found in the parser's lines, as GitHub numbers them (see `SourceMap`). In a file without
 * a lone CR the numberings agree and the items are kept as they are, not copied.
 */
function githubSpans(source: SourceMap): <T extends { readonly span: Span }>(items: T[]) => T[] {
  if (!source.numberingsDiffer) return (items) => items;
  const githubSpan = (span: Span): Span => ({
    start: source.githubPoint(span.start),
    end: source.githubPoint(span.end),
  });
  return (items) => items.map((item) => ({ ...item, span: githubSpan(item.span) }));
}
