/**
 * Control characters (C0, DEL, C1) and the bidirectional controls that reorder text on screen.
 * A file name or URL from a contributor could carry an escape sequence that rewrites the terminal
 * or a CI log, or a right-to-left override that makes `evil.md` read as another name.
 */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every such character shown as a visible `\u{…}` escape instead of acting. */
export function terminalSafe(text: string): string {
  return text.replace(unsafe, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
}
