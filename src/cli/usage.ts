/** `linkvet --help`. */
export const usage = `Usage: linkvet [check] [paths...] [options]
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
  --exclude <glob|regex>   skip files (glob) or files and URLs (regex: ^…, /…/ or with \\); repeatable
  --shard <i>/<n>          check only shard i of n (1-based), for CI matrix jobs
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it; 2 usage or config error.
`;
