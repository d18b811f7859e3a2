// The awesome-list series (`npm run bench -- --awesome`): linkvet, cold and then with its cache
// warm, against linkinator and markdown-link-check on three README files of about 1,800 unique
// URLs, 90% on one host, with URL-level 429s, never-answering URLs and redirects into directly
// linked URLs (awesome-corpus.mjs, awesome-servers.mjs). The checkers take turns within a round
// and the order flips every round; the table shows medians over the rounds. A report, not a test.
//   npm run bench -- --awesome [--rounds 3] [--cap 1800]
//     --rounds  how many times each checker runs (default 3)
//     --cap     seconds after which a run is ended and shown as capped (default 1,800)
//     --tools   which checkers, e.g. `linkvet,linkinator` (default all four; the warm run needs `linkvet`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { awesomeShape, listFile, writeAwesomeCorpus } from './awesome-corpus.mjs';
import { ask, bins, runLinkinator, runLinkvet, runMarkdownLinkCheck, startServerProcess, versionOf } from './tools.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const seed = 20_261_203;
/** The dominant host and three minor ones. */
const hosts = 4;
const latencyMs = 50;
/** linkvet's defaults the ideal bound is computed from: 32 requests at once, a 10 s timeout, 2 retries. */
const concurrency = 32;
const timeoutMs = 10_000;
const timeoutChainMs = timeoutMs * 3;
/** linkvet's `maxPerHostConcurrency` default: connections opened should stay within hosts × this. */
const perHostCeiling = 32;
/** The peers get the same timeout, and their own 429 handling turned on (else every 429 would be a false alarm). */
const linkinatorArgs = ['--retry', '--timeout', String(timeoutMs)];
const mlcConfig = { timeout: `${timeoutMs / 1000}s`, retryOn429: true };
const cacheFile = '.linkvet-cache.json';

/** `--rounds n`, `--cap seconds`. */
export function awesomeArgs(argv) {
  const value = (flag, fallback) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : fallback);
  const tools = argv.includes('--tools') ? argv[argv.indexOf('--tools') + 1].split(',') : undefined;
  return { rounds: value('--rounds', 3), capMs: value('--cap', 1800) * 1000, tools };
}

/** How long the whole series may take before the bench gives up: every run at its cap, and room. */
export function awesomeLimitMs(argv) {
  const { rounds, capMs } = awesomeArgs(argv);
  return rounds * 4 * capMs + 600_000;
}

function startServers(lifetimeMs) {
  return startServerProcess(
    path.join(here, 'awesome-servers.mjs'),
    [hosts, latencyMs, lifetimeMs],
    'the awesome servers',
  );
}

/** The checkers of one round, each a function from the round's context to a run. */
function checkers(work) {
  const linkvetConfig = path.join(work.outDir, 'awesome-linkvet.json');
  writeFileSync(linkvetConfig, JSON.stringify({ cache: { enabled: true, path: cacheFile } }));
  const mlcFile = path.join(work.outDir, 'awesome-mlc.json');
  writeFileSync(mlcFile, JSON.stringify(mlcConfig));
  const options = { outDir: work.outDir, timeoutMs: work.capMs };
  const files = Array.from({ length: awesomeShape.lists }, (_, index) => listFile(index));
  return {
    linkvet: () => {
      rmSync(path.join(work.dir, cacheFile), { force: true });
      return runLinkvet(work.dir, { offline: false, config: linkvetConfig, ...options });
    },
    'linkvet, warm cache': () => runLinkvet(work.dir, { offline: false, config: linkvetConfig, ...options }),
    linkinator: () => runLinkinator(work.dir, { ...options, extraArgs: linkinatorArgs }),
    'markdown-link-check': () => runMarkdownLinkCheck(work.dir, files, { ...options, args: ['-c', mlcFile] }),
  };
}

/** Round 1 runs linkvet first, round 2 the peers first, and so on; the warm run always follows its cold one. */
function orderOf(round) {
  const linkvet = ['linkvet', 'linkvet, warm cache'];
  const peers = ['linkinator', 'markdown-link-check'];
  return round % 2 === 0 ? [...linkvet, ...peers] : [...peers, ...linkvet];
}

function score(found, truth) {
  let agreed = 0;
  for (const key of truth) if (found.has(key)) agreed++;
  return { agreed, missed: truth.size - agreed, extra: found.size - agreed };
}

/** One run's numbers, from the run and what the servers saw during it. */
function measured(tool, run, stats, corpus) {
  const unique = corpus.counts.uniqueUrls;
  return {
    tool,
    ok: run.ok,
    capped: run.timedOut,
    wallMs: run.wallMs,
    rssMb: run.rssMb,
    requests: stats.requests,
    perUrl: stats.requests / unique,
    // Less the repeats each 429 asked for: what the checker chose to send.
    perUrlBeyond429: (stats.requests - stats.refused) / unique,
    // The redirect trios' shared target: linked directly and reached through two redirects.
    perTarget: stats.targetRequests / awesomeShape.redirectTrios,
    connections: stats.connections,
    dominantConnections: stats.connectionsPerHost[0],
    dominantPeak: stats.peakPerHost[0],
    heads: stats.byMethod.HEAD ?? 0,
    ...score(run.found.external, corpus.truth),
    stderr: run.stderr,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function progress(round, row) {
  const status = row.capped ? ' CAPPED' : row.ok ? '' : ` FAILED: ${row.stderr.split('\n')[0]}`;
  console.log(
    `  round ${round + 1} ${row.tool.padEnd(20)} ${seconds(row.wallMs).padStart(8)}  ${row.requests} requests ` +
      `(${row.perUrl.toFixed(2)}/URL, ${row.perTarget.toFixed(2)}/redirect target), ${row.connections} connections, ` +
      `found ${row.agreed}, missed ${row.missed}, ${row.extra} false${status}`,
  );
}

/** The medians per checker, with linkvet's cold run as the base of the ratios. */
function printTable(rows, corpus) {
  const idealMs = (corpus.counts.uniqueUrls * latencyMs) / concurrency + timeoutChainMs;
  const tools = [...new Set(rows.map((row) => row.tool))];
  const of = (tool, key) => median(rows.filter((row) => row.tool === tool).map((row) => row[key]));
  const base = of('linkvet', 'wallMs');
  const header = ['tool', 'runs', 'wall (median)', 'min–max', 'req/URL', 'beyond 429s', 'req/redirect target'];
  header.push('connections');
  header.push('dominant host: conns / peak in flight', 'found', 'missed', 'false', 'wall ÷ ideal', 'time ÷ linkvet');
  const lines = [header];
  for (const tool of tools) {
    const runs = rows.filter((row) => row.tool === tool);
    const walls = runs.map((row) => row.wallMs);
    const capped = runs.some((row) => row.capped) ? ' (capped)' : '';
    const wall = of(tool, 'wallMs');
    lines.push([
      tool,
      String(runs.length),
      `${seconds(wall)}${capped}`,
      `${seconds(Math.min(...walls))}–${seconds(Math.max(...walls))}`,
      of(tool, 'perUrl').toFixed(2),
      of(tool, 'perUrlBeyond429').toFixed(3),
      of(tool, 'perTarget').toFixed(2),
      String(of(tool, 'connections')),
      `${of(tool, 'dominantConnections')} / ${of(tool, 'dominantPeak')}`,
      ...(runs.every((row) => row.capped)
        ? ['not judged (capped)', '', '']
        : [`${of(tool, 'agreed')}/${corpus.truth.size}`, String(of(tool, 'missed')), String(of(tool, 'extra'))]),
      `${capped ? '> ' : ''}${(wall / idealMs).toFixed(2)}`,
      tool === 'linkvet' ? '1' : `${(wall / base).toFixed(2)}`,
    ]);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const render = (line) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(render(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const line of lines.slice(1)) console.log(render(line));
  console.log(
    `\nideal bound: ${corpus.counts.uniqueUrls} URLs × ${latencyMs} ms ÷ ${concurrency} + one timeout chain ` +
      `(${timeoutMs / 1000} s × 3 attempts) = ${seconds(idealMs)}; connections target: ${hosts} hosts × ` +
      `${perHostCeiling} per host = ${hosts * perHostCeiling}`,
  );
}

function uptime() {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`;
  }
}

function describe(corpus, args) {
  const kinds = Object.entries(corpus.counts.byKind)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
  console.log(
    `awesome-list series: ${awesomeShape.lists} lists, ${corpus.counts.links} links, ${corpus.counts.uniqueUrls} unique URLs ` +
      `(${kinds}), ${Math.round(awesomeShape.dominantShare * 100)}% on one host of ${hosts}, ${latencyMs} ms latency; ` +
      `${args.rounds} rounds, runs capped at ${seconds(args.capMs)}`,
  );
  console.log(
    `peers: linkinator ${versionOf('linkinator')} (${linkinatorArgs.join(' ')}), markdown-link-check ` +
      `${versionOf('markdown-link-check')} (${JSON.stringify(mlcConfig)}); Node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(`linkvet: ${bins.linkvet}`);
  console.log(`before: ${uptime()}`);
}

/** Runs the series; resolves to the exit code (0 whatever the numbers say). */
export async function runAwesome(argv) {
  const args = awesomeArgs(argv);
  const work = mkdtempSync(path.join(os.tmpdir(), 'linkvet-awesome-'));
  const { child, origins } = await startServers(awesomeLimitMs(argv));
  const dir = path.join(work, 'corpus');
  const outDir = mkdtempSync(path.join(work, 'out-'));
  const corpus = writeAwesomeCorpus(dir, { origins, seed });
  describe(corpus, args);
  const rows = [];
  try {
    const run = checkers({ dir, outDir, capMs: args.capMs });
    for (let round = 0; round < args.rounds; round++) {
      for (const tool of orderOf(round).filter((name) => args.tools?.includes(name.split(',')[0]) ?? true)) {
        if (tool === 'linkvet, warm cache' && rows.findLast((row) => row.tool === 'linkvet')?.capped) {
          console.log(
            `  round ${round + 1} ${tool.padEnd(20)} not run: the cold run was capped, so no cache was written`,
          );
          continue;
        }
        await ask(child, 'reset', 'reset');
        const result = await run[tool]();
        const { stats } = await ask(child, 'stats', 'stats');
        rows.push(measured(tool, result, stats, corpus));
        progress(round, rows.at(-1));
      }
    }
    console.log('');
    printTable(rows, corpus);
    console.log(`after: ${uptime()}`);
    return 0;
  } finally {
    child.removeAllListeners('exit');
    child.disconnect();
    rmSync(work, { recursive: true, force: true });
  }
}
