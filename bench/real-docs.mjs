// The anchor-text rules on real documentation (issue 14): downloads pinned tarballs of popular npm
// packages into a cache outside the repository, unpacks only their Markdown (READMEs, docs folders,
// changelogs), keeps the packages with the most Markdown, runs the built CLI (dist/) on each one
// offline, and prints findings per rule, per 1,000 links and per package. Every finding goes to a
// JSONL file with a few lines of its Markdown around it; `--sample N` draws a seeded random sample
// per anchor rule to read by hand. Output files are named after --keep and --seed, so a small trial
// run (`--keep 2`) leaves the full run's files alone.
//
//   node bench/real-docs.mjs [--keep 150] [--sample 20] [--seed 14] [--cache DIR] [--context 3]
//
// Only the npm registry is used, through `npm pack`; a package already in the cache is not fetched
// again, so a second run is offline.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { random } from './corpus.mjs';

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The rules that judge anchor text (src/core/rules/registry.ts), in the order the report prints them. */
const anchorRules = [
  'generic-anchor-text',
  'empty-anchor-text',
  'missing-alt-text',
  'naked-url',
  'ambiguous-anchor-text',
  'over-optimized-anchor',
  'low-anchor-diversity',
];

/**
 * Popular packages known for their documentation, pinned so every run reads the same Markdown.
 * Very large tarballs (compilers, SDKs, binaries, component libraries) are left out: they are slow to
 * fetch and ship little Markdown for their size. `--keep` keeps the ones with the most Markdown.
 */
const packages = `
@angular/core@22.2.6 @apollo/client@4.3.8 @apollo/server@5.5.1 @babel/core@8.1.2 @babel/preset-env@8.0.7
@changesets/cli@3.0.3 @commitlint/cli@21.2.4 @emotion/react@11.14.0 @grpc/grpc-js@1.14.7 @hapi/hapi@21.4.10
@nestjs/core@12.5.1 @pulumi/pulumi@3.270.0 @reduxjs/toolkit@2.14.0 @tanstack/react-query@5.108.0
@typescript-eslint/eslint-plugin@8.73.0 agenda@6.2.6 ajv@8.20.0 alpinejs@3.17.4 amqplib@2.3.1
apollo-client@2.6.10 apollo-server@3.13.0 async@3.2.6 autoprefixer@10.6.2 ava@8.1.2 axios@1.21.1 bcrypt@6.0.0
better-sqlite3@13.2.0 bluebird@3.7.2 body-parser@2.4.0 bootstrap@5.3.8 boxen@9.0.0 browserify@17.0.1 bull@4.16.5
bullmq@6.7.0 bulma@1.0.4 c8@12.0.0 cac@7.1.0 chai@6.3.0 chalk@6.0.1 chart.js@4.6.1 cheerio@1.2.0
chokidar@6.0.0 commander@15.1.0 compression@1.8.2 concurrently@10.0.7 cookie-parser@1.4.7 cors@2.8.6
cross-env@10.1.0 cssnano@9.9.0 date-fns@4.4.0 dayjs@1.11.23 debug@4.4.3 depcheck@1.4.7 dotenv@18.0.10 ejs@7.0.2
electron@45.3.4 esbuild@0.28.2 eslint@10.15.0 eslint-config-airbnb@19.0.4 eslint-plugin-import@2.32.0
eslint-plugin-react@7.37.5 execa@10.2.1 express@5.3.0 express-session@1.19.0 fastify@5.12.8 forever@4.0.3
formik@2.4.9 fs-extra@11.4.1 glob@14.0.6 got@16.1.0 graphql@17.1.0 grunt@1.6.3 gulp@5.0.1 handlebars@4.7.10
hapi@18.1.0 helmet@8.3.0 hexo@8.1.2 highlight.js@11.12.0 htmx.org@4.0.1 http-proxy@1.18.1
http-proxy-middleware@4.2.1 husky@9.1.7 immer@11.2.10 inquirer@14.2.5 ioredis@6.0.0 jasmine@7.0.0 jest@30.5.2
joi@18.3.2 jquery@4.0.0 jsdoc@4.0.5 jsdom@31.0.1 json-server@0.17.4 jsonwebtoken@9.0.3 kafkajs@2.2.4
karma@6.4.4 knex@3.3.0 knip@6.44.2 koa@3.2.1 leaflet@1.9.4 lerna@10.1.1 less@4.9.1 lint-staged@17.6.1
listr2@11.4.0 lit@3.3.3 lodash@4.18.1 luxon@3.7.2 markdown-it@15.0.3 markdownlint@0.42.1 marked@18.2.1
meow@14.1.0 minimatch@11.0.9 minimist@1.2.8 mobx@7.1.3 mocha@12.0.3 moment@2.31.0 mongodb@7.8.0
mongoose@9.12.1 morgan@1.12.1 mqtt@5.16.0 msw@3.0.5 multer@2.5.0 mustache@4.2.0 mysql@2.18.1 mysql2@3.24.5
nanoid@6.0.2 nock@15.0.6 node-cron@4.6.0 node-fetch@3.3.2 nodemailer@10.6.0 nodemon@3.1.14 np@12.1.1
npm-check-updates@23.1.1 nunjucks@3.2.4 nuxt@4.5.2 nyc@18.0.0 ora@9.4.1 parcel@2.16.4 passport@0.7.0
pg@8.23.1 pino@10.4.0 pm2@7.0.4 postcss@8.5.33 preact@11.2.0 prettier@3.10.1 prismjs@1.30.0 protobufjs@8.8.1
pug@3.0.4 ramda@0.32.0 react@19.3.1 react-dom@19.3.1 react-hook-form@7.92.0 react-router@8.5.3
react-router-dom@7.18.5 redis@6.3.1 redux@5.0.1 release-it@21.1.2 remark@15.0.1 rimraf@6.1.4 rollup@4.68.8
rxjs@7.8.2 sass@1.108.2 semantic-release@25.0.9 semver@7.8.6 sequelize@6.37.8 serverless@4.43.0
shelljs@0.10.0 sinon@22.1.0 socket.io@4.8.4 socket.io-client@4.8.4 solid-js@1.9.20 sqlite3@6.0.1
standard@17.1.2 stripe@23.1.0 styled-components@6.6.0 stylelint@18.0.0 stylus@0.64.0 superagent@10.4.2
supertest@7.3.2 svelte@5.57.3 swr@2.5.1 tailwindcss@4.3.5 tap@21.8.0 terser@5.51.2 ts-node@10.9.2
tsx@4.23.15 twilio@6.2.0 typedoc@0.28.20 typeorm@1.1.1 typescript-eslint@8.73.0 uglify-js@3.19.3
underscore@1.13.8 undici@8.12.4 unified@11.0.5 urql@5.0.4 uuid@14.0.3 verdaccio@6.10.4 vite@8.4.0
vitepress@1.6.4 vitest@5.1.2 vue@3.5.45 webpack@5.112.2 webpack-dev-server@6.1.0 winston@3.19.0 ws@8.23.0
xo@5.0.1 yargs@18.2.0 yup@1.7.1 zod@4.6.7 zx@8.8.5
`
  .split(/\s+/)
  .filter(Boolean);

function parseArgs(argv) {
  const options = {
    keep: 150,
    sample: 20,
    seed: 14,
    context: 3,
    cache: path.join(os.homedir(), '.cache', 'linkvet-real-docs'),
  };
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index]?.replace(/^--/, '');
    if (!(key in options))
      throw new Error(`Unknown option \`${argv[index]}\`; expected one of ${Object.keys(options).join(', ')}`);
    options[key] = key === 'cache' ? path.resolve(argv[index + 1]) : Number(argv[index + 1]);
  }
  return options;
}

/** Runs `task` over `items`, `limit` at a time, keeping the order of the results. */
async function inPool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** The tarball name `npm pack` writes for a spec: `@scope/name@1.0.0` → `scope-name-1.0.0.tgz`. */
function tarballName(spec) {
  const at = spec.lastIndexOf('@');
  return `${spec.slice(0, at).replace(/^@/, '').replace('/', '-')}-${spec.slice(at + 1)}.tgz`;
}

/** Fetches one tarball into the cache (unless it is there) and unpacks its Markdown into its own tree. */
async function fetchAndUnpack(spec, dirs) {
  const tarball = path.join(dirs.tarballs, tarballName(spec));
  const tree = path.join(dirs.trees, tarballName(spec).replace(/\.tgz$/, ''));
  if (!existsSync(tarball))
    await run('npm', ['pack', spec, '--pack-destination', dirs.tarballs, '--silent'], { maxBuffer: 1 << 24 });
  if (!existsSync(tree)) {
    mkdirSync(tree, { recursive: true });
    // Bundled dependencies are someone else's docs; a tarball without Markdown leaves an empty tree.
    await run('tar', [
      '-xzf',
      tarball,
      '-C',
      tree,
      '--strip-components=1',
      '--wildcards',
      '--no-anchored',
      '--exclude=*/node_modules/*',
      '*.md',
      '*.MD',
      '*.markdown',
    ]).catch(() => undefined);
  }
  return { spec, tree };
}

/** Every Markdown file under `dir`, relative, with its size. */
function markdownFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full, base);
    return entry.isFile() ? [{ file: path.relative(base, full), bytes: statSync(full).size }] : [];
  });
}

/** Runs the built CLI on one tree, offline, and returns its JSON report with the links listed. */
async function checkTree(tree) {
  const cli = path.join(repo, 'dist', 'cli.js');
  const args = [cli, '--offline', '--format', 'json', '--include-links', '--fail-on', 'never', '--root', tree];
  const { stdout } = await run(process.execPath, args, { cwd: tree, maxBuffer: 1 << 30 });
  return JSON.parse(stdout);
}

/** The lines around a finding, numbered, with `>` on the finding's own lines. */
function contextOf(tree, finding, around, cache) {
  const file = path.join(tree, finding.file);
  if (!cache.has(file)) cache.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
  const lines = cache.get(file);
  const first = Math.max(1, finding.line - around);
  const last = Math.min(lines.length, (finding.endLine ?? finding.line) + around);
  const numbered = [];
  for (let line = first; line <= last; line++) {
    const mark = line >= finding.line && line <= (finding.endLine ?? finding.line) ? '>' : ' ';
    numbered.push(`${mark}${String(line).padStart(5)}| ${lines[line - 1]}`);
  }
  return numbered.join('\n');
}

/** Findings of one package, each with its package, its link's kind and its Markdown context. */
function enrich(spec, tree, report, around) {
  const kinds = new Map(report.links.map((link) => [`${link.file}:${link.line}:${link.column}`, link.kind]));
  const lines = new Map();
  return report.findings.map((finding) => ({
    package: spec,
    ...finding,
    kind: kinds.get(`${finding.file}:${finding.line}:${finding.column}`),
    context: finding.line ? contextOf(tree, finding, around, lines) : '',
  }));
}

/** Draws `count` items from `list` without replacement, the same ones for the same seed. */
function sampleOf(list, count, next) {
  const pool = [...list];
  for (let index = pool.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [pool[index], pool[other]] = [pool[other], pool[index]];
  }
  return pool.slice(0, count);
}

function printTotals(results, findings) {
  const links = results.reduce((sum, result) => sum + result.report.stats.links, 0);
  const files = results.reduce((sum, result) => sum + result.report.stats.files, 0);
  console.log(`\n${results.length} packages, ${files} Markdown files, ${links} links, ${findings.length} findings\n`);
  console.log('| rule | findings | per 1,000 links | packages with any | most in one package |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  const rules = [...new Set([...anchorRules, ...findings.map((finding) => finding.rule)])];
  for (const rule of rules) {
    const mine = findings.filter((finding) => finding.rule === rule);
    const perPackage = countBy(mine, (finding) => finding.package);
    const [top] = [...perPackage].sort((a, b) => b[1] - a[1]);
    const perThousand = ((mine.length / links) * 1000).toFixed(1);
    console.log(
      `| ${rule} | ${mine.length} | ${perThousand} | ${perPackage.size} | ${top ? `${top[0]} (${top[1]})` : '–'} |`,
    );
  }
}

function countBy(list, key) {
  const counts = new Map();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function printPerPackage(results, findings) {
  console.log('\nPer package (anchor rules; packages with none left out):\n');
  console.log(`| package | files | links | ${anchorRules.join(' | ')} |`);
  console.log(`| --- | ---: | ---: |${anchorRules.map(() => ' ---: |').join('')}`);
  for (const { spec, report } of results) {
    const mine = findings.filter((finding) => finding.package === spec && anchorRules.includes(finding.rule));
    if (mine.length === 0) continue;
    const counts = countBy(mine, (finding) => finding.rule);
    const cells = anchorRules.map((rule) => counts.get(rule) ?? 0).join(' | ');
    console.log(`| ${spec} | ${report.stats.files} | ${report.stats.links} | ${cells} |`);
  }
}

function writeSample(findings, options, file) {
  const next = random(options.seed);
  const blocks = anchorRules.flatMap((rule) => {
    const picked = sampleOf(
      findings.filter((finding) => finding.rule === rule),
      options.sample,
      next,
    );
    return [`## ${rule} (${picked.length})`, ...picked.map((finding, index) => sampleBlock(rule, index, finding))];
  });
  writeFileSync(file, `${blocks.join('\n\n')}\n`);
}

function sampleBlock(rule, index, finding) {
  const where = `${finding.package} ${finding.file}:${finding.line}`;
  return `### ${rule} #${index + 1}: ${where} (${finding.kind ?? '?'})\n${finding.message}\n\`\`\`\n${finding.context}\n\`\`\``;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dirs = {
    tarballs: path.join(options.cache, 'tarballs'),
    trees: path.join(options.cache, 'trees'),
    out: path.join(options.cache, 'out'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const { stdout: build } = await run('git', ['log', '-1', '--format=%h %cI', '--', 'dist'], { cwd: repo });
  const { stdout: dirty } = await run('git', ['status', '--porcelain', '--', 'dist'], { cwd: repo });
  console.log(`dist/ last committed at ${build.trim()}${dirty.trim() ? ' (working tree differs: rebuilt since)' : ''}`);
  const fetched = await inPool(packages, 4, (spec) =>
    fetchAndUnpack(spec, dirs).catch((error) => ({ spec, error: String(error.message).split('\n')[0] })),
  );
  for (const failed of fetched.filter((result) => result.error))
    console.error(`skipped ${failed.spec}: ${failed.error}`);
  const withDocs = fetched
    .filter((result) => !result.error)
    .map((result) => ({ ...result, bytes: markdownFiles(result.tree).reduce((sum, file) => sum + file.bytes, 0) }))
    .filter((result) => result.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || (a.spec < b.spec ? -1 : 1))
    .slice(0, options.keep)
    .sort((a, b) => (a.spec < b.spec ? -1 : 1));
  const results = await inPool(withDocs, 2, async (result) => ({ ...result, report: await checkTree(result.tree) }));
  const findings = results.flatMap(({ spec, tree, report }) => enrich(spec, tree, report, options.context));
  const jsonl = path.join(dirs.out, `findings-keep${options.keep}.jsonl`);
  writeFileSync(jsonl, findings.map((finding) => JSON.stringify(finding)).join('\n') + '\n');
  printTotals(results, findings);
  printPerPackage(results, findings);
  const sample = path.join(dirs.out, `sample-keep${options.keep}-seed${options.seed}.md`);
  writeSample(findings, options, sample);
  console.log(`\nAll findings: ${jsonl}\nSample (${options.sample} per anchor rule, seed ${options.seed}): ${sample}`);
}

await main();
