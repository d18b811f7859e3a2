import { analyzeAnchors } from './analyze/analyze-anchors.js';
import { classifyLink, classifyOptions } from './classify/classify-link.js';
import type { Config } from './config/options.js';
import { LinkvetError } from './errors.js';
import { buildReport } from './report/build-report.js';
import type { ReportFile } from './report/read-report.js';
import { suppress } from './rules/suppress.js';
import type { ClassifiedLink, Directive, LinkResult, LinkStatus, Report, RuleId, Violation } from './types.js';

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
  const records = reports.flatMap((shard) => shard.links).sort((a, b) => byCodeUnit(a.link.file, b.link.file));
  const options = classifyOptions(config);
  const classified: ClassifiedLink[] = records.map(({ link }) => ({
    link,
    target: classifyLink(link.file, link.url, options),
  }));
  const anchors = analyzeAnchors(classified, { ...config.anchors, deny: config.deny });
  const directives = mergeDirectives(reports);
  const corpus = suppress(
    anchors.violations.filter((violation) => corpusRules.has(violation.rule)),
    directives,
  ).kept;
  const own: Violation[] = reports.flatMap((shard) =>
    shard.report.findings.filter((finding) => !corpusRules.has(finding.rule)),
  );
  const merged = buildReport({
    config,
    files: sum(reports, (shard) => shard.report.stats.files),
    classified,
    violations: [...own, ...corpus],
    warnings: [...new Set(reports.flatMap((shard) => shard.report.warnings))],
    anchors: anchors.profile,
    durationMs: Math.max(0, ...reports.map((shard) => shard.report.stats.durationMs)),
  });
  return {
    ...merged,
    links: withShardStatus(
      merged.links,
      records.map((record) => record.status),
    ),
    directives,
  };
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

function mergeDirectives(reports: readonly NamedReport[]): Map<string, readonly Directive[]> {
  const merged = new Map<string, readonly Directive[]>();
  for (const shard of reports) for (const [file, list] of shard.report.directives ?? []) merged.set(file, list);
  return merged;
}

/** A link is broken when a merged finding is about it; otherwise what its shard said (skipped stays skipped). */
function withShardStatus(links: readonly LinkResult[], statuses: readonly LinkStatus[]): LinkResult[] {
  return links.map((result, index) => ({
    ...result,
    status: result.status === 'broken' ? 'broken' : statuses[index] === 'skipped' ? 'skipped' : 'ok',
  }));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
