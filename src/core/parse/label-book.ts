import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * The labels micromark looks up while parsing one text. micromark keeps the defined labels of a
 * parse in `parser.defined` (and GFM footnotes in `parser.gfmFootnotes`) and only ever calls
 * `push` and `includes` on them; this list answers `includes` from a set, so lookups cost O(1)
 * instead of a scan of every definition, and it remembers every label it was asked about.
 * With `known`, it answers from the definitions of the whole file instead of the text's own.
 */
export class LabelList {
  /** Normalized labels that a reference (or footnote call) asked about. */
  readonly asked = new Set<string>();
  /** Normalized labels this text defines. */
  readonly defined = new Set<string>();

  /** `known`: the whole file's identifiers (mdast's lower-cased normalized labels), or the text's own when absent. */
  constructor(private readonly known?: ReadonlySet<string>) {}

  includes(label: string): boolean {
    this.asked.add(label);
    return this.known === undefined ? this.defined.has(label) : this.known.has(label.toLowerCase());
  }

  push(label: string): number {
    this.defined.add(label);
    return this.defined.size;
  }

  /**
   * What the list's answers need from the rest of the file, kept after the parse in place of the
   * list: the labels it was asked about and did not define (hashed: a piece of a big list asks
   * about thousands), and those it did define but `own` lacks (`own`: the identifiers of the
   * definitions in the nodes kept; a window defines labels after where it is cut, too).
   */
  lookups(own: ReadonlySet<string>): Lookups {
    const undefinedHere = new Set<number>();
    const definedBeyond = new Set<string>();
    for (const label of this.asked) {
      const identifier = label.toLowerCase();
      if (!this.defined.has(label)) undefinedHere.add(labelHash(identifier));
      else if (!own.has(identifier)) definedBeyond.add(identifier);
    }
    return { undefinedHere, definedBeyond };
  }
}

/** What a parse's label lookups need from the rest of the file (see `LabelList.lookups`). */
export interface Lookups {
  /** Hashes of lower-cased labels asked about and not defined. */
  readonly undefinedHere: ReadonlySet<number>;
  /** Identifiers asked about and defined by text that is not in the piece. */
  readonly definedBeyond: ReadonlySet<string>;
}

/**
 * Whether a parse with these lookups answered one differently than the whole file would: a
 * label it did not define is defined elsewhere, or one it did is not a definition of the file.
 * Two labels with one hash can only make this true when it need not be, which costs a parse,
 * never a wrong tree.
 */
export function answeredOtherwise(lookups: Lookups, file: ReadonlySet<string>, hashes: ReadonlySet<number>): boolean {
  for (const identifier of lookups.definedBeyond) if (!file.has(identifier)) return true;
  for (const hash of lookups.undefinedHere) if (hashes.has(hash)) return true;
  return false;
}

/** A 32-bit FNV-1a hash of a label's UTF-16 code units. */
export function labelHash(label: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < label.length; index++) {
    hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/** The two label lists one parse uses: link definitions and GFM footnote definitions. */
export interface LabelBook {
  readonly definitions: LabelList;
  readonly footnotes: LabelList;
}

export function ownLabels(): LabelBook {
  return { definitions: new LabelList(), footnotes: new LabelList() };
}

/** Labels answered from the whole file's identifiers. */
export function fileLabels(definitions: ReadonlySet<string>, footnotes: ReadonlySet<string>): LabelBook {
  return { definitions: new LabelList(definitions), footnotes: new LabelList(footnotes) };
}

/** The parse context fields this module replaces (micromark's `ParseContext`). */
interface LabelledParser {
  defined: unknown;
  gfmFootnotes?: unknown;
}

/** The book of the parse running now: parsing is synchronous, so one slot is enough. */
let current: LabelBook | undefined;

/**
 * A micromark construct tried at the start of every line (a `document` construct for any
 * character) that never matches: on its first call in a parse, before any definition is read,
 * it installs the current book's lists in the parser.
 */
const installLabels = {
  name: 'linkvetLabels',
  tokenize(this: { parser: LabelledParser }, _effects: unknown, _ok: unknown, nok: (code: number | null) => unknown) {
    if (current !== undefined && this.parser.defined !== current.definitions) {
      // A footnote definition on the first line is read before this construct is tried.
      moveLabels(this.parser.defined, current.definitions);
      moveLabels(this.parser.gfmFootnotes, current.footnotes);
      this.parser.defined = current.definitions;
      this.parser.gfmFootnotes = current.footnotes;
    }
    return nok;
  },
};

function moveLabels(from: unknown, to: LabelList): void {
  if (Array.isArray(from)) for (const label of from as unknown[]) if (typeof label === 'string') to.push(label);
}

function remarkLabels(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ document: { null: [installLabels] } } as never);
}

/** One processor for the whole run: GFM and YAML/TOML front matter, as GitHub renders them. */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml', 'toml'])
  .use(remarkLabels)
  .freeze();

/** Parses `text` with `book` answering which labels are defined. */
export function parseWithLabels(text: string, book: LabelBook): Root {
  current = book;
  try {
    return processor.parse(text);
  } finally {
    current = undefined;
  }
}
