import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/core/extract/extract-file.js';
import { parseMarkdown } from '../../../src/core/parse/parse-markdown.js';
import type { DanglingReference, Definition, ExtractedFile, Link, Span } from '../../../src/core/types.js';

function extract(text: string, shortcut = false): ExtractedFile {
  return extractFile('docs/a.md', parseMarkdown(text), text, { shortcut });
}

/** A span as `line:column-line:column`, 1-based, end exclusive. */
function where(span: Span): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

/** A link reduced to what tests compare; `at` is the start `line:column`. */
function brief(link: Link): { kind: string; url: string; text: string; at: string; label?: string } {
  const at = `${link.span.start.line}:${link.span.start.column}`;
  const summary = { kind: link.kind, url: link.url, text: link.text, at };
  return link.label === undefined ? summary : { ...summary, label: link.label };
}

function links(text: string): ReturnType<typeof brief>[] {
  return extract(text).links.map(brief);
}

/** A dangling reference reduced to what tests compare; `at` is its whole span. */
type DanglingBrief = Pick<DanglingReference, 'label' | 'text' | 'referenceType'> & { at: string };

function dangling(text: string, shortcut = false): DanglingBrief[] {
  return extract(text, shortcut).danglingReferences.map(({ label, text: said, referenceType, span, file }) => {
    expect(file).toBe('docs/a.md');
    return { label, text: said, referenceType, at: where(span) };
  });
}

function definition(label: string, url: string, span: string): Definition {
  const [start = '', end = ''] = span.split('-');
  const point = (at: string): { line: number; column: number } => {
    const [line = 0, column = 0] = at.split(':').map(Number);
    return { line, column };
  };
  return { file: 'docs/a.md', label, url, span: { start: point(start), end: point(end) } };
}

describe('extractFile: Markdown links', () => {
  it('extracts an inline link with its file, text and exact span', () => {
    expect(extract('See [the guide](guide.md "Guide").\n').links).toEqual([
      {
        file: 'docs/a.md',
        kind: 'inline',
        url: 'guide.md',
        text: 'the guide',
        span: { start: { line: 1, column: 5 }, end: { line: 1, column: 34 } },
      },
    ]);
  });

  it('takes the destination out of angle brackets and keeps an empty one', () => {
    expect(links('[t](<my file.md>) and [e]()\n')).toEqual([
      { kind: 'inline', url: 'my file.md', text: 't', at: '1:1' },
      { kind: 'inline', url: '', text: 'e', at: '1:23' },
    ]);
  });

  it('flattens emphasis in link text and collapses white space across lines', () => {
    const [link] = extract('[some *emphasised*\n  text](x.md)\n').links;
    expect(link?.text).toBe('some emphasised text');
    expect(where(link?.span ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } })).toBe('1:1-2:14');
  });

  it('resolves full, collapsed and shortcut references through definitions, pointing at the use', () => {
    const text = 'A [full][L1] and [l2][] and [l3] here.\n\n[l1]: one.md\n[l2]: two.md\n[l3]: three.md "Title"\n';
    expect(links(text)).toEqual([
      { kind: 'reference', url: 'one.md', text: 'full', at: '1:3', label: 'l1' },
      { kind: 'reference', url: 'two.md', text: 'l2', at: '1:18', label: 'l2' },
      { kind: 'reference', url: 'three.md', text: 'l3', at: '1:29', label: 'l3' },
    ]);
  });

  it('resolves a reference whose definition comes later in the file', () => {
    const file = extract('[after][later]\n\n[later]: https://later.example/\n');
    expect(file.links.map(brief)).toEqual([
      { kind: 'reference', url: 'https://later.example/', text: 'after', at: '1:1', label: 'later' },
    ]);
    expect(file.definitions).toEqual([definition('later', 'https://later.example/', '3:1-3:32')]);
    expect(file.unusedDefinitions).toEqual([]);
    expect(file.danglingReferences).toEqual([]);
  });

  it('matches labels case-insensitively with white space collapsed, even across lines', () => {
    const text = '[Foo  Bar]: foobar.md\n\n[foo bar][] [FOO BAR] [x][Foo\nBar]\n';
    expect(links(text)).toEqual([
      { kind: 'reference', url: 'foobar.md', text: 'foo bar', at: '3:1', label: 'foo bar' },
      { kind: 'reference', url: 'foobar.md', text: 'FOO BAR', at: '3:13', label: 'foo bar' },
      { kind: 'reference', url: 'foobar.md', text: 'x', at: '3:23', label: 'foo bar' },
    ]);
    expect(extract(text).links[2]?.span.end).toEqual({ line: 4, column: 5 });
  });

  it('lets the first of two definitions with one label win', () => {
    const file = extract('[a][dup]\n\n[dup]: first.md\n[DUP]: second.md\n');
    expect(file.links.map((link) => link.url)).toEqual(['first.md']);
    expect(file.definitions).toEqual([definition('dup', 'first.md', '3:1-3:16')]);
  });

  it('uses the alt text of images as their text, pointing at the `!`', () => {
    const text = 'x ![Alt *text*](pic.png "t") and ![alt ref][img]\n\n[img]: <pic one.png> "T"\n';
    expect(links(text)).toEqual([
      { kind: 'image', url: 'pic.png', text: 'Alt text', at: '1:3' },
      { kind: 'image-reference', url: 'pic one.png', text: 'alt ref', at: '1:34', label: 'img' },
    ]);
  });

  it('extracts autolinks with their URL as text, e-mail autolinks as mailto:', () => {
    expect(links('See <https://x.com/a> or <foo@bar.com>.\n')).toEqual([
      { kind: 'autolink', url: 'https://x.com/a', text: 'https://x.com/a', at: '1:5' },
      { kind: 'autolink', url: 'mailto:foo@bar.com', text: 'foo@bar.com', at: '1:26' },
    ]);
  });

  it('extracts GFM literal autolinks at their first character, without trailing punctuation', () => {
    const text = 'Visit www.example.com or https://example.org/path. (https://example.org/p) mail@example.com\n';
    expect(links(text)).toEqual([
      { kind: 'literal', url: 'http://www.example.com', text: 'www.example.com', at: '1:7' },
      { kind: 'literal', url: 'https://example.org/path', text: 'https://example.org/path', at: '1:26' },
      { kind: 'literal', url: 'https://example.org/p', text: 'https://example.org/p', at: '1:53' },
      { kind: 'literal', url: 'mailto:mail@example.com', text: 'mail@example.com', at: '1:76' },
    ]);
  });

  it('gives a link around an image two links, the outer one speaking with the alt text', () => {
    expect(links('[![alt](b.png)](https://url.example)\n')).toEqual([
      { kind: 'inline', url: 'https://url.example', text: 'alt', at: '1:1' },
      { kind: 'image', url: 'b.png', text: 'alt', at: '1:2' },
    ]);
  });

  it('reads the alt of a raw `<img>` inside a Markdown link as link text', () => {
    expect(links('[<img src="x.png" alt="X"> logo](https://url.example)\n')).toEqual([
      { kind: 'inline', url: 'https://url.example', text: 'X logo', at: '1:1' },
      { kind: 'html-image', url: 'x.png', text: 'X', at: '1:2' },
    ]);
  });

  it('finds links inside tables, strikethrough, lists and block quotes', () => {
    const text = '| a | b |\n|---|---|\n| [t](t.md) | ~~[s](s.md)~~ |\n\n- [l](l.md)\n\n> [q](q.md)\n';
    expect(links(text)).toEqual([
      { kind: 'inline', url: 't.md', text: 't', at: '3:3' },
      { kind: 'inline', url: 's.md', text: 's', at: '3:17' },
      { kind: 'inline', url: 'l.md', text: 'l', at: '5:3' },
      { kind: 'inline', url: 'q.md', text: 'q', at: '7:3' },
    ]);
  });

  it('keeps links of a setext heading and counts the heading', () => {
    const file = extract('Setext with [link](l.md)\n===\n');
    expect(file.links.map(brief)).toEqual([{ kind: 'inline', url: 'l.md', text: 'link', at: '1:13' }]);
    expect(file.landmarks.slugs).toEqual(['setext-with-link']);
  });
});

describe('extractFile: raw HTML links', () => {
  it('takes the text of an inline `<a href>` from the Markdown up to its `</a>`', () => {
    expect(links('<a href="x.md">some **bold** text</a> after\n')).toEqual([
      { kind: 'html-anchor', url: 'x.md', text: 'some bold text', at: '1:1' },
    ]);
  });

  it('ends each of two inline anchors in one paragraph at its own `</a>`', () => {
    const text = 'Before <a href="one.md">one</a> middle <a href="two.md">two *em*</a> end\n';
    expect(links(text)).toEqual([
      { kind: 'html-anchor', url: 'one.md', text: 'one', at: '1:8' },
      { kind: 'html-anchor', url: 'two.md', text: 'two em', at: '1:40' },
    ]);
  });

  it('takes inline anchor text across a line break and matches `</A>` in capitals', () => {
    expect(links('Text <a href="a.md">one\ntwo</a> end <A HREF="UP.md">Upper</A> text\n')).toEqual([
      { kind: 'html-anchor', url: 'a.md', text: 'one two', at: '1:6' },
      { kind: 'html-anchor', url: 'UP.md', text: 'Upper', at: '2:13' },
    ]);
  });

  it('spans an inline anchor from its opening tag, even over two lines, to its end tag', () => {
    const [link] = extract('Text\n<a href="two-lines.md"\n   title="t">x</a>\n').links;
    expect(link?.kind).toBe('html-anchor');
    expect(link?.text).toBe('x');
    expect(where(link?.span ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } })).toBe('2:1-3:19');
  });

  it('reads the alt of an `<img>` inside an inline `<a>` as its text', () => {
    expect(links('<a name="top">no href</a> <a href="z.md"><img src="logo.png" alt="Logo"></a>\n')).toEqual([
      { kind: 'html-anchor', url: 'z.md', text: 'Logo', at: '1:27' },
      { kind: 'html-image', url: 'logo.png', text: 'Logo', at: '1:42' },
    ]);
  });

  it('reads the alt of an `<img>` inside an `<a>` in an HTML block as its text', () => {
    const text = '<p align="center"><a href="https://h.example"><img src="b.svg" alt="Badge"></a></p>\n';
    expect(links(text)).toEqual([
      { kind: 'html-anchor', url: 'https://h.example', text: 'Badge', at: '1:19' },
      { kind: 'html-image', url: 'b.svg', text: 'Badge', at: '1:47' },
    ]);
  });

  it('points at the `<` of an anchor on a later line of an HTML block', () => {
    expect(links('<div>\n<a href="y.md">y</a>\n</div>\n')).toEqual([
      { kind: 'html-anchor', url: 'y.md', text: 'y', at: '2:1' },
    ]);
  });

  it('points past the `> ` of a block quote for an HTML block inside it', () => {
    const [link] = extract('> <div>\n> <a href="y.md">y</a>\n> </div>\n').links;
    expect(link).toEqual({
      file: 'docs/a.md',
      kind: 'html-anchor',
      url: 'y.md',
      text: 'y',
      span: { start: { line: 2, column: 3 }, end: { line: 2, column: 23 } },
    });
  });

  it('points past list indentation and nested quote markers', () => {
    expect(links('- <div>\n  <a href="li.md">li</a>\n  </div>\n')).toEqual([
      { kind: 'html-anchor', url: 'li.md', text: 'li', at: '2:3' },
    ]);
    expect(links('>     indented\n> <div>\n>   <a href="q.md">q</a>\n> </div>\n')).toEqual([
      { kind: 'html-anchor', url: 'q.md', text: 'q', at: '3:5' },
    ]);
    expect(links('  - item\n\n    <div>\n      <a href="deep.md">deep</a>\n    </div>\n')).toEqual([
      { kind: 'html-anchor', url: 'deep.md', text: 'deep', at: '4:7' },
    ]);
  });

  it('extracts `<img src>` with its alt, inline and in blocks, and skips `<img>` without src', () => {
    const text = 'text <img src="i.png" alt="An image"> more\n\n<img alt="no src">\n<IMG SRC="b.png" ALT="B">\n';
    expect(links(text)).toEqual([
      { kind: 'html-image', url: 'i.png', text: 'An image', at: '1:6' },
      { kind: 'html-image', url: 'b.png', text: 'B', at: '4:1' },
    ]);
  });

  it('trims and entity-decodes href values, and ignores anchors without href', () => {
    expect(links('A <a href=" a?x=1&amp;y=2 ">e</a> <a>plain</a>\n')).toEqual([
      { kind: 'html-anchor', url: 'a?x=1&y=2', text: 'e', at: '1:3' },
    ]);
  });

  it('finds HTML anchors inside table cells', () => {
    expect(links('| a | b |\n|---|---|\n| [t](t.md) | <a href="tc.md">tc</a> |\n')).toEqual([
      { kind: 'inline', url: 't.md', text: 't', at: '3:3' },
      { kind: 'html-anchor', url: 'tc.md', text: 'tc', at: '3:15' },
    ]);
  });
});

describe('extractFile: places that hold no links', () => {
  it('ignores code spans, fenced and indented code blocks', () => {
    const text = [
      'Use `[x](code.md)` and `<https://code.example>` but [real](real.md).',
      '',
      '```md',
      '[fenced](fenced.md)',
      '<a href="fencedhtml.md">f</a>',
      '```',
      '',
      '    [indented](indented.md)',
      '',
      '~~~',
      '![img](tilde.png) www.tilde.example',
      '~~~',
      '',
    ].join('\n');
    const file = extract(text);
    expect(file.links.map(brief)).toEqual([{ kind: 'inline', url: 'real.md', text: 'real', at: '1:53' }]);
    expect(file.landmarks.ids).toEqual([]);
  });

  it('ignores HTML comments, inline and as blocks', () => {
    const text = [
      'Text <!-- [c](comment.md) <a href="c2.md">x</a> --> after [ok](ok.md)',
      '',
      '<!--',
      '[block](block.md)',
      '<a href="block2.md" id="hidden">b</a>',
      '# not a heading',
      '-->',
      '',
    ].join('\n');
    const file = extract(text);
    expect(file.links.map(brief)).toEqual([{ kind: 'inline', url: 'ok.md', text: 'ok', at: '1:59' }]);
    expect(file.landmarks).toEqual({ slugs: [], aliases: [], ids: [], lineCount: 7 });
  });

  it('finds the anchor right after a comment in the same HTML', () => {
    expect(links('<!-- <a href="c.md">c</a> --><a href="d.md">d</a>\n')).toEqual([
      { kind: 'html-anchor', url: 'd.md', text: 'd', at: '1:30' },
    ]);
  });

  it('ignores YAML front matter, which is neither links nor a setext heading', () => {
    const file = extract('---\nurl: [x](y.md)\nlink: <https://front.example>\n---\n\n[body](body.md)\n');
    expect(file.links.map(brief)).toEqual([{ kind: 'inline', url: 'body.md', text: 'body', at: '6:1' }]);
    expect(file.landmarks.slugs).toEqual([]);
  });

  it('ignores TOML front matter', () => {
    const file = extract('+++\nurl = "[x](y.md)"\nother = "<https://t.example>"\n+++\n\n[body](body.md)\n');
    expect(file.links.map(brief)).toEqual([{ kind: 'inline', url: 'body.md', text: 'body', at: '6:1' }]);
  });

  it('reports no undefined references from code, comments or front matter', () => {
    const text =
      '---\nx: "[front][nolabel]"\n---\n`[code][nolabel]` and\n```\n[fence][nolabel]\n```\n<!-- [c][nolabel] -->\n';
    expect(extract(text, true).danglingReferences).toEqual([]);
  });
});

describe('extractFile: landmarks', () => {
  it('slugs headings as GitHub does, numbering repeats', () => {
    const text = '# Title\n\n## Duplicate\n## Duplicate\n\n## Title\n';
    expect(extract(text).landmarks.slugs).toEqual(['title', 'duplicate', 'duplicate-1', 'title-1']);
    expect(extract('# A\n# A\n# A\n').landmarks.slugs).toEqual(['a', 'a-1', 'a-2']);
  });

  it('drops punctuation and entities, keeps hyphens, underscores and one hyphen per space', () => {
    const text = [
      '## Hello, World! (v2.0)',
      '## Q&amp;A &lt;tag&gt;',
      "# Don't stop",
      '# Foo-bar_baz 123',
      '### ./path/file.md',
      '# A  --  B',
      '## Title ##',
      '## \\#escaped',
      '',
    ].join('\n');
    expect(extract(text).landmarks.slugs).toEqual([
      'hello-world-v20',
      'qa-tag',
      'dont-stop',
      'foo-bar_baz-123',
      'pathfilemd',
      'a------b',
      'title',
      'escaped',
    ]);
  });

  it('keeps the text of inline code, emphasis and links, but not image alt', () => {
    const text =
      '## Use `npm install` now\n## *Emph* and **strong** ~~del~~\n## See [the docs](docs.md)\n## ![logo](l.png) Name\n';
    expect(extract(text).landmarks.slugs).toEqual([
      'use-npm-install-now',
      'emph-and-strong-del',
      'see-the-docs',
      'name',
    ]);
  });

  it('drops emoji, adding the slug without its edge hyphen as an alias', () => {
    const file = extract('## 🎉 Party\n## Party 🎉\n## Plain\n');
    expect(file.landmarks.slugs).toEqual(['-party', 'party-', 'plain']);
    expect(file.landmarks.aliases).toEqual(['party', 'party']);
  });

  it('ignores HTML inside a heading for the slug, but records its ids', () => {
    const file = extract('## Install <a name="x"></a>\n\n## <span id="s">Hi</span> there\n');
    expect(file.landmarks.slugs).toEqual(['install', 'hi-there']);
    expect(file.landmarks.ids).toEqual(['x', 's']);
  });

  it('slugs setext headings, raw HTML headings and non-ASCII headings', () => {
    const text =
      'Setext One\n==========\n\nSetext Two\n----------\n\n<h2>Raw Title</h2>\n\n## 有效\n\n#### Ünïcödé Straße\n';
    expect(extract(text).landmarks.slugs).toEqual(['setext-one', 'setext-two', 'raw-title', '有效', 'ünïcödé-straße']);
  });

  it('numbers a raw HTML heading together with Markdown ones', () => {
    expect(extract('## Intro\n\n<h3>Intro</h3>\n\n## Intro\n').landmarks.slugs).toEqual([
      'intro',
      'intro-1',
      'intro-2',
    ]);
  });

  it('collects `id` of any element and `name` of `<a>`, inline and in blocks', () => {
    const text = [
      '<div id="box"><span id="inner">s</span></div>',
      '',
      'Para <span id="inline-id">x</span> and <a name="anchor-name"></a>.',
      '',
      '<h3 id="h3id">Three</h3>',
      '',
      '<p name="not-an-anchor">p</p>',
      '',
    ].join('\n');
    const file = extract(text);
    expect(file.landmarks.ids).toEqual(['box', 'inner', 'inline-id', 'anchor-name', 'h3id']);
    expect(file.landmarks.slugs).toEqual(['three']);
  });

  it('counts lines with and without a trailing newline', () => {
    expect(extract('one\ntwo\n').landmarks.lineCount).toBe(2);
    expect(extract('one\ntwo').landmarks.lineCount).toBe(2);
    expect(extract('one\ntwo\n\n').landmarks.lineCount).toBe(3);
    expect(extract('one\r\ntwo\r\n').landmarks.lineCount).toBe(2);
  });

  it('counts lines as GitHub shows them, for `#L` anchors: a lone CR ends none', () => {
    expect(extract('one\rtwo\r').landmarks.lineCount).toBe(1);
    expect(extract('one\rtwo\nthree\r\n\r').landmarks.lineCount).toBe(3);
  });
});

describe('extractFile: positions as GitHub numbers lines', () => {
  // GitHub's file view, `#L` anchors, annotations and review comments end lines at LF only; the parser also at a lone CR.
  it('places links, references, definitions and undefined references after a lone CR on the line GitHub shows', () => {
    const file = extract('[a](a.md)\r[b][d] [c][none]\r\n\r[d]: d.md\rtext ![i](i.png)\n');
    expect(file.links.map((link) => `${link.url} ${where(link.span)}`)).toEqual([
      'a.md 1:1-1:10',
      'd.md 1:11-1:17',
      'i.png 2:17-2:28',
    ]);
    expect(file.definitions.map((found) => where(found.span))).toEqual(['2:2-2:11']);
    expect(file.danglingReferences.map((found) => where(found.span))).toEqual(['1:18-1:27']);
  });

  it('places raw HTML links in a block with lone CRs on the line and column GitHub shows', () => {
    expect(links('<div>\r<a href="x.md">x</a>\r  <img src="y.png">\n</div>\n').map((link) => link.at)).toEqual([
      '1:7',
      '1:30',
    ]);
  });
});

describe('extractFile: inline anchors in linear time', () => {
  it('ends an inline anchor at the next `<a>`, as HTML does, so its text is its own', () => {
    expect(links('<a href="1.md">one <a href="2.md">two</a> after\n')).toEqual([
      { kind: 'html-anchor', url: '1.md', text: 'one', at: '1:1' },
      { kind: 'html-anchor', url: '2.md', text: 'two', at: '1:20' },
    ]);
    const [first] = extract('<a href="1.md">one <a name="n"> two</a>\n').links;
    expect(first && where(first.span)).toBe('1:1-1:20');
  });

  it('gives 2,000 unclosed inline anchors in one paragraph texts of linear total length', () => {
    const text = `x ${'<a href=y>word '.repeat(2000)}`;
    const found = extract(text).links;
    expect(found).toHaveLength(2000);
    expect(found.every((link) => link.text === 'word')).toBe(true);
    // Each anchor running to the end of the paragraph would hold 2,000² / 2 words in all.
    expect(found.reduce((total, link) => total + link.text.length, 0)).toBeLessThanOrEqual(text.length);
  });
});

describe('extractFile: definitions and undefined references', () => {
  it('lists definitions and those nothing uses, an image reference counting as a use', () => {
    const file = extract('[a][used] ![i][img]\n\n[used]: used.md\n[img]: img.png\n[Never]: never.md\n');
    expect(file.definitions).toEqual([
      definition('used', 'used.md', '3:1-3:16'),
      definition('img', 'img.png', '4:1-4:15'),
      definition('never', 'never.md', '5:1-5:18'),
    ]);
    expect(file.unusedDefinitions).toEqual([definition('never', 'never.md', '5:1-5:18')]);
  });

  it('reports `[text][label]` and `[label][]` with no definition, with their type and span', () => {
    expect(dangling('See [text][nolabel] and [nolabel2][] and [shortcut].\n')).toEqual([
      { label: 'nolabel', text: 'text', referenceType: 'full', at: '1:5-1:20' },
      { label: 'nolabel2', text: 'nolabel2', referenceType: 'collapsed', at: '1:25-1:37' },
    ]);
  });

  it('reports an undefined shortcut `[label]` only when asked to', () => {
    const text = 'See [shortcut] and [x][y].\n';
    expect(dangling(text)).toEqual([{ label: 'y', text: 'x', referenceType: 'full', at: '1:20-1:26' }]);
    expect(dangling(text, true)).toEqual([
      { label: 'shortcut', text: 'shortcut', referenceType: 'shortcut', at: '1:5-1:15' },
      { label: 'y', text: 'x', referenceType: 'full', at: '1:20-1:26' },
    ]);
  });

  it('does not report escaped brackets, footnotes, task boxes, links or definition-like text', () => {
    const text = '- [ ] \\[x\\]\\[y\\] [^1] [^missing] [ok](ok.md) [a]: b\n- [x] done\n\n[^1]: A footnote.\n';
    expect(dangling(text, true)).toEqual([]);
  });

  it('reports a reference after an escaped backslash, which leaves the bracket unescaped', () => {
    expect(dangling('A \\\\[x][nolabel]\n')).toEqual([
      { label: 'nolabel', text: 'x', referenceType: 'full', at: '1:5-1:17' },
    ]);
  });

  it('reports references whose text holds emphasis or code', () => {
    expect(dangling('[*em* text][nolabel] and [a `code` b][nolabel2]\n')).toEqual([
      { label: 'nolabel', text: '*em* text', referenceType: 'full', at: '1:1-1:21' },
      { label: 'nolabel2', text: 'a `code` b', referenceType: 'full', at: '1:26-1:48' },
    ]);
  });

  it('resolves a label defined with other case and spacing', () => {
    const file = extract('[foo bar][] and [x][FOO   bar]\n\n[Foo  Bar]: u\n');
    expect(file.danglingReferences).toEqual([]);
    expect(file.unusedDefinitions).toEqual([]);
    expect(file.links.map((link) => link.label)).toEqual(['foo bar', 'foo bar']);
  });

  it('reports undefined references in headings, table cells, quotes and lists, at the use', () => {
    const text = '- [item][gone]\n\n# Heading [h][]\n\n| a |\n|---|\n| [c][nolabel2] |\n\n> quote\n> [q][] x\n';
    expect(dangling(text)).toEqual([
      { label: 'gone', text: 'item', referenceType: 'full', at: '1:3-1:15' },
      { label: 'h', text: 'h', referenceType: 'collapsed', at: '3:11-3:16' },
      { label: 'nolabel2', text: 'c', referenceType: 'full', at: '7:3-7:16' },
      { label: 'q', text: 'q', referenceType: 'collapsed', at: '10:3-10:8' },
    ]);
  });

  it('reports an undefined reference inside link text and one spanning lines', () => {
    expect(dangling('[outer [inner][nolabel]](x.md)\n\nLine one\n  see [a][multi\nline] then\n')).toEqual([
      { label: 'nolabel', text: 'inner', referenceType: 'full', at: '1:8-1:24' },
      { label: 'multi line', text: 'a', referenceType: 'full', at: '4:7-5:6' },
    ]);
  });
});

describe('dangling reference text', () => {
  it('collapses white space as link text does', () => {
    const [reference] = extract('See [ Foo\n  Bar ][nolabel].\n').danglingReferences;
    expect(reference).toMatchObject({ label: 'nolabel', text: 'Foo Bar' });
  });
});

describe('extractFile: bugs found by the property tests', () => {
  it('places a literal autolink that remark-gfm leaves without a position where it is written', () => {
    const [link] = extract('- [\\][x] https://example.org/b\n').links;
    expect(link?.url).toBe('https://example.org/b');
    expect(where(link?.span ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } })).toBe('1:10-1:31');
  });

  it('places an HTML link after a lone CR where GitHub shows it: on the same line, past the CR', () => {
    expect(links('a\r<a href="x.md">x</a>\n').map((link) => link.at)).toEqual(['1:3']);
  });
});
