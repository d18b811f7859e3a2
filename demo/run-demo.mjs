// `npm run demo`: runs the built CLI over demo/docs, whose links point at https://docs.example.test/.
// A config remaps that site to a local server, so the demo needs no internet and no node_modules.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slowDelayMs, startSiteServer } from './site-server.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = path.join(repo, 'dist', 'cli.js');

/** What the report should show, one line per kind of finding. */
const expected = [
  ['missing-fragment', 'guide.md has no heading `troubleshooting`; did you mean `troubleshooting-tips`?'],
  ['permanent-redirect', '/old-guide answers 301 and points at /guide/, the address to link to'],
  ['dead-link', '/removed answers 404 Not Found'],
  ['missing-fragment', 'the page /guide/ has no id `configuration` (external fragments are on)'],
  ['unreachable', `/slow answers after ${slowDelayMs / 1000} s, past the 1 s timeout (a warning: it may be transient)`],
  ['access-denied', '/private answers 403 Forbidden (a warning: often bot protection)'],
  ['generic-anchor-text', '"Click here" says nothing about the page it leads to'],
];

/** Writes the demo's config to a fresh temporary directory; returns the directory and the file. */
function writeConfig(origin) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linkvet-demo-'));
  const file = path.join(dir, 'linkvet-demo.json');
  const config = {
    remap: [{ from: '^https://docs\\.example\\.test/', to: `${origin}/` }],
    timeout: '1s',
    retries: 0,
    externalFragments: true,
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { dir, file };
}

/** Runs the CLI with the terminal's own stdio; resolves with its exit code or the signal that ended it. */
function runCli(configFile) {
  const args = [cli, '--root', 'demo/docs', '--config', configFile];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit' });
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal, error: undefined }));
  });
}

/** The demo's exit code: 0 when linkvet reported the intended findings (its exit code 1). */
function verdict(result) {
  if (result.error) {
    console.error(`demo: could not start node: ${result.error.message}`);
    return 1;
  }
  if (result.signal) {
    console.error(`demo: linkvet was stopped by ${result.signal}`);
    return 1;
  }
  if (result.code === 1) {
    console.log('\nThe demo docs are broken on purpose. What the report shows:');
    for (const [rule, why] of expected) console.log(`  ${rule.padEnd(19)} ${why}`);
    console.log('The other links (/, /guide/, /guide/#install, /api, guide.md#usage, README.md) are fine.');
    return 0;
  }
  if (result.code === 0) {
    console.error('demo: linkvet found nothing, but the demo docs hold broken links on purpose');
    return 1;
  }
  console.error(`demo: linkvet failed with exit code ${result.code}`);
  return result.code ?? 1;
}

async function main() {
  if (!existsSync(cli)) {
    console.error('demo: dist/cli.js is missing; run `npm run build` first.');
    return 1;
  }
  // Ctrl-C reaches the CLI too; stay alive long enough to close the server and remove the config.
  process.on('SIGINT', () => undefined);
  const site = await startSiteServer();
  const config = writeConfig(site.origin);
  try {
    console.log(`Checking demo/docs against a local site on ${site.origin}…`);
    console.log(`(https://docs.example.test/ is remapped there: nothing leaves this machine)\n`);
    return verdict(await runCli(config.file));
  } finally {
    await site.close();
    rmSync(config.dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
