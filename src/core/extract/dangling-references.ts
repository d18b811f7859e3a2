import type { DanglingReference } from '../types.js';

/** A reference-like bracket pair in raw text, with offsets into that text. */
export interface BracketReference {
  readonly label: string;
  readonly text: string;
  readonly referenceType: DanglingReference['referenceType'];
  readonly start: number;
  readonly end: number;
}

// [text][label], [label][] and (optionally) [label] not followed by ( [ or :, and not escaped
// (preceded by an even number of backslashes, as `\\[` is a literal backslash before a bracket).
// A bracket glued to a word (`matrix[i][j]`) is code written without backticks, not a reference.
const pattern = /(?<=(?:^|[^\\])(?:\\\\)*)(?<![\w\]])\[((?:[^[\]\\]|\\.)+)\](?:\[((?:[^[\]\\]|\\.)*)\])?(?![([:])/g;

/**
 * Finds `[text][label]`, `[label][]` and, when `shortcut` is on, `[label]` in raw Markdown
 * that remark left as text, which happens exactly when the label has no definition.
 */
export function findDanglingReferences(raw: string, shortcut: boolean): BracketReference[] {
  const found: BracketReference[] = [];
  for (const match of raw.matchAll(pattern)) {
    const [whole, first = '', second] = match;
    if (second === undefined && !shortcut) continue;
    const label = normalizeLabel(second || first);
    if (label === '' || label.startsWith('^')) continue;
    const referenceType = second === undefined ? 'shortcut' : second === '' ? 'collapsed' : 'full';
    found.push({ label, text: first.trim(), referenceType, start: match.index, end: match.index + whole.length });
  }
  return found;
}

/** Labels match case-insensitively with inner white space collapsed, as CommonMark says. */
export function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}
