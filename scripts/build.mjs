// Bundles the action (dist/index.js), the CLI, the core (for library use) and the parse worker into dist/ as ESM
// with sourcemaps.
// The output must be byte-for-byte reproducible: CI rebuilds and diffs dist/.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: {
    index: 'src/action/index.ts',
    cli: 'src/cli/index.ts',
    core: 'src/core/index.ts',
    // The parse worker thread; the core finds it next to the entries with `new URL(…, import.meta.url)`.
    'parse-worker': 'src/core/parse/parse-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __LINKVET_VERSION__: JSON.stringify(version) },
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __linkvetRequire } from 'node:module';\nconst require = __linkvetRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
