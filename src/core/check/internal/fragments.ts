import type { Landmarks } from '../../types.js';
import { nearestAmong, type Nearest } from '../../util/closest.js';

/** A fragment's verdict against one file's landmarks. */
export type FragmentVerdict =
  | { readonly found: true }
  | { readonly found: false; readonly reason: 'no-landmark'; readonly suggestion?: string }
  | { readonly found: false; readonly reason: 'past-end'; readonly line: number; readonly lineCount: number };

interface FragmentIndex {
  readonly names: ReadonlySet<string>;
  /** Suggestions share one work budget per file, however many of its fragments are missing. */
  readonly nearest: Nearest;
}

const indexes = new WeakMap<Landmarks, FragmentIndex>();

/** Built once per file: every slug and id, lower-cased because github.com matches fragments case-insensitively. */
function indexOf(landmarks: Landmarks): FragmentIndex {
  let index = indexes.get(landmarks);
  if (!index) {
    const candidates = [...new Set([...landmarks.slugs, ...landmarks.ids])];
    const names = new Set([...candidates, ...landmarks.aliases].map((name) => name.toLowerCase()));
    index = { names, nearest: nearestAmong(candidates) };
    indexes.set(landmarks, index);
  }
  return index;
}

const lineAnchor = /^L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?$/;

/**
 * Whether `fragment` (already percent-decoded) names a heading, an HTML id or name,
 * or a line within the file. GitHub prefixes ids with `user-content-`, so both spellings count.
 */
export function checkFragment(landmarks: Landmarks, fragment: string): FragmentVerdict {
  const { names, nearest } = indexOf(landmarks);
  const name = fragment.replace(/^user-content-/i, '').toLowerCase();
  if (names.has(name) || name === 'top') return { found: true };
  const lines = lineAnchor.exec(fragment);
  if (lines) return checkLines(landmarks.lineCount, Number(lines[1]), Number(lines[2] ?? lines[1]));
  const suggestion = nearest(name);
  return suggestion === undefined
    ? { found: false, reason: 'no-landmark' }
    : { found: false, reason: 'no-landmark', suggestion };
}

/** Line anchors (`#L10`, `#L10-L20`) for files whose headings cannot be indexed. */
export function checkLineFragment(lineCount: number, fragment: string): FragmentVerdict | undefined {
  const lines = lineAnchor.exec(fragment);
  return lines ? checkLines(lineCount, Number(lines[1]), Number(lines[2] ?? lines[1])) : undefined;
}

function checkLines(lineCount: number, first: number, last: number): FragmentVerdict {
  const beyond = Math.max(first, last);
  if (first >= 1 && beyond <= lineCount) return { found: true };
  return { found: false, reason: 'past-end', line: first < 1 ? first : beyond, lineCount };
}
