// `npm run bench`: how fast linkvet checks external links, and whether it asks each URL only once.
// A generated corpus links to loopback hosts that answer after a fixed latency; the check runs
// through the library in dist/. A report, not a test: it exits 0 whatever the numbers say.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const corpus = { files: 500, linksPerFile: 20, uniqueShare: 0.3, hosts: 8, seed: 20_240_601 };
const latencyMs = 50;
/** linkvet's defaults: 4 per host × 8 hosts = 32 in all. */
const concurrency = 32;
const targets = { ratio: 1.5, requestsPerUrl: 1.05 };
/** The bench gives up after this long, whatever state linkvet is in. */
const watchdogMs = 5 * 60 * 1000;

const here = path.dirname(fileURLToPath(import.meta.url));
const coreFile = path.join(here, '..', 'dist', 'core.js');

/** mulberry32: a small seeded generator, so every run checks the same corpus. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Which unique URL each link slot uses: every URL at least once, the rest repeats, shuffled. */
function linkSlots(next) {
  const total = corpus.files * corpus.linksPerFile;
  const unique = Math.round(total * corpus.uniqueShare);
  const slots = Array.from({ length: total }, (_, index) => (index < unique ? index : Math.floor(next() * unique)));
  for (let index = total - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [slots[index], slots[other]] = [slots[other], slots[index]];
  }
  return slots;
}

/** Writes the corpus under `dir`: 50 files per folder, each a heading, prose and a list of links. */
function writeCorpus(dir, origins) {
  const slots = linkSlots(random(corpus.seed));
  const urlOf = (index) => `${origins[index % origins.length]}/docs/page-${index}`;
  for (let file = 0; file < corpus.files; file++) {
    const folder = path.join(dir, `section-${Math.floor(file / 50)}`);
    mkdirSync(folder, { recursive: true });
    const links = slots.slice(file * corpus.linksPerFile, (file + 1) * corpus.linksPerFile);
    const lines = links.map(
      (index, n) => `- Step ${n + 1} is explained in [topic ${index} as document ${file} uses it](${urlOf(index)}).`,
    );
    const text = `# Document ${file}\n\nSome prose about document ${file}.\n\n${lines.join('\n')}\n`;
    writeFileSync(path.join(folder, `doc-${file}.md`), text);
  }
}

/** Starts the latency servers in a child process; resolves when they listen. */
function startServers() {
  const script = path.join(here, 'latency-servers.mjs');
  const child = fork(script, [String(corpus.hosts), String(latencyMs)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the latency servers exited early (code ${code})`)));
    child.on('message', (message) => {
      if (message.type === 'ready') resolve({ child, origins: message.origins });
    });
  });
}

/** Asks the servers what they saw. */
function serverStats(child) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message.type !== 'stats') return;
      child.off('message', onMessage);
      resolve(message.stats);
    };
    child.on('message', onMessage);
    child.send('stats');
  });
}

/** Runs linkvet over the corpus through the library; times the whole check and its parse phase. */
async function runCheck(core, dir) {
  const config = core.loadConfig({ cwd: dir, root: dir, flags: { offline: false } });
  const started = performance.now();
  let parsedAt = started;
  const report = await core.checkLinks(config, {
    onProgress: (progress) => {
      if (progress.done === progress.total) parsedAt = performance.now();
    },
  });
  const ended = performance.now();
  return { report, wallMs: ended - started, parseMs: parsedAt - started };
}

const ms = (value) => `${Math.round(value).toLocaleString('en-US')} ms`;
const row = (label, value) => console.log(`  ${label.padEnd(34)} ${value}`);
const judge = (ok, text) => console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);

function print(result, stats) {
  const { files, links, uniqueUrls, errors, warnings, notices } = result.report.stats;
  const idealMs = (uniqueUrls * latencyMs) / concurrency;
  const ratio = result.wallMs / idealMs;
  const perUrl = stats.requests / uniqueUrls;
  const methods = Object.entries(stats.byMethod).map(([method, count]) => `${count.toLocaleString('en-US')} ${method}`);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log('\nlinkvet external-check benchmark');
  row('files', files.toLocaleString('en-US'));
  row('links', links.toLocaleString('en-US'));
  row('unique URLs', `${uniqueUrls.toLocaleString('en-US')} on ${corpus.hosts} hosts, ${latencyMs} ms latency each`);
  row('findings', `${errors} errors, ${warnings} warnings, ${notices} notices (expected: none)`);
  row(
    'wall time',
    `${ms(result.wallMs)} (read and parse ${ms(result.parseMs)}, then classify and check ${ms(result.wallMs - result.parseMs)})`,
  );
  row('requests sent', `${stats.requests.toLocaleString('en-US')} (${methods.join(', ')})`);
  row('requests per unique URL', perUrl.toFixed(3));
  row('URLs requested more than once', String(stats.urlsRequestedTwiceOrMore));
  row('TCP connections opened', stats.connections.toLocaleString('en-US'));
  row('peak requests in flight', `${stats.peakInFlight} in all, ${stats.peakPerHost} on one host`);
  row('ideal bound', `${ms(idealMs)} (${uniqueUrls} × ${latencyMs} ms ÷ ${concurrency})`);
  row('wall / ideal', ratio.toFixed(2));
  row('peak RSS (bench process)', `${rssMb.toFixed(0)} MB`);
  console.log('');
  judge(ratio <= targets.ratio, `wall / ideal = ${ratio.toFixed(2)} (target ≤ ${targets.ratio})`);
  judge(
    perUrl <= targets.requestsPerUrl,
    `requests per unique URL = ${perUrl.toFixed(3)} (target ≤ ${targets.requestsPerUrl})`,
  );
}

async function main() {
  if (!existsSync(coreFile)) {
    console.error('bench: dist/core.js is missing; run `npm run build` first.');
    return 1;
  }
  const core = await import(coreFile);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linkvet-bench-'));
  const { child, origins } = await startServers();
  try {
    writeCorpus(dir, origins);
    console.log(`Checking ${corpus.files} files in ${dir} against ${origins.length} loopback hosts…`);
    const result = await runCheck(core, dir);
    print(result, await serverStats(child));
    return 0;
  } finally {
    child.removeAllListeners('exit');
    child.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

setTimeout(() => {
  console.error(`bench: gave up after ${watchdogMs / 1000} s`);
  process.exit(1);
}, watchdogMs).unref();
process.exitCode = await main();
