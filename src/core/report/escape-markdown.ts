/**
 * Makes text inert inside a Markdown report: HTML is escaped, Markdown punctuation is
 * backslash-escaped, `|` cannot end a table cell, and a zero-width space stops GFM from turning
 * `https://…`, `www.…` or `name@host` into links (it autolinks decoded text, so escapes alone do not).
 * On GitHub the same space keeps `@name` from pinging anyone and `#12`, `GH-12` or `owner/repo#12` from
 * cross-referencing an issue.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*_{}[\]()#+\-.!~:]/g, '\\$&')
    .replace(/\|/g, '&#124;')
    .replace(/(\\:\/\/|www\\\.|@)/gi, '\u200B$1')
    .replace(/(\\#|\bGH\\-)(?=\d)/gi, '$1\u200B')
    .replace(lineBreaks, ' ');
}

/**
 * Every line ending CommonMark knows (LF, CR, CRLF), the Unicode line and paragraph separators and NEL,
 * and the vertical tab and form feed: any of them could end a table row or start a block, and what
 * follows it would render live.
 */
// eslint-disable-next-line no-control-regex -- matching these control characters is the point
const lineBreaks = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/g;

/** The length of the longest run of backticks in `text`, counted without building an array of runs. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const character of text) {
    run = character === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * Text shown as a code span, inert whatever it holds: nothing is parsed inside a code span, not
 * HTML, not links, not autolinks. The fence is one backtick longer than any run inside, and `|`
 * is escaped as GFM allows within table cells.
 */
export function inlineCode(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const body = escapePipes(text.replace(lineBreaks, ' '));
  return `${fence} ${body} ${fence}`;
}

/**
 * Escapes every `|` for the table-row splitter, which reads backslashes in pairs before a pipe: `\\|`
 * is an escaped backslash and then a live cell border. An odd number of backslashes before each pipe
 * keeps it inside the cell, whatever the text put before it.
 */
function escapePipes(text: string): string {
  return text.replace(
    /(\\*)\|/g,
    (_match, slashes: string) => `${slashes}${slashes.length % 2 === 0 ? '\\' : '\\\\'}|`,
  );
}

/**
 * A message whose `backticked` values become code and whose other text is escaped. Leading white space
 * goes: a message may start a list item (the job summary's run warnings), where four spaces or a tab
 * would turn it into a code block.
 */
export function messageToMarkdown(message: string): string {
  return message
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length >= 2
        ? inlineCode(part.slice(1, -1))
        : escapeMarkdown(part),
    )
    .join('')
    .trimStart();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
