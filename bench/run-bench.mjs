// `npm run bench`: linkvet side by side with its peers on one generated corpus, in one run.
// Internal links: linkvet --offline vs remark-validate-links. External links, against loopback
// hosts that answer after a fixed latency (some URLs 404): linkvet vs linkinator and
// markdown-link-check. Every checker is a child process of its own (wall time and peak RSS are
// its own) and is scored against the corpus' ground truth. Sizes: 100, 1,000 and 10,000 files.
// A report, not a test: it exits 0 whatever the numbers say.
//   npm run bench               the default series (a few minutes): slow peers capped, said so
//   npm run bench -- --quick    100 and 1,000 files only
//   npm run bench -- --full     every checker on every size in full: about an hour on 2 cores
//                               (markdown-link-check ~30 min and linkinator ~8 min at 10,000 files)
//   npm run bench -- --soak     only the soak: 50,000 links against fault-injecting servers (soak.mjs)
//   npm run bench -- --awesome  only the awesome-list series: one dominant host, 429s, hangs, redirects,
//                               a warm-cache rerun, linkinator and markdown-link-check (awesome.mjs)
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { fileOf, writeCorpus } from './corpus.mjs';
import { awesomeLimitMs, runAwesome } from './awesome.mjs';
import { runSoak } from './soak.mjs';
import {
  ask,
  bins,
  rssMethod,
  runLinkinator,
  runLinkvet,
  runMarkdownLinkCheck,
  runRemark,
  startServerProcess,
  versionOf,
} from './tools.mjs';

const hosts = 8;
const latencyMs = 50;
const seed = 20_240_601;
/** linkvet's default limits: 4 per host × 8 hosts = 32 in all. */
const linkvetConcurrency = 32;
/** linkinator's default: 100 requests at once, with no limit per host. */
const linkinatorConcurrency = 100;
/** An extra, unjudged linkvet run with linkinator's 100 at once (13 per host × 8 hosts), to show what the limits cost. */
const wideConfig = { concurrency: 100, perHostConcurrency: 13 };

/**
 * What each mode runs. A peer above its `max` size is skipped (remark-validate-links and
 * linkinator, whose time grows faster than the number of files, so a subset would not tell) or
 * run on the first `subset` files and extrapolated (markdown-link-check, which checks file after
 * file with no cache across files, so its time grows with the number of files).
 */
const plans = {
  quick: { sizes: [100, 1000], remarkMax: 1000, linkinatorMax: 1000, mlcMax: 100, mlcSubset: 100, hours: 0.5 },
  default: {
    sizes: [100, 1000, 10_000],
    remarkMax: 10_000,
    linkinatorMax: 10_000,
    mlcMax: 100,
    mlcSubset: 100,
    hours: 1,
  },
  full: {
    sizes: [100, 1000, 10_000],
    remarkMax: 10_000,
    linkinatorMax: 10_000,
    mlcMax: 10_000,
    mlcSubset: 0,
    hours: 6,
  },
};

const targets = {
  internal10k: { wallMs: 20_000, rssMb: 500 },
  remark: { speed: 3, memory: 3 },
  linkinator: { speed: 3 },
  markdownLinkCheck: { speed: 20 },
  idealRatio: 1.5,
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** `--quick`, `--full`, and `--sizes 100,1000` to run only some of a mode's sizes. */
function parseArgs(argv) {
  const mode = argv.includes('--full') ? 'full' : argv.includes('--quick') ? 'quick' : 'default';
  const sizes = argv.includes('--sizes') ? argv[argv.indexOf('--sizes') + 1].split(',').map(Number) : undefined;
  return { mode, plan: sizes ? { ...plans[mode], sizes } : plans[mode] };
}

/** Starts the latency servers in a child process; resolves when they listen. */
function startServers(lifetimeMs) {
  return startServerProcess(
    path.join(here, 'latency-servers.mjs'),
    [hosts, latencyMs, lifetimeMs],
    'the latency servers',
  );
}

const servers = {
  broken: (child, paths) => ask(child, { type: 'broken', paths }, 'broken'),
  reset: (child) => ask(child, 'reset', 'reset'),
  stats: async (child) => (await ask(child, 'stats', 'stats')).stats,
};

/** Scores a run's findings against the ground truth: agreed, missed and false alarms. */
function score(found, truth) {
  let agreed = 0;
  for (const key of truth) if (found.has(key)) agreed++;
  return { agreed, missed: truth.size - agreed, extra: found.size - agreed, truth: truth.size };
}

const fmt = {
  int: (value) => Math.round(value).toLocaleString('en-US'),
  s: (ms) => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`),
  mb: (mb) => `${Math.round(mb)} MB`,
  x: (value) => (value >= 10 ? `${value.toFixed(0)}×` : `${value.toFixed(1)}×`),
};

/** One row of the results table. */
function rowOf(series, files, tool, run, scored, extra = {}) {
  return { series, files, tool, run, scored, ...extra };
}

async function internalSeries(size, plan, work) {
  const dir = path.join(work, `internal-${size}`);
  const { truth, counts } = writeCorpus(dir, { files: size, seed });
  const expected = new Set(truth.internal.map(({ file, line }) => `${file} ${line}`));
  const outDir = mkdtempSync(path.join(work, 'out-'));
  const timeoutMs = plan.hours * 3_600_000;
  const rows = [];
  console.log(
    `\ninternal links, ${fmt.int(size)} files (${(counts.bytes / 1_048_576).toFixed(1)} MiB, ` +
      `${fmt.int(counts.internalLinks)} links, ${fmt.int(counts.brokenInternal)} broken)`,
  );
  const linkvet = await runLinkvet(dir, { offline: true, outDir, timeoutMs });
  const mib = counts.bytes / 1_048_576;
  rows.push(rowOf('internal', size, 'linkvet --offline', linkvet, score(linkvet.found.internal, expected), { mib }));
  progress(rows.at(-1));
  if (size <= plan.remarkMax) {
    const remark = await runRemark(dir, { outDir, timeoutMs });
    rows.push(rowOf('internal', size, 'remark-validate-links', remark, score(remark.found.internal, expected)));
    progress(rows.at(-1));
  } else {
    rows.push({ series: 'internal', files: size, tool: 'remark-validate-links', skipped: 'run with --full' });
    progress(rows.at(-1));
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  return { counts, rows };
}

async function externalSeries(size, plan, work, child, origins) {
  const dir = path.join(work, `external-${size}`);
  const { truth, counts, externalUrls } = writeCorpus(dir, { files: size, seed, origins });
  await servers.broken(child, truth.brokenPaths);
  const outDir = mkdtempSync(path.join(work, 'out-'));
  const timeoutMs = plan.hours * 3_600_000;
  const rows = [];
  console.log(
    `\nexternal links, ${fmt.int(size)} files (${fmt.int(counts.externalLinks)} external links, ` +
      `${fmt.int(counts.uniqueUrls)} unique URLs, ${fmt.int(counts.brokenUrls)} answer 404: ` +
      `${counts.brokenUrlsInOneFile} in one file, ${counts.brokenUrlsInTwoFiles} in two, ` +
      `${counts.brokenUrlsInMore} in more; ${fmt.int(counts.brokenPairs)} broken (file, URL) pairs)`,
  );
  const measureRun = async (tool, run, expected, unique, extra = {}) => {
    const stats = await servers.stats(child);
    const row = rowOf('external', size, tool, run, score(run.found.external, expected), {
      requests: stats.requests,
      perUrl: stats.requests / unique,
      peakInFlight: stats.peakInFlight,
      meanInFlight: stats.meanInFlight,
      busyMs: stats.busyMs,
      serverCpuMs: stats.cpuMs,
      uniqueUrls: unique,
      ...extra,
    });
    rows.push(row);
    progress(row);
    await servers.reset(child);
  };
  await servers.reset(child);
  const linkvet = await runLinkvet(dir, { offline: false, outDir, timeoutMs });
  await measureRun('linkvet', linkvet, truth.external, counts.uniqueUrls);
  const config = path.join(outDir, 'wide.json');
  writeFileSync(config, JSON.stringify(wideConfig));
  const wide = await runLinkvet(dir, { offline: false, config, outDir, timeoutMs });
  await measureRun(`linkvet, ${wideConfig.concurrency} at once`, wide, truth.external, counts.uniqueUrls);
  if (size <= plan.linkinatorMax) {
    await measureRun('linkinator', await runLinkinator(dir, { outDir, timeoutMs }), truth.external, counts.uniqueUrls);
  } else {
    rows.push({ series: 'external', files: size, tool: 'linkinator', skipped: 'run with --full' });
  }
  const subset = size <= plan.mlcMax ? size : Math.min(plan.mlcSubset, size);
  const files = Array.from({ length: subset }, (_, index) => fileOf(index));
  const inSubset = new Set(files);
  const expected = new Set([...truth.external].filter((key) => inSubset.has(key.split(' ')[0])));
  const unique = new Set(externalUrls.slice(0, subset).flat()).size;
  await measureRun(
    'markdown-link-check',
    await runMarkdownLinkCheck(dir, files, { outDir, timeoutMs }),
    expected,
    unique,
    {
      subset: subset < size ? subset : undefined,
    },
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  return { counts, rows };
}

/** One line as each run ends, so a long series shows it is alive. */
function progress(row) {
  if (row.skipped) {
    console.log(`  ${row.tool.padEnd(22)} skipped: ${row.skipped}`);
    return;
  }
  const { run, scored } = row;
  const serverCpu = row.serverCpuMs === undefined ? '' : `; the servers used ${fmt.s(row.serverCpuMs)} CPU`;
  const status = run.ok
    ? ''
    : `  FAILED (exit ${run.code}${run.timedOut ? ', timed out' : ''}): ${firstLine(run.stderr)}`;
  const subset = row.subset ? ` (first ${fmt.int(row.subset)} files)` : '';
  console.log(
    `  ${row.tool.padEnd(22)} ${fmt.s(run.wallMs).padStart(8)} ${fmt.mb(run.rssMb).padStart(7)}` +
      `  found ${scored.agreed}/${scored.truth}, ${scored.extra} false${subset}${serverCpu}${status}`,
  );
}

function firstLine(text) {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

/** The table of every run, with ratios against linkvet's run on the same corpus. */
function printTable(rows) {
  const header = [
    'series',
    'files',
    'tool',
    'wall',
    'peak RSS',
    'CPU',
    'req/URL',
    'in flight (mean/peak)',
    'net busy',
    'found',
    'missed',
    'false',
    'time ÷ linkvet',
    'RSS ÷ linkvet',
    'linkvet ÷ ideal',
  ];
  const lines = [header];
  for (const row of rows) {
    if (row.skipped) {
      lines.push([row.series, fmt.int(row.files), row.tool, `skipped: ${row.skipped}`, ...Array(11).fill('')]);
      continue;
    }
    const base = rows.find((other) => other.series === row.series && other.files === row.files && !other.skipped);
    const factor = row.subset ? row.files / row.subset : 1;
    const approx = row.subset ? '~' : '';
    const wallMs = row.run.wallMs * factor;
    const isBase = base === row;
    const idealMs = row.uniqueUrls ? (row.uniqueUrls * latencyMs) / linkvetConcurrency : undefined;
    lines.push([
      row.series,
      fmt.int(row.files),
      row.subset ? `${row.tool} (${fmt.int(row.subset)} files, ×${factor})` : row.tool,
      row.run.ok ? `${approx}${fmt.s(wallMs)}` : `failed (exit ${row.run.code})`,
      fmt.mb(row.run.rssMb),
      Number.isNaN(row.run.cpuMs) ? '' : `${approx}${fmt.s(row.run.cpuMs * factor)}`,
      row.perUrl === undefined ? '' : row.perUrl.toFixed(2),
      row.peakInFlight === undefined ? '' : `${row.meanInFlight.toFixed(1)} / ${row.peakInFlight}`,
      row.busyMs === undefined ? '' : `${approx}${fmt.s(row.busyMs * factor)}`,
      `${row.scored.agreed}/${row.scored.truth}`,
      String(row.scored.missed),
      String(row.scored.extra),
      isBase ? '1' : `${approx}${fmt.x(wallMs / base.run.wallMs)}`,
      isBase ? '1' : `${(row.run.rssMb / base.run.rssMb).toFixed(2)}`,
      isBase && idealMs ? `${(row.run.wallMs / idealMs).toFixed(2)} (ideal ${fmt.s(idealMs)})` : '',
    ]);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const render = (line) => `| ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(render(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const line of lines.slice(1)) console.log(render(line));
}

/** The targets, each PASS or FAIL with its numbers, or why it could not be judged. */
function printTargets(rows, mode) {
  const judge = (ok, text) => console.log(`${ok === undefined ? 'N/A ' : ok ? 'PASS' : 'FAIL'}  ${text}`);
  const find = (series, files, tool) =>
    rows.find((row) => row.series === series && row.files === files && row.tool === tool && !row.skipped);
  const largest = (series, tool, full = true) =>
    rows
      .filter(
        (row) => row.series === series && row.tool === tool && !row.skipped && row.run.ok && (!full || !row.subset),
      )
      .at(-1);

  const internal = find('internal', 10_000, 'linkvet --offline');
  if (internal?.run.ok) {
    judge(
      internal.run.wallMs < targets.internal10k.wallMs && internal.run.rssMb < targets.internal10k.rssMb,
      `internal-only, 10,000 files (${internal.mib.toFixed(1)} MiB): ${fmt.s(internal.run.wallMs)} (target < 20 s), ` +
        `peak RSS ${fmt.mb(internal.run.rssMb)} (target < 500 MB)`,
    );
  } else judge(undefined, 'internal-only, 10,000 files: not run (the default and --full modes run it)');

  // Judged at every size it ran: its time and memory grow faster than linkvet's, so the largest
  // size alone would hide how it compares on small repositories.
  const remarkRuns = rows.filter(
    (row) => row.series === 'internal' && row.tool === 'remark-validate-links' && !row.skipped && row.run.ok,
  );
  for (const remark of remarkRuns) {
    const linkvet = find('internal', remark.files, 'linkvet --offline');
    const speed = remark.run.wallMs / linkvet.run.wallMs;
    const memory = remark.run.rssMb / linkvet.run.rssMb;
    judge(
      speed >= targets.remark.speed && memory >= targets.remark.memory,
      `vs remark-validate-links, ${fmt.int(remark.files)} files: ${fmt.x(speed)} faster (target ≥ 3×), ` +
        `${fmt.x(memory)} less memory (target ≥ 3×: a third of its RSS)`,
    );
  }
  if (remarkRuns.length === 0) {
    judge(undefined, 'vs remark-validate-links: it did not run');
  }

  for (const [tool, target] of [
    ['linkinator', targets.linkinator.speed],
    ['markdown-link-check', targets.markdownLinkCheck.speed],
  ]) {
    const peer = largest('external', tool);
    if (!peer) {
      judge(undefined, `vs ${tool}: no full run`);
      continue;
    }
    const linkvet = find('external', peer.files, 'linkvet');
    const speed = peer.run.wallMs / linkvet.run.wallMs;
    judge(
      speed >= target && linkvet.scored.missed === 0,
      `vs ${tool}, ${fmt.int(peer.files)} files (largest run in full): ${fmt.x(speed)} faster (target ≥ ${target}×); ` +
        `linkvet found ${linkvet.scored.agreed}/${linkvet.scored.truth} broken (file, URL) pairs, ` +
        `${tool} ${peer.scored.agreed}/${peer.scored.truth}`,
    );
    const idealMs = (linkvet.uniqueUrls * latencyMs) / linkvetConcurrency;
    if (peer.run.wallMs / target < idealMs) {
      console.log(
        `      unreachable at linkvet's default limits: ${tool}'s ${fmt.s(peer.run.wallMs)} ÷ ${target} = ` +
          `${fmt.s(peer.run.wallMs / target)} is under linkvet's ideal bound of ${fmt.s(idealMs)} ` +
          `(${fmt.int(linkvet.uniqueUrls)} URLs × ${latencyMs} ms ÷ ${linkvetConcurrency} at once; ` +
          `${tool} sends up to ${tool === 'linkinator' ? linkinatorConcurrency : 2} at once)`,
      );
    }
    const capped = largest('external', tool, false);
    if (capped?.subset) {
      const base = find('external', capped.files, 'linkvet');
      const ratio = (capped.run.wallMs * (capped.files / capped.subset)) / base.run.wallMs;
      console.log(
        `      ${tool} at ${fmt.int(capped.files)} files ran on its first ${fmt.int(capped.subset)} only: ` +
          `extrapolated ~${fmt.x(ratio)} (not judged; npm run bench -- --full runs it in full)`,
      );
    }
  }

  const external = largest('external', 'linkvet');
  if (external) {
    const idealMs = (external.uniqueUrls * latencyMs) / linkvetConcurrency;
    const ratio = external.run.wallMs / idealMs;
    judge(
      ratio <= targets.idealRatio,
      `ideal network bound, ${fmt.int(external.files)} files: ${fmt.s(external.run.wallMs)} ÷ ` +
        `${fmt.s(idealMs)} (${fmt.int(external.uniqueUrls)} URLs × ${latencyMs} ms ÷ ${linkvetConcurrency}) = ` +
        `${ratio.toFixed(2)} (target ≤ ${targets.idealRatio})`,
    );
  }
  const linkvetRuns = rows.filter((row) => !row.skipped && row.tool.startsWith('linkvet'));
  const missed = linkvetRuns.reduce((sum, row) => sum + row.scored.missed, 0);
  const extra = linkvetRuns.reduce((sum, row) => sum + row.scored.extra, 0);
  judge(
    linkvetRuns.every((row) => row.run.ok) && missed === 0 && extra === 0,
    `linkvet found every broken link in every run: ${missed} missed, ${extra} false alarms ` +
      `over ${linkvetRuns.length} runs`,
  );
  if (mode !== 'full') console.log('\nCapped or skipped peers run in full with: npm run bench -- --full');
}

function describeMachine(mode) {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  console.log(`linkvet benchmark (${mode}): ${os.cpus().length} cores (${cpu}), Node ${process.version}`);
  console.log(
    `peers: markdown-link-check ${versionOf('markdown-link-check')}, linkinator ${versionOf('linkinator')}, ` +
      `remark-cli ${versionOf('remark-cli')} + remark-validate-links ${versionOf('remark-validate-links')}`,
  );
  console.log(
    `loopback hosts 127.0.0.1-127.0.0.${hosts}, ${latencyMs} ms per request; wall time per child process, ` +
      `peak RSS by ${rssMethod}`,
  );
  console.log(`load average before the run: ${loadAverage()} (other work on the machine skews the times)`);
}

function loadAverage() {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

async function main() {
  const { mode, plan } = parseArgs(process.argv.slice(2));
  if (!existsSync(bins.linkvet)) {
    console.error('bench: dist/cli.js is missing; run `npm run build` first.');
    return 1;
  }
  describeMachine(mode);
  const work = mkdtempSync(path.join(os.tmpdir(), 'linkvet-bench-'));
  mkdirSync(work, { recursive: true });
  const { child, origins } = await startServers(plan.hours * 3_600_000);
  const rows = [];
  try {
    for (const size of plan.sizes) rows.push(...(await internalSeries(size, plan, work)).rows);
    for (const size of plan.sizes) rows.push(...(await externalSeries(size, plan, work, child, origins)).rows);
    console.log('');
    printTable(rows);
    console.log('');
    printTargets(rows, mode);
    console.log(`load average after the run: ${loadAverage()}`);
    return 0;
  } finally {
    child.removeAllListeners('exit');
    child.disconnect();
    rmSync(work, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
const { plan } = parseArgs(argv);
const limitMs = argv.includes('--awesome') ? awesomeLimitMs(argv) : plan.hours * 3_600_000;
setTimeout(() => {
  console.error(`bench: gave up after ${(limitMs / 3_600_000).toFixed(1)} h`);
  process.exit(1);
}, limitMs).unref();
process.exitCode = argv.includes('--soak')
  ? await runSoak()
  : argv.includes('--awesome')
    ? await runAwesome(argv)
    : await main();
