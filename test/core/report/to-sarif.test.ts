import { describe, expect, it } from 'vitest';
import { toSarif } from '../../../src/core/report/to-sarif.js';
import { check } from '../../helpers/run.js';
import { makeTree } from '../../helpers/tree.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
}

describe('toSarif', () => {
  it('writes SARIF 2.1.0 results with rule metadata, levels and regions', async () => {
    const root = makeTree({ 'my docs/a b.md': '# A\n\n[x](nope.md)\n\n[y][gone]\n' });
    const sarif = JSON.parse(toSarif(await check(root))) as {
      version: string;
      runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: SarifResult[] }>;
    };
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run?.tool.driver.name).toBe('linkvet');
    const [first, second] = run?.results ?? [];
    expect(first).toMatchObject({
      ruleId: 'missing-file',
      level: 'error',
      message: { text: '`my docs/nope.md` does not exist' },
    });
    expect(run?.tool.driver.rules[first?.ruleIndex ?? -1]?.id).toBe('missing-file');
    expect(first?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'my%20docs/a%20b.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 13 },
    });
    expect(second).toMatchObject({ ruleId: 'undefined-reference', level: 'warning' });
  });
});

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isPositive = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 1;
const textOf = (value: unknown): unknown => (isObject(value) ? value['text'] : undefined);

/** A relative URI reference whose segments are percent-encoded: nothing outside RFC 3986's allowed characters. */
function isRelativeEncodedUri(uri: unknown): boolean {
  if (typeof uri !== 'string' || uri === '' || uri.startsWith('/') || /^[a-z][a-z\d+.-]*:/iu.test(uri)) return false;
  if (!/^(?:[A-Za-z\d\-._~!$&'()*+,;=:@/]|%[\dA-F]{2})*$/u.test(uri)) return false;
  return uri.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * What SARIF 2.1.0 (and GitHub code scanning on top of it) requires of a log, as a list of
 * problems: empty when the log is fine.
 */
function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  if (!isObject(log)) return ['the log is not an object'];
  need(log['version'] === '2.1.0', 'version is not 2.1.0');
  const runs = log['runs'];
  if (!Array.isArray(runs)) return [...problems, 'runs is not an array'];
  for (const [r, run] of runs.entries()) {
    if (!isObject(run)) {
      problems.push(`runs[${r}] is not an object`);
      continue;
    }
    const driver = isObject(run['tool']) ? run['tool']['driver'] : undefined;
    if (!isObject(driver)) {
      problems.push(`runs[${r}].tool.driver is missing`);
      continue;
    }
    need(isText(driver['name']), `runs[${r}].tool.driver.name is missing`);
    const rules: unknown[] = Array.isArray(driver['rules']) ? driver['rules'] : [];
    const ids = rules.map((rule) => (isObject(rule) ? rule['id'] : undefined));
    need(new Set(ids).size === ids.length, `runs[${r}] has duplicate rule ids`);
    for (const [i, rule] of rules.entries()) {
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      if (!isObject(rule)) {
        problems.push(`${at} is not an object`);
        continue;
      }
      need(isText(rule['id']), `${at}.id is missing`);
      need(isText(textOf(rule['shortDescription'])), `${at}.shortDescription.text is missing`);
      need(isText(textOf(rule['fullDescription'])), `${at}.fullDescription.text is missing`);
      need(isText(textOf(rule['help'])), `${at}.help.text is missing`);
    }
    const results = run['results'];
    if (!Array.isArray(results)) {
      problems.push(`runs[${r}].results is not an array`);
      continue;
    }
    for (const [i, result] of results.entries()) {
      const at = `runs[${r}].results[${i}]`;
      if (!isObject(result)) {
        problems.push(`${at} is not an object`);
        continue;
      }
      need(isText(textOf(result['message'])), `${at}.message.text is missing`);
      const index = ids.indexOf(result['ruleId']);
      need(index !== -1, `${at}.ruleId is not a rule of the driver`);
      need(result['ruleIndex'] === index, `${at}.ruleIndex does not point at its ruleId`);
      need(['error', 'warning', 'note', 'none'].includes(String(result['level'])), `${at}.level is not a level`);
      const locations = result['locations'];
      if (!Array.isArray(locations) || locations.length === 0) {
        problems.push(`${at}.locations is missing`);
        continue;
      }
      for (const [l, location] of locations.entries()) {
        const physical = isObject(location) ? location['physicalLocation'] : undefined;
        const artifact = isObject(physical) ? physical['artifactLocation'] : undefined;
        const region = isObject(physical) ? physical['region'] : undefined;
        const where = `${at}.locations[${l}].physicalLocation`;
        need(
          isObject(artifact) && isRelativeEncodedUri(artifact['uri']),
          `${where}.artifactLocation.uri is not relative and encoded`,
        );
        need(isObject(region) && isPositive(region['startLine']), `${where}.region.startLine is not ≥ 1`);
        if (!isObject(region)) continue;
        const startLine = region['startLine'] as number;
        need(
          region['endLine'] === undefined ||
            (isPositive(region['endLine']) && (region['endLine'] as number) >= startLine),
          `${where}.region.endLine is before startLine`,
        );
        need(
          region['startColumn'] === undefined || isPositive(region['startColumn']),
          `${where}.region.startColumn is not ≥ 1`,
        );
        need(
          region['endColumn'] === undefined || isPositive(region['endColumn']),
          `${where}.region.endColumn is not ≥ 1`,
        );
      }
    }
  }
  return problems;
}

describe('toSarif against SARIF 2.1.0', () => {
  it('writes a log with every field SARIF and code scanning require, for a real report', async () => {
    const root = makeTree({
      'Guide.md': '# Guide\n',
      'my docs/ü (1) #a.md': '[x](../Guide.md#nope) [y](gone.md)\n\n[z][undefined]\n\n[unused]: https://example.com/\n',
      'b.md': '[click here](https://example.com/a) [](https://example.com/b)\n\n[multi\nline](nope.md)\n',
    });
    const report = await check(root);
    expect(new Set(report.findings.map((finding) => finding.severity))).toEqual(
      new Set(['error', 'warning', 'notice']),
    );
    expect(report.findings.some((finding) => finding.span.end.line > finding.span.start.line)).toBe(true);
    const sarif = JSON.parse(toSarif(report)) as unknown;
    expect(sarifProblems(sarif)).toEqual([]);

    const run = (sarif as { runs: Array<{ results: SarifResult[] }> }).runs[0];
    expect(run?.results).toHaveLength(report.findings.length);
    const uris = new Set(run?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['b.md', 'my%20docs/%C3%BC%20(1)%20%23a.md']));
    for (const uri of uris)
      expect(report.findings.map((finding) => finding.file)).toContain(
        uri?.split('/').map(decodeURIComponent).join('/'),
      );
  });

  it('has a validator that notices what is missing', async () => {
    const root = makeTree({ 'a.md': '[x](gone.md)\n' });
    const good = JSON.parse(toSarif(await check(root))) as {
      runs: Array<{ tool: { driver: { rules: Json[] } }; results: Json[] }>;
    };
    expect(sarifProblems(good)).toEqual([]);
    const [run] = good.runs;
    if (!run) throw new Error('no run');
    const [result] = run.results;
    const broken = {
      version: '2.0.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'linkvet',
              rules: [{ ...run.tool.driver.rules[0], help: undefined }, ...run.tool.driver.rules.slice(1)],
            },
          },
          results: [
            { ...result, ruleIndex: 5, level: 'fatal' },
            {
              ...result,
              message: {},
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: '/abs/a b.md' },
                    region: { startLine: 0 },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(sarifProblems(broken)).toEqual([
      'version is not 2.1.0',
      'runs[0].tool.driver.rules[0].help.text is missing',
      'runs[0].results[0].ruleIndex does not point at its ruleId',
      'runs[0].results[0].level is not a level',
      'runs[0].results[1].message.text is missing',
      'runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri is not relative and encoded',
      'runs[0].results[1].locations[0].physicalLocation.region.startLine is not ≥ 1',
    ]);
  });
});
