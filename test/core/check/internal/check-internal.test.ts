import { describe, expect, it } from 'vitest';
import { check, fixture, places } from '../../../helpers/run.js';
import { makeTree } from '../../../helpers/tree.js';

describe('internal link checking over fixture trees', () => {
  it('finds nothing wrong in a tree whose links all work on github.com', async () => {
    const report = await check(fixture('valid'));
    expect(report.findings).toEqual([]);
    expect(report.stats).toMatchObject({ files: 4, links: 33, errors: 0, warnings: 0, notices: 0 });
  });

  it('reports exactly the broken links, each once, at the link', async () => {
    expect(places(await check(fixture('broken')))).toEqual([
      'README.md:3:1 missing-file',
      'README.md:4:1 missing-file',
      'README.md:5:1 missing-file',
      'README.md:6:1 missing-fragment',
      'README.md:7:1 missing-file',
      'README.md:8:1 missing-fragment',
      'README.md:9:1 missing-fragment',
      'README.md:10:1 outside-root',
      'README.md:11:1 invalid-url',
      'README.md:12:1 invalid-url',
      'README.md:13:1 undefined-reference',
      'README.md:13:26 undefined-reference',
      'README.md:14:1 missing-fragment',
      'README.md:15:1 missing-fragment',
      'README.md:17:1 unused-definition',
      'docs/setup.md:5:9 missing-fragment',
    ]);
  });

  it('words messages in the collective voice and offers fixes', async () => {
    const readme = (await check(fixture('broken'))).findings.filter((finding) => finding.file === 'README.md');
    const byLine = new Map(readme.map((finding) => [finding.span.start.line, finding] as const).reverse());
    expect(byLine.get(4)).toMatchObject({
      message: '`docs/Setup.md` does not exist (names are case-sensitive on GitHub); did you mean `docs/setup.md`?',
      suggestion: 'docs/setup.md',
      severity: 'error',
    });
    expect(byLine.get(5)).toMatchObject({ suggestion: 'docs/setup.md#install' });
    expect(byLine.get(6)).toMatchObject({
      message: 'No heading or id `#instal` in `docs/setup.md`; did you mean `#install`?',
      suggestion: 'docs/setup.md#install',
    });
    expect(byLine.get(9)?.message).toBe('`#L99` is past the end of `docs/setup.md`, which has 5 lines');
    expect(byLine.get(13)).toMatchObject({
      severity: 'warning',
      text: 'undefined',
      message: 'No definition for the reference `[nolabel]`',
    });
    expect(byLine.get(17)).toMatchObject({ severity: 'notice', url: 'https://example.com/unused' });
  });
});

describe('internal link checking, case by case', () => {
  it('keeps percent-encoding in the suggested fix of a misspelt file', async () => {
    const root = makeTree({ 'docs/My Doc.md': '# x\n', 'docs/a.md': '[e](My%20doc.md)\n' });
    expect((await check(root)).findings[0]?.suggestion).toBe('My%20Doc.md');
  });

  it('checks files byte for byte, as GitHub does, even where the disk would not', async () => {
    const root = makeTree({ 'a.md': '[x](B.md) [y](b.md)\n', 'b.md': '' });
    const [finding, ...rest] = (await check(root)).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'missing-file', url: 'B.md', suggestion: 'b.md' });
  });

  it('fixes a wrong directory name in the suggestion and keeps the rest of the URL', async () => {
    const root = makeTree({ 'a.md': '[x](./Docs/b.md#top)\n', 'docs/b.md': '# B\n' });
    expect((await check(root)).findings[0]?.suggestion).toBe('./docs/b.md#top');
  });

  it('checks line anchors in any text file and leaves other fragments of non-Markdown files alone', async () => {
    const root = makeTree({
      'a.md': '[ok](x.ts#L3) [range](x.ts#L2-L4) [end](x.ts#L5C2) [id](x.html#whatever) [img](i.png#L9)\n',
      'x.ts': '1\n2\n3\n4\n',
      'x.html': '<p id="other"></p>',
      'i.png': new Uint8Array([0x89, 0x50, 0, 0, 0x0a]),
    });
    expect((await check(root)).findings.map((finding) => [finding.url, finding.message])).toEqual([
      ['x.ts#L5C2', '`#L5C2` is past the end of `x.ts`, which has 4 lines'],
    ]);
  });

  it('checks fragments into Markdown files that are not being checked themselves', async () => {
    const root = makeTree({ 'a.md': '[x](notes.markdown#yes) [y](notes.markdown#no)\n', 'notes.markdown': '# Yes\n' });
    expect(places(await check(root, {}, ['a.md']))).toEqual(['a.md:1:25 missing-fragment']);
  });

  it('resolves root-relative links from the root, not from the linking file', async () => {
    const root = makeTree({ 'docs/a.md': '[x](/docs/b.md) [y](/b.md)\n', 'docs/b.md': '' });
    expect((await check(root)).findings.map((finding) => finding.url)).toEqual(['/b.md']);
  });

  it('honours rule severities from the config, including off', async () => {
    const root = makeTree({ 'a.md': '[x](nope.md)\n\n[unused]: b.md\n' });
    const report = await check(root, { rules: { 'missing-file': 'warning', 'unused-definition': 'off' } });
    expect(report.findings.map((finding) => [finding.rule, finding.severity])).toEqual([['missing-file', 'warning']]);
  });

  it('skips URLs matched by ignoreUrls and applies remap before checking', async () => {
    const root = makeTree({ 'a.md': '[x](legacy/b.md) [y](generated/c.md)\n', 'docs/b.md': '' });
    const report = await check(root, { ignoreUrls: [/^generated\//], remap: [{ from: /^legacy\//, to: 'docs/' }] });
    expect(report.findings).toEqual([]);
    expect(report.links.map((link) => link.status)).toEqual(['ok', 'skipped']);
  });
});
