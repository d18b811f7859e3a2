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
      opensAnchor: true,
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
    expect(scan).toEqual({
      links: [],
      ids: [],
      headings: [],
      openAnchor: false,
      closesAnchor: false,
      opensAnchor: false,
    });
  });

  it('orders links by where they start', () => {
    const scan = scanHtml('<a href="outer.md"><img src="i.png" alt="i"> text</a><img src="after.png">');
    expect(scan.links.map((link) => [link.tag, link.url, link.start])).toEqual([
      ['a', 'outer.md', 0],
      ['img', 'i.png', 19],
      ['img', 'after.png', 53],
    ]);
  });

  it('ends an open `<a>` at the next `<a>`, as HTML parsers do, so each text belongs to one anchor', () => {
    const scan = scanHtml('<a href="1">one<img src="i.png" alt="I"><a href="2">two</a></a>');
    expect(scan.links).toEqual([
      { tag: 'a', url: '1', text: 'oneI', start: 0, end: 40 },
      { tag: 'img', url: 'i.png', text: 'I', start: 15, end: 40 },
      { tag: 'a', url: '2', text: 'two', start: 40, end: 59 },
    ]);
    expect(scan.openAnchor).toBe(false);
    // The second `</a>` has nothing left to close here.
    expect(scan.closesAnchor).toBe(true);
    expect(scanHtml('<a href="1">one<a name="n">').links).toEqual([
      { tag: 'a', url: '1', text: 'one', start: 0, end: 15 },
    ]);
  });

  it('says when HTML holds an `<a>` start tag, which ends an anchor opened in an earlier node', () => {
    expect(scanHtml('<a name="n">').opensAnchor).toBe(true);
    expect(scanHtml('<A HREF="x">').opensAnchor).toBe(true);
    expect(scanHtml('<abbr>x</abbr>').opensAnchor).toBe(false);
    expect(scanHtml('<!-- <a href="x"> -->').opensAnchor).toBe(false);
  });

  it('gathers each piece of text once however many `<a>` are left open: 3,275 give 3,275 links of linear total text', () => {
    const html = '<a href=x>text '.repeat(3275);
    const links = scanHtml(html).links;
    expect(links).toHaveLength(3275);
    // Nested, every open anchor would gather all the text after it: 3,275² / 2 pieces.
    expect(links.reduce((total, link) => total + (link.text?.length ?? 0), 0)).toBeLessThanOrEqual(html.length);
    expect(links.at(-1)).toEqual({
      tag: 'a',
      url: 'x',
      text: undefined,
      start: html.length - 15,
      end: html.length - 5,
    });
  });
});
