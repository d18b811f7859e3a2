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
