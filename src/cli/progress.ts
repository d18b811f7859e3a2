import type { Progress } from '../core/index.js';

/** How long a run goes quietly before a progress line appears. */
const quietMs = 750;
/** How often the progress line is redrawn at most. */
const redrawMs = 100;

/** A progress line on stderr for terminal runs that take more than a moment; silent otherwise. */
export function progressReporter(
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
  now: () => number = Date.now,
): { update: (progress: Progress) => void; done: () => void } {
  const started = now();
  let drawnAt = 0;
  let drawn = false;
  return {
    update(progress) {
      const time = now();
      if (stderr.isTTY !== true || time - started < quietMs || time - drawnAt < redrawMs) return;
      const unit = progress.phase === 'parse' ? 'files' : 'URLs';
      stderr.write(`\r\u001b[2Klinkvet: ${progress.phase} ${progress.done}/${progress.total} ${unit}`);
      drawnAt = time;
      drawn = true;
    },
    done() {
      if (drawn) stderr.write('\r\u001b[2K');
    },
  };
}
