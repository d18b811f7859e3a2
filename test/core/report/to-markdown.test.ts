import { describe, expect, it } from 'vitest';
import { escapeMarkdown, messageToMarkdown } from '../../../src/core/report/escape-markdown.js';
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
      '| ❌ | <code>a.md:1:1</code> | <code>evil&#124;&lt;img src=x onerror=alert(1)&gt;.md</code> does not exist | <code>missing-file</code> |',
    );
    expect(markdown).not.toContain('<img');
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
    expect(messageToMarkdown('No heading `#a`b` here')).toBe('No heading <code>#a</code>b\\` here');
  });
});
