// A parse worker for tests: logs every file it is sent (to `received.log` in the root), dies on
// files named `crash.md`, throws out of its message handler on files named `throw.md`, waits
// 1.5 s without using the CPU (as a thread on a loaded machine does) on `sleep.md`, and
// computes forever on `spin.md`.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../../src/core/parse/analyze-source.js';
import { serveAnalyses } from '../../../src/core/parse/serve-analyses.js';

serveAnalyses((settings, file) => {
  appendFileSync(path.join(settings.root, 'received.log'), `${file}\n`);
  const name = path.basename(file);
  if (name === 'crash.md') process.exit(3);
  if (name === 'throw.md') throw new Error('the worker blew up');
  if (name === 'sleep.md') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_500);
  if (name === 'spin.md') for (;;);
  return analyzeSource(settings, file);
});
