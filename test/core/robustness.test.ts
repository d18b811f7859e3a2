import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/types.js';
import { check, places } from '../helpers/run.js';
import { makeTree } from '../helpers/tree.js';

/** A normal file beside each bad one: its broken link must still be reported. */
const neighbour = { 'normal.md': '# Normal\n\nSee [the guide](guide.md).\n' };
const neighbourFinding = 'normal.md:3:5 missing-file';

function messageAt(report: Report, place: string): string | undefined {
  return report.findings.find(
    (finding) => `${finding.file}:${finding.span.start.line}:${finding.span.start.column} ${finding.rule}` === place,
  )?.message;
}

/**
 * About 20 MB of Markdown: sections with a heading, a sentence with a working link and a code
 * listing, the shape of generated API docs. (Prose-only files of this size parse several times
 * slower; this shape keeps the suite quick while the file is still far past the chunking threshold.)
 */
function twentyMegabytes(): { text: string; lastLine: number } {
  const listing = 'const value = compute(input); // a line of a code listing, about eighty characters\n'.repeat(100);
  const parts = ['# Reference\n\n'];
  let size = 0;
  for (let index = 0; size < 20 * 1024 * 1024; index++) {
    const section = `## Section ${index}\n\nBack to [the top](#reference).\n\n\`\`\`js\n${listing}\`\`\`\n\n`;
    parts.push(section);
    size += section.length;
  }
  const body = parts.join('');
  const lastLine = body.split('\n').length;
  return { text: `${body}The end: [gone](missing.md).\n`, lastLine };
}

describe('bad input never stops the other files from being checked', () => {
  it('reports a binary .md file and checks the rest', async () => {
    const root = makeTree({
      ...neighbour,
      'image.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49]),
    });
    const report = await check(root);
    expect(places(report)).toEqual(['image.md:1:1 unreadable-file', neighbourFinding]);
    expect(messageAt(report, 'image.md:1:1 unreadable-file')).toContain('`image.md` looks binary');
    expect(report.stats.files).toBe(2);
  });

  it('checks a file with invalid UTF-8 and reports both the encoding and its broken links', async () => {
    const bad = Buffer.concat([
      Buffer.from('# Caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from('\n\nSee [install](install.md) and [the top](#caf).\n\n'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' [more](more.md)\n'),
    ]);
    const report = await check(makeTree({ ...neighbour, 'latin1.md': bad }));
    expect(places(report)).toEqual([
      'latin1.md:1:6 invalid-encoding',
      'latin1.md:3:5 missing-file',
      'latin1.md:5:4 generic-anchor-text',
      'latin1.md:5:4 missing-file',
      neighbourFinding,
    ]);
    expect(messageAt(report, 'latin1.md:1:6 invalid-encoding')).toBe(
      '`latin1.md` is not valid UTF-8 (first bad byte at line 1, column 6); checked with the bad bytes replaced',
    );
  });

  it('checks a 20 MB file, finding the broken link at its end', async () => {
    const { text, lastLine } = twentyMegabytes();
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    const report = await check(makeTree({ ...neighbour, 'reference.md': text }));
    expect(places(report)).toEqual([neighbourFinding, `reference.md:${lastLine}:10 missing-file`]);
    expect(report.stats.files).toBe(2);
    expect(report.stats.links).toBeGreaterThan(2500);
  });

  it('refuses a 20 MB file over a 10 MB maxFileSize with a clear message', async () => {
    const { text } = twentyMegabytes();
    const report = await check(makeTree({ ...neighbour, 'reference.md': text }), { maxFileSize: 10 * 1024 * 1024 });
    expect(places(report)).toEqual([neighbourFinding, 'reference.md:1:1 unreadable-file']);
    expect(messageAt(report, 'reference.md:1:1 unreadable-file')).toMatch(
      /^`reference\.md` is 20\.\d MB, over the `maxFileSize` limit of 10\.0 MB; skipped$/,
    );
  });

  it('checks 10,000 links in one file and reports only the broken one', async () => {
    const links = Array.from({ length: 10_000 }, (_, index) => `- [Item ${index}](#usage)\n`).join('');
    const text = `# Usage\n\n${links}- [Broken](#usag)\n`;
    const report = await check(makeTree({ ...neighbour, 'many.md': text }));
    expect(places(report)).toEqual(['many.md:10003:3 missing-fragment', neighbourFinding]);
    expect(report.stats.links).toBe(10_002);
  });

  it('checks a list nested 500 levels deep', async () => {
    const depth = 500;
    const items = Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- level ${level}\n`).join('');
    const deepest = `${'  '.repeat(depth)}- [bottom](bottom.md)\n`;
    const report = await check(makeTree({ ...neighbour, 'nested.md': `# Nested\n\n${items}${deepest}` }));
    expect(places(report)).toEqual([`nested.md:${depth + 3}:${2 * depth + 3} missing-file`, neighbourFinding]);
  });

  it('checks a block quote nested 500 levels deep', async () => {
    const text = `# Quoted\n\n${'>'.repeat(500)} Quoted [link](elsewhere.md)\n${'>'.repeat(500)} and [another](#nope)\n`;
    const report = await check(makeTree({ ...neighbour, 'quoted.md': text }));
    expect(places(report)).toEqual([
      neighbourFinding,
      'quoted.md:3:509 generic-anchor-text',
      'quoted.md:3:509 missing-file',
      'quoted.md:4:506 missing-fragment',
    ]);
  });

  it('reports a symlink loop and a dangling symlink once each and checks the rest', async () => {
    const root = makeTree({ ...neighbour, 'docs/a.md': '[up](../normal.md#normal)\n' });
    symlinkSync('..', path.join(root, 'docs', 'loop'));
    symlinkSync('missing-target.md', path.join(root, 'dangling.md'));
    const report = await check(root);
    expect(places(report)).toEqual([
      'dangling.md:1:1 unreadable-file',
      'docs/loop:1:1 unreadable-file',
      neighbourFinding,
    ]);
  });

  it('checks the other files when a link points at an unreadable one', async () => {
    const root = makeTree({
      ...neighbour,
      'image.md': Uint8Array.from([0x00, 0x01, 0x02]),
      'links.md': '[image](image.md) [gone](gone.md)\n',
    });
    expect(places(await check(root))).toEqual([
      'image.md:1:1 unreadable-file',
      'links.md:1:19 missing-file',
      neighbourFinding,
    ]);
  });
});
