import { describe, expect, it } from 'vitest';
import { findDirectives } from '../../../src/core/extract/directives.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import { fileLevelRules, suppress } from '../../../src/core/rules/suppress.js';
import type { Directive, RuleId, Violation } from '../../../src/core/types.js';

const file = 'docs/a.md';

/** A violation of `rule` starting at `line:column` of `docs/a.md` (or `in`). */
function violation(rule: RuleId, line: number, column = 1, inFile = file): Violation {
  const span = { start: { line, column }, end: { line, column: column + 5 } };
  return { rule, file: inFile, span, url: 'x.md', text: 'x', message: `${rule} at ${line}:${column}` };
}

function directivesOf(text: string): Directive[] {
  return findDirectives(parseMarkdown(text), text);
}

/** The `rule@line:column` of the violations the directives in `text` leave. */
function kept(text: string, violations: readonly Violation[]): string[] {
  const result = suppress(violations, new Map([[file, directivesOf(text)]]));
  return result.kept.map(({ rule, span }) => `${rule}@${span.start.line}:${span.start.column}`);
}

function warnings(text: string): string[] {
  return suppress([], new Map([[file, directivesOf(text)]])).warnings;
}

describe('suppress: disable-next-line', () => {
  it('silences every rule on the next line only', () => {
    const text = '<!-- linkvet-disable-next-line -->\n[a](a.md) [b](b.md)\n[c](c.md)\n';
    const found = [violation('missing-file', 2), violation('naked-url', 2, 11), violation('missing-file', 3)];
    expect(kept(text, found)).toEqual(['missing-file@3:1']);
  });

  it('skips blank lines to reach the next line', () => {
    const text = '<!-- linkvet-disable-next-line -->\n\n\n[a](a.md)\n[b](b.md)\n';
    expect(kept(text, [violation('missing-file', 4), violation('missing-file', 5)])).toEqual(['missing-file@5:1']);
  });

  it('silences only the rules it names', () => {
    const text = '<!-- linkvet-disable-next-line missing-fragment, naked-url -->\n[a](a.md#x)\n';
    const found = [violation('missing-fragment', 2), violation('missing-file', 2), violation('naked-url', 2, 8)];
    expect(kept(text, found)).toEqual(['missing-file@2:1']);
  });

  it('counts lines from the end of a multi-line comment', () => {
    const text = '<!-- linkvet-disable-next-line\n  missing-file -->\n[a](a.md)\n';
    expect(kept(text, [violation('missing-file', 2), violation('missing-file', 3)])).toEqual(['missing-file@2:1']);
  });

  it('silences nothing when every rule it names is unknown', () => {
    const text = '<!-- linkvet-disable-next-line mising-file -->\n[a](a.md)\n';
    expect(kept(text, [violation('missing-file', 2)])).toEqual(['missing-file@2:1']);
  });
});

describe('suppress: disable-line', () => {
  it('silences the line the comment is on, not its neighbours', () => {
    const text = 'x\n[a](a.md) <!-- linkvet-disable-line missing-file -->\ny\n';
    const found = [violation('missing-file', 1), violation('missing-file', 2), violation('missing-file', 3)];
    expect(kept(text, found)).toEqual(['missing-file@1:1', 'missing-file@3:1']);
  });

  it('silences only the rules it names', () => {
    const text = '[a](a.md) <!-- linkvet-disable-line missing-file -->\n';
    expect(kept(text, [violation('missing-file', 1), violation('naked-url', 1)])).toEqual(['naked-url@1:1']);
  });
});

describe('suppress: disable … enable', () => {
  it('silences the lines between, and runs to the end of the file without an enable', () => {
    const text =
      '[a](a)\n<!-- linkvet-disable -->\n[b](b)\n<!-- linkvet-enable -->\n[c](c)\n<!-- linkvet-disable -->\n[d](d)\n';
    const found = [1, 3, 5, 7].map((line) => violation('missing-file', line));
    expect(kept(text, found)).toEqual(['missing-file@1:1', 'missing-file@5:1']);
  });

  it('limits a range to the rules it names', () => {
    const text =
      '<!-- linkvet-disable dead-link -->\n[a](https://a.example)\n<!-- linkvet-enable dead-link -->\n[b](b)\n';
    const found = [violation('dead-link', 2), violation('naked-url', 2), violation('dead-link', 4)];
    expect(kept(text, found)).toEqual(['naked-url@2:1', 'dead-link@4:1']);
  });

  it('enables one rule inside a disable of all rules', () => {
    const text = [
      '<!-- linkvet-disable -->',
      '[a](a)',
      '<!-- linkvet-enable missing-file -->',
      '[b](b)',
      '<!-- linkvet-enable -->',
      '[c](c)',
      '',
    ].join('\n');
    const found = ['missing-file', 'naked-url'].flatMap((rule) =>
      [2, 4, 6].map((line) => violation(rule as RuleId, line)),
    );
    expect(kept(text, found)).toEqual(['missing-file@4:1', 'missing-file@6:1', 'naked-url@6:1']);
  });

  it('lets an enable of all rules end a disable of one', () => {
    const text = '<!-- linkvet-disable naked-url -->\n[a](a)\n<!-- linkvet-enable -->\n[b](b)\n';
    expect(kept(text, [violation('naked-url', 2), violation('naked-url', 4)])).toEqual(['naked-url@4:1']);
  });

  it('takes effect after the comment on its own line, by column', () => {
    const text = '[a](a) <!-- linkvet-disable --> [b](b) <!-- linkvet-enable --> [c](c)\n';
    const found = [violation('missing-file', 1, 1), violation('missing-file', 1, 33), violation('missing-file', 1, 64)];
    expect(kept(text, found)).toEqual(['missing-file@1:1', 'missing-file@1:64']);
  });

  it('keeps the violations in their order', () => {
    const text = '<!-- linkvet-disable naked-url -->\n';
    const found = [violation('missing-file', 9), violation('naked-url', 2), violation('dead-link', 3)];
    expect(kept(text, found)).toEqual(['missing-file@9:1', 'dead-link@3:1']);
  });
});

describe('suppress: scope', () => {
  it('never silences file-level problems, even under a disable of all rules', () => {
    const text = '<!-- linkvet-disable -->\n';
    const found = [violation('invalid-encoding', 2), violation('unreadable-file', 1), violation('missing-file', 2)];
    expect(kept(text, found)).toEqual(['invalid-encoding@2:1', 'unreadable-file@1:1']);
    expect([...fileLevelRules].sort()).toEqual(['invalid-encoding', 'unreadable-file']);
  });

  it('applies a file’s directives to that file only', () => {
    const directives = new Map([[file, directivesOf('<!-- linkvet-disable -->\n')]]);
    const found = [violation('missing-file', 2), violation('missing-file', 2, 1, 'docs/b.md')];
    expect(suppress(found, directives).kept.map(({ file: where }) => where)).toEqual(['docs/b.md']);
  });
});

describe('suppress: warnings', () => {
  it('names the file, line and closest rule for an unknown rule', () => {
    expect(warnings('x\n<!-- linkvet-disable-next-line mising-file, dead-link -->\n[a](a)\n')).toEqual([
      'docs/a.md:2: unknown rule `mising-file` in `linkvet-disable-next-line`; did you mean `missing-file`?',
    ]);
  });

  it('says an unknown rule with no near match suppresses nothing', () => {
    expect(warnings('<!-- linkvet-disable spelling -->\n')).toEqual([
      'docs/a.md:1: unknown rule `spelling` in `linkvet-disable`; it suppresses nothing',
    ]);
  });

  it('names a misspelt directive and the closest known one', () => {
    expect(warnings('<!-- linkvet-disable-nextline -->\n[a](a)\n')).toEqual([
      'docs/a.md:1: unknown directive `linkvet-disable-nextline`; did you mean `linkvet-disable-next-line`?',
    ]);
  });

  it('warns that file-level rules cannot be suppressed by a comment', () => {
    expect(warnings('<!-- linkvet-disable invalid-encoding -->\n')).toEqual([
      'docs/a.md:1: `invalid-encoding` is about the whole file and cannot be suppressed by a comment; set it in `overrides`',
    ]);
  });

  it('lists warnings by file, then in document order', () => {
    const directives = new Map([
      ['b.md', directivesOf('<!-- linkvet-disable nope -->\n')],
      ['a.md', directivesOf('<!-- linkvet-enable one -->\n<!-- linkvet-enable two -->\n')],
    ]);
    expect(suppress([], directives).warnings.map((warning) => warning.split(': ')[0])).toEqual([
      'a.md:1',
      'a.md:2',
      'b.md:1',
    ]);
  });
});
