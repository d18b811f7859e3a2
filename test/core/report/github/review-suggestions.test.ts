import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suggestChanges, type SuggestionSources } from '../../../../src/core/report/github/review-suggestions.js';
import { makeFinding } from '../../../helpers/findings.js';
import { check } from '../../../helpers/run.js';
import { makeTree } from '../../../helpers/tree.js';

/** Sources over in-memory files, every line in the diff unless `diff` says otherwise. */
function sources(files: Readonly<Record<string, string>>, diff?: ReadonlySet<number>): SuggestionSources {
  return {
    linesOf: (file) => files[file]?.split('\n'),
    inDiff: (_file, line) => diff?.has(line) ?? true,
  };
}

/** The fenced suggestion's content and fence, parsed out of a comment body. */
function suggestionOf(body: string): { fence: string; content: string } | undefined {
  const match = /\n(`{3,})suggestion\n([\s\S]*)\n\1$/u.exec(body);
  return match ? { fence: match[1] ?? '', content: match[2] ?? '' } : undefined;
}

const redirectFile = 'Intro\nSee [the docs](http://old.example/docs) for more.\nEnd\n';
const redirect = makeFinding({
  file: 'a.md',
  line: 2,
  column: 5,
  endColumn: 40,
  url: 'http://old.example/docs',
  rule: 'permanent-redirect',
  severity: 'warning',
  message: 'Permanently redirects to `https://new.example/docs`',
  suggestion: 'https://new.example/docs',
});

describe('suggestChanges', () => {
  it('fences a suggestion on a line of 600 KB of backtick runs without overflowing the stack', () => {
    const line = `See [the docs](http://old.example/docs) ${'`x'.repeat(300_000)}`;
    const changes = suggestChanges([redirect], sources({ 'a.md': `Intro\n${line}\nEnd\n` }));
    expect(changes).toHaveLength(1);
    expect(suggestionOf(changes[0]?.body ?? '')?.fence).toBe('```');
  });

  it('replaces a permanent redirect with its final URL, on the finding line only', () => {
    const changes = suggestChanges([redirect], sources({ 'a.md': redirectFile }));
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({ path: 'a.md', line: 2 });
    expect(change).not.toHaveProperty('startLine');
    expect(suggestionOf(change?.body ?? '')).toEqual({
      fence: '```',
      content: 'See [the docs](https://new.example/docs) for more.',
    });
    expect(
      change?.body.startsWith(
        '**linkvet** · `permanent-redirect`: Permanently redirects to ` https://new.example/docs `',
      ),
    ).toBe(true);
  });

  it('fixes a missing fragment and a missing file that differs only in case, from a real run', async () => {
    const root = makeTree({
      'Guide.md': '# Guide\n\n## Install steps\n',
      'a.md': 'Read [install](Guide.md#instal-steps).\n\nThen [the guide](./guide.md#install-steps) again.\n',
    });
    const report = await check(root);
    const rules = report.findings.map((finding) => finding.rule).sort();
    expect(rules).toEqual(['missing-file', 'missing-fragment']);
    const linesOf = (file: string): string[] => readFileSync(path.join(root, file), 'utf8').split('\n');
    const changes = suggestChanges(report.findings, { linesOf, inDiff: () => true });
    expect(changes.map((change) => [change.line, suggestionOf(change.body)?.content])).toEqual([
      [1, 'Read [install](Guide.md#install-steps).'],
      [3, 'Then [the guide](./Guide.md#install-steps) again.'],
    ]);
  });

  it('offers no fix for a missing file whose suggestion is a different name', () => {
    const finding = makeFinding({ url: 'instal.md', suggestion: 'install.md', line: 1, column: 1, endColumn: 16 });
    expect(suggestChanges([finding], sources({ 'a.md': '[x](instal.md)\n' }))).toEqual([]);
    const caseOnly = { ...finding, suggestion: 'Instal.md' };
    expect(suggestChanges([caseOnly], sources({ 'a.md': '[x](instal.md)\n' }))).toHaveLength(1);
  });

  it('ignores findings of other rules, even with a suggestion, and findings without one', () => {
    const file = '[x](https://gone.example/)';
    const at = { url: 'https://gone.example/', line: 1, column: 1, endColumn: file.length + 1 };
    const findings = [
      makeFinding({ ...at, rule: 'dead-link', suggestion: 'https://web.archive.org/https://gone.example/' }),
      makeFinding({ ...at, rule: 'naked-url', suggestion: '<https://gone.example/>' }),
      makeFinding({ ...at, rule: 'missing-fragment' }),
    ];
    expect(suggestChanges(findings, sources({ 'a.md': file }))).toEqual([]);
    const fixable = makeFinding({ ...at, rule: 'missing-fragment', suggestion: 'https://b.example/' });
    expect(suggestChanges([fixable], sources({ 'a.md': file }))).toHaveLength(1);
  });

  it('ignores findings on lines the diff does not show', () => {
    expect(suggestChanges([redirect], sources({ 'a.md': redirectFile }, new Set([1, 3])))).toEqual([]);
    expect(suggestChanges([redirect], sources({ 'a.md': redirectFile }, new Set([2])))).toHaveLength(1);
  });

  it('needs both ends of a multi-line span in the diff', () => {
    const file = 'See [the\ndocs](http://old.example/docs).\n';
    const finding = { ...redirect, span: { start: { line: 1, column: 5 }, end: { line: 2, column: 31 } } };
    expect(suggestChanges([finding], sources({ 'a.md': file }, new Set([2])))).toEqual([]);
    expect(suggestChanges([finding], sources({ 'a.md': file }, new Set([1])))).toEqual([]);
  });

  it('gives a multi-line span a start line and replaces the URL on the line that holds it', () => {
    const file = 'See [the\ndocs](http://old.example/docs).\n';
    const finding = { ...redirect, span: { start: { line: 1, column: 5 }, end: { line: 2, column: 31 } } };
    const [change] = suggestChanges([finding], sources({ 'a.md': file }));
    expect(change).toMatchObject({ path: 'a.md', startLine: 1, line: 2 });
    expect(suggestionOf(change?.body ?? '')?.content).toBe('See [the\ndocs](https://new.example/docs).');
  });

  it('offers nothing when the URL appears twice within the span', () => {
    const file = '[http://old.example/docs](http://old.example/docs)\n';
    const finding = { ...redirect, span: { start: { line: 1, column: 1 }, end: { line: 1, column: 51 } } };
    expect(suggestChanges([finding], sources({ 'a.md': file }))).toEqual([]);
  });

  it('changes only the occurrence inside the span when the URL also appears elsewhere on the line', () => {
    const file = 'Old: http://old.example/docs, see [docs](http://old.example/docs).\n';
    const start = file.indexOf('[docs]') + 1;
    const finding = { ...redirect, span: { start: { line: 1, column: start }, end: { line: 1, column: start + 31 } } };
    const [change] = suggestChanges([finding], sources({ 'a.md': file }));
    expect(suggestionOf(change?.body ?? '')?.content).toBe(
      'Old: http://old.example/docs, see [docs](https://new.example/docs).',
    );
  });

  it('offers nothing when the file cannot be read or is shorter than the span', () => {
    expect(suggestChanges([redirect], { linesOf: () => undefined, inDiff: () => true })).toEqual([]);
    expect(suggestChanges([redirect], sources({ 'a.md': 'one line' }))).toEqual([]);
  });

  it('fences the suggestion with more backticks than any run in the content', () => {
    const file = 'Run ```` `x` ```` then [docs](http://old.example/docs).\n';
    const start = file.indexOf('[docs]') + 1;
    const finding = { ...redirect, span: { start: { line: 1, column: start }, end: { line: 1, column: start + 31 } } };
    const [change] = suggestChanges([finding], sources({ 'a.md': file }));
    const parsed = suggestionOf(change?.body ?? '');
    expect(parsed?.fence).toBe('`````');
    expect(parsed?.content).toBe('Run ```` `x` ```` then [docs](https://new.example/docs).');
  });

  it('escapes the message above the suggestion', () => {
    const finding = { ...redirect, message: 'Moved by <script>@octocat</script> [x](javascript:y) #12' };
    const [change] = suggestChanges([finding], sources({ 'a.md': redirectFile }));
    const heading = change?.body.split('\n')[0];
    expect(heading).toBe(
      '**linkvet** · `permanent-redirect`: Moved by &lt;script&gt;\u200B@octocat&lt;/script&gt; \\[x\\]\\(javascript\\:y\\) \\#\u200B12',
    );
  });
});
