// What one big file of each shape costs: writes a 20 MB Markdown file of one shape (a long list,
// a nested list, a table, setext headings only, one huge paragraph, block quotes, an ATX-heading
// document, HTML blocks, dense links, dense definitions), checks it offline with the bundled CLI
// (dist/cli.js: read, parse in chunks, extract, check internal links) in a child process, and
// prints its CPU seconds and peak RSS against the targets of issue 12 (<= 30 s CPU, <= 1 GB).
// Build first (npm run build); not part of `npm run bench`.
//   node bench/shapes.mjs [megabytes] [shape...]    (default 20, every shape)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const [megabytes = '20', ...only] = process.argv.slice(2);
const targetBytes = Number(megabytes) * 1024 * 1024;
const limits = { cpuSeconds: 30, rssBytes: 1024 ** 3 };

/** Each shape: a function from an index to the next piece of text, and what starts the file. */
const shapes = {
  'long list': { piece: (i) => `- item ${i} [link ${i}](./docs/page-${i % 50}.md) and some words\n` },
  'nested list': {
    piece: (i) => `- top ${i} [a](a.md)\n  - child [b](#top)\n    - grandchild [c][ref]\n      text\n`,
    tail: '\n[ref]: ./c.md\n',
  },
  table: {
    head: '| n | link | text |\n| - | :-: | - |\n',
    piece: (i) => `| ${i} | [l](./t-${i % 9}.md) | \`a|b\` x |\n`,
  },
  'setext only': { piece: (i) => `Title ${i}\n==========\n\nParagraph with [a link](#title-${i}) in it.\n\n` },
  'one huge paragraph': { piece: (i) => `word ${i} [link](./p-${i % 7}.md) more words and text\n` },
  'block quotes': { piece: (i) => `> quoted line ${i} with [a link](./q.md)\n> more quoted text\n>\n` },
  'ATX headings': { piece: (i) => `## Heading ${i}\n\nText with [a link](#heading-${i}) and more.\n\n` },
  'HTML heavy': {
    piece: (i) =>
      `<div class="box" id="d-${i}">\n<a href="./h-${i % 5}.md">link</a> <img src="i.png" alt="i">\n</div>\n\n`,
  },
  'link dense': {
    piece: (i) => `${Array.from({ length: 10 }, (_, k) => `[l${k}](./x-${(i + k) % 20}.md)`).join(' ')}\n\n`,
  },
  'definition dense': {
    // Uses first, their definitions after: every chunk of uses needs definitions from elsewhere.
    piece: (i, half) => (half ? `[ref-${i}]: ./r-${i % 30}.md\n` : `See [r ${i}][ref-${i}] here.\n\n`),
    split: true,
  },
};

/** The text of a shape, about `bytes` long. */
function generate(shape, bytes) {
  const parts = [shape.head ?? ''];
  let size = parts[0].length;
  if (shape.split) {
    let uses = 0;
    while (size < bytes / 2) size += push(parts, shape.piece(uses++, false));
    for (let i = 0; i < uses; i++) size += push(parts, shape.piece(i, true));
  } else {
    for (let i = 0; size < bytes; i++) size += push(parts, shape.piece(i));
  }
  parts.push(shape.tail ?? '');
  return parts.join('');
}

function push(parts, text) {
  parts.push(text);
  return text.length;
}

// Runs in the child: prints the process's CPU time and peak RSS (every thread, so the parse
// workers too) when it exits.
const probe = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nSHAPES ' + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rss: u.maxRSS * 1024 }) + '\\n'); });`;

function measure(name, shape) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linkvet-shapes-'));
  try {
    const file = path.join(dir, 'big.md');
    writeFileSync(file, generate(shape, targetBytes));
    const probeFile = path.join(dir, 'probe.mjs');
    writeFileSync(probeFile, probe);
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      ['--import', probeFile, cli, '--offline', '--format', 'json', '--fail-on', 'never', '--root', dir, file],
      { encoding: 'utf8', maxBuffer: 1024 ** 3 },
    );
    const usage = JSON.parse(/SHAPES (\{.*\})/.exec(child.stderr)?.[1] ?? '{"cpu":NaN,"rss":NaN}');
    return { name, wall: (Date.now() - started) / 1000, ...usage, ...outcome(child) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the file was checked: its links counted, or the problem that skipped it. */
function outcome(child) {
  try {
    const report = JSON.parse(child.stdout);
    const skipped = report.findings.find(
      (finding) => finding.rule === 'unreadable-file' || /skipped/.test(finding.message),
    );
    return { links: report.stats.links, note: skipped ? skipped.message.slice(0, 90) : '' };
  } catch {
    return {
      links: NaN,
      note: `exit ${child.status ?? child.signal}: ${child.stderr.trim().split('\n').at(-2) ?? ''}`.slice(0, 90),
    };
  }
}

readFileSync(cli); // fails early, naming the file, when dist/ is not built
console.log(`${megabytes} MB per file; targets: <= ${limits.cpuSeconds} s CPU, <= 1 GB peak RSS`);
console.log(
  `${'shape'.padEnd(20)} ${'CPU s'.padStart(7)} ${'wall s'.padStart(7)} ${'peak MB'.padStart(8)} ${'links'.padStart(9)}  verdict`,
);
for (const [name, shape] of Object.entries(shapes)) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  const result = measure(name, shape);
  const ok = result.cpu <= limits.cpuSeconds && result.rss <= limits.rssBytes && result.note === '';
  console.log(
    `${name.padEnd(20)} ${result.cpu.toFixed(1).padStart(7)} ${result.wall.toFixed(1).padStart(7)} ${(result.rss / 1024 ** 2).toFixed(0).padStart(8)} ${String(result.links).padStart(9)}  ${ok ? 'ok' : 'OVER'} ${result.note}`,
  );
}
