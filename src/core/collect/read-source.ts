import { countGithubLines } from '../extract/source-map.js';
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
 * How a file's bytes encode text, by its byte order mark: UTF-8 without one. GitHub's file view
 * and rendered Markdown read UTF-16 too (its editor offers to transcode it); only git's diffs call
 * it binary, for its NUL bytes. UTF-32 is named so that it can be refused in so many words.
 */
type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32';

function encodingOf(bytes: Uint8Array): Encoding {
  const [first, second, third, fourth] = bytes;
  if (first === 0xff && second === 0xfe) return third === 0 && fourth === 0 ? 'utf-32' : 'utf-16le';
  if (first === 0xfe && second === 0xff) return 'utf-16be';
  if (first === 0 && second === 0 && third === 0xfe && fourth === 0xff) return 'utf-32';
  return 'utf-8';
}

/**
 * Reads a Markdown file as UTF-8, or as UTF-16 when it starts with a UTF-16 byte order mark.
 * Binary files, UTF-32, files over `maxFileSize`, unreadable files and anything but a regular
 * file inside the repository are refused with a problem; invalid UTF-8 or UTF-16 is decoded with
 * replacement characters and flagged at the first bad byte.
 */
export function readSource(root: string, file: string, maxFileSize: number): Source {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(root, file, maxFileSize);
  } catch (error) {
    return refused(file, readFailure(file, error, maxFileSize));
  }
  const encoding = encodingOf(bytes);
  if (encoding === 'utf-32') {
    return refused(file, `\`${file}\` is UTF-32 (by its byte order mark), which is not supported; skipped`);
  }
  const nul = binaryMarkAt(bytes);
  if (nul !== -1)
    return refused(file, `\`${file}\` looks binary (a NUL ${nulWhat(encoding)} at offset ${nul}); skipped`);
  return encoding === 'utf-8' ? decode(file, bytes) : decodeUtf16(file, bytes, encoding);
}

function nulWhat(encoding: Encoding): string {
  return encoding === 'utf-8' ? 'byte' : 'character';
}

/**
 * Where the NUL that makes a file binary sits, as git judges it (a NUL byte in the first 8,000),
 * or for UTF-16 a NUL character there; -1 for text, which UTF-32 never is.
 */
export function binaryMarkAt(bytes: Buffer): number {
  const head = bytes.subarray(0, binarySniffLength);
  const encoding = encodingOf(bytes);
  if (encoding === 'utf-8') return head.indexOf(0);
  if (encoding === 'utf-32') return 0;
  for (let offset = 2; offset + 1 < head.length; offset += 2) {
    if (head[offset] === 0 && head[offset + 1] === 0) return offset;
  }
  return -1;
}

/**
 * Lines of a text file as GitHub shows them (LF ends a line, a lone CR does not), for `#L`
 * anchors into files that are not Markdown; `undefined` for a binary file. UTF-8 is counted in
 * its bytes, where LF is always the byte 10; UTF-16 is decoded first.
 */
export function githubLineCountOf(bytes: Buffer): number | undefined {
  if (binaryMarkAt(bytes) !== -1) return undefined;
  const encoding = encodingOf(bytes);
  if (encoding !== 'utf-8') return countGithubLines(new TextDecoder(encoding).decode(bytes));
  let lines = 0;
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 10 ? lines + 1 : lines;
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

/** UTF-16, the BOM dropped as for UTF-8; a lone surrogate or an odd last byte is replaced and flagged where it is. */
function decodeUtf16(file: string, bytes: Buffer, encoding: 'utf-16le' | 'utf-16be'): Source {
  const text = new TextDecoder(encoding).decode(bytes);
  const bad = firstBadUnit(bytes, encoding === 'utf-16le');
  if (bad === -1) return { ok: true, text, problems: [] };
  const at = pointAt(text, bad);
  const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  const message = `\`${file}\` is not valid ${name} (first bad character at line ${at.line}, column ${at.column}); checked with the bad characters replaced`;
  return { ok: true, text, problems: [fileProblem(file, message, 'invalid-encoding', at)] };
}

/**
 * Where in the decoded text the first lone surrogate (or the odd last byte) was replaced: each
 * code unit after the BOM decodes to one, so the index is the unit's; -1 when there is none.
 */
function firstBadUnit(bytes: Buffer, littleEndian: boolean): number {
  const unitAt = (offset: number): number =>
    littleEndian
      ? (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8)
      : ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
  const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
  const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
  for (let offset = 2; offset + 1 < bytes.length; offset += 2) {
    const unit = unitAt(offset);
    if (isLow(unit)) return (offset - 2) / 2;
    if (!isHigh(unit)) continue;
    if (offset + 3 >= bytes.length || !isLow(unitAt(offset + 2))) return (offset - 2) / 2;
    offset += 2;
  }
  return bytes.length % 2 === 1 ? (bytes.length - 3) / 2 : -1;
}

function pointAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}
