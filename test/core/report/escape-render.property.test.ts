import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, inlineCode, messageToMarkdown } from '../../../src/core/report/escape-markdown.js';
import { toJobSummary } from '../../../src/core/report/github/job-summary.js';
import { toPrComment } from '../../../src/core/report/github/pr-comment.js';
import { toMarkdown } from '../../../src/core/report/to-markdown.js';
import { fuzzParameters } from '../../helpers/markdown-arbitraries.js';
import { gfmRenderers, hostileText, liveReferenceIn, visibleText } from '../../helpers/render-gfm.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

// Untrusted text (URLs, file names, messages) rendered by two GFM renderers, micromark and markdown-it:
// whatever it holds, it stays one table cell of plain text or code.

/** A table of one row whose middle cell is `cell`, as the reporters build theirs. */
const tableWith = (cell: string): string => `| a | b | c |\n| --- | --- | --- |\n| x | ${cell} | y |\n\nafter`;

/**
 * What must never come out of untrusted text: links, images, raw HTML, a second row or block, emphasis,
 * a live mention or issue reference.
 */
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
  return liveReferenceIn(visibleText(html));
}

describe('untrusted text rendered by a GFM renderer', () => {
  it('stays inert in a table cell through escapeMarkdown, inlineCode and messageToMarkdown', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        for (const cell of [escapeMarkdown(text), inlineCode(text), messageToMarkdown(`\`${text}\` and ${text}`)]) {
          for (const [renderer, render] of gfmRenderers) {
            const html = render(tableWith(cell));
            expect(liveMarkupIn(html), `${renderer}: ${JSON.stringify(text)} → ${html}`).toBeUndefined();
          }
        }
      }),
      fuzzParameters(300),
    );
  });

  it('keeps the issue’s lone-CR injection inside its row in the Markdown report, the comment and the summary', async () => {
    const root = makeTree({ 'a.md': '[x](a&#13;@octocat&#32;<img&#32;src=x>&#13;.md)\n' });
    const report = await check(root);
    const at = { serverUrl: 'https://github.com', repository: 'octo/docs', sha: 'abc1234' };
    for (const markdown of [toMarkdown(report), toPrComment(report, { at }), toJobSummary(report, { at })]) {
      for (const [renderer, render] of gfmRenderers) {
        const html = render(markdown);
        expect(html, renderer).toContain('octocat');
        expect(html, renderer).not.toMatch(/<img\b/);
        expect(liveReferenceIn(visibleText(html)), renderer).toBeUndefined();
        // The findings table: a header row and one finding, however the renderer splits lines.
        expect(html.match(/<tr>/g), renderer).toHaveLength(markdown.includes('| Files |') ? 4 : 2);
      }
    }
  });

  it('keeps a pipe after a backslash inside its code span (found by the fuzz run)', () => {
    for (const text of ['a\\|<img src=x>', 'a\\\\|<img src=x>', 'a[<a href=x>FIB\\|![i](x.png)<img src=x>> q']) {
      for (const [renderer, render] of gfmRenderers) {
        const html = render(tableWith(inlineCode(text)));
        expect(liveMarkupIn(html), `${renderer}: ${JSON.stringify(text)} → ${html}`).toBeUndefined();
      }
    }
  });

  it('neutralises every line terminator, CR alone included', () => {
    for (const terminator of ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C']) {
      expect(escapeMarkdown(`a${terminator}b`)).toBe('a b');
      expect(inlineCode(`a${terminator}b`)).toBe('` a b `');
    }
  });
});
