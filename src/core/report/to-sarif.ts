import { ruleIds, ruleMeta } from '../rules/registry.js';
import type { Finding, Incomplete, Report, Severity } from '../types.js';

const levels: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  notice: 'note',
};

/** An interrupted run: not a successful execution, with a notification saying what was left unchecked. */
function interruptedInvocation(incomplete: Incomplete): Record<string, unknown> {
  const { reason, filesChecked, filesTotal, linksUnchecked } = incomplete;
  const text = `Interrupted (${reason}): incomplete results; ${filesChecked} of ${filesTotal} files read, ${linksUnchecked} links not checked.`;
  return {
    executionSuccessful: false,
    toolExecutionNotifications: [{ level: 'warning', message: { text }, descriptor: { id: 'interrupted' } }],
  };
}

/** The report as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export function toSarif(report: Report): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, rules: ruleIds.map(ruleToSarif) } },
        results: report.findings.map(resultToSarif),
        ...(report.incomplete === undefined ? {} : { invocations: [interruptedInvocation(report.incomplete)] }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function ruleToSarif(id: (typeof ruleIds)[number]): Record<string, unknown> {
  const meta = ruleMeta(id);
  return {
    id,
    name: meta.title,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: helpText(id, meta.description), markdown: helpText(id, meta.description) },
    defaultConfiguration: { level: levels[meta.defaultSeverity] },
    properties: { tags: ['links', 'documentation'] },
  };
}

/** What code scanning shows under "Show more": when the rule fires and how to silence it where it is wrong. */
function helpText(id: string, description: string): string {
  return [
    description,
    '',
    `Fix the link, or silence this finding with \`<!-- linkvet-disable-next-line ${id} -->\` on the line above it,`,
    `or change the rule's severity with \`rules: { ${id}: off }\` in .linkvet.yml.`,
  ].join('\n');
}

function resultToSarif(finding: Finding): Record<string, unknown> {
  const { start, end } = finding.span;
  return {
    ruleId: finding.rule,
    ruleIndex: ruleIds.indexOf(finding.rule),
    level: levels[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(finding.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
        },
      },
    ],
    ...(finding.suggestion === undefined ? {} : { properties: { suggestion: finding.suggestion } }),
  };
}

/** A relative POSIX path as a URI reference: each segment percent-encoded. */
function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
