import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBundledAction, type ActionResult } from '../helpers/action.js';
import { makeTree } from '../helpers/tree.js';

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(workspace: string, inputs: Readonly<Record<string, string>>): Promise<ActionResult> {
  const result = await runBundledAction({ workspace, inputs: { offline: 'true', ...inputs } });
  cleanup.push(result.runnerTemp);
  return result;
}

describe('action output paths', () => {
  it('refuses a report or sarif path outside the workspace and the temp directory, planted symlinks resolved', async () => {
    const victimDir = mkdtempSync(path.join('/var/tmp', 'linkvet-victim-'));
    cleanup.push(victimDir);
    const victim = path.join(victimDir, 'keep.txt');
    writeFileSync(victim, 'keep');
    const workspace = makeTree({ 'README.md': '# Readme\n' });
    symlinkSync(victimDir, path.join(workspace, 'out'));

    const viaSymlink = await run(workspace, { sarif: 'out/keep.txt' });
    expect(viaSymlink.code).not.toBe(0);
    expect(viaSymlink.stdout + viaSymlink.stderr).toContain("is outside the workspace and the runner's temp directory");
    expect(readFileSync(victim, 'utf8')).toBe('keep');

    const absolute = await run(workspace, { report: victim });
    expect(absolute.code).not.toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
  });

  it('still writes a report inside the workspace', async () => {
    const workspace = makeTree({ 'README.md': '# Readme\n' });
    const result = await run(workspace, { report: 'reports/linkvet.json' });
    expect(existsSync(path.join(workspace, 'reports/linkvet.json'))).toBe(true);
    expect(result.outputs['report']).toBe(path.join(workspace, 'reports/linkvet.json'));
  });
});
