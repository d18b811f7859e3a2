import type { DomainProfile, Finding, LinkResult, Report } from '../types.js';

/** Options for the JSON report; `includeLinks` fills `links`, which `merge` needs. */
export interface JsonOptions {
  readonly includeLinks?: boolean;
}

/** The JSON report of DESIGN.md, schema version 1, as a string ending in a newline. */
export function toJson(report: Report, options: JsonOptions = {}): string {
  const json = {
    schemaVersion: 1,
    ...(report.incomplete === undefined ? {} : { incomplete: report.incomplete }),
    tool: report.tool,
    stats: report.stats,
    findings: report.findings.map(findingToJson),
    links: options.includeLinks ? report.links.map(linkToJson) : [],
    warnings: report.warnings,
    anchors: Object.fromEntries(report.anchors.map(profileToJson)),
    ...(options.includeLinks && report.directives ? { directives: Object.fromEntries(report.directives) } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function findingToJson(finding: Finding): Record<string, unknown> {
  return {
    file: finding.file,
    line: finding.span.start.line,
    column: finding.span.start.column,
    endLine: finding.span.end.line,
    endColumn: finding.span.end.column,
    url: finding.url,
    text: finding.text,
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    ...(finding.suggestion === undefined ? {} : { suggestion: finding.suggestion }),
  };
}

/** One domain of the anchor profile, keyed by domain, with camel-cased category names. */
function profileToJson(profile: DomainProfile): [string, Record<string, unknown>] {
  const { domain, categories, ...counts } = profile;
  const byCategory = Object.fromEntries(Object.entries(categories).map(([name, count]) => [camelCase(name), count]));
  return [domain, { ...counts, categories: byCategory }];
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function linkToJson({ link, target, status }: LinkResult): Record<string, unknown> {
  return {
    file: link.file,
    line: link.span.start.line,
    column: link.span.start.column,
    endLine: link.span.end.line,
    endColumn: link.span.end.column,
    kind: link.kind,
    url: link.url,
    text: link.text,
    target: target.type,
    status,
    ...(link.imageOnly ? { imageOnly: true } : {}),
  };
}
