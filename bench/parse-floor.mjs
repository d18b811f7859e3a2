// What parsing alone costs: reads a generated internal-only corpus and parses every file on
// this thread with the parser linkvet uses (unified + remark-parse + remark-gfm + front matter),
// then with micromark's tokenizer alone and with marked's lexer (linkinator's parser), for scale.
// Used by BENCHMARKS.md to say where linkvet's time goes; not part of `npm run bench`.
//   node bench/parse-floor.mjs [files]    (default 10,000)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { marked } from 'marked';
import { micromark } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { writeCorpus } from './corpus.mjs';

const files = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'linkvet-parse-floor-'));
try {
  const { counts } = writeCorpus(dir, { files, seed: 20_240_601 });
  const paths = readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(dir, name));
  const texts = paths.map((file) => readFileSync(file, 'utf8'));
  const mib = counts.bytes / 1_048_576;
  console.log(`${files.toLocaleString('en-US')} files, ${mib.toFixed(1)} MiB, parsed on one thread:`);
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
  const parsers = [
    ['read every file (readFileSync)', () => paths.forEach((file) => readFileSync(file, 'utf8'))],
    ['unified + remark-parse + remark-gfm (linkvet)', () => texts.forEach((text) => processor.parse(text))],
    ['micromark + gfm to HTML (no mdast)', () => texts.forEach((text) => micromark(text, { extensions: [gfm()] }))],
    ['marked lexer, GFM (linkinator)', () => texts.forEach((text) => marked.lexer(text, { gfm: true }))],
  ];
  for (const [name, parse] of parsers) {
    const started = performance.now();
    parse();
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${name.padEnd(46)} ${seconds.toFixed(1).padStart(6)} s  ${(mib / seconds).toFixed(2)} MiB/s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
