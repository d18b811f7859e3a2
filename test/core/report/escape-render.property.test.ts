import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, inlineCode, messageToMarkdown } from '../../../src/core/report/escape-markdown.js';
import { toMarkdown } from '../../../src/core/report/to-markdown.js';
import { fuzzParameters } from '../../helpers/markdown-arbitraries.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

// Untrusted text (URLs, file names, messages) rendered the way GitHub renders comments and summaries:
// whatever it holds, it stays one table cell of plain text or code.

const render = (markdown: string): string =>
  micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

/** A table of one row whose middle cell is `cell`, as the reporters build theirs. */
const tableWith = (cell: string): string => `| a | b | c |\n| --- | --- | --- |\n| x | ${cell} | y |\n\nafter`;

/** What must never come out of untrusted text: links, images, raw HTML, a second row or block, emphasis. */
function liveMarkupIn(html: string): string | undefined {
  const body = html.replace(/<code>[\s\S]*?<\/code>/g, '');
  const checks: ReadonlyArray<readonly [string, RegExp]> = [
    ['a link', /<a\b/],
    ['an image', /<img\b/],
    ['raw HTML', /<(?!\/?(table|thead|tbody|tr|th|td|p|code)\b)[a-z!?/]/i],
    ['emphasis', /<(em|strong|del)\b/],
    ['a heading', /<h\d\b/],
    ['a list', /<(ul|ol|li|blockquote|pre|hr)\b/],
  ];
  for (const [what, pattern] of checks) if (pattern.test(body)) return what;
  const rows = html.match(/<tr>/g)?.length ?? 0;
  if (rows !== 2) return `${rows} table rows`;
  if (/@[a-z0-9]/i.test(body.replace(/\u200B@/g, ''))) return 'a live mention';
  return undefined;
}

const hostilePieces = [
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000B',
  '\u000C',
  '@octocat',
  '<img src=x>',
  '<script>',
  '<a href=x>',
  '*em*',
  '_em_',
  '**b**',
  '~~s~~',
  '[l](https://x.example)',
  '![i](x.png)',
  '<https://x.example>',
  'https://x.example',
  'www.x.example',
  '`',
  '``',
  '|',
  '\\',
  '\\|',
  '\\\\|',
  '#12',
  '# h',
  '- li',
  '> q',
  '    code',
  '---',
  '&#13;',
  '&lt;',
  ' ',
  'a',
  '.md',
];

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...hostilePieces), fc.string({ maxLength: 3 })), { maxLength: 12 })
  .map((pieces) => pieces.join(''));

describe('untrusted text rendered by a GFM renderer', () => {
  it('stays inert in a table cell through escapeMarkdown, inlineCode and messageToMarkdown', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const cell of [escapeMarkdown(text), inlineCode(text), messageToMarkdown(`\`${text}\` and ${text}`)]) {
          const html = render(tableWith(cell));
          expect(liveMarkupIn(html), `${JSON.stringify(text)} → ${html}`).toBeUndefined();
        }
      }),
      fuzzParameters(300),
    );
  });

  it('keeps the issue’s lone-CR injection inside its row in the Markdown report', async () => {
    const root = makeTree({ 'a.md': '[x](a&#13;@octocat&#32;<img&#32;src=x>&#13;.md)\n' });
    const html = render(toMarkdown(await check(root)));
    expect(html).toContain('octocat');
    expect(html).not.toMatch(/<img\b/);
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/\u200B@/g, '')).not.toMatch(/@octocat/);
    expect(html.match(/<tr>/g)).toHaveLength(2);
  });

  it('keeps a pipe after a backslash inside its code span (found by the fuzz run)', () => {
    for (const text of ['a\\|<img src=x>', 'a\\\\|<img src=x>', 'a[<a href=x>FIB\\|![i](x.png)<img src=x>> q']) {
      const html = render(tableWith(inlineCode(text)));
      expect(liveMarkupIn(html), `${JSON.stringify(text)} → ${html}`).toBeUndefined();
    }
  });

  it('neutralises every line terminator, CR alone included', () => {
    for (const terminator of ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C']) {
      expect(escapeMarkdown(`a${terminator}b`)).toBe('a b');
      expect(inlineCode(`a${terminator}b`)).toBe('` a b `');
    }
  });
});
