import { createRequire as __linkvetRequire } from 'node:module';
const require = __linkvetRequire(import.meta.url);
import {
  analyzeSource,
  cpuMillis,
  currentThreadClock,
  describeError,
  unparsed
} from "./chunks/chunk-C7OR4WVU.js";

// src/core/parse/serve-analyses.ts
import { parentPort, workerData } from "node:worker_threads";
function serveAnalyses(analyze = analyzeSource) {
  const port = parentPort;
  if (port === null) throw new Error("serveAnalyses runs in a worker thread");
  const settings = workerData;
  const clock = currentThreadClock();
  const cpuNow = () => clock === void 0 ? void 0 : cpuMillis(clock);
  port.on("message", (task) => {
    const analysis = analyze(settings, task.file);
    try {
      port.postMessage({ type: "done", id: task.id, analysis, cpuMs: cpuNow() });
    } catch (error) {
      const failed = unparsed(task.file, `its extraction could not be sent back: ${describeError(error)}`);
      port.postMessage({ type: "done", id: task.id, analysis: failed, cpuMs: cpuNow() });
    }
  });
  port.postMessage({ type: "ready", clock, cpuMs: cpuNow() });
}

// src/core/parse/parse-worker.ts
serveAnalyses();
//# sourceMappingURL=parse-worker.js.map
