/** Domain types shared by every stage of the pipeline. */

/** How much a finding matters; `off` silences a rule entirely. */
export type Severity = 'error' | 'warning' | 'notice';
export type SeverityOrOff = Severity | 'off';

/** A 1-based place in a source file. */
export interface Point {
  readonly line: number;
  readonly column: number;
}

/** The span a link occupies, 1-based, end exclusive as in unist. */
export interface Span {
  readonly start: Point;
  readonly end: Point;
}

/** Which Markdown (or HTML) syntax a link was written in. */
export type LinkKind =
  | 'inline' // [text](url)
  | 'reference' // [text][label], [label][], [label]
  | 'autolink' // <https://…>
  | 'literal' // bare GFM URL
  | 'image' // ![alt](url)
  | 'image-reference' // ![alt][label]
  | 'definition' // [label]: url
  | 'html-anchor' // <a href>
  | 'html-image'; // <img src>

/** One link as written: where, what it points at, and what it says. */
export interface Link {
  readonly file: string;
  readonly kind: LinkKind;
  readonly url: string;
  readonly text: string;
  readonly span: Span;
  /** Reference links: the normalized label they use. */
  readonly label?: string;
  /** A link whose only content is an image: its text is the image's alt text. */
  readonly imageOnly?: true;
}

/** A reference-style definition, `[label]: url`. */
export interface Definition {
  readonly file: string;
  readonly label: string;
  readonly url: string;
  readonly span: Span;
}

/** A reference whose label has no definition in its file. */
export interface DanglingReference {
  readonly file: string;
  readonly label: string;
  readonly text: string;
  readonly span: Span;
  /** `full` is [text][label], `collapsed` is [label][], `shortcut` is [label]. */
  readonly referenceType: 'full' | 'collapsed' | 'shortcut';
}

/** What a file offers to fragments: heading slugs, HTML ids/names, and its line count. */
export interface Landmarks {
  /** Heading slugs, in document order (already de-duplicated with -1, -2). */
  readonly slugs: readonly string[];
  /** Other spellings that reach a heading (a slug without its trailing hyphens); matched, never suggested. */
  readonly aliases: readonly string[];
  /** `id` and `name` attribute values found in raw HTML. */
  readonly ids: readonly string[];
  readonly lineCount: number;
}

/** What a `<!-- linkvet-… -->` comment asks for; see the README's "Suppressing findings". */
export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** A suppression comment; `unknown` is a misspelt one (`linkvet-disabel`), kept so it can be reported. */
export interface Directive {
  readonly kind: DirectiveKind | 'unknown';
  /** Rule ids as written, unknown ones included; empty means every rule. */
  readonly rules: readonly string[];
  /** 1-based line of the comment's end. */
  readonly line: number;
  /** 1-based column just past the comment's `-->`: `disable` and `enable` take effect from there. */
  readonly column: number;
  /** The comment's first line: `disable-line` covers findings starting on lines `startLine` to `line`. */
  readonly startLine: number;
  /** The first non-blank line after the comment, which `disable-next-line` covers. */
  readonly nextLine: number;
  /** The directive as written, such as `linkvet-disable-next-line`, for messages. */
  readonly name: string;
}

/** Everything extracted from one Markdown file. */
export interface ExtractedFile {
  readonly file: string;
  readonly links: readonly Link[];
  readonly definitions: readonly Definition[];
  readonly unusedDefinitions: readonly Definition[];
  readonly danglingReferences: readonly DanglingReference[];
  readonly landmarks: Landmarks;
  /** Suppression comments, in document order. */
  readonly directives: readonly Directive[];
}

/** Where a link leads, decided without touching the disk or network. */
export type Target =
  | { readonly type: 'file'; readonly path: string; readonly fragment?: string }
  | { readonly type: 'fragment'; readonly fragment: string }
  | { readonly type: 'outside-root'; readonly path: string }
  /** `remapped` when a `remap` rule rewrote the URL: findings then name what was requested, and offer no fix. */
  | { readonly type: 'external'; readonly url: string; readonly remapped?: true }
  | { readonly type: 'email'; readonly address: string }
  | { readonly type: 'phone'; readonly number: string }
  | { readonly type: 'invalid'; readonly reason: string }
  | { readonly type: 'ignored'; readonly reason: string };

/** A link together with where it leads. */
export interface ClassifiedLink {
  readonly link: Link;
  readonly target: Target;
}

/** The rule ids of DESIGN.md; the registry holds their wording and defaults. */
export type RuleId =
  | 'missing-file'
  | 'missing-fragment'
  | 'outside-root'
  | 'undefined-reference'
  | 'unused-definition'
  | 'invalid-url'
  | 'dead-link'
  | 'unreachable'
  | 'blocked-address'
  | 'access-denied'
  | 'permanent-redirect'
  | 'archived-repository'
  | 'denied-domain'
  | 'generic-anchor-text'
  | 'empty-anchor-text'
  | 'missing-alt-text'
  | 'naked-url'
  | 'ambiguous-anchor-text'
  | 'over-optimized-anchor'
  | 'low-anchor-diversity'
  | 'unreadable-file'
  | 'invalid-encoding';

/** A rule violation before severities from the config are applied. */
export interface Violation {
  readonly rule: RuleId;
  readonly file: string;
  readonly span: Span;
  readonly url: string;
  readonly text: string;
  readonly message: string;
  readonly suggestion?: string;
}

/** A violation with its configured severity: what reporters show. */
export interface Finding extends Violation {
  readonly severity: Severity;
}

/** What became of a link: fine, reported, or not checked (ignored, or external while offline). */
/** `unchecked`: the run was interrupted before the link got a verdict. */
export type LinkStatus = 'ok' | 'broken' | 'skipped' | 'unchecked';

/** A link, where it leads, and what became of it. */
export interface LinkResult extends ClassifiedLink {
  readonly status: LinkStatus;
}

/** How an anchor describes its destination, from least to most informative; see the README. */
export type AnchorCategory =
  'empty' | 'image' | 'naked-url' | 'generic' | 'branded' | 'exact-match' | 'partial-match' | 'descriptive';

/** How one external domain is described by the links to it. */
export interface DomainProfile {
  readonly domain: string;
  readonly links: number;
  readonly distinctTexts: number;
  /** The most used text, as first written. */
  readonly topText: string;
  /** Its share of the links, 0 to 1. */
  readonly topShare: number;
  /** Normalized Shannon entropy of the texts: 0 one text for all, 1 no text repeats. */
  readonly entropy: number;
  readonly categories: Readonly<Record<AnchorCategory, number>>;
}

/** Counters for the report header. */
export interface Stats {
  readonly files: number;
  readonly links: number;
  readonly uniqueUrls: number;
  readonly errors: number;
  readonly warnings: number;
  readonly notices: number;
  readonly durationMs: number;
}

/** The one result set every reporter reads. */
export interface Report {
  readonly tool: { readonly name: 'linkvet'; readonly version: string };
  readonly stats: Stats;
  readonly findings: readonly Finding[];
  readonly links: readonly LinkResult[];
  /** Run-level warnings that belong to no file, such as an unusable cache file. */
  readonly warnings: readonly string[];
  /** The anchor profile: every external domain, most linked first. */
  readonly anchors: readonly DomainProfile[];
  /**
   * Each file's suppression comments (files without any left out), so that `merge` can apply
   * them to the corpus findings it recomputes; written to JSON with `--include-links`.
   */
  readonly directives?: ReadonlyMap<string, readonly Directive[]>;
  /** Present only when the run was interrupted: what it did not get to. */
  readonly incomplete?: Incomplete;
}

/** Why a run stopped early and how much it left undone. */
export interface Incomplete {
  /** The signal's name (`SIGINT`, `SIGTERM`) or another reason the caller gave. */
  readonly reason: string;
  readonly filesChecked: number;
  readonly filesTotal: number;
  /** Links in the report that got no verdict (status `unchecked`); links of unread files are not counted. */
  readonly linksUnchecked: number;
}
