/** Where a repository's files can be seen at one commit: `<server>/<owner>/<repo>/blob/<sha>/`. */
export interface CommitLocation {
  /** `https://github.com`, or a GitHub Enterprise server, without a trailing slash. */
  readonly serverUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly sha: string;
}

/**
 * A link to lines of a file at the commit: `…/blob/<sha>/docs/a%20b.md?plain=1#L14-L16`. GitHub
 * shows Markdown rendered, where line anchors lead nowhere; `plain=1` shows the source instead.
 */
export function blobUrl(at: CommitLocation, file: string, line: number, endLine = line): string {
  const lines = endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `${at.serverUrl}/${at.repository}/blob/${at.sha}/${encodePath(file)}?plain=1${lines}`;
}

/**
 * Each segment percent-encoded, parentheses included, so a file name cannot end a Markdown link
 * destination early.
 */
function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[()'*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}
