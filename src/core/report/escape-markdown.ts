/**
 * Makes text from Markdown files inert inside a Markdown report: HTML is escaped, Markdown
 * punctuation is backslash-escaped, and `|` cannot end a table cell.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/[\\`*_{}[\]()#+\-.!~:]/g, '\\$&')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, ' ');
}

/** Text shown as code, safe whatever backticks, pipes or HTML it holds. */
export function inlineCode(text: string): string {
  return `<code>${escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')}</code>`;
}

/** A message whose `backticked` values become code and whose other text is escaped. */
export function messageToMarkdown(message: string): string {
  return message
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length >= 2
        ? inlineCode(part.slice(1, -1))
        : escapeMarkdown(part),
    )
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
