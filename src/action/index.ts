import { runAction } from './run-action.js';

// The runner starts this file with the workspace as the working directory.
process.exitCode = await runAction(process.env, process.cwd());
