import { createRequire as __linkvetRequire } from 'node:module';
const require = __linkvetRequire(import.meta.url);
import {
  LinkvetError,
  checkLinks,
  configKeys,
  getExitCode,
  loadConfig,
  ruleIds,
  ruleMeta,
  toJson,
  toText,
  version
} from "./chunks/chunk-PYRMYBCU.js";
export {
  LinkvetError,
  checkLinks,
  configKeys,
  getExitCode,
  loadConfig,
  ruleIds,
  ruleMeta,
  toJson,
  toText,
  version
};
//# sourceMappingURL=core.js.map
