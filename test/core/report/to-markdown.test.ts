import { describe, expect, it } from 'vitest';
import type { Nodes } from 'mdast';
import { escapeMarkdown, inlineCode, messageToMarkdown } from '../../../src/core/report/escape-markdown.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import { toMarkdown } from '../../../src/core/report/to-markdown.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

describe('toMarkdown', () => {
  it('says so when everything is fine', async () => {
    const root = makeTree({ 'a.md': '# A\n\n[self](#a)\n' });
    expect(toMarkdown(await check(root))).toBe('### linkvet\n\n✅ All 1 link in 1 file are fine.\n');
  });

  it('tabulates findings with escaped user text', async () => {
    const root = makeTree({ 'a.md': '<a href="evil|<img src=x onerror=alert(1)>.md">x</a>\n' });
    const markdown = toMarkdown(await check(root));
    expect(markdown).toContain('❌ **1** error, **0** warnings, **0** notices in 1 link in 1 file.');
    expect(markdown).toContain(
      '| ❌ | ` a.md:1:1 ` | ` evil\\|<img src=x onerror=alert(1)>.md ` does not exist | ` missing-file ` |',
    );
    // The tag is inside a code span: parsed back, the report holds no HTML at all.
    const kinds = new Set<string>();
    const visit = (node: Nodes): void => {
      kinds.add(node.type);
      if ('children' in node) node.children.forEach(visit);
    };
    visit(parseMarkdown(markdown));
    expect(kinds.has('html')).toBe(false);
    expect(kinds.has('inlineCode')).toBe(true);
  });

  it('caps the table and says how many findings it left out', async () => {
    const root = makeTree({ 'a.md': '[a](1.md) [b](2.md) [c](3.md)\n' });
    const markdown = toMarkdown(await check(root), { maxFindings: 1 });
    expect(markdown.match(/^\| ❌/gm)).toHaveLength(1);
    expect(markdown).toContain('…and 2 more findings in the full report.');
  });
});

describe('escaping', () => {
  it('neutralises Markdown and HTML in free text', () => {
    expect(escapeMarkdown('[click](javascript:x) <b>*hi*</b> | a_b')).toBe(
      '\\[click\\]\\(javascript\\:x\\) &lt;b&gt;\\*hi\\*&lt;/b&gt; &#124; a\\_b',
    );
  });

  it('turns backticked values into code that backticks cannot break out of', () => {
    expect(messageToMarkdown('No heading `#a`b` here')).toBe('No heading ` #a `b\\` here');
    expect(inlineCode('a ``b`` c')).toBe('``` a ``b`` c ```');
  });
});
