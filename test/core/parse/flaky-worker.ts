// A parse worker for tests: logs every file it is sent (to `received.log` in the root), dies on
// files named `crash.md`, and throws out of its message handler on files named `throw.md`.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../../src/core/parse/analyze-source.js';
import { serveAnalyses } from '../../../src/core/parse/serve-analyses.js';

serveAnalyses((settings, file) => {
  appendFileSync(path.join(settings.root, 'received.log'), `${file}\n`);
  if (path.basename(file) === 'crash.md') process.exit(3);
  if (path.basename(file) === 'throw.md') throw new Error('the worker blew up');
  return analyzeSource(settings, file);
});
