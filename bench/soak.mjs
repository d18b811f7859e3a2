// The soak (`npm run bench -- --soak`): 50,000 external links against loopback servers of which 10%
// of URLs misbehave (see fault-server.mjs), each URL's fault drawn from a seed so every link's
// verdict is known in advance. Runs the built CLI (`--format json --include-links`) once at 10,000
// links and once at 50,000, samples its RSS every 100 ms, and checks: every link has exactly one
// entry in `links[]` and the finding its fault deserves; no URL is asked more often than retries
// allow; RSS does not climb while it checks, and what it keeps per link stays under a ceiling.
// A report, not a test.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setInterval, clearInterval, setTimeout, clearTimeout } from 'node:timers';
import { behaviours, startFaultServers } from './fault-server.mjs';
import { bins } from './tools.mjs';

const seed = 7_000_007;
const hosts = 8;
const latencyMs = 5;
/** Every URL is linked this many times, from different files: 50,000 links, 12,500 URLs. */
const usesPerUrl = 4;
const linksPerFile = 50;
const faultShare = 0.1;
/** The faults' relative weights: hangs and drips cost a full timeout per attempt, so fewer of them. */
const faultWeights = {
  e503: 1,
  e404: 1,
  e410: 1,
  reset: 1,
  hang: 0.5,
  drip: 0.5,
  malformed: 1,
  r429: 0.5,
  flaky503: 1,
  flakyreset: 1,
  redirect: 1,
  moved: 1,
  loop: 1,
  chain: 1,
};
const config = { timeout: 2000, retries: 2 };
/** `SOAK_SIZES=1000,5000` runs other sizes (the first is the memory baseline). */
const sizes = process.env.SOAK_SIZES ? process.env.SOAK_SIZES.split(',').map(Number) : [10_000, 50_000];
/** A run that takes longer has hung. */
const runLimitMs = 10 * 60_000;
const sampleEveryMs = 100;
/**
 * "Flat", judged two ways. While it checks, a run's RSS must not climb: the second half's peak
 * stays within 5% of the first half's, though the second half is where the hangs, drips, retries
 * and the slowed-down host are. Across sizes, what linkvet keeps per link (every link is kept for
 * the report and the anchor analysis) stays under a ceiling: peak growth ÷ extra links.
 */
const secondHalfMargin = 1.05;
const keptKbPerLink = 8;
const linkRules = new Set(['dead-link', 'unreachable', 'access-denied', 'permanent-redirect']);

/** mulberry32: small, seedable, good enough to scatter faults. */
function random(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickFault(next) {
  const total = Object.values(faultWeights).reduce((sum, weight) => sum + weight, 0);
  let left = next() * total;
  for (const [kind, weight] of Object.entries(faultWeights)) {
    left -= weight;
    if (left < 0) return kind;
  }
  return 'e503';
}

/**
 * Writes `links` links over files of `linksPerFile`, one per list item. Returns each link's
 * expected rule by `file:line:column`, and each URL's kind by its `host/kind/id` key.
 */
function writeSoakCorpus(dir, links, origins) {
  const next = random(seed);
  const urls = Array.from({ length: Math.ceil(links / usesPerUrl) }, (_, id) => {
    const spot = next();
    const kind = next() < faultShare ? pickFault(next) : 'ok';
    // linkvet paces a host that answered 429 at one request per Retry-After for the rest of the
    // run, so the rate-limited URLs get a host of their own, as a rate-limiting site would be.
    const origin = kind === 'r429' ? origins.at(-1) : origins[Math.floor(spot * (origins.length - 1))];
    return { url: `${origin}/${kind}/${id}`, key: `${origin.slice('http://'.length)}/${kind}/${id}`, kind };
  });
  // Each URL `usesPerUrl` times, shuffled, so its links are spread over many files.
  const order = Array.from({ length: links }, (_, index) => index % urls.length);
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [order[index], order[other]] = [order[other], order[index]];
  }
  const expected = new Map();
  mkdirSync(dir, { recursive: true });
  for (let start = 0, file = 0; start < links; start += linksPerFile, file++) {
    const name = `page-${String(file).padStart(4, '0')}.md`;
    const lines = [`# Soak page ${file}`, ''];
    for (const urlIndex of order.slice(start, start + linksPerFile)) {
      const { url, kind } = urls[urlIndex];
      expected.set(`${name}:${lines.length + 1}:3`, { kind, rule: behaviours[kind].rule, url });
      lines.push(`- [entry ${start + lines.length - 1} in page ${file}](${url})`);
    }
    writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
  }
  return { expected, urls };
}

/** Runs the CLI, sampling VmRSS from /proc every 100 ms. */
async function runSampled(corpusDir, configFile, outDir) {
  const stdoutFile = path.join(outDir, 'linkvet.json');
  const stderrFile = path.join(outDir, 'linkvet.stderr');
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const args = [bins.linkvet, '--root', corpusDir, '--config', configFile, '--format', 'json', '--include-links'];
  const started = performance.now();
  const child = spawn(process.execPath, [...args, corpusDir], {
    cwd: corpusDir,
    env: { ...process.env, NO_COLOR: '1', NO_PROXY: '*', no_proxy: '*', HTTP_PROXY: '', HTTPS_PROXY: '' },
    stdio: ['ignore', out, err],
  });
  const samples = [];
  const poll = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      if (!Number.isNaN(kb)) samples.push({ ms: performance.now() - started, mb: kb / 1024 });
    } catch {
      // The process has just ended.
    }
  }, sampleEveryMs);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, runLimitMs);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  clearInterval(poll);
  closeSync(out);
  closeSync(err);
  return {
    code,
    timedOut,
    wallMs: performance.now() - started,
    samples,
    stdout: readFileSync(stdoutFile, 'utf8'),
    stderr: readFileSync(stderrFile, 'utf8'),
  };
}

/** The highest RSS in each half of the run's duration. */
function peakByHalf(samples) {
  const middle = (samples.at(-1)?.ms ?? 0) / 2;
  const peak = (list) => Math.max(0, ...list.map((sample) => sample.mb));
  return {
    first: peak(samples.filter((sample) => sample.ms <= middle)),
    second: peak(samples.filter((sample) => sample.ms > middle)),
  };
}

/** Least-squares slope of RSS over the second half of the run, in MB per second. */
function secondHalfSlope(samples) {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 2) return 0;
  const meanX = half.reduce((sum, s) => sum + s.ms, 0) / half.length;
  const meanY = half.reduce((sum, s) => sum + s.mb, 0) / half.length;
  const num = half.reduce((sum, s) => sum + (s.ms - meanX) * (s.mb - meanY), 0);
  const den = half.reduce((sum, s) => sum + (s.ms - meanX) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 1000;
}

/** Compares the report with the expected verdicts; every count is a number a check judges. */
function verify(report, expected) {
  const entries = new Map();
  let extraLinks = 0;
  for (const link of report.links ?? []) {
    const key = `${link.file}:${link.line}:${link.column}`;
    if (!expected.has(key)) extraLinks++;
    entries.set(key, [...(entries.get(key) ?? []), link]);
  }
  const findings = new Map();
  for (const finding of report.findings ?? []) {
    if (!linkRules.has(finding.rule)) continue;
    const key = `${finding.file}:${finding.line}:${finding.column}`;
    findings.set(key, [...(findings.get(key) ?? []), finding.rule]);
  }
  const result = { lost: 0, duplicated: 0, skipped: 0, extraLinks, wrong: 0, wrongByKind: {}, examples: [] };
  for (const [key, { kind, rule, url }] of expected) {
    const seen = entries.get(key) ?? [];
    if (seen.length === 0) result.lost++;
    if (seen.length > 1) result.duplicated++;
    if (seen.some((link) => link.status === 'skipped' || link.url !== url)) result.skipped++;
    const rules = findings.get(key) ?? [];
    const okStatus = seen.length === 1 && (rule === undefined ? seen[0].status === 'ok' : true);
    if (rules.length > 1 || rules[0] !== rule || !okStatus) {
      result.wrong++;
      result.wrongByKind[kind] = (result.wrongByKind[kind] ?? 0) + 1;
      if (result.examples.length < 5)
        result.examples.push(
          `${key} ${kind}: expected ${rule ?? 'no finding'}, got ${rules.join('+') || 'no finding'} (${seen[0]?.status ?? 'no entry'})`,
        );
    }
  }
  for (const key of findings.keys()) if (!expected.has(key)) result.extraLinks++;
  return result;
}

/** Requests per URL, redirect hops included, against `(retries + 1) × 2 (HEAD, GET) × hops`. */
function checkRequests(urls, counts) {
  const result = { unasked: 0, overLimit: 0, okAskedOnce: 0, ok: 0, max: 0, examples: [] };
  for (const { key, kind } of urls) {
    const count = counts.get(key) ?? 0;
    const limit = (config.retries + 1) * 2 * behaviours[kind].hops;
    result.max = Math.max(result.max, count);
    if (count === 0) result.unasked++;
    if (count > limit) {
      result.overLimit++;
      if (result.examples.length < 5) result.examples.push(`${key}: ${count} requests (limit ${limit})`);
    }
    if (kind === 'ok') {
      result.ok++;
      if (count === 1) result.okAskedOnce++;
    }
  }
  return result;
}

async function soakRun(links, work, servers) {
  servers.reset();
  const dir = path.join(work, `corpus-${links}`);
  const { expected, urls } = writeSoakCorpus(dir, links, servers.origins);
  const outDir = mkdtempSync(path.join(work, 'out-'));
  const configFile = path.join(outDir, 'soak.json');
  writeFileSync(configFile, JSON.stringify(config));
  const faults = urls.filter(({ kind }) => kind !== 'ok').length;
  console.log(
    `\nsoak, ${links.toLocaleString('en-US')} links, ${urls.length.toLocaleString('en-US')} URLs on ${hosts} hosts, ` +
      `${faults} faulty (${((faults / urls.length) * 100).toFixed(1)}%)`,
  );
  const run = await runSampled(dir, configFile, outDir);
  const peakMb = Math.max(0, ...run.samples.map((sample) => sample.mb));
  // `SOAK_TRACE=dir` keeps each run's RSS samples, to see when memory rises.
  if (process.env.SOAK_TRACE) {
    const trace = run.samples.map(({ ms, mb }) => `${Math.round(ms)} ${mb.toFixed(1)}`).join('\n');
    writeFileSync(path.join(process.env.SOAK_TRACE, `rss-${links}.txt`), `${trace}\n`);
  }
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch (error) {
    report = undefined;
    console.log(`  the report is not JSON (${error.message}); stderr: ${run.stderr.split('\n')[0]}`);
  }
  const verdicts = report ? verify(report, expected) : undefined;
  const requests = checkRequests(urls, servers.counts);
  const byKind = {};
  for (const { kind } of urls) byKind[kind] = (byKind[kind] ?? 0) + 1;
  console.log(
    `  ${(run.wallMs / 1000).toFixed(1)} s, exit ${run.code}${run.timedOut ? ' (killed: over the time limit)' : ''}, ` +
      `peak RSS ${peakMb.toFixed(0)} MB over ${run.samples.length} samples, ` +
      `${servers.stats.requests.toLocaleString('en-US')} requests`,
  );
  console.log(
    `  URLs by behaviour: ${Object.entries(byKind)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}`,
  );
  rmSync(dir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  return { links, run, peakMb, slope: secondHalfSlope(run.samples), verdicts, requests, expected: expected.size };
}

function judgeRun(judge, result) {
  const { links, run, verdicts, requests } = result;
  const n = links.toLocaleString('en-US');
  judge(
    !run.timedOut && (run.code === 0 || run.code === 1),
    `${n} links: the run ended by itself (exit ${run.code}, ${(run.wallMs / 1000).toFixed(1)} s, limit ${runLimitMs / 60_000} min)`,
  );
  if (!verdicts) return judge(false, `${n} links: no readable JSON report`);
  judge(
    verdicts.lost === 0 && verdicts.duplicated === 0 && verdicts.extraLinks === 0 && verdicts.skipped === 0,
    `${n} links: each has exactly one entry in links[]: ${verdicts.lost} lost, ${verdicts.duplicated} duplicated, ` +
      `${verdicts.extraLinks} unexpected, ${verdicts.skipped} skipped or with another URL (of ${result.expected})`,
  );
  judge(
    verdicts.wrong === 0,
    `${n} links: each verdict matches its fault: ${verdicts.wrong} wrong` +
      (verdicts.wrong ? ` (${JSON.stringify(verdicts.wrongByKind)}; e.g. ${verdicts.examples.join('; ')})` : ''),
  );
  judge(
    requests.unasked === 0 && requests.overLimit === 0,
    `${n} links: requests per URL within retries × HEAD/GET × hops: ${requests.unasked} never asked, ` +
      `${requests.overLimit} over the limit, at most ${requests.max}` +
      (requests.examples.length ? ` (${requests.examples.join('; ')})` : ''),
  );
  judge(
    requests.okAskedOnce === requests.ok,
    `${n} links: each healthy URL asked exactly once despite ${usesPerUrl} links to it: ${requests.okAskedOnce}/${requests.ok}`,
  );
}

/** Runs the soak at each size and prints PASS/FAIL lines; never throws for a failed check. */
export async function runSoak() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'linkvet-soak-'));
  const servers = await startFaultServers({ hosts, latencyMs });
  console.log(
    `linkvet soak: ${os.cpus().length} cores, Node ${process.version}; faults on ${faultShare * 100}% of URLs, ` +
      `seed ${seed}; config ${JSON.stringify(config)}; RSS from /proc/<pid>/status VmRSS every ${sampleEveryMs} ms`,
  );
  const results = [];
  try {
    for (const links of sizes) results.push(await soakRun(links, work, servers));
  } finally {
    servers.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log('');
  const judge = (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
  for (const result of results) judgeRun(judge, result);
  const [small, large] = [results[0], results.at(-1)];
  const halves = peakByHalf(large.run.samples);
  judge(
    halves.second <= halves.first * secondHalfMargin,
    `memory stays flat while checking, ${large.links.toLocaleString('en-US')} links: peak RSS ` +
      `${halves.first.toFixed(0)} MB in the first half of the run, ${halves.second.toFixed(0)} MB in the second ` +
      `(target ≤ first × ${secondHalfMargin}); least-squares slope over the second half ${large.slope.toFixed(2)} MB/s`,
  );
  const kbPerLink = ((large.peakMb - small.peakMb) * 1024) / (large.links - small.links);
  judge(
    kbPerLink < keptKbPerLink,
    `memory per link: peak RSS ${small.peakMb.toFixed(0)} MB at ${small.links.toLocaleString('en-US')} links, ` +
      `${large.peakMb.toFixed(0)} MB at ${large.links.toLocaleString('en-US')}: ${kbPerLink.toFixed(1)} KB per extra ` +
      `link (target < ${keptKbPerLink} KB)`,
  );
  return 0;
}
