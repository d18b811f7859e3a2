import { describe, expect, it } from 'vitest';
import { readSource, type Source } from '../../../src/core/collect/read-source.js';
import type { Violation } from '../../../src/core/types.js';
import { makeTree } from '../../helpers/tree.js';

const limit = 32 * 1024 * 1024;

/** Reads one file written with the given bytes or text. */
function read(content: string | Uint8Array, maxFileSize = limit, name = 'doc.md'): Source {
  return readSource(makeTree({ [name]: content }), name, maxFileSize);
}

function textOf(source: Source): string {
  if (!source.ok) throw new Error(`expected text, got ${source.problems.map((problem) => problem.message).join('; ')}`);
  return source.text;
}

function onlyProblem(source: Source): Violation {
  expect(source.problems).toHaveLength(1);
  const [problem] = source.problems;
  if (!problem) throw new Error('no problem');
  return problem;
}

describe('readSource: good files', () => {
  it('reads UTF-8 text as it is, with no problems', () => {
    const source = read('# Über\n\nNaïve café – 日本語 😀\r\nline\n');
    expect(source).toEqual({ ok: true, text: '# Über\n\nNaïve café – 日本語 😀\r\nline\n', problems: [] });
  });

  it('reads an empty file', () => {
    expect(read('')).toEqual({ ok: true, text: '', problems: [] });
  });

  it('strips a UTF-8 byte order mark', () => {
    const source = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Title\n')]));
    expect(source).toEqual({ ok: true, text: '# Title\n', problems: [] });
  });

  it('reads a file exactly at maxFileSize', () => {
    expect(textOf(read('x'.repeat(1024), 1024))).toHaveLength(1024);
  });
});

describe('readSource: files it refuses', () => {
  it('refuses a binary file named .md, naming it', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const source = read(png, limit, 'logo.md');
    expect(source.ok).toBe(false);
    const problem = onlyProblem(source);
    expect(problem).toMatchObject({
      rule: 'unreadable-file',
      file: 'logo.md',
      span: { start: { line: 1, column: 1 } },
    });
    expect(problem.message).toBe('`logo.md` looks binary (a NUL byte at offset 8); skipped');
  });

  it('refuses text with a NUL byte near the start', () => {
    const source = read(Buffer.concat([Buffer.from('# Title\n\nSome text'), Buffer.from([0])]));
    expect(source.ok).toBe(false);
    expect(onlyProblem(source).message).toContain('looks binary');
  });

  it('refuses a file over maxFileSize with a message naming the limit', () => {
    const source = read('x'.repeat(2048), 1024, 'big.md');
    expect(source.ok).toBe(false);
    const problem = onlyProblem(source);
    expect(problem).toMatchObject({ rule: 'unreadable-file', file: 'big.md' });
    expect(problem.message).toContain('`big.md`');
    expect(problem.message).toContain('`maxFileSize`');
    expect(problem.message).toBe('`big.md` is 2.0 KB, over the `maxFileSize` limit of 1.0 KB; skipped');
  });

  it('gives big sizes in MB', () => {
    const source = read(new Uint8Array(3 * 1024 * 1024), 2 * 1024 * 1024, 'huge.md');
    expect(onlyProblem(source).message).toBe('`huge.md` is 3.0 MB, over the `maxFileSize` limit of 2.0 MB; skipped');
  });

  it('reports a missing file', () => {
    const source = readSource(makeTree({}), 'gone.md', limit);
    expect(source.ok).toBe(false);
    expect(onlyProblem(source)).toMatchObject({
      rule: 'unreadable-file',
      file: 'gone.md',
      message: 'cannot read `gone.md` (ENOENT); skipped',
    });
  });

  it('reports a directory named like a Markdown file', () => {
    const root = makeTree({ 'folder.md/inner.txt': '' });
    const source = readSource(root, 'folder.md', limit);
    expect(source.ok).toBe(false);
    expect(onlyProblem(source).message).toBe('`folder.md` is a directory; skipped');
  });
});

describe('readSource: invalid UTF-8', () => {
  it('decodes with replacement characters and reports the first bad byte', () => {
    const source = read(Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]), limit, 'bad.md');
    expect(source.ok).toBe(true);
    expect(textOf(source)).toBe('# \uFFFD\uFFFD\n');
    const problem = onlyProblem(source);
    expect(problem).toMatchObject({
      rule: 'invalid-encoding',
      file: 'bad.md',
      span: { start: { line: 1, column: 3 }, end: { line: 1, column: 3 } },
    });
    expect(problem.message).toBe(
      '`bad.md` is not valid UTF-8 (first bad byte at line 1, column 3); checked with the bad bytes replaced',
    );
  });

  it('counts the column in characters, after multi-byte characters on the same line', () => {
    const bytes = Buffer.concat([
      Buffer.from('# Title\n\nüber 日本 '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(' end\n'),
    ]);
    const source = read(bytes);
    expect(textOf(source)).toBe('# Title\n\nüber 日本 \uFFFD( end\n');
    expect(onlyProblem(source).span.start).toEqual({ line: 3, column: 9 });
  });

  it('finds the bad byte after CRLF line ends', () => {
    const source = read(Buffer.concat([Buffer.from('a\r\nb\r\ncd'), Buffer.from([0x80]), Buffer.from('\r\n')]));
    expect(onlyProblem(source).span.start).toEqual({ line: 3, column: 3 });
  });

  it('is not misled by a real U+FFFD before the bad byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('# Replacement \uFFFD sign\n\nok '),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    const source = read(bytes);
    expect(textOf(source)).toBe('# Replacement \uFFFD sign\n\nok \uFFFD\n');
    expect(onlyProblem(source).span.start).toEqual({ line: 3, column: 4 });
  });

  it('places the bad byte after a byte order mark as in the text', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('ab'),
      Buffer.from([0xfe]),
      Buffer.from('\n'),
    ]);
    const source = read(bytes);
    expect(textOf(source)).toBe('ab\uFFFD\n');
    expect(onlyProblem(source).span.start).toEqual({ line: 1, column: 3 });
  });

  it('reports a sequence cut short at the end of the file', () => {
    const source = read(Buffer.concat([Buffer.from('x\nend '), Buffer.from([0xe6, 0x97])]));
    expect(textOf(source)).toBe('x\nend \uFFFD');
    expect(onlyProblem(source)).toMatchObject({ rule: 'invalid-encoding', span: { start: { line: 2, column: 5 } } });
  });

  it('rejects an overlong encoding and an encoded surrogate', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
    ]) {
      const source = read(Buffer.concat([Buffer.from('ok '), Buffer.from(bad)]));
      expect(onlyProblem(source)).toMatchObject({ rule: 'invalid-encoding', span: { start: { line: 1, column: 4 } } });
    }
  });
});
