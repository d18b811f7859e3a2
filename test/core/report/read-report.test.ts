import { describe, expect, it } from 'vitest';
import { LinkvetError } from '../../../src/core/errors.js';
import { readReport, readReportFile } from '../../../src/core/report/read-report.js';
import { toJson } from '../../../src/core/report/to-json.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

/** The error `readReport` throws for `text`, or a failure when it accepts it. */
function rejection(text: string): LinkvetError {
  try {
    readReport(text, 'reports/in.json');
  } catch (error) {
    if (error instanceof LinkvetError) return error;
    throw error;
  }
  throw new Error('readReport accepted the report');
}

const finding = {
  file: 'a.md',
  line: 2,
  column: 1,
  endLine: 2,
  endColumn: 10,
  url: 'gone.md',
  text: 'x',
  rule: 'missing-file',
  severity: 'error',
  message: '`gone.md` does not exist',
};

const valid = {
  schemaVersion: 1,
  tool: { name: 'linkvet', version: '1.2.3' },
  stats: { files: 1, links: 1, uniqueUrls: 0, errors: 1, warnings: 0, notices: 0, durationMs: 5 },
  findings: [finding],
  links: [],
  warnings: [],
  anchors: {},
};

const withFinding = (changes: Record<string, unknown>): string =>
  JSON.stringify({ ...valid, findings: [finding, { ...finding, ...changes }] });

describe('readReport', () => {
  it('reads back what toJson wrote for a real run: findings, stats, warnings and anchors', async () => {
    const root = makeTree({
      'Guide.md': '# Guide\n\n## Install\n',
      'a.md': [
        '<!-- linkvet-disable-next-line no-such-rule -->',
        '[g](guide.md) [h](Guide.md#instal) [gone][nowhere]',
        '',
        '[Example docs](https://example.com/a) [click here](https://example.com/b) <https://example.org/>',
        '',
        '[unused]: https://example.net/',
        '',
      ].join('\n'),
    });
    const report = await check(root);
    expect(new Set(report.findings.map((entry) => entry.severity))).toEqual(new Set(['error', 'warning', 'notice']));
    expect(report.findings.some((entry) => entry.suggestion !== undefined)).toBe(true);
    expect(report.warnings).not.toEqual([]);
    expect(report.anchors.length).toBeGreaterThan(0);

    const read = readReport(toJson(report, { includeLinks: true }), 'report.json');
    expect(read.tool).toEqual(report.tool);
    expect(read.findings).toStrictEqual(report.findings);
    expect(read.stats).toStrictEqual(report.stats);
    expect(read.warnings).toStrictEqual(report.warnings);
    expect(read.anchors).toStrictEqual(report.anchors);
    expect(read.links).toEqual([]);
  });

  it('accepts a report without warnings or anchors', () => {
    const bare = { schemaVersion: 1, tool: valid.tool, stats: valid.stats, findings: valid.findings };
    const read = readReport(JSON.stringify(bare), 'in.json');
    expect(read.warnings).toEqual([]);
    expect(read.anchors).toEqual([]);
    expect(read.findings).toHaveLength(1);
  });

  it.each([
    ['a wrong schema version', JSON.stringify({ ...valid, schemaVersion: 2 }), 'schemaVersion'],
    ['another tool', JSON.stringify({ ...valid, tool: { name: 'other', version: '1' } }), 'tool.name'],
    ['an unknown rule', withFinding({ rule: 'no-such-rule' }), 'findings[1].rule'],
    ['a bad severity', withFinding({ severity: 'fatal' }), 'findings[1].severity'],
    ['severity off', withFinding({ severity: 'off' }), 'findings[1].severity'],
    ['line 0', withFinding({ line: 0 }), 'findings[1].line'],
    ['a fractional column', withFinding({ column: 1.5 }), 'findings[1].column'],
    ['a non-string message', withFinding({ message: 42 }), 'findings[1].message'],
    ['a missing url', withFinding({ url: undefined }), 'findings[1].url'],
    ['a non-string suggestion', withFinding({ suggestion: null }), 'findings[1].suggestion'],
    [
      'a version with spaces',
      JSON.stringify({ ...valid, tool: { name: 'linkvet', version: '1.0 beta' } }),
      'tool.version',
    ],
    [
      'a version with markup',
      JSON.stringify({ ...valid, tool: { name: 'linkvet', version: '<img src=x onerror=alert(1)>' } }),
      'tool.version',
    ],
    ['a negative count', JSON.stringify({ ...valid, stats: { ...valid.stats, errors: -1 } }), 'stats.errors'],
    ['findings that are not a list', JSON.stringify({ ...valid, findings: {} }), 'findings'],
    ['a warning that is not text', JSON.stringify({ ...valid, warnings: ['ok', 3] }), 'warnings[1]'],
    [
      'an anchor share above 1',
      JSON.stringify({
        ...valid,
        anchors: {
          'example.com': { links: 2, distinctTexts: 1, topText: 'x', topShare: 1.5, entropy: 0, categories: {} },
        },
      }),
      'anchors.example.com.topShare',
    ],
    ['a list at the top', '[]', '(top level)'],
    [
      'a file that climbs out of the repository',
      withFinding({ file: '../../../../attacker/repo' }),
      'findings[1].file',
    ],
    ['an absolute file', withFinding({ file: '/etc/passwd' }), 'findings[1].file'],
    ['a file with backslashes', withFinding({ file: 'docs\\..\\..\\x.md' }), 'findings[1].file'],
    ['a file with an empty segment', withFinding({ file: 'docs//a.md' }), 'findings[1].file'],
  ])('rejects %s, naming the key', (_what, text, key) => {
    const error = rejection(text);
    expect(error.code).toBe('usage');
    expect(error.location).toEqual({ file: 'reports/in.json', key });
    expect(error.message.startsWith(`reports/in.json: \`${key}\` must be `)).toBe(true);
  });

  it('rejects text that is not JSON, naming the file', () => {
    const error = rejection('{"schemaVersion": 1,');
    expect(error.code).toBe('usage');
    expect(error.location.file).toBe('reports/in.json');
    expect(error.message).toMatch(/^reports\/in\.json: not a JSON report \(/u);
  });

  it('shows a long wrong value cut short', () => {
    const error = rejection(withFinding({ message: ['x'.repeat(500)] }));
    expect(error.message.length).toBeLessThan(200);
  });
});

const link = {
  file: 'a.md',
  line: 3,
  column: 1,
  endLine: 3,
  endColumn: 12,
  kind: 'inline',
  url: 'b.md',
  text: 'b',
  target: 'file',
  status: 'ok',
};

const directive = {
  kind: 'disable-next-line',
  rules: ['missing-file'],
  name: 'linkvet-disable-next-line',
  line: 1,
  column: 48,
  startLine: 1,
  nextLine: 2,
};

const withLink = (changes: Record<string, unknown>): string =>
  JSON.stringify({ ...valid, links: [link, { ...link, ...changes }] });

const withDirective = (changes: Record<string, unknown>): string =>
  JSON.stringify({ ...valid, directives: { 'docs/a.md': [directive, { ...directive, ...changes }] } });

describe('readReportFile', () => {
  it('reads back the links and suppression comments toJson wrote with includeLinks for a real run', async () => {
    const root = makeTree({
      'Guide.md': '# Guide\n\n## Install\n',
      'logo.png': 'x',
      'docs/a.md': [
        '<!-- linkvet-disable-next-line no-such-rule -->',
        '[g](../Guide.md) [h](../Guide.md#instal) [ref text][r] ![alt](../logo.png) ![ref img][i]',
        '<!-- linkvet-disable generic-anchor-text -->',
        '<https://example.org/auto> and https://example.com/literal and [Example docs](https://example.com/docs)',
        '<!-- linkvet-enable -->',
        '<a href="../Guide.md#install">html</a> <img src="../logo.png" alt="html img"> [![](../logo.png)](../Guide.md)',
        '[click here](gone.md) <!-- linkvet-disable-line missing-file -->',
        '<!-- linkvet-disabel -->',
        '',
        '[r]: ../Guide.md',
        '[i]: ../logo.png',
        '',
      ].join('\n'),
      'b.md': '<!-- linkvet-disable-next-line -->\n[the b guide](Guide.md#nowhere)\n',
    });
    const report = await check(root);
    // The run holds every kind of link, status and comment, so each has to survive the trip.
    expect(new Set(report.links.map(({ link: { kind } }) => kind))).toEqual(
      new Set(['inline', 'reference', 'autolink', 'literal', 'image', 'image-reference', 'html-anchor', 'html-image']),
    );
    expect(new Set(report.links.map(({ status }) => status))).toEqual(new Set(['ok', 'broken', 'skipped']));
    expect(report.links.filter(({ link: { imageOnly } }) => imageOnly === true)).toHaveLength(1);
    expect([...(report.directives?.keys() ?? [])]).toEqual(['b.md', 'docs/a.md']);
    expect(new Set([...(report.directives?.values() ?? [])].flat().map(({ kind }) => kind))).toEqual(
      new Set(['disable-next-line', 'disable-line', 'disable', 'enable', 'unknown']),
    );

    const read = readReportFile(toJson(report, { includeLinks: true }), 'shard.json');
    // Labels are not written: merge classifies the link again from its URL.
    expect(read.links).toStrictEqual(
      report.links.map(({ link: { file, kind, url, text, span, imageOnly }, status }) => ({
        link: { file, kind, url, text, span, ...(imageOnly ? { imageOnly } : {}) },
        status,
      })),
    );
    expect(read.links.find(({ link: { imageOnly } }) => imageOnly === true)?.link).toMatchObject({
      kind: 'inline',
      url: '../Guide.md',
      text: '',
    });
    expect(read.report.directives).toStrictEqual(report.directives);
    expect(read.report.findings).toStrictEqual(report.findings);
    expect(read.report.links).toEqual([]);
  });

  it('reads no links and no comments from a report written without includeLinks', async () => {
    const root = makeTree({ 'a.md': '<!-- linkvet-disable-next-line -->\n[gone](gone.md) [a](a.md)\n' });
    const report = await check(root);
    expect(report.links).toHaveLength(2);
    expect(report.directives?.size).toBe(1);
    const read = readReportFile(toJson(report), 'shard.json');
    expect(read.links).toEqual([]);
    expect(read.report.directives).toEqual(new Map());
    expect(read.report.stats.links).toBe(2);
  });

  it.each([
    ['a bad link kind', withLink({ kind: 'hyperlink' }), 'links[1].kind'],
    ['a missing link kind', withLink({ kind: undefined }), 'links[1].kind'],
    ['a bad link status', withLink({ status: 'dead' }), 'links[1].status'],
    ['a link on line 0', withLink({ line: 0 }), 'links[1].line'],
    ['a link end that is not a number', withLink({ endColumn: '12' }), 'links[1].endColumn'],
    ['a link URL that is not text', withLink({ url: 7 }), 'links[1].url'],
    ['a link file outside the repository', withLink({ file: '../a.md' }), 'links[1].file'],
    ['links that are not a list', JSON.stringify({ ...valid, links: { a: link } }), 'links'],
    ['a directive with a bad kind', withDirective({ kind: 'disable-file' }), 'directives.docs/a.md[1].kind'],
    [
      'a directive whose rules are not a list',
      withDirective({ rules: 'missing-file' }),
      'directives.docs/a.md[1].rules',
    ],
    ['a directive rule that is not text', withDirective({ rules: [3] }), 'directives.docs/a.md[1].rules[0]'],
    ['a directive on line 0', withDirective({ nextLine: 0 }), 'directives.docs/a.md[1].nextLine'],
    ['a directive without a name', withDirective({ name: undefined }), 'directives.docs/a.md[1].name'],
    [
      'comments of a file outside the repository',
      JSON.stringify({ ...valid, directives: { '../a.md': [directive] } }),
      'directives.../a.md',
    ],
    ['directives that are not an object', JSON.stringify({ ...valid, directives: [] }), 'directives'],
  ])('rejects %s, naming the key', (_what, text, key) => {
    const error = rejection(text);
    expect(error.code).toBe('usage');
    expect(error.location).toEqual({ file: 'reports/in.json', key });
    expect(error.message.startsWith(`reports/in.json: \`${key}\` must be `)).toBe(true);
  });

  it('accepts the links and comments it is given when they are well formed', () => {
    const read = readReportFile(withDirective({ kind: 'unknown', rules: [] }), 'in.json');
    expect(read.report.directives?.get('docs/a.md')).toHaveLength(2);
    const links = readReportFile(withLink({ kind: 'image', status: 'skipped', imageOnly: true }), 'in.json').links;
    expect(links[1]).toStrictEqual({
      link: {
        file: 'a.md',
        kind: 'image',
        url: 'b.md',
        text: 'b',
        span: { start: { line: 3, column: 1 }, end: { line: 3, column: 12 } },
        imageOnly: true,
      },
      status: 'skipped',
    });
  });
});
