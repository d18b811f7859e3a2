// Measures what `externalFragments` costs in memory on id-dense pages (issue 12, item 7): a loopback
// server answers every URL with one page holding IDS ids, and a Markdown file links to LINKS
// distinct URLs of it, each asking for one id that is there and one that is not (so every page is
// read to its end). The run goes through the core API with the cache file on, as a user's would.
// A measurement, not a test: it prints numbers and exits 0. Bundle it first (the core is TypeScript):
//   npx esbuild scripts/measure-fragment-heap.ts --bundle --platform=node --format=esm --packages=external \
//     --define:__LINKVET_VERSION__='"0.0.0"' --outfile=node_modules/.cache/linkvet-measure/measure.mjs
//   /usr/bin/time -v node node_modules/.cache/linkvet-measure/measure.mjs [LINKS] [IDS]
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkLinks, loadConfig } from '../src/core/index.js';

const links = Number(process.argv[2] ?? 110);
const ids = Number(process.argv[3] ?? 180_000);

/** One HTML page of `count` elements with an id each, built once and served to every request. */
function denseIdPage(count: number): Buffer {
  const parts = ['<!doctype html><html><body>'];
  for (let i = 0; i < count; i++) parts.push(`<span id="section-${String(i).padStart(7, '0')}-part"></span>\n`);
  parts.push('</body></html>');
  return Buffer.from(parts.join(''));
}

const page = denseIdPage(ids);
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
  response.end(page);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const root = mkdtempSync(path.join(os.tmpdir(), 'linkvet-heap-'));
const markdown = Array.from({ length: links }, (_, n) => {
  const url = `http://127.0.0.1:${port}/dense?n=${n}`;
  return `[here](${url}#section-0000005-part) [gone](${url}#nowhere)`;
});
writeFileSync(path.join(root, 'a.md'), `${markdown.join('\n')}\n`);

let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
const started = Date.now();
const config = loadConfig({
  cwd: root,
  root,
  flags: {
    offline: false,
    externalFragments: true,
    cache: { enabled: true, path: '.linkvet-cache.json', maxAgeMs: 60_000 },
  },
});
const report = await checkLinks(config);
clearInterval(sampler);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rules = report.findings.map((finding) => finding.rule);
console.log(`page: ${mb(page.length)}, ${ids} ids; links: ${links} URLs x 2 fragments`);
console.log(`findings: ${rules.length} (${[...new Set(rules)].join(', ')})`);
console.log(`wall: ${Date.now() - started} ms; peak heapUsed (sampled): ${mb(peakHeap)}`);
console.log(`cache file: ${(statSync(path.join(root, '.linkvet-cache.json')).size / 1024).toFixed(1)} KB`);
server.close();
rmSync(root, { recursive: true, force: true });
