import { describe, expect, it } from 'vitest';
import { scanHtml } from '../../../src/core/extract/scan-html.js';

describe('scanHtml', () => {
  it('finds an `<a href>` with its text, from its opening tag to its end tag', () => {
    expect(scanHtml('<a href="x.md">x</a>')).toEqual({
      links: [{ tag: 'a', url: 'x.md', text: 'x', start: 0, end: 20 }],
      ids: [],
      headings: [],
      openAnchor: false,
      closesAnchor: false,
    });
  });

  it('finds `<img src>` with its alt and offsets, and skips `<img>` without src', () => {
    expect(scanHtml('<p><img src="a.png" alt="A &amp; B"/> <img alt="none"></p>').links).toEqual([
      { tag: 'img', url: 'a.png', text: 'A & B', start: 3, end: 37 },
    ]);
    expect(scanHtml('<img src="a.png">').links).toEqual([{ tag: 'img', url: 'a.png', text: '', start: 0, end: 17 }]);
  });

  it('reads tags and attributes in any case and decodes entities in href', () => {
    expect(scanHtml('<A HREF="a?x=1&amp;y=2">e</A>').links).toEqual([
      { tag: 'a', url: 'a?x=1&y=2', text: 'e', start: 0, end: 29 },
    ]);
  });

  it('lets the alt of an `<img>` inside an `<a>` count as the anchor text', () => {
    expect(scanHtml('<a href="h.md">t<img src="i.png" alt="I"></a>').links).toEqual([
      { tag: 'a', url: 'h.md', text: 'tI', start: 0, end: 45 },
      { tag: 'img', url: 'i.png', text: 'I', start: 16, end: 41 },
    ]);
  });

  it('marks an `<a>` holding only images as image-only, so its image is judged with it', () => {
    expect(scanHtml('<a href="h.md"> <img src="i.png"> </a>').links[0]).toMatchObject({ imageOnly: true, text: '  ' });
    expect(scanHtml('<a href="h.md">Home <img src="i.png"></a>').links[0]?.imageOnly).toBeUndefined();
  });

  it('leaves an anchor without href out of the links', () => {
    expect(scanHtml('<a>no href</a>').links).toEqual([]);
  });

  it('reports an `<a href>` left open, with no text yet', () => {
    const scan = scanHtml('<a href="x.md">');
    expect(scan.links).toEqual([{ tag: 'a', url: 'x.md', text: undefined, start: 0, end: 15 }]);
    expect(scan.openAnchor).toBe(true);
    expect(scan.closesAnchor).toBe(false);
  });

  it('says when an `</a>` closes an anchor opened elsewhere', () => {
    expect(scanHtml('</a>').closesAnchor).toBe(true);
    expect(scanHtml('</a >').closesAnchor).toBe(true);
    expect(scanHtml('text</A>').closesAnchor).toBe(true);
    expect(scanHtml('<a href="a">a</a></a>').closesAnchor).toBe(true);
    expect(scanHtml('<a href="a">a</a>').closesAnchor).toBe(false);
    expect(scanHtml('<!-- </a> -->').closesAnchor).toBe(false);
    expect(scanHtml('</abbr>').closesAnchor).toBe(false);
  });

  it('collects `id` of any element and `name` of `<a>` only', () => {
    expect(scanHtml('<div id="d"><a name="n" id="i">x</a><p name="p">q</p><span id="s"></span></div>').ids).toEqual([
      'd',
      'i',
      'n',
      's',
    ]);
  });

  it('collects the text of `<h1>` to `<h6>`, nested tags included', () => {
    const scan = scanHtml('<div><h2>Head <b>bold</b></h2><h6 id="six">Six</h6><p>not</p></div>');
    expect(scan.headings).toEqual(['Head bold', 'Six']);
    expect(scan.ids).toEqual(['six']);
  });

  it('finds nothing in comments or scripts', () => {
    const scan = scanHtml('<!-- <a href="c.md" id="c">c</a> --><script>var s = "<a href=\'s.md\'>";</script>');
    expect(scan).toEqual({ links: [], ids: [], headings: [], openAnchor: false, closesAnchor: false });
  });

  it('orders links by where they start', () => {
    const scan = scanHtml('<a href="outer.md"><img src="i.png" alt="i"> text</a><img src="after.png">');
    expect(scan.links.map((link) => [link.tag, link.url, link.start])).toEqual([
      ['a', 'outer.md', 0],
      ['img', 'i.png', 19],
      ['img', 'after.png', 53],
    ]);
  });
});
