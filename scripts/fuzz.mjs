// The fuzz run: the property tests (extraction, escaping, chunked against whole parsing, slugs,
// classification, config loading) with many generated inputs each, seeded so a failure can be replayed.
// Not part of CI, which runs the same properties with a few hundred inputs each.
//
//   npm run fuzz                          100,000 inputs per property, seed 20261124
//   npm run fuzz -- --runs 5000 --seed 7  fewer inputs, another seed
//   npm run fuzz -- escape                only the property files whose path holds `escape`
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20261124' } },
  allowPositionals: true,
});

const filters = positionals.length > 0 ? positionals : ['property'];
const env = { ...process.env, LINKVET_FUZZ_RUNS: values.runs, LINKVET_FUZZ_SEED: values.seed };
console.log(`fuzz: ${values.runs} inputs per property, seed ${values.seed}, files matching ${filters.join(', ')}`);
const started = Date.now();
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--testTimeout=0', '--hookTimeout=0', ...filters],
  { stdio: 'inherit', env },
);
console.log(`fuzz: finished in ${Math.round((Date.now() - started) / 1000)} s, exit ${result.status ?? result.signal}`);
process.exit(result.status ?? 1);
