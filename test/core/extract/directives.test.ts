import { describe, expect, it } from 'vitest';
import { findDirectives, type Directive } from '../../../src/core/extract/directives.js';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';

function directives(text: string): Directive[] {
  return findDirectives(parseMarkdown(text), text);
}

/** A directive reduced to kind, rules and where it acts: `startLine-line:column>nextLine`. */
function brief(directive: Directive): { kind: string; rules: readonly string[]; at: string } {
  const { kind, rules, startLine, line, column, nextLine } = directive;
  return { kind, rules, at: `${startLine}-${line}:${column}>${nextLine}` };
}

function briefs(text: string): ReturnType<typeof brief>[] {
  return directives(text).map(brief);
}

describe('findDirectives: the four forms', () => {
  it('reads a block comment of each kind, for all rules', () => {
    const text = [
      '<!-- linkvet-disable-next-line -->',
      '[a](a.md)',
      '<!-- linkvet-disable -->',
      '',
      '<!-- linkvet-enable -->',
      '',
      'Text [b](b.md) <!-- linkvet-disable-line -->',
      '',
    ].join('\n');
    expect(briefs(text)).toEqual([
      { kind: 'disable-next-line', rules: [], at: '1-1:35>2' },
      { kind: 'disable', rules: [], at: '3-3:25>5' },
      { kind: 'enable', rules: [], at: '5-5:24>7' },
      { kind: 'disable-line', rules: [], at: '7-7:45>8' },
    ]);
  });

  it('keeps the name as written', () => {
    expect(directives('<!-- linkvet-disable -->\n').map(({ name }) => name)).toEqual(['linkvet-disable']);
  });

  it('reads rule lists split by spaces, commas or both', () => {
    const text = [
      '<!-- linkvet-disable missing-file missing-fragment -->',
      '<!-- linkvet-enable missing-file,missing-fragment -->',
      '<!-- linkvet-disable-next-line missing-file, missing-fragment ,dead-link, -->',
      '<!--linkvet-disable-line,naked-url-->',
      '',
    ].join('\n');
    expect(directives(text).map(({ kind, rules }) => [kind, rules])).toEqual([
      ['disable', ['missing-file', 'missing-fragment']],
      ['enable', ['missing-file', 'missing-fragment']],
      ['disable-next-line', ['missing-file', 'missing-fragment', 'dead-link']],
      ['disable-line', ['naked-url']],
    ]);
  });

  it('drops a trailing `-- reason`', () => {
    const text = '<!-- linkvet-disable-next-line dead-link -- the site blocks robots -->\n[a](https://a.example)\n';
    expect(directives(text).map(({ rules }) => rules)).toEqual([['dead-link']]);
  });

  it('keeps unknown rule names, for the warning', () => {
    const text = '<!-- linkvet-disable-next-line mising-file dead-link -->\n[a](a.md)\n';
    expect(directives(text).map(({ rules }) => rules)).toEqual([['mising-file', 'dead-link']]);
  });

  it('keeps a misspelt directive as `unknown`, and ignores comments not meant for linkvet', () => {
    const text = '<!-- linkvet-disabel missing-file -->\n<!-- a note -->\n<!-- linkvetdisable -->\n';
    expect(directives(text).map(({ kind, name, rules }) => ({ kind, name, rules }))).toEqual([
      { kind: 'unknown', name: 'linkvet-disabel', rules: ['missing-file'] },
    ]);
  });
});

describe('findDirectives: where directives are', () => {
  it('places a multi-line comment at its end, and the next line after that end', () => {
    const text = '<!-- linkvet-disable-next-line\n     missing-file,\n     dead-link -->\n[a](a.md)\n';
    expect(briefs(text)).toEqual([{ kind: 'disable-next-line', rules: ['missing-file', 'dead-link'], at: '1-3:19>4' }]);
  });

  it('numbers lines as GitHub does, where a lone CR ends none: the next line the parser sees is on the same line', () => {
    const text = '<!-- linkvet-disable-next-line\r     missing-file -->\r[a](a.md)\r';
    expect(briefs(text)).toEqual([{ kind: 'disable-next-line', rules: ['missing-file'], at: '1-1:53>1' }]);
    expect(briefs('<!-- linkvet-disable-next-line -->\r\r\n\r[a](a.md)\n')[0]?.at).toBe('1-1:35>2');
    expect(briefs('[a](a.md)\r<!-- linkvet-disable-next-line -->\r\r')[0]?.at).toBe('1-1:45>2');
  });

  it('skips blank lines, block-quote markers included, to find the next line', () => {
    expect(briefs('<!-- linkvet-disable-next-line -->\n\n   \n[a](a.md)\n')[0]?.at).toBe('1-1:35>4');
    expect(briefs('> <!-- linkvet-disable-next-line -->\n>\n> [a](a.md)\n')[0]?.at).toBe('1-1:37>3');
  });

  it('points past the end of the file when nothing follows', () => {
    expect(briefs('[a](a.md)\n<!-- linkvet-disable-next-line -->\n\n')[0]?.at).toBe('2-2:35>4');
  });

  it('finds inline comments in paragraphs and table cells, at their own columns', () => {
    const text = [
      'See [a](a.md) <!-- linkvet-disable-line missing-file --> and more.',
      '',
      '| a | b |',
      '| - | - |',
      '| [x](x.md) <!-- linkvet-disable-line --> | y |',
      '',
    ].join('\n');
    expect(briefs(text)).toEqual([
      { kind: 'disable-line', rules: ['missing-file'], at: '1-1:57>3' },
      { kind: 'disable-line', rules: [], at: '5-5:42>6' },
    ]);
  });

  it('maps a multi-line comment inside a block quote to source columns', () => {
    const text = '> Text <!-- linkvet-disable-line\n> dead-link --> more [a](https://a.example)\n';
    expect(briefs(text)).toEqual([{ kind: 'disable-line', rules: ['dead-link'], at: '1-2:16>3' }]);
  });

  it('finds several comments in one HTML node, and comments inside other HTML', () => {
    const text = '<!-- a note --> <!-- linkvet-disable dead-link -->\n\n<div>\n<!-- linkvet-enable -->\n</div>\n';
    expect(briefs(text)).toEqual([
      { kind: 'disable', rules: ['dead-link'], at: '1-1:51>3' },
      { kind: 'enable', rules: [], at: '4-4:24>5' },
    ]);
  });

  it('is not fooled by an empty `<!-->` comment before a directive', () => {
    expect(briefs('<!--> <!-- linkvet-disable -->\n').map(({ kind }) => kind)).toEqual(['disable']);
  });

  it('finds nothing in code spans, fenced or indented code, or front matter', () => {
    const text = [
      '---',
      'note: <!-- linkvet-disable -->',
      '---',
      '',
      'Write `<!-- linkvet-disable -->` to switch checks off.',
      '',
      '```html',
      '<!-- linkvet-disable -->',
      '```',
      '',
      '    <!-- linkvet-disable -->',
      '',
    ].join('\n');
    expect(directives(text)).toEqual([]);
  });

  it('finds nothing in an unclosed comment', () => {
    expect(directives('<!-- linkvet-disable\n\n[a](a.md)\n')).toEqual([]);
  });
});

describe('extractFile: directives', () => {
  it('hands the directives on with the rest of the extraction', () => {
    const text = '<!-- linkvet-disable-next-line -->\n[a](a.md)\n';
    const extracted = extractFile('docs/a.md', parseMarkdown(text), text, { shortcut: false });
    expect(extracted.directives.map(brief)).toEqual([{ kind: 'disable-next-line', rules: [], at: '1-1:35>2' }]);
    expect(extracted.links).toHaveLength(1);
  });
});
