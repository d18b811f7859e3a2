import { runAction } from './run-action.js';

// On cancel the runner sends SIGINT, then SIGTERM, then kills: the first signal stops the run so it can still write
// its report, summary and outputs; a second one exits at once.
const interrupt = new AbortController();
const onSignal = (signal: NodeJS.Signals): void => {
  if (interrupt.signal.aborted) process.exit(1);
  interrupt.abort(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// The runner starts this file with the workspace as the working directory.
const code = await runAction(process.env, process.cwd(), interrupt.signal);
// Abandoned requests would keep the process alive until they time out; everything is already written.
if (interrupt.signal.aborted) process.exit(code);
process.exitCode = code;
