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

  /** True when an answer this list gave differs from what the whole file's identifiers say. */
  answeredOtherwiseThan(file: ReadonlySet<string>): boolean {
    for (const label of this.asked) if (this.defined.has(label) !== file.has(label.toLowerCase())) return true;
    return false;
  }
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
