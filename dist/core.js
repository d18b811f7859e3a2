import { createRequire as __linkvetRequire } from 'node:module';
const require = __linkvetRequire(import.meta.url);
import {
  LinkvetError,
  checkLinks,
  configKeys,
  escapeMarkdown,
  getExitCode,
  inlineCode,
  loadConfig,
  messageToMarkdown,
  ruleIds,
  ruleMeta,
  toJson,
  toMarkdown,
  toSarif,
  toText,
  version
} from "./chunks/chunk-RR7OJOAB.js";
export {
  LinkvetError,
  checkLinks,
  configKeys,
  escapeMarkdown,
  getExitCode,
  inlineCode,
  loadConfig,
  messageToMarkdown,
  ruleIds,
  ruleMeta,
  toJson,
  toMarkdown,
  toSarif,
  toText,
  version
};
//# sourceMappingURL=core.js.map
