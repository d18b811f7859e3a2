import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/core/collect/shard.js';
import { loadConfig } from '../../src/core/config/load-config.js';
import { mergeReports } from '../../src/core/merge-reports.js';
import { readReportFile } from '../../src/core/report/read-report.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { makeTree } from '../helpers/tree.js';

/** The parts of a JSON report these tests compare. */
interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly url: string;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
}

interface JsonLink {
  readonly file: string;
  readonly url: string;
  readonly status: string;
}

interface JsonReport {
  readonly stats: Readonly<Record<string, number>>;
  readonly findings: readonly JsonFinding[];
  readonly links: readonly JsonLink[];
  readonly warnings: readonly string[];
  readonly anchors: Readonly<Record<string, unknown>>;
  readonly directives?: Readonly<Record<string, unknown>>;
}

const widgets = 'https://widgets.example/best-cheap-widgets';
const gadgets = 'https://gadgets.example/fast-gadget-repair';
const gizmos = 'https://gizmos.example/cheap-gizmo-deals';
const manual = (page: number): string => `https://docs.acme.example/manual/p${String(page).padStart(2, '0')}`;

/**
 * A documentation repository of 30 Markdown files whose findings need the whole corpus:
 * - `best cheap widgets` to one page from 5 files: over-optimized, but only with all 5 counted;
 * - `fast gadget repair` likewise, silenced by a comment at its first occurrence (CHANGELOG.md);
 * - `cheap gizmo deals` 5 times from 3 files of one shard, among 9 links: over-optimized in that shard only;
 * - `the reference manual` on 12 files, each to its own page of docs.acme.example: low diversity;
 * - broken files and fragments, many into files of other shards, reference links, unused
 *   definitions, generic, empty and ambiguous text, naked URLs, and unknown-rule comments;
 * - a config file that changes severities, per directory too, corpus rules included.
 */
const corpus: Readonly<Record<string, string | Uint8Array>> = {
  '.linkvet.yml': [
    'rules:',
    '  unused-definition: notice',
    '  generic-anchor-text: error',
    '  low-anchor-diversity: warning',
    'overrides:',
    "  - files: ['legacy/**']",
    '    rules: { missing-file: warning }',
    "  - files: ['blog/**']",
    '    rules: { over-optimized-anchor: notice }',
    '',
  ].join('\n'),
  'docs/badge.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
  'README.md': [
    '# Project',
    '',
    '<!-- linkvet-disable-next-line no-such-rule -->',
    'Start with [the configuration reference][config] or [click here](docs/install.md).',
    '',
    'See [the old setup][oldref] and [a missing reference][nope].',
    '',
    `Read [the reference manual](${manual(1)}) for details.`,
    '',
    '[![Build status](docs/badge.png)](https://ci.example/build)',
    '',
    '[config]: docs/config.md',
    '[oldref]: docs/removed.md#setup',
    '[unused-def]: https://unused.example/',
    '',
  ].join('\n'),
  'CHANGELOG.md': [
    '# Changelog',
    '',
    '## 1.0.0',
    '',
    '<!-- linkvet-disable-next-line over-optimized-anchor -->',
    `Thanks to [fast gadget repair](${gadgets}) for the fix.`,
    '',
    '- Moved [the install page](docs/install.md#requirements).',
    '',
  ].join('\n'),
  'docs/index.md': [
    '# Documentation',
    '',
    '- [](config.md)',
    '- [Installing](install.md)',
    `- [the reference manual](${manual(2)})`,
    '- [Frequently asked](faq.md#questions)',
    '',
  ].join('\n'),
  'docs/install.md': [
    '# Install',
    '',
    '## Requirements',
    '',
    'Node 20.',
    '',
    '## Steps',
    '',
    `Read [the reference manual](${manual(3)}) and [the upgrade notes](Upgrading.md).`,
    '',
    `Parts from [a gizmo shop](${gizmos}).`,
    '',
  ].join('\n'),
  'docs/config.md': [
    '# Configuration',
    '',
    '<!-- linkvet-disable-next-line no-such-rule-either -->',
    '## Options',
    '',
    `Repaired by [fast gadget repair](${gadgets}).`,
    '',
    'See [the option list](#option) and [the install steps](install.md#steps).',
    '',
  ].join('\n'),
  'docs/faq.md': [
    '# FAQ',
    '',
    '## Questions',
    '',
    `Why [best cheap widgets](${widgets})? Because.`,
    '',
    '<a href="install.md#requirement">requirements list</a>',
    '',
  ].join('\n'),
  'docs/Upgrading.md': [
    '# Upgrading',
    '',
    `Back to [install](install.md), or see [where we buy parts](${gizmos}).`,
    '',
  ].join('\n'),
  'docs/guide/intro.md': [
    '# Intro',
    '',
    'Read the [installation notes](../install.md) or the older [installation notes](../../legacy/old-setup.md).',
    '',
    `Then [the reference manual](${manual(4)}).`,
    '',
  ].join('\n'),
  'docs/guide/advanced.md': [
    '# Advanced',
    '',
    `Continue with [deployment](deploy.md#rollout) and [the reference manual](${manual(5)}).`,
    '',
  ].join('\n'),
  'docs/guide/deploy.md': [
    '# Deploy',
    '',
    '## Rolling out',
    '',
    `See [the option list](../config.md#option) and [the reference manual](${manual(6)}).`,
    '',
    '![](diagram.png)',
    '',
  ].join('\n'),
  'docs/api/client.md': [
    '# Client',
    '',
    'Needs [the requirements](../install.md#requirements) and [a page that is gone](../nowhere.md).',
    '',
    `Also [the reference manual](${manual(7)}).`,
    '',
    `Shop [cheap gizmo deals](${gizmos}), and once more [cheap gizmo deals](${gizmos}).`,
    '',
  ].join('\n'),
  'docs/api/server.md': [
    '# Server',
    '',
    'Set up with [the missing section](../install.md#no-such-heading).',
    '',
    `More in [the reference manual](${manual(8)}).`,
    '',
    '[server-ref]: ./errors.md',
    '',
  ].join('\n'),
  'docs/api/errors.md': [
    '# Errors',
    '',
    'Each error is listed in [the client guide][client].',
    '',
    '[client]: client.md#client',
    '',
  ].join('\n'),
  'docs/api/index.md': [
    '# API',
    '',
    '- [Client](client.md)',
    '- [Server](server.md)',
    '- [Errors](errors.md#errorz)',
    '',
  ].join('\n'),
  'blog/2023/post-a.md': ['# Post A', '', `We tried [best cheap widgets](${widgets}) this year.`, ''].join('\n'),
  'blog/2023/post-b.md': [
    '# Post B',
    '',
    `Notes from [the reference manual](${manual(9)}) and [here](../2024/post-c.md).`,
    '',
  ].join('\n'),
  'blog/2024/post-c.md': ['# Post C', '', `More on [best cheap widgets](${widgets}).`, ''].join('\n'),
  'blog/2024/post-d.md': ['# Post D', '', `Our partner [fast gadget repair](${gadgets}).`, ''].join('\n'),
  'blog/2024/post-e.md': [
    '# Post E',
    '',
    `From [the reference manual](${manual(10)}), and [post A](../2023/post-a.md#post-b).`,
    '',
    `Bought at [the gizmo store](${gizmos}).`,
    '',
  ].join('\n'),
  'legacy/old-setup.md': ['# Old setup', '', 'See [the removed page](removed.md).', ''].join('\n'),
  'legacy/old-api.md': [
    '# Old API',
    '',
    `Fixed by [fast gadget repair](${gadgets}). Also [the old client](old-client.md).`,
    '',
  ].join('\n'),
  'examples/basic.md': ['# Basic', '', `Built with [best cheap widgets](${widgets}).`, ''].join('\n'),
  'examples/advanced.md': [
    '# Advanced example',
    '',
    `Broken gear? [fast gadget repair](${gadgets}). Background: [more][more-info].`,
    '',
    '[more-info]: ../docs/guide/advanced.md#configuration',
    '',
  ].join('\n'),
  'examples/plugins/one.md': ['# Plugin one', '', `Uses [the reference manual](${manual(11)}).`, ''].join('\n'),
  'examples/plugins/two.md': [
    '# Plugin two',
    '',
    'Like [plugin one](one.md#plugin-one) and <https://docs.example.org/plugins>.',
    '',
    `Powered by [discount hardware](${gizmos}).`,
    '',
  ].join('\n'),
  'team/about.md': ['# About', '', `We sell [best cheap widgets](${widgets}).`, ''].join('\n'),
  'team/contributing.md': [
    '# Contributing',
    '',
    `Read the [Code of Conduct](Code-of-Conduct.md) and [the reference manual](${manual(12)}).`,
    '',
    `Sponsored by [cheap gizmo deals](${gizmos}) ([cheap gizmo deals](${gizmos})).`,
    '',
  ].join('\n'),
  'team/Code-of-Conduct.md': [
    '# Code of Conduct',
    '',
    'Be kind. See [contributing](contributing.md#how-to-help).',
    '',
  ].join('\n'),
  'notes/a-b.md': [
    '# A-B',
    '',
    'Compare [notes extra](../notes-extra.md) and [the readme](../README.md#project).',
    '',
    `Try [cheap gizmo deals](${gizmos}).`,
    '',
  ].join('\n'),
  'notes-extra.md': [
    '# Notes extra',
    '',
    'Back to [notes](notes/a-b.md#a-b) and https://www.example.com/literal',
    '',
  ].join('\n'),
};

const markdownFiles = Object.keys(corpus).filter((file) => file.endsWith('.md'));

/** The files linking each over-optimized page, one link each. */
const widgetFiles = ['blog/2023/post-a.md', 'blog/2024/post-c.md', 'docs/faq.md', 'examples/basic.md', 'team/about.md'];
const gadgetFiles = [
  'CHANGELOG.md',
  'docs/config.md',
  'blog/2024/post-d.md',
  'examples/advanced.md',
  'legacy/old-api.md',
];

/** The files linking the gizmos' page with its exact text: all in one shard, whatever the count. */
const gizmoFiles = ['docs/api/client.md', 'notes/a-b.md', 'team/contributing.md'];

/** Broken fragments whose linking file and target file should land in different shards. */
const crossShardFragments: readonly (readonly [string, string])[] = [
  ['docs/api/server.md', 'docs/install.md'],
  ['docs/guide/deploy.md', 'docs/config.md'],
  ['docs/guide/advanced.md', 'docs/guide/deploy.md'],
  ['blog/2024/post-e.md', 'blog/2023/post-a.md'],
];

async function cli(root: string, argv: readonly string[]): Promise<CliResult> {
  return await runCli(['--root', '.', ...argv], { cwd: root });
}

function readJson(root: string, file: string): JsonReport {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as JsonReport;
}

function withoutDuration(stats: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).filter(([key]) => key !== 'durationMs'));
}

function rulesOf(report: JsonReport, rule: string): JsonFinding[] {
  return report.findings.filter((finding) => finding.rule === rule);
}

/** One unsharded run, `count` shard runs and their merge, all through the CLI, as a CI matrix would. */
async function runMatrix(
  root: string,
  count: number,
  flags: readonly string[],
): Promise<{ full: JsonReport; shards: JsonReport[]; merged: JsonReport; mergeRun: CliResult }> {
  const json = ['--format', 'json', '--include-links'];
  const fullRun = await cli(root, [...flags, ...json, '-o', 'full.json']);
  expect(fullRun.code, fullRun.stderr).toBe(1);
  const names: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const name = `shard-${index}-of-${count}.json`;
    const run = await cli(root, [...flags, '--shard', `${index}/${count}`, ...json, '-o', name]);
    expect([0, 1], run.stderr).toContain(run.code);
    names.push(name);
  }
  const mergeRun = await cli(root, ['merge', ...names, ...json, '-o', `merged-${count}.json`]);
  expect(mergeRun.code, mergeRun.stderr).toBe(1);
  return {
    full: readJson(root, 'full.json'),
    shards: names.map((name) => readJson(root, name)),
    merged: readJson(root, `merged-${count}.json`),
    mergeRun,
  };
}

describe('the corpus (preconditions of the merge tests)', () => {
  it('has 30 Markdown files, and its corpus evidence falls into several shards for 2, 3 and 5', () => {
    expect(markdownFiles).toHaveLength(30);
    for (const count of [2, 3, 5]) {
      const perShard = (files: readonly string[]): number[] =>
        Array.from({ length: count }, (_, i) => files.filter((file) => shardOf(file, count) === i + 1).length);
      // Each page needs all 5 of its links (minLinks 5, one per file) to trip, so no shard can hold them all.
      expect(Math.max(...perShard(widgetFiles))).toBeLessThan(5);
      expect(Math.max(...perShard(gadgetFiles))).toBeLessThan(5);
      // low-anchor-diversity needs 10 links to the domain (one per file here).
      const manualFiles = markdownFiles.filter((file) => String(corpus[file]).includes('docs.acme.example'));
      expect(manualFiles).toHaveLength(12);
      expect(Math.max(...perShard(manualFiles))).toBeLessThan(10);
      // The gizmos' exact text is all in one shard; the other 4 links to the page are in other shards.
      const gizmoLinkers = markdownFiles.filter((file) => String(corpus[file]).includes(gizmos));
      expect(gizmoLinkers).toHaveLength(7);
      expect(new Set(gizmoFiles.map((file) => shardOf(file, count))).size).toBe(1);
      for (const file of gizmoLinkers.filter((linker) => !gizmoFiles.includes(linker))) {
        expect(shardOf(file, count)).not.toBe(shardOf('docs/api/client.md', count));
      }
      expect(
        crossShardFragments.filter(([from, to]) => shardOf(from, count) !== shardOf(to, count)).length,
      ).toBeGreaterThanOrEqual(2);
    }
    for (const [from, to] of crossShardFragments.slice(0, 2)) {
      for (const count of [2, 3, 5]) expect(shardOf(from, count)).not.toBe(shardOf(to, count));
    }
  });

  it('gives an unsharded run every kind of finding the merge must reproduce', async () => {
    const root = makeTree(corpus);
    const run = await cli(root, ['--offline', '--format', 'json', '--include-links']);
    expect(run.code).toBe(1);
    const full = JSON.parse(run.stdout) as JsonReport;
    expect(new Set(full.findings.map((finding) => finding.rule))).toEqual(
      new Set([
        'missing-file',
        'missing-fragment',
        'undefined-reference',
        'unused-definition',
        'generic-anchor-text',
        'empty-anchor-text',
        'missing-alt-text',
        'naked-url',
        'ambiguous-anchor-text',
        'over-optimized-anchor',
        'low-anchor-diversity',
      ]),
    );
    // The one over-optimized page left is the widgets' (the gadgets' is silenced in CHANGELOG.md),
    // reported at its first occurrence with the blog/** override's severity.
    expect(rulesOf(full, 'over-optimized-anchor')).toMatchObject([
      { file: 'blog/2023/post-a.md', line: 3, url: widgets, severity: 'notice' },
    ]);
    expect(rulesOf(full, 'low-anchor-diversity')).toMatchObject([
      { file: 'README.md', line: 8, url: manual(1), severity: 'warning' },
    ]);
    expect(rulesOf(full, 'missing-file').find((finding) => finding.file === 'legacy/old-setup.md')?.severity).toBe(
      'warning',
    );
    expect(rulesOf(full, 'unused-definition').map((finding) => finding.severity)).toEqual(['notice', 'notice']);
    expect(rulesOf(full, 'generic-anchor-text').every((finding) => finding.severity === 'error')).toBe(true);
    for (const [from] of crossShardFragments) {
      expect(rulesOf(full, 'missing-fragment').map((finding) => finding.file)).toContain(from);
    }
    expect(full.warnings.filter((warning) => warning.includes('unknown rule'))).toHaveLength(2);
  });
});

describe('linkvet merge of a sharded run', () => {
  it.each([2, 3, 5])('gives the same report as one unsharded run, with %i shards', async (count) => {
    const root = makeTree(corpus);
    const { full, shards, merged } = await runMatrix(root, count, ['--offline']);

    // Every shard checked only its own files, and together they checked each file once.
    for (const [index, shard] of shards.entries()) {
      for (const link of shard.links) expect(shardOf(link.file, count)).toBe(index + 1);
    }
    expect(shards.reduce((total, shard) => total + (shard.stats['files'] ?? 0), 0)).toBe(markdownFiles.length);

    // Soft, so that one difference does not hide the others.
    expect.soft(merged.findings).toStrictEqual(full.findings);
    expect.soft(merged.anchors).toStrictEqual(full.anchors);
    expect.soft(Object.keys(merged.anchors)).toEqual(Object.keys(full.anchors));
    expect.soft(withoutDuration(merged.stats)).toStrictEqual(withoutDuration(full.stats));
    expect.soft(merged.links).toStrictEqual(full.links);
    expect.soft(merged.links.map((link) => link.status)).toContain('broken');
    expect.soft(merged.links.map((link) => link.status)).toContain('skipped');
    expect.soft(merged.directives).toStrictEqual(full.directives);
    expect.soft([...merged.warnings].sort()).toStrictEqual([...full.warnings].sort());
  });

  it.each([2, 3, 5])('judges the corpus rules again over all links, with %i shards', async (count) => {
    const root = makeTree(corpus);
    const { full, shards, merged } = await runMatrix(root, count, ['--offline']);
    // No shard sees enough of the widgets' page or of docs.acme.example to judge them...
    for (const shard of shards) {
      expect(rulesOf(shard, 'over-optimized-anchor').map((finding) => finding.url)).not.toContain(widgets);
      expect(rulesOf(shard, 'low-anchor-diversity')).toEqual([]);
    }
    // ...and the shard holding the gizmos' exact text sees too little else, so it judges wrongly.
    const gizmoShard = shards[shardOf('docs/api/client.md', count) - 1];
    expect(gizmoShard && rulesOf(gizmoShard, 'over-optimized-anchor')).toMatchObject([
      { file: 'docs/api/client.md', url: gizmos },
    ]);

    expect(rulesOf(merged, 'over-optimized-anchor')).toStrictEqual(rulesOf(full, 'over-optimized-anchor'));
    expect(rulesOf(merged, 'over-optimized-anchor').map((finding) => finding.url)).toEqual([widgets]);
    expect(rulesOf(merged, 'low-anchor-diversity')).toStrictEqual(rulesOf(full, 'low-anchor-diversity'));
    expect(rulesOf(merged, 'low-anchor-diversity')).toHaveLength(1);
    // The message names every other place the text is used, whichever shard it came from.
    const [overOptimized] = rulesOf(merged, 'over-optimized-anchor');
    for (const file of widgetFiles.slice(1)) expect(overOptimized?.message).toContain(file);
    // The link a finding is about is broken; the one only the shard judged is, like every web link
    // of an offline run, skipped: not checked, and not `ok`.
    const statusOf = (report: JsonReport, file: string, url: string): string | undefined =>
      report.links.find((link) => link.file === file && link.url === url)?.status;
    expect(statusOf(merged, 'blog/2023/post-a.md', widgets)).toBe('broken');
    expect(gizmoShard && statusOf(gizmoShard, 'docs/api/client.md', gizmos)).toBe('broken');
    expect(statusOf(full, 'docs/api/client.md', gizmos)).toBe('skipped');
    expect(statusOf(merged, 'docs/api/client.md', gizmos)).toBe('skipped');
  });

  it('warns about the same suppression comments as one run, in the same order', async () => {
    // README.md (shard 2 of 2) sorts before docs/config.md (shard 1 of 2): one run lists its warning first.
    expect([shardOf('README.md', 2), shardOf('docs/config.md', 2)]).toEqual([2, 1]);
    const root = makeTree(corpus);
    const { full, merged, mergeRun } = await runMatrix(root, 2, ['--offline']);
    expect(full.warnings.map((warning) => warning.slice(0, warning.indexOf(':')))).toEqual([
      'README.md',
      'docs/config.md',
    ]);
    for (const warning of full.warnings) expect(mergeRun.stderr).toContain(`linkvet: warning: ${warning}\n`);
    expect(merged.warnings).toStrictEqual(full.warnings);
  });

  it('gives the same findings and links whichever order the shard reports are named in', async () => {
    const root = makeTree(corpus);
    const { merged } = await runMatrix(root, 3, ['--offline']);
    const reversed = await cli(root, [
      'merge',
      'shard-3-of-3.json',
      'shard-1-of-3.json',
      'shard-2-of-3.json',
      '--format',
      'json',
      '--include-links',
    ]);
    expect(reversed.code).toBe(1);
    const report = JSON.parse(reversed.stdout) as JsonReport;
    expect(report.findings).toStrictEqual(merged.findings);
    expect(report.links).toStrictEqual(merged.links);
    expect(report.anchors).toStrictEqual(merged.anchors);
    expect(report.stats).toStrictEqual(merged.stats);
  });

  it('applies the shards’ suppression comments to the corpus findings it judges again', async () => {
    const root = makeTree(corpus);
    const { full } = await runMatrix(root, 2, ['--offline']);
    const names = ['shard-1-of-2.json', 'shard-2-of-2.json'];
    const changelogShard = names[shardOf('CHANGELOG.md', 2) - 1] ?? '';
    expect(readJson(root, changelogShard).directives).toHaveProperty('CHANGELOG.md');
    // Without the comments (as from shards that did not record them), the gadgets' page is reported too.
    for (const name of names) {
      const kept = Object.entries(readJson(root, name)).filter(([key]) => key !== 'directives');
      writeFileSync(path.join(root, `bare-${name}`), JSON.stringify(Object.fromEntries(kept)));
    }
    const bare = await cli(root, ['merge', ...names.map((name) => `bare-${name}`), '--format', 'json']);
    const unsuppressed = rulesOf(JSON.parse(bare.stdout) as JsonReport, 'over-optimized-anchor');
    expect(unsuppressed.map((finding) => `${finding.file}:${finding.line} ${finding.url}`)).toEqual([
      `CHANGELOG.md:6 ${gadgets}`,
      `blog/2023/post-a.md:3 ${widgets}`,
    ]);
    expect(rulesOf(full, 'over-optimized-anchor').map((finding) => finding.url)).toEqual([widgets]);
  });

  it('merges in the core as the CLI does, from the reports read back', async () => {
    const root = makeTree(corpus);
    const { merged } = await runMatrix(root, 3, ['--offline']);
    const reports = [1, 2, 3].map((index) => {
      const source = `shard-${index}-of-3.json`;
      return { ...readReportFile(readFileSync(path.join(root, source), 'utf8'), source), source };
    });
    const report = mergeReports(reports, loadConfig({ cwd: root, root }));
    expect(report.findings.map((finding) => `${finding.file}:${finding.span.start.line} ${finding.rule}`)).toEqual(
      merged.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`),
    );
    expect(report.links.map((link) => link.status)).toEqual(merged.links.map((link) => link.status));
    expect(report.directives?.get('CHANGELOG.md')?.[0]).toMatchObject({
      kind: 'disable-next-line',
      rules: ['over-optimized-anchor'],
      nextLine: 6,
    });
  });
});

describe('linkvet merge of a sharded run with web links', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('reports dead and redirected links as one unsharded run does', async () => {
    const dead = server.url('/not-found');
    const files: Record<string, string> = {
      'README.md': `# Home\n\nSee [the missing page](${dead}) and [the working page](${server.url('/ok')}).\n`,
      'docs/api/server.md': `# Server\n\nOld [server notes](${dead}) and [the moved page](${server.url('/moved')}).\n`,
      'docs/guide/intro.md': `# Intro\n\n[Intro page](${server.url('/page/intro')}) and [the gone file](../gone.md).\n`,
      'team/about.md': `# About\n\n[About us](${server.url('/page/about')}).\n`,
    };
    expect(shardOf('README.md', 2)).not.toBe(shardOf('docs/api/server.md', 2));
    const root = makeTree(files);
    const { full, shards, merged } = await runMatrix(root, 2, []);

    const deadLinks = rulesOf(full, 'dead-link');
    expect(deadLinks.map((finding) => finding.file)).toEqual(['README.md', 'docs/api/server.md']);
    expect(rulesOf(full, 'permanent-redirect')).toHaveLength(1);
    for (const shard of shards) expect(rulesOf(shard, 'dead-link')).toHaveLength(1);
    expect(server.requestsTo('/not-found').length).toBeGreaterThanOrEqual(2);

    expect(merged.findings).toStrictEqual(full.findings);
    expect(merged.anchors).toStrictEqual(full.anchors);
    expect(withoutDuration(merged.stats)).toStrictEqual(withoutDuration(full.stats));
    expect(merged.links).toStrictEqual(full.links);
    expect(merged.links.filter((link) => link.status === 'skipped')).toEqual([]);
    expect(merged.links.filter((link) => link.url === dead).map((link) => link.status)).toEqual(['broken', 'broken']);
  });

  it('keeps links blockPrivate refused skipped, with their blocked-address findings, as one run does', async () => {
    const files: Record<string, string> = {
      'README.md': `# Home\n\nSee [the local page](${server.url('/page/blocked')}) and [the gone file](docs/gone.md).\n`,
      'docs/api/server.md': `# Server\n\n[Metadata](http://169.254.169.254/latest/) and [home](../../README.md).\n`,
    };
    expect(shardOf('README.md', 2)).not.toBe(shardOf('docs/api/server.md', 2));
    const root = makeTree(files);
    const { full, merged } = await runMatrix(root, 2, ['--block-private']);

    expect(rulesOf(full, 'blocked-address').map((finding) => finding.file)).toEqual([
      'README.md',
      'docs/api/server.md',
    ]);
    expect(merged.findings).toStrictEqual(full.findings);
    expect(merged.links).toStrictEqual(full.links);
    const webStatuses = merged.links.filter((link) => link.url.startsWith('http')).map((link) => link.status);
    expect(webStatuses).toEqual(['skipped', 'skipped']);
    expect(server.requestsTo('/page/blocked')).toEqual([]);
  });
});
