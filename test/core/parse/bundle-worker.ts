import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Bundles a worker entry point (TypeScript) into a throwaway directory, as scripts/build.mjs
 * bundles the real one, since a worker thread cannot run TypeScript sources.
 * @param entry the entry's path relative to this directory
 */
export async function bundleWorker(entry: string): Promise<URL> {
  const dir = mkdtempSync(path.join(tmpdir(), 'linkvet-worker-'));
  made.push(dir);
  const outfile = path.join(dir, 'worker.js');
  await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire as __linkvetRequire } from 'node:module';\nconst require = __linkvetRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return pathToFileURL(outfile);
}
