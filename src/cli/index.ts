#!/usr/bin/env node
import { interruptedExitCode, main } from './main.js';

// The first SIGINT/SIGTERM stops the run and lets it write a partial report; a second one exits at once.
const interrupt = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (interrupt.signal.aborted) process.exit(interruptedExitCode(signal));
  interrupt.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: interrupt.signal,
});
// Abandoned requests would keep the process alive until they time out; the report is already written.
if (interrupt.signal.aborted) process.exit(code);
process.exitCode = code;
