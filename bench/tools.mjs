// The checkers `npm run bench` compares, each run as a child process of its own so that its wall
// time and peak RSS are its own: linkvet's CLI, markdown-link-check, linkinator and
// remark-validate-links (through remark-cli). Each runner turns the tool's output into findings:
// (file, line) for internal links, (file, URL) for external ones.
import { fork, spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setInterval, clearInterval, setTimeout, clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');

/** A devDependency's file: the bins are run with `node` directly, never through npx. */
function packageFile(name, file) {
  return path.join(repo, 'node_modules', name, file);
}

export const bins = {
  // `LINKVET_BIN=/elsewhere/dist/cli.js` measures another build (of another commit) against the same peers.
  linkvet: process.env.LINKVET_BIN ?? path.join(repo, 'dist', 'cli.js'),
  markdownLinkCheck: packageFile('markdown-link-check', 'markdown-link-check'),
  linkinator: packageFile('linkinator', 'build/src/cli.js'),
  remark: packageFile('remark-cli', 'cli.js'),
  remarkValidateLinks: packageFile('remark-validate-links', 'index.js'),
};

export function versionOf(name) {
  return JSON.parse(readFileSync(packageFile(name, 'package.json'), 'utf8')).version;
}

const gnuTime = '/usr/bin/time';
export const rssMethod = existsSync(gnuTime)
  ? '/usr/bin/time -f "%M %U %S" (CPU time too)'
  : '/proc/<pid>/status VmHWM, polled (no CPU time)';

/** The children's environment: no proxy, so every request goes straight to the loopback servers. */
function childEnv() {
  const proxy = /^(https?|all)_proxy$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !proxy.test(name)));
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', NO_PROXY: '*', no_proxy: '*' };
}

/**
 * Runs `node script ...args` in `cwd`, output to files in `outDir`; measures wall time and peak RSS.
 * @returns {{ wallMs: number, rssMb: number, cpuMs: number, code: number | null, stdout: string, stderr: string,
 *   timedOut: boolean }}
 */
export async function measure(name, script, args, { cwd, outDir, timeoutMs }) {
  const stdoutFile = path.join(outDir, `${name}.stdout`);
  const stderrFile = path.join(outDir, `${name}.stderr`);
  const rssFile = path.join(outDir, `${name}.rss`);
  const out = openSync(stdoutFile, 'w');
  const err = openSync(stderrFile, 'w');
  const command = existsSync(gnuTime)
    ? [gnuTime, ['-f', '%M %U %S', '-o', rssFile, process.execPath, script, ...args]]
    : [process.execPath, [script, ...args]];
  const started = performance.now();
  // Its own process group, so that a run over its time limit can be ended with its children.
  const child = spawn(command[0], command[1], { cwd, env: childEnv(), stdio: ['ignore', out, err], detached: true });
  let polledKb = 0;
  const poll = existsSync(gnuTime)
    ? undefined
    : setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          polledKb = Math.max(polledKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        } catch {
          // The process has just ended.
        }
      }, 20);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  const wallMs = performance.now() - started;
  clearTimeout(timer);
  if (poll) clearInterval(poll);
  closeSync(out);
  closeSync(err);
  // GNU time's last line: peak RSS in KB, user and system CPU seconds (earlier lines note a non-zero exit).
  const [rssKb, user, system] = existsSync(gnuTime) ? readGnuTime(rssFile) : [polledKb, Number.NaN, Number.NaN];
  return {
    wallMs,
    rssMb: rssKb / 1024,
    cpuMs: (user + system) * 1000,
    code,
    timedOut,
    stdout: readFileSync(stdoutFile, 'utf8'),
    stderr: readFileSync(stderrFile, 'utf8'),
  };
}

/** GNU time's numbers, or NaN for each when a run killed over its time limit left none. */
function readGnuTime(file) {
  const last = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').at(-1) : '';
  const numbers = last.split(' ').map(Number);
  return numbers.length === 3 && numbers.every(Number.isFinite) ? numbers : [Number.NaN, Number.NaN, Number.NaN];
}

// `unreachable` too: the awesome series has URLs that never answer, and the other series none.
const linkRules = new Set([
  'unreachable',
  'missing-file',
  'missing-fragment',
  'outside-root',
  'dead-link',
  'access-denied',
]);

/** Findings as keys: `file line` for internal links, `file URL` for external ones. */
function findings() {
  return { internal: new Set(), external: new Set() };
}

/**
 * linkvet's CLI: `--format json`, offline or not, with a config file when given. Exit code 1
 * means findings, not failure.
 */
export async function runLinkvet(corpusDir, { offline, config, outDir, timeoutMs }) {
  const args = [
    '--root',
    corpusDir,
    '--format',
    'json',
    ...(offline ? ['--offline'] : []),
    ...(config ? ['--config', config] : []),
    corpusDir,
  ];
  const name = offline ? 'linkvet-offline' : config ? `linkvet-${path.basename(config, '.json')}` : 'linkvet';
  const run = await measure(name, bins.linkvet, args, {
    cwd: corpusDir,
    outDir,
    timeoutMs,
  });
  const found = findings();
  let ok = !run.timedOut && (run.code === 0 || run.code === 1);
  if (ok) {
    try {
      for (const finding of JSON.parse(run.stdout).findings) {
        if (!linkRules.has(finding.rule)) continue;
        if (/^https?:/.test(finding.url)) found.external.add(`${finding.file} ${finding.url}`);
        else found.internal.add(`${finding.file} ${finding.line}`);
      }
    } catch {
      ok = false;
    }
  }
  return { ...run, found, ok };
}

/** remark-cli with remark-validate-links (no git remote: `repository: false`). */
export async function runRemark(corpusDir, { outDir, timeoutMs }) {
  const args = [
    '--no-config',
    '--no-ignore',
    '--no-stdout',
    '--no-color',
    '--quiet',
    '--use',
    `${bins.remarkValidateLinks}=repository:false`,
    '.',
  ];
  const run = await measure('remark-validate-links', bins.remark, args, { cwd: corpusDir, outDir, timeoutMs });
  const found = findings();
  let file;
  for (const line of run.stderr.split('\n')) {
    const message = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+(?:warning|error)\s.*remark-validate-links/.exec(line);
    if (message && file !== undefined) found.internal.add(`${file} ${message[1]}`);
    else if (/^\S+\.md$/.test(line.trim()) && !line.startsWith(' ')) file = line.trim();
  }
  return { ...run, found, ok: !run.timedOut && (run.code === 0 || run.code === 1) };
}

/** markdown-link-check over the given files (relative to the corpus), one after another as it does. */
export async function runMarkdownLinkCheck(corpusDir, files, { outDir, timeoutMs, args = [] }) {
  const run = await measure('markdown-link-check', bins.markdownLinkCheck, [...args, ...files], {
    cwd: corpusDir,
    outDir,
    timeoutMs,
  });
  const found = findings();
  let file;
  for (const line of run.stdout.split('\n')) {
    const header = /^FILE: (.+)$/.exec(line.trim());
    if (header) {
      file = path.relative(corpusDir, path.resolve(corpusDir, header[1]));
      continue;
    }
    const dead = /^\[✖\] (\S+)/.exec(line.trim());
    if (dead && file !== undefined && /^https?:/.test(dead[1])) found.external.add(`${file} ${dead[1]}`);
  }
  return { ...run, found, ok: !run.timedOut && (run.code === 0 || run.code === 1) };
}

/** linkinator over every Markdown file, `--markdown --format json`, its defaults otherwise. */
export async function runLinkinator(corpusDir, { outDir, timeoutMs, extraArgs = [] }) {
  const args = ['**/*.md', '--markdown', '--format', 'json', ...extraArgs];
  const run = await measure('linkinator', bins.linkinator, args, { cwd: corpusDir, outDir, timeoutMs });
  const found = findings();
  let ok = !run.timedOut && (run.code === 0 || run.code === 1);
  if (ok) {
    try {
      const report = JSON.parse(run.stdout);
      for (const link of report.links) {
        if (link.state !== 'BROKEN' || !/^https?:\/\/127\./.test(link.url) || link.parent === undefined) continue;
        found.external.add(`${parentFile(corpusDir, link.parent)} ${link.url}`);
      }
    } catch {
      ok = false;
    }
  }
  return { ...run, found, ok };
}

/** linkinator names a parent by path on disk, or by its own static server's URL. */
function parentFile(corpusDir, parent) {
  const local = /^https?:\/\/localhost:\d+\/(.*)$/.exec(parent);
  if (local) return decodeURIComponent(local[1]);
  return path.relative(corpusDir, path.resolve(corpusDir, parent));
}

/**
 * Starts a script of loopback servers in a child process (its arguments stringified); resolves with the child and
 * the origins it listens on once it says `ready`. `name` is for the error when it exits early.
 */
export function startServerProcess(script, args, name) {
  const child = fork(script, args.map(String), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited early (code ${code})`)));
    child.on('message', (message) => {
      if (message.type === 'ready') resolve({ child, origins: message.origins });
    });
  });
}

/** Sends a server process a message and waits for its answer of the same type. */
export function ask(child, message, type) {
  return new Promise((resolve) => {
    const onMessage = (answer) => {
      if (answer.type !== type) return;
      child.off('message', onMessage);
      resolve(answer);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}
