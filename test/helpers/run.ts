import { fileURLToPath } from 'node:url';
import { checkLinks, loadConfig, type Options, type Report } from '../../src/core/index.js';

/** Absolute path of a fixture tree under test/fixtures. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** Runs the whole pipeline over a directory, offline unless told otherwise, with no config file but the tree's own. */
export async function check(root: string, flags: Options = {}, paths: readonly string[] = []): Promise<Report> {
  return await checkLinks(loadConfig({ cwd: root, root, paths, flags: { offline: true, ...flags } }));
}

/** Findings reduced to what tests compare: `file:line:column rule`. */
export function places(report: Report): string[] {
  return report.findings.map(
    (finding) => `${finding.file}:${finding.span.start.line}:${finding.span.start.column} ${finding.rule}`,
  );
}
