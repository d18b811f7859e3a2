import type { Directive, DirectiveKind, Point, RuleId, Violation } from '../types.js';
import { closest } from '../util/closest.js';
import { isRuleId, ruleIds } from './registry.js';

/** Rules about a whole file (it could not be read, or only in part): comments in it cannot silence them. */
export const fileLevelRules: ReadonlySet<RuleId> = new Set<RuleId>(['unreadable-file', 'invalid-encoding']);

/** What `suppress` leaves: the violations no comment silenced, and warnings about the comments themselves. */
export interface Suppression {
  readonly kept: Violation[];
  readonly warnings: string[];
}

/** Every directive as written, for "did you mean" on a misspelt one; checked against the union by the compiler. */
const directiveNames = Object.keys({
  'disable-next-line': true,
  'disable-line': true,
  disable: true,
  enable: true,
} satisfies Record<DirectiveKind, true>).map((kind) => `linkvet-${kind}`);

/** Whether a file's comments silence a violation in it. */
type Suppressor = (violation: Violation) => boolean;

/** Which rules a line directive silences: all of them, or those named. */
type Scope = 'all' | ReadonlySet<string>;

/** What `disable`/`enable` comments have switched off from `at` on: everything but the exceptions, or just some rules. */
interface RangeState {
  readonly at: Point;
  readonly all: boolean;
  /** Rules named since the last `disable` or `enable` of all rules: `true` disabled, `false` enabled. */
  readonly rules: ReadonlyMap<string, boolean>;
}

/**
 * Drops the violations that `<!-- linkvet-… -->` comments silence, keeping the others in order,
 * and warns about comments naming unknown directives or rules.
 * @param violations every violation of the run
 * @param directivesByFile each file's directives (`ExtractedFile.directives`), by file path
 */
export function suppress(
  violations: readonly Violation[],
  directivesByFile: ReadonlyMap<string, readonly Directive[]>,
): Suppression {
  const suppressors = new Map<string, Suppressor>();
  const silenced = (violation: Violation): boolean => {
    const directives = directivesByFile.get(violation.file);
    if (directives === undefined || directives.length === 0 || fileLevelRules.has(violation.rule)) return false;
    const suppressor = suppressors.get(violation.file) ?? suppressorFor(directives);
    suppressors.set(violation.file, suppressor);
    return suppressor(violation);
  };
  const kept = violations.filter((violation) => !silenced(violation));
  return { kept, warnings: directiveWarnings(directivesByFile) };
}

/** A test for one file's violations: line directives by a map lookup, ranges by a binary search. */
function suppressorFor(directives: readonly Directive[]): Suppressor {
  const lines = lineScopes(directives);
  const states = rangeStates(directives);
  return (violation) =>
    inScope(lines.get(violation.span.start.line), violation.rule) || disabledByRange(states, violation);
}

function lineScopes(directives: readonly Directive[]): Map<number, Scope> {
  const scopes = new Map<number, Scope>();
  for (const directive of directives) {
    for (const line of coveredLines(directive)) scopes.set(line, widen(scopes.get(line), directive.rules));
  }
  return scopes;
}

function coveredLines(directive: Directive): number[] {
  if (directive.kind === 'disable-next-line') return [directive.nextLine];
  if (directive.kind !== 'disable-line') return [];
  return Array.from({ length: directive.line - directive.startLine + 1 }, (_, index) => directive.startLine + index);
}

function widen(scope: Scope | undefined, rules: readonly string[]): Scope {
  if (rules.length === 0 || scope === 'all') return 'all';
  return new Set([...(scope ?? []), ...rules]);
}

function inScope(scope: Scope | undefined, rule: RuleId): boolean {
  return scope === 'all' || (scope?.has(rule) ?? false);
}

/** The state after each `disable` and `enable`, in source order; a later comment wins for the rules it names. */
function rangeStates(directives: readonly Directive[]): RangeState[] {
  const ranges = directives.filter(({ kind }) => kind === 'disable' || kind === 'enable');
  let all = false;
  let rules: ReadonlyMap<string, boolean> = new Map();
  return ranges
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((directive) => {
      const disabled = directive.kind === 'disable';
      if (directive.rules.length === 0) [all, rules] = [disabled, new Map()];
      else rules = new Map([...rules, ...directive.rules.map((rule) => [rule, disabled] as const)]);
      return { at: { line: directive.line, column: directive.column }, all, rules };
    });
}

function disabledByRange(states: readonly RangeState[], violation: Violation): boolean {
  const state = lastAtOrBefore(states, violation.span.start);
  return state !== undefined && (state.rules.get(violation.rule) ?? state.all);
}

/** The last state that took effect at or before `point`, by binary search. */
function lastAtOrBefore(states: readonly RangeState[], point: Point): RangeState | undefined {
  let low = 0;
  let high = states.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const at = states[middle]?.at ?? point;
    if (at.line < point.line || (at.line === point.line && at.column <= point.column)) low = middle + 1;
    else high = middle;
  }
  return states[low - 1];
}

function directiveWarnings(directivesByFile: ReadonlyMap<string, readonly Directive[]>): string[] {
  const files = [...directivesByFile.keys()].sort();
  return files.flatMap((file) =>
    (directivesByFile.get(file) ?? []).flatMap((directive) => warningsFor(file, directive)),
  );
}

function warningsFor(file: string, directive: Directive): string[] {
  const at = `${file}:${directive.line}`;
  if (directive.kind === 'unknown') {
    return [`${at}: unknown directive \`${directive.name}\`${hint(closest(directive.name, directiveNames))}`];
  }
  return directive.rules.flatMap((rule) => ruleWarnings(at, directive.name, rule));
}

function ruleWarnings(at: string, name: string, rule: string): string[] {
  if (!isRuleId(rule)) return [`${at}: unknown rule \`${rule}\` in \`${name}\`${hint(closest(rule, ruleIds))}`];
  if (!fileLevelRules.has(rule)) return [];
  return [`${at}: \`${rule}\` is about the whole file and cannot be suppressed by a comment; set it in \`overrides\``];
}

function hint(suggestion: string | undefined): string {
  return suggestion === undefined ? '; it suppresses nothing' : `; did you mean \`${suggestion}\`?`;
}
