import { describe, expect, it } from 'vitest';
import { escapeMarkdown, inlineCode, messageToMarkdown } from '../../../src/core/report/escape-markdown.js';

const zwsp = '\u200B';

describe('escapeMarkdown on GitHub references', () => {
  it('breaks issue and pull request numbers so they cross-reference nothing', () => {
    expect(escapeMarkdown('#12')).toBe(`\\#${zwsp}12`);
    expect(escapeMarkdown('fixes owner/repo#12')).toBe(`fixes owner/repo\\#${zwsp}12`);
    expect(escapeMarkdown('GH-12')).toBe(`GH\\-${zwsp}12`);
    expect(escapeMarkdown('see gh-7.')).toBe(`see gh\\-${zwsp}7\\.`);
  });

  it('breaks mentions so they ping no one', () => {
    expect(escapeMarkdown('@octocat')).toBe(`${zwsp}@octocat`);
    expect(escapeMarkdown('ask @org/team')).toBe(`ask ${zwsp}@org/team`);
    expect(escapeMarkdown('me@example.com')).toBe(`me${zwsp}@example\\.com`);
  });

  it('leaves a hash or GH- that no number follows, and a GH- inside a word, without the space', () => {
    expect(escapeMarkdown('#heading')).toBe('\\#heading');
    expect(escapeMarkdown('GH-pages')).toBe('GH\\-pages');
    expect(escapeMarkdown('XGH-12')).toBe('XGH\\-12');
    expect(escapeMarkdown('1#2')).toBe(`1\\#${zwsp}2`);
  });

  it('breaks references in the free text of a message but not inside its code', () => {
    expect(messageToMarkdown('`#12` reported by @bob in #34')).toBe(
      `\` #12 \` reported by ${zwsp}@bob in \\#${zwsp}34`,
    );
    expect(inlineCode('@bob #1')).toBe('` @bob #1 `');
  });

  it('keeps breaking autolinks and turning newlines into spaces', () => {
    expect(escapeMarkdown('https://a.example\nwww.b.example')).toBe(
      `https${zwsp}\\://a\\.example ${zwsp}www\\.b\\.example`,
    );
  });
});

describe('inlineCode on long input', () => {
  it('fences 200,000 backtick runs without overflowing the stack', () => {
    const text = '`a'.repeat(200_000) + '```';
    const code = inlineCode(text);
    expect(code.startsWith('```` ')).toBe(true);
    expect(code.endsWith(' ````')).toBe(true);
  });
});
