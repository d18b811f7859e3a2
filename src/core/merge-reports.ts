import { analyzeAnchors } from './analyze/analyze-anchors.js';
import { classifyLink, classifyOptions } from './classify/classify-link.js';
import type { Config } from './config/options.js';
import { LinkvetError } from './errors.js';
import { buildReport } from './report/build-report.js';
import type { ReportFile } from './report/read-report.js';
import { suppress } from './rules/suppress.js';
import type {
  ClassifiedLink,
  Directive,
  Incomplete,
  LinkResult,
  LinkStatus,
  Report,
  RuleId,
  Violation,
} from './types.js';

/** Shard reports to merge, each with the name it was read from (for messages). */
export interface NamedReport extends ReportFile {
  readonly source: string;
}

/** Rules judged across the whole corpus: a shard sees only part of it, so merge judges them again. */
const corpusRules: ReadonlySet<RuleId> = new Set(['over-optimized-anchor', 'low-anchor-diversity']);

/**
 * Combines shard reports (written with `--include-links`) into the report one unsharded run
 * would give: every file's own findings as its shard found them, and the corpus-wide anchor
 * findings and profile computed again over all links, with the files' suppression comments.
 * @throws LinkvetError when a report lacks its links or two reports hold the same file
 */
export function mergeReports(reports: readonly NamedReport[], config: Config): Report {
  requireLinks(reports);
  refuseOverlaps(reports);
  const options = classifyOptions(config);
  const records = reports
    .flatMap((shard) => {
      const offline = wasOffline(shard, options) ?? config.offline;
      return shard.links.map((record) => ({ ...record, offline }));
    })
    .sort((a, b) => byCodeUnit(a.link.file, b.link.file));
  const classified: ClassifiedLink[] = records.map(({ link }) => ({
    link,
    target: classifyLink(link.file, link.url, options),
  }));
  const anchors = analyzeAnchors(classified, { ...config.anchors, deny: config.deny });
  const directives = mergeDirectives(reports);
  const corpus = suppress(
    anchors.violations.filter((violation) => corpusRules.has(violation.rule)),
    directives,
  );
  const own: Violation[] = reports.flatMap((shard) =>
    shard.report.findings.filter((finding) => !corpusRules.has(finding.rule)),
  );
  const merged = buildReport({
    config,
    files: sum(reports, (shard) => shard.report.stats.files),
    classified,
    violations: [...own, ...corpus.kept],
    warnings: [...runWarnings(reports), ...corpus.warnings],
    anchors: anchors.profile,
    durationMs: reports.reduce((longest, shard) => Math.max(longest, shard.report.stats.durationMs), 0),
  });
  const links = withShardStatus(merged.links, records);
  const incomplete = mergeIncomplete(reports, links);
  return { ...merged, links, directives, ...(incomplete === undefined ? {} : { incomplete }) };
}

/** Incomplete when any shard was: its files read count as checked, a complete shard's all of them. */
function mergeIncomplete(reports: readonly NamedReport[], links: readonly LinkResult[]): Incomplete | undefined {
  const interrupted = reports.flatMap((shard) =>
    shard.report.incomplete === undefined ? [] : [shard.report.incomplete],
  );
  if (interrupted.length === 0) return undefined;
  const files = (shard: NamedReport, key: 'filesChecked' | 'filesTotal'): number =>
    shard.report.incomplete?.[key] ?? shard.report.stats.files;
  return {
    reason: [...new Set(interrupted.map((incomplete) => incomplete.reason))].join(', '),
    filesChecked: sum(reports, (shard) => files(shard, 'filesChecked')),
    filesTotal: sum(reports, (shard) => files(shard, 'filesTotal')),
    linksUnchecked: links.filter((link) => link.status === 'unchecked').length,
  };
}

/**
 * The shards' run-level warnings (an unusable cache…), each once; the warnings about suppression
 * comments are made again over all files, in file order, as one run would.
 */
function runWarnings(reports: readonly NamedReport[]): string[] {
  const run = reports.flatMap((shard) => {
    const aboutComments = new Set(suppress([], shard.report.directives ?? new Map()).warnings);
    return shard.report.warnings.filter((warning) => !aboutComments.has(warning));
  });
  return [...new Set(run)];
}

/**
 * Whether a shard ran offline, read from its links: offline, every web link not found broken is
 * `skipped`; online, only those `blockPrivate` refused are. `undefined` when the shard has no such link to tell by.
 */
function wasOffline(shard: NamedReport, options: ReturnType<typeof classifyOptions>): boolean | undefined {
  const web = shard.links.filter(
    (record) =>
      record.status !== 'broken' && classifyLink(record.link.file, record.link.url, options).type === 'external',
  );
  return web.length === 0 ? undefined : web.every((record) => record.status === 'skipped');
}

function requireLinks(reports: readonly NamedReport[]): void {
  for (const shard of reports) {
    if (shard.report.stats.links > 0 && shard.links.length === 0) {
      throw new LinkvetError(
        'usage',
        `${shard.source} lists no links: write shard reports with \`--format json --include-links\``,
        { file: shard.source },
      );
    }
  }
}

/** Which report each linking file came from; a file in two reports means they are not shards of one run. */
function refuseOverlaps(reports: readonly NamedReport[]): void {
  const sources = new Set<string>();
  for (const shard of reports) {
    if (sources.has(shard.source)) {
      throw new LinkvetError('usage', `${shard.source} is given twice: merge each shard report once`, {
        file: shard.source,
      });
    }
    sources.add(shard.source);
  }
  const owners = new Map<string, string>();
  for (const shard of reports) {
    for (const file of new Set(shard.links.map((record) => record.link.file))) {
      const owner = owners.get(file);
      if (owner !== undefined && owner !== shard.source) {
        throw new LinkvetError(
          'usage',
          `\`${file}\` is in both ${owner} and ${shard.source}: merge the shard reports of one run, each once`,
          { file: shard.source },
        );
      }
      owners.set(file, shard.source);
    }
  }
}

function sum<T>(items: readonly T[], valueOf: (item: T) => number): number {
  return items.reduce((total, item) => total + valueOf(item), 0);
}

/** Every file's suppression comments, in file order as one run lists them. */
function mergeDirectives(reports: readonly NamedReport[]): Map<string, readonly Directive[]> {
  const entries = reports.flatMap((shard) => [...(shard.report.directives ?? [])]);
  return new Map(entries.sort(([a], [b]) => byCodeUnit(a, b)));
}

/**
 * A link is broken when a merged finding is about it, otherwise what its shard said. A link its
 * shard called broken only for a corpus finding the merge dropped was checked online (`ok`) or
 * not at all (`skipped`, offline).
 */
function withShardStatus(
  links: readonly LinkResult[],
  records: readonly { readonly status: LinkStatus; readonly offline: boolean }[],
): LinkResult[] {
  return links.map((result, index): LinkResult => {
    const record = records[index];
    if (result.status === 'broken' || record === undefined) return result;
    if (record.status !== 'broken') return { ...result, status: record.status };
    const web = result.target.type === 'external';
    return { ...result, status: web && record.offline ? 'skipped' : web ? 'ok' : result.status };
  });
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
