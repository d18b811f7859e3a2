/** The new-side lines of one file's diff: the ones it adds or changes, and every line a review may comment on. */
export interface DiffLines {
  readonly changed: ReadonlySet<number>;
  /** Added and context lines inside the hunks: GitHub accepts review comments only there. */
  readonly commentable: ReadonlySet<number>;
}

const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * Reads the new-side line numbers out of a unified diff patch as the pull request files API
 * returns it. A missing patch (binary or too large a diff) yields no lines.
 */
export function diffLines(patch: string | undefined): DiffLines {
  const changed = new Set<number>();
  const commentable = new Set<number>();
  let line = 0;
  for (const text of (patch ?? '').split('\n')) {
    const header = hunkHeader.exec(text);
    if (header) {
      line = Number(header[1]);
      continue;
    }
    // A context line always starts with a space, so an empty string is only the patch's end.
    if (line === 0 || text === '' || text.startsWith('-') || text.startsWith('\\')) continue;
    if (text.startsWith('+')) changed.add(line);
    commentable.add(line);
    line += 1;
  }
  return { changed, commentable };
}
