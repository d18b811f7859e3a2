import { describe, expect, it } from 'vitest';
import { githubLineCountOf, readSource, type Source } from '../../../src/core/collect/read-source.js';
import { analyzeSource } from '../../../src/core/parse/analyze-source.js';
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

/** `text` in UTF-16 with its byte order mark, little- or big-endian. */
function utf16(text: string, littleEndian: boolean): Buffer {
  const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return littleEndian ? bytes : Buffer.from(bytes).swap16();
}

describe('readSource: UTF-16 with a byte order mark', () => {
  // GitHub's file view and rendered Markdown read UTF-16; only git's diffs call it binary.
  for (const [name, littleEndian] of [
    ['LE', true],
    ['BE', false],
  ] as const) {
    it(`decodes UTF-16 ${name}, dropping the byte order mark, with no problems`, () => {
      const text = '# Über 日本 😀\r\n\n[Ċ](a.md) ऊ\n';
      expect(read(utf16(text, littleEndian))).toEqual({ ok: true, text, problems: [] });
    });

    it(`reads a UTF-16 ${name} Markdown file's links like any other's`, () => {
      const root = makeTree({ 'doc.md': utf16('# Title\n\nSee [other](other.md#part).\n', littleEndian) });
      const analysis = analyzeSource({ root, maxFileSize: limit, references: { shortcut: false } }, 'doc.md');
      expect(analysis.problems).toEqual([]);
      expect(analysis.extracted?.links.map((link) => [link.url, link.span.start])).toEqual([
        ['other.md#part', { line: 3, column: 5 }],
      ]);
      expect(analysis.extracted?.landmarks.slugs).toEqual(['title']);
    });

    it(`flags a lone surrogate in UTF-16 ${name} where it is, and checks the rest`, () => {
      const good = utf16('ab\ncd', littleEndian);
      const lone = littleEndian ? [0x00, 0xd8] : [0xd8, 0x00];
      const source = read(
        Buffer.concat([good, Buffer.from(lone), utf16('e\n', littleEndian).subarray(2)]),
        limit,
        'u.md',
      );
      expect(textOf(source)).toBe('ab\ncd\uFFFDe\n');
      const problem = onlyProblem(source);
      expect(problem).toMatchObject({ rule: 'invalid-encoding', span: { start: { line: 2, column: 3 } } });
      expect(problem.message).toBe(
        `\`u.md\` is not valid UTF-16 ${name} (first bad character at line 2, column 3); checked with the bad characters replaced`,
      );
    });

    it(`calls UTF-16 ${name} holding a NUL character binary, like git`, () => {
      const source = read(utf16('ab\0c', littleEndian), limit, 'n.md');
      expect(onlyProblem(source).message).toBe('`n.md` looks binary (a NUL character at offset 6); skipped');
    });
  }

  it('flags an odd last byte of UTF-16', () => {
    const source = read(Buffer.concat([utf16('ab', true), Buffer.from([0x41])]));
    expect(textOf(source)).toBe('ab\uFFFD');
    expect(onlyProblem(source).span.start).toEqual({ line: 1, column: 3 });
  });

  it('refuses UTF-32 in so many words', () => {
    for (const bom of [
      [0xff, 0xfe, 0x00, 0x00],
      [0x00, 0x00, 0xfe, 0xff],
    ]) {
      const source = read(Buffer.concat([Buffer.from(bom), Buffer.from('#\0\0\0')]), limit, 'w.md');
      expect(onlyProblem(source).message).toBe(
        '`w.md` is UTF-32 (by its byte order mark), which is not supported; skipped',
      );
    }
  });
});

describe('githubLineCountOf: lines of `#L` targets as GitHub shows them', () => {
  it('ends lines at LF only: a lone CR stays inside its line, CRLF ends one', () => {
    expect(githubLineCountOf(Buffer.from(''))).toBe(0);
    expect(githubLineCountOf(Buffer.from('a\rb\rc'))).toBe(1);
    expect(githubLineCountOf(Buffer.from('a\rb\n'))).toBe(1);
    expect(githubLineCountOf(Buffer.from('a\r\nb\r\nc'))).toBe(3);
  });

  it('counts UTF-16 by its characters, not by bytes that happen to be 10', () => {
    // U+010A is the bytes 0A 01 in UTF-16 LE, U+0A0A the bytes 0A 0A in either order.
    expect(githubLineCountOf(utf16('Ċ\u0A0A\nb\rc\n', true))).toBe(2);
    expect(githubLineCountOf(utf16('Ċ\u0A0A\nb\rc\n', false))).toBe(2);
    expect(githubLineCountOf(utf16('a\nb', false))).toBe(2);
  });

  it('has no count for a binary file', () => {
    expect(githubLineCountOf(Buffer.from([0x89, 0x50, 0x00, 0x0a]))).toBeUndefined();
    expect(githubLineCountOf(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00]))).toBeUndefined();
  });

  it('gives a Markdown file the count its extraction gives, whatever its line endings', () => {
    for (const text of ['a\rb\rc', 'a\r\n\rb\n', 'x\n\r\r\n', '# T\r[a](b)\rtext']) {
      const root = makeTree({ 'doc.md': text });
      const analysis = analyzeSource({ root, maxFileSize: limit, references: { shortcut: false } }, 'doc.md');
      expect(analysis.extracted?.landmarks.lineCount).toBe(githubLineCountOf(Buffer.from(text)));
    }
  });
});
