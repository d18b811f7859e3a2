import type { Violation } from '../types.js';
import { NotReadable, readRegularFile, TooLarge } from '../util/read-regular-file.js';
import { fileProblem } from './problems.js';

/** A file's text, or why it could not be had; `problems` may accompany usable text. */
export type Source =
  | { readonly ok: true; readonly text: string; readonly problems: readonly Violation[] }
  | { readonly ok: false; readonly problems: readonly Violation[] };

/** How far into a file to look for a NUL byte, as git does to call a file binary. */
const binarySniffLength = 8000;

/**
 * Reads a Markdown file as UTF-8. Binary files, files over `maxFileSize`, unreadable files and
 * anything but a regular file inside the repository are refused with a problem; invalid UTF-8
 * is decoded with replacement characters and flagged at the first bad byte.
 */
export function readSource(root: string, file: string, maxFileSize: number): Source {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(root, file, maxFileSize);
  } catch (error) {
    return refused(file, readFailure(file, error, maxFileSize));
  }
  const nul = binaryMarkAt(bytes);
  if (nul !== -1) return refused(file, `\`${file}\` looks binary (a NUL byte at offset ${nul}); skipped`);
  return decode(file, bytes);
}

/** Where the NUL byte that makes a file binary sits, as git judges it; -1 for text. */
export function binaryMarkAt(bytes: Buffer): number {
  return bytes.subarray(0, binarySniffLength).indexOf(0);
}

function readFailure(file: string, error: unknown, maxFileSize: number): string {
  if (error instanceof TooLarge) {
    return `\`${file}\` is ${readableSize(error.size)}, over the \`maxFileSize\` limit of ${readableSize(maxFileSize)}; skipped`;
  }
  if (error instanceof NotReadable) return `\`${file}\` ${error.reason}; skipped`;
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot read \`${file}\` (${code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message)}); skipped`;
}

/** Bytes, KB or MB, so that a small limit does not read as `0.0 MB`. */
function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function refused(file: string, message: string): Source {
  return { ok: false, problems: [fileProblem(file, message)] };
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

function decode(file: string, bytes: Buffer): Source {
  try {
    return { ok: true, text: strict.decode(bytes), problems: [] };
  } catch {
    const text = lenient.decode(bytes);
    const at = pointAt(text, firstReplacement(text, bytes));
    const message = `\`${file}\` is not valid UTF-8 (first bad byte at line ${at.line}, column ${at.column}); checked with the bad bytes replaced`;
    return { ok: true, text, problems: [fileProblem(file, message, 'invalid-encoding', at)] };
  }
}

/**
 * Where in `text` the first bad byte was replaced: the first U+FFFD whose bytes are not
 * the valid encoding of U+FFFD (`EF BF BD`), found by walking bytes and text side by side.
 */
function firstReplacement(text: string, bytes: Buffer): number {
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = 0; index < text.length;) {
    const point = text.codePointAt(index) ?? 0;
    const real = bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
    if (point === 0xfffd && !real) return index;
    offset += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    index += point > 0xffff ? 2 : 1;
  }
  return text.indexOf('\uFFFD');
}

function pointAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}
