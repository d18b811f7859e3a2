/**
 * Control characters (C0, DEL, C1) and the bidirectional controls that reorder text on screen.
 * A file name or URL from a contributor could carry an escape sequence that rewrites the terminal
 * or a CI log, or a right-to-left override that makes `evil.md` read as another name.
 */
export function isTerminalUnsafe(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

/** `text` with every such character shown as a visible `\u{…}` escape instead of acting. */
export function terminalSafe(text: string): string {
  let safe = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    safe += isTerminalUnsafe(codePoint) ? `\\u{${codePoint.toString(16)}}` : char;
  }
  return safe;
}
