import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/**
 * Two independent GFM renderers, both letting raw HTML through as GitHub does before it sanitises:
 * micromark with the GFM extensions (what remark parses with) and markdown-it with tables,
 * strikethrough and linkify (its own tokenizer, line splitting and autolinker). Whatever escapes one
 * of them is a hole on some renderer.
 */
export const gfmRenderers: ReadonlyArray<readonly [name: string, render: (markdown: string) => string]> = [
  ['micromark', (markdown) => micromark(markdown, micromarkOptions)],
  ['markdown-it', (markdown) => markdownIt.render(markdown)],
];

/** Built once: making the extensions on every call costs a fifth of the time, which the fuzz run feels. */
const micromarkOptions = { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] };

const markdownIt = new MarkdownIt('default', { html: true, linkify: true });

const codeElement = /<code\b[^>]*>[\s\S]*?<\/code>/g;

/**
 * The rendered document's shape: its tags by name, in order, with code spans and code blocks left out
 * (nothing inside them is live). Two renders of one reporter with different text in its slots must have
 * the same shape; any extra tag (a link, an image, HTML, emphasis, a row, a block) came from the text.
 */
export function shapeOf(html: string): string {
  const tags = html.replace(codeElement, '').match(/<(?:\/?[a-z][a-z0-9-]*|!--|!\[CDATA\[|![a-z]|\?)/gi) ?? [];
  return tags.join(' ').toLowerCase();
}

/** Every link target in the document, to check that only linkvet's own links are there. */
export function hrefsOf(html: string): string[] {
  return Array.from(html.replace(codeElement, '').matchAll(/\bhref="([^"]*)"/g), (match) => match[1] ?? '');
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text a reader sees outside code, entities decoded once, as a browser shows it. */
export function visibleText(html: string): string {
  return html
    .replace(codeElement, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? entity;
    });
}

/**
 * What GitHub would turn live in plain text: an `@name` mention, an issue reference (`#12`, `GH-12`,
 * `owner/repo#12`). linkvet's escaping puts a zero-width space before `@` and after `#`, which breaks
 * both; anything else is a hole.
 */
export function liveReferenceIn(text: string): string | undefined {
  if (/(?<!\u200B)@[a-z0-9]/i.test(text)) return 'a live @mention';
  if (/#\d/.test(text)) return 'a live issue reference';
  if (/\bGH-\d/i.test(text)) return 'a live GH- reference';
  return undefined;
}

/**
 * Pieces of hostile text: every line terminator, mentions and references, raw HTML of every kind,
 * emphasis, links, autolinks, backticks, pipes and backslashes, block starts and entities.
 */
const hostilePieces = [
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000B',
  '\u000C',
  '\t',
  '\0',
  '\u200B',
  '@octocat',
  'a@b.example',
  '&#64;x',
  '#12',
  'GH-12',
  'o/r#12',
  '<img src=x>',
  '<script>',
  '<a href=x>',
  '<!-- c -->',
  '<!x>',
  '<?x?>',
  '<![CDATA[x]]>',
  '*em*',
  '_em_',
  '**b**',
  '~~s~~',
  '~s~',
  '[l](https://x.example)',
  '![i](x.png)',
  '[r]',
  '[^1]',
  '<https://x.example>',
  'https://x.example',
  'www.x.example',
  '`',
  '``',
  '|',
  '\\',
  '\\|',
  '\\\\|',
  '\\*',
  '# h',
  '- li',
  '1. li',
  '[ ] ',
  '> q',
  '    code',
  '    ',
  '---',
  '===',
  '```',
  '~~~',
  '&#13;',
  '&lt;',
  '&amp;',
  ' ',
  'a',
  '.md',
];

/** Hostile text: up to `maxPieces` pieces, mixed with short random strings. */
export function hostileText(maxPieces = 12): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...hostilePieces), fc.string({ maxLength: 3 })), { maxLength: maxPieces })
    .map((pieces) => pieces.join(''));
}
