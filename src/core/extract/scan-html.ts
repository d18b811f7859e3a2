import { Parser } from 'htmlparser2';

/** An `<a href>` or `<img src>` found in raw HTML, with offsets into the scanned string. */
export interface HtmlLink {
  readonly tag: 'a' | 'img';
  readonly url: string;
  /** Text inside `<a>…</a>`, or the `alt` of an `<img>`; `undefined` while an `<a>` is still open. */
  readonly text: string | undefined;
  /** An `<a>` whose only content is images, like a badge. */
  readonly imageOnly?: boolean;
  readonly start: number;
  readonly end: number;
}

/** What a piece of raw HTML holds for link checking. */
export interface HtmlScan {
  readonly links: readonly HtmlLink[];
  /** `id` of any element and `name` of `<a>`, in order. */
  readonly ids: readonly string[];
  /** Text of `<h1>`–`<h6>` elements, in order; GitHub gives them slugs too. */
  readonly headings: readonly string[];
  /** An `<a href>` left open at the end, whose text continues in the Markdown after it. */
  readonly openAnchor: boolean;
  /** An `</a>` that closes no `<a>` of this HTML: it ends an anchor opened in an earlier node. */
  readonly closesAnchor: boolean;
  /** An `<a>` start tag, which ends an anchor opened in an earlier node, as in HTML. */
  readonly opensAnchor: boolean;
}

interface OpenAnchor {
  url: string | undefined;
  text: string;
  start: number;
  end: number;
  /** Whether it held an `<img>`, and text other than white space. */
  images: number;
  words: boolean;
}

/**
 * Scans raw HTML with htmlparser2 (comments and scripts hold no links). One anchor is open at a
 * time: an `<a>` start tag ends the open one, as HTML parsers do (browsers, and GitHub's
 * sanitizer), so text is gathered once however many `<a>` are left unclosed.
 */
export function scanHtml(html: string): HtmlScan {
  const links: HtmlLink[] = [];
  const ids: string[] = [];
  const headings: string[] = [];
  let anchor: OpenAnchor | undefined;
  let opensAnchor = false;
  let heading: string | undefined;
  let closedAnchors = 0;
  const close = (open: OpenAnchor, end: number): void => {
    if (open.url === undefined) return;
    // A closed anchor spans to its end, so what it contains lies within it.
    const { images, words, ...rest } = open;
    const imageOnly = images > 0 && !words;
    links.push({ tag: 'a', ...rest, url: open.url, end, ...(imageOnly ? { imageOnly } : {}) });
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (attributes['id']) ids.push(attributes['id']);
        if (name === 'a' && attributes['name']) ids.push(attributes['name']);
        if (/^h[1-6]$/.test(name)) heading = '';
        if (name === 'a') {
          opensAnchor = true;
          if (anchor) close(anchor, parser.startIndex);
          anchor = {
            url: attributes['href'],
            text: '',
            start: parser.startIndex,
            end: parser.endIndex + 1,
            images: 0,
            words: false,
          };
        }
        if (name === 'img' && anchor) {
          anchor.text += attributes['alt'] ?? '';
          anchor.images++;
        }
        if (name === 'img' && attributes['src'] !== undefined) {
          links.push({
            tag: 'img',
            url: attributes['src'],
            text: attributes['alt'] ?? '',
            start: parser.startIndex,
            end: parser.endIndex + 1,
          });
        }
      },
      ontext(text) {
        if (heading !== undefined) heading += text;
        if (anchor) {
          anchor.text += text;
          if (text.trim() !== '') anchor.words = true;
        }
      },
      onclosetag(name, implied) {
        if (/^h[1-6]$/.test(name) && heading !== undefined) {
          headings.push(heading);
          heading = undefined;
        }
        if (name !== 'a' || implied) return;
        // htmlparser2 nests anchors; an `</a>` it matches to one already ended by a later `<a>` ends nothing more.
        closedAnchors++;
        if (anchor) close(anchor, parser.endIndex + 1);
        anchor = undefined;
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true },
  );
  parser.end(html);
  const open = anchor?.url === undefined ? undefined : anchor;
  if (open?.url !== undefined)
    links.push({ tag: 'a', url: open.url, text: undefined, start: open.start, end: open.end });
  return {
    links: links.sort((a, b) => a.start - b.start),
    ids,
    headings,
    openAnchor: open !== undefined,
    closesAnchor: anchorEndTags(html) > closedAnchors,
    opensAnchor,
  };
}

/** How many `</a>` end tags the HTML holds outside comments; htmlparser2 reports only those that close an `<a>` it saw. */
function anchorEndTags(html: string): number {
  return [...html.matchAll(/<!--[\s\S]*?(?:-->|$)|<\/a\s*>/gi)].filter((match) => !match[0].startsWith('<!--')).length;
}
