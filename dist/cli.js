#!/usr/bin/env node
import { createRequire as __linkvetRequire } from 'node:module';
const require = __linkvetRequire(import.meta.url);
import {
  LinkvetError,
  WriteFileError,
  checkLinks,
  getExitCode,
  graphqlUrlFrom,
  interruptedLine,
  loadConfig,
  maxReportBytes,
  mergeReports,
  parseExcludes,
  parseShard,
  readReportFile,
  terminalSafe,
  toJson,
  toMarkdown,
  toSarif,
  toText,
  version,
  writeFileAtomic
} from "./chunks/chunk-EZLR3UHS.js";
import {
  readPlainFile,
  whyUnreadable
} from "./chunks/chunk-C7OR4WVU.js";

// src/cli/main.ts
import path from "node:path";

// src/cli/parse-argv.ts
import { parseArgs } from "node:util";
var formats = ["text", "json", "sarif", "markdown"];
var failOns = ["error", "warning", "notice", "never"];
var optionSpec = {
  config: { type: "string" },
  root: { type: "string" },
  offline: { type: "boolean" },
  "block-private": { type: "boolean" },
  format: { type: "string" },
  output: { type: "string", short: "o" },
  "fail-on": { type: "string" },
  exclude: { type: "string", multiple: true },
  shard: { type: "string" },
  "include-links": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" }
};
function parseArgv(argv) {
  const { values, positionals } = parseOrExplain(argv);
  const [first, ...rest] = positionals;
  const merging = first === "merge";
  const paths = first === "check" || merging ? rest : positionals;
  if (merging && paths.length === 0 && !values.help) {
    throw new LinkvetError("usage", "`linkvet merge` needs the shard reports to merge: linkvet merge a.json b.json \u2026", {
      key: "merge"
    });
  }
  const flags = {
    ...values.offline ? { offline: true } : {},
    ...values["block-private"] ? { blockPrivate: true } : {},
    ...values["fail-on"] !== void 0 ? { failOn: pick(failOns, values["fail-on"], "--fail-on") } : {},
    ...parseExcludes(values.exclude ?? [], "--exclude"),
    ...values.shard !== void 0 ? { shard: parseShard(values.shard, "--shard") } : {}
  };
  return {
    command: values.help ? "help" : values.version ? "version" : merging ? "merge" : "check",
    paths,
    ...values.root !== void 0 ? { root: values.root } : {},
    ...values.config !== void 0 ? { configFile: values.config } : {},
    format: values.format === void 0 ? "text" : pick(formats, values.format, "--format"),
    ...values.output !== void 0 ? { output: values.output } : {},
    includeLinks: values["include-links"] === true,
    flags
  };
}
function parseOrExplain(argv) {
  try {
    return parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new LinkvetError("usage", error.message.split("\n")[0] ?? "invalid arguments");
  }
}
function pick(allowed, value, flag) {
  if (allowed.includes(value)) return value;
  throw new LinkvetError("usage", `${flag} must be one of ${allowed.join(", ")}, got \`${value}\``, { key: flag });
}

// src/cli/progress.ts
var quietMs = 750;
var redrawMs = 100;
function progressReporter(stderr, now = Date.now) {
  const started = now();
  let drawnAt = 0;
  let drawn = false;
  return {
    update(progress) {
      const time = now();
      if (stderr.isTTY !== true || time - started < quietMs || time - drawnAt < redrawMs) return;
      const unit = progress.phase === "parse" ? "files" : "URLs";
      stderr.write(`\r\x1B[2Klinkvet: ${progress.phase} ${progress.done}/${progress.total} ${unit}`);
      drawnAt = time;
      drawn = true;
    },
    done() {
      if (drawn) stderr.write("\r\x1B[2K");
    }
  };
}

// src/cli/usage.ts
var usage = `Usage: linkvet [check] [paths...] [options]
       linkvet merge <report.json>... [options]

Vets the links in Markdown files: missing files and heading fragments,
broken external URLs, and anchor text. \`merge\` combines the JSON reports of
--shard runs (written with --format json --include-links) into one report,
judging anchor text across all of them again.

Options:
  --config <file>          config file (default: .linkvet.yml, .linkvet.yaml or .linkvet.json in the root)
  --root <dir>             repository root for "/" links (default: git top level, else the current directory)
  --offline                skip external URLs
  --block-private          never connect to loopback, private, link-local or cloud-metadata addresses
  --format <format>        text, json, sarif or markdown (default: text)
  -o, --output <file>      write the report to a file instead of stdout
  --include-links          with --format json: list every link and its status
  --fail-on <level>        error, warning, notice or never (default: error)
  --exclude <glob|regex>   skip files (glob) or files and URLs (regex: ^\u2026, /\u2026/ or with \\); repeatable
  --shard <i>/<n>          check only shard i of n (1-based), for CI matrix jobs
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it; 2 usage or config error.
`;

// src/cli/main.ts
var interruptedExitCodes = { SIGINT: 130, SIGTERM: 143 };
function interruptedExitCode(reason) {
  return interruptedExitCodes[reason] ?? 1;
}
async function main(argv, io) {
  try {
    return await run(parseArgv(argv), io);
  } catch (error) {
    if (!(error instanceof LinkvetError)) throw error;
    io.stderr.write(`linkvet: ${terminalSafe(error.message)}
`);
    return 2;
  }
}
async function run(invocation, io) {
  if (invocation.command === "help") return print(io, usage);
  if (invocation.command === "version") return print(io, `${version}
`);
  const merging = invocation.command === "merge";
  const config = loadConfig({
    cwd: io.cwd,
    paths: merging ? [] : invocation.paths,
    flags: { ...fromEnvironment(io.env), ...invocation.flags },
    ...invocation.root !== void 0 ? { root: invocation.root } : {},
    ...invocation.configFile !== void 0 ? { configFile: invocation.configFile } : {}
  });
  const report = merging ? merge(invocation.paths, config, io) : await check(config, io);
  for (const warning of report.warnings) io.stderr.write(`linkvet: warning: ${terminalSafe(warning)}
`);
  writeReport(format(report, invocation, io), invocation, io);
  if (report.incomplete !== void 0) {
    io.stderr.write(`linkvet: ${interruptedLine(report.incomplete)}
`);
    return interruptedExitCode(report.incomplete.reason);
  }
  return getExitCode(report, config.failOn);
}
async function check(config, io) {
  const progress = progressReporter(io.stderr);
  const report = await checkLinks(config, {
    onProgress: progress.update,
    ...io.signal === void 0 ? {} : { signal: io.signal }
  });
  progress.done();
  return report;
}
function merge(files, config, io) {
  const reports = files.map((file) => ({
    ...readReportFile(readText(path.resolve(io.cwd, file), file), file),
    source: file
  }));
  return mergeReports(reports, config);
}
function readText(file, given) {
  try {
    return readPlainFile(file, maxReportBytes).toString("utf8");
  } catch (error) {
    throw new LinkvetError("io", `cannot read the report \`${given}\` (${whyUnreadable(error)})`, { file: given });
  }
}
function fromEnvironment(env) {
  const token = env["GITHUB_TOKEN"];
  const repository = env["GITHUB_REPOSITORY"];
  const graphql = graphqlUrlFrom(env);
  return {
    ...token ? { githubToken: token } : {},
    ...token && graphql !== void 0 ? { githubGraphqlUrl: graphql } : {},
    ...repository && /^[\w.-]+\/[\w.-]+$/.test(repository) ? { repository } : {}
  };
}
function format(report, invocation, io) {
  switch (invocation.format) {
    case "json":
      return toJson(report, { includeLinks: invocation.includeLinks });
    case "sarif":
      return toSarif(report);
    case "markdown":
      return toMarkdown(report);
    case "text":
      return toText(report, { color: invocation.output === void 0 && wantsColor(io) });
  }
}
function wantsColor(io) {
  return io.stdout.isTTY === true && io.env["NO_COLOR"] === void 0 && io.env["TERM"] !== "dumb";
}
function writeReport(text, invocation, io) {
  if (invocation.output === void 0) {
    io.stdout.write(text);
    return;
  }
  const file = path.resolve(io.cwd, invocation.output);
  try {
    writeFileAtomic(file, text);
  } catch (error) {
    throw new LinkvetError("io", `cannot write --output \`${invocation.output}\` (${reasonOf(error)})`, {
      file: invocation.output
    });
  }
}
function reasonOf(error) {
  return error instanceof WriteFileError ? error.reason : error.message;
}
function print(io, text) {
  io.stdout.write(text);
  return 0;
}

// src/cli/index.ts
var interrupt = new AbortController();
var onSignal = (signal) => {
  if (interrupt.signal.aborted) process.exit(interruptedExitCode(signal));
  interrupt.abort(signal);
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
var code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: interrupt.signal
});
if (interrupt.signal.aborted) process.exit(code);
process.exitCode = code;
//# sourceMappingURL=cli.js.map
