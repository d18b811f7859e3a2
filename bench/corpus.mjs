// The generated corpus of `npm run bench`: Markdown files with internal links (to files, to
// headings in other files and in the same file, some deliberately broken) and, optionally,
// external links to the loopback latency servers, some of which answer 404. Seeded, so every run
// writes the same files; it returns the ground truth every checker is scored against.
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The shape of the corpus; sizes per file are tuned to about 3 KB of Markdown per file. */
export const shape = {
  /** Files per folder. */
  perFolder: 50,
  /** Headings per file (after the title); each is a fragment target. */
  sections: 5,
  /** Prose lines per section, about 100 bytes each. */
  proseLines: 4,
  /** Internal links per file: 8, of which on average 2 % point at a missing file and 2 % at a missing heading. */
  internalLinks: 8,
  missingFileShare: 0.02,
  missingFragmentShare: 0.02,
  /** External links per file when the corpus has them; unique URLs are 30 % of all external links. */
  externalLinks: 6,
  uniqueShare: 0.3,
  /** One unique URL in 25 answers 404. */
  brokenUrlShare: 0.04,
};

const words = (
  'able about access account action adapter agent alias alpha anchor answer api archive argument array asset ' +
  'audit backup badge balance batch beta binary block branch bucket buffer build bundle cache callback canary ' +
  'channel chart check client cluster column command commit config console container context cursor daemon ' +
  'dashboard data debug default delta deploy digest domain draft driver edge editor element engine entry event ' +
  'export factor feature field filter flag format frame gateway graph guide handler header health helper hook ' +
  'host image index input install issue job kernel key label layer layout limit link listener loader locale ' +
  'lock log manifest marker matrix memory merge message metric migration mirror mode module monitor mount ' +
  'network node notice object option output package page panel parser patch path payload peer pipeline plugin ' +
  'policy pool port preview probe process profile prompt proxy queue quota range reader record region registry ' +
  'release remote report request resource result retry review role route rule runner sample schema scope ' +
  'script secret section selector server service session setting shard signal snapshot socket source span ' +
  'stage state status storage stream style subject suite switch table tag target task template tenant test ' +
  'theme thread token topic trace tracker trigger update upload user value vault version view volume watcher ' +
  'webhook widget window worker workflow zone'
).split(' ');

/** mulberry32: a small seeded generator, so every run writes the same corpus. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = (next, list) => list[Math.floor(next() * list.length)];
const phrase = (next, count) => Array.from({ length: count }, () => pick(next, words)).join(' ');

/** Where file `index` lives, relative to the corpus root. */
export function fileOf(index) {
  return `section-${String(Math.floor(index / shape.perFolder)).padStart(3, '0')}/page-${index}.md`;
}

/** A file's headings, from a generator of its own so any file can know another's without writing it. */
function headingsOf(index, seed) {
  const next = random(seed ^ Math.imul(index + 1, 0x9e3779b1));
  return Array.from({ length: shape.sections }, (_, k) => {
    const text = `Topic ${k + 1}: ${phrase(next, 3)}`;
    return { text, slug: slugOf(text) };
  });
}

/** GitHub's slug for the plain ASCII headings written here: lower case, punctuation dropped, spaces to hyphens. */
function slugOf(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function relative(fromFile, toFile) {
  const link = path.posix.relative(path.posix.dirname(fromFile), toFile);
  return link.startsWith('.') ? link : `./${link}`;
}

/** Which unique URL each external link slot uses: every URL at least once, the rest repeats, shuffled. */
function externalSlots(files, next) {
  const total = files * shape.externalLinks;
  const unique = Math.max(1, Math.round(total * shape.uniqueShare));
  const slots = Array.from({ length: total }, (_, index) => (index < unique ? index : Math.floor(next() * unique)));
  for (let index = total - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [slots[index], slots[other]] = [slots[other], slots[index]];
  }
  return { slots, unique };
}

/** One internal link from file `index`: its target and, when broken on purpose, why. */
function internalLink(index, files, seed, next) {
  const from = fileOf(index);
  const other = Math.floor(next() * files);
  const roll = next();
  if (roll < shape.missingFileShare) {
    return { href: relative(from, fileOf(other).replace('.md', '-draft.md')), broken: 'missing-file' };
  }
  if (roll < shape.missingFileShare + shape.missingFragmentShare) {
    const target = next() < 0.5 ? '' : relative(from, fileOf(other));
    return { href: `${target}#topic-9-${pick(next, words)}-retired`, broken: 'missing-fragment' };
  }
  const kind = next();
  if (kind < 0.35) return { href: relative(from, fileOf(other)) };
  if (kind < 0.7) return { href: `${relative(from, fileOf(other))}#${pick(next, headingsOf(other, seed)).slug}` };
  return { href: `#${pick(next, headingsOf(index, seed)).slug}` };
}

/**
 * Writes `files` Markdown files under `dir`.
 * @param options.files how many files
 * @param options.origins the latency servers' origins; none for an internal-only corpus
 * @param options.seed the generator's seed
 * @returns the ground truth (broken internal links as `file line`, broken external links as `file URL`,
 *   the paths the servers must answer 404 for), each file's external URLs, and the corpus' counts
 */
export function writeCorpus(dir, { files, origins = [], seed }) {
  const next = random(seed);
  const external = origins.length > 0 ? externalSlots(files, random(seed + 1)) : { slots: [], unique: 0 };
  const urlPath = (slot) => `/docs/page-${slot}`;
  const urlOf = (slot) => `${origins[slot % origins.length]}${urlPath(slot)}`;
  const brokenSlots = new Set();
  const pickBroken = random(seed + 2);
  for (let slot = 0; slot < external.unique; slot++) if (pickBroken() < shape.brokenUrlShare) brokenSlots.add(slot);

  const truth = { internal: [], external: new Set(), brokenPaths: [...brokenSlots].map(urlPath) };
  const filesPerBrokenUrl = new Map();
  const externalUrls = [];
  let bytes = 0;
  let internalLinks = 0;
  let externalLinks = 0;
  for (let index = 0; index < files; index++) {
    const file = fileOf(index);
    const headings = headingsOf(index, seed);
    const lines = [`# Page ${index}: ${phrase(next, 4)}`, '', `${capitalized(phrase(next, 14))}.`];
    const links = [];
    for (let n = 0; n < shape.internalLinks; n++)
      links.push({ ...internalLink(index, files, seed, next), internal: true });
    for (let n = 0; n < (origins.length > 0 ? shape.externalLinks : 0); n++) {
      const slot = external.slots[index * shape.externalLinks + n];
      links.push({ href: urlOf(slot), broken: brokenSlots.has(slot) ? 'dead-link' : undefined, internal: false });
    }
    externalUrls.push(links.filter((link) => !link.internal).map((link) => link.href));
    // Spread the links over the sections, one link a line, between lines of prose.
    links.forEach((link, n) => (link.section = n % shape.sections));
    headings.forEach((heading, section) => {
      lines.push('', `## ${heading.text}`, '');
      for (let prose = 0; prose < shape.proseLines; prose++) lines.push(`${capitalized(phrase(next, 14))}.`);
      for (const link of links.filter((candidate) => candidate.section === section)) {
        lines.push(`See [the ${phrase(next, 2)} notes](${link.href}) for the ${pick(next, words)} details.`);
        if (link.internal) internalLinks++;
        else externalLinks++;
        if (link.broken === undefined) continue;
        if (link.internal) truth.internal.push({ file, line: lines.length, url: link.href, kind: link.broken });
        else {
          truth.external.add(`${file} ${link.href}`);
          const seen = filesPerBrokenUrl.get(link.href) ?? new Set();
          filesPerBrokenUrl.set(link.href, seen.add(file));
        }
      }
      if (section === 2) {
        // A fenced example: its link is code, not a link, and none of the checkers should report it.
        lines.push('', '```md', `[an example](./no-such-${index}.md)`, '```');
      }
    });
    const text = `${lines.join('\n')}\n`;
    bytes += Buffer.byteLength(text);
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const spread = [...filesPerBrokenUrl.values()].map((set) => set.size);
  return {
    truth,
    externalUrls,
    counts: {
      files,
      bytes,
      internalLinks,
      externalLinks,
      uniqueUrls: external.unique,
      brokenInternal: truth.internal.length,
      brokenUrls: brokenSlots.size,
      brokenPairs: truth.external.size,
      brokenUrlsInOneFile: spread.filter((size) => size === 1).length,
      brokenUrlsInTwoFiles: spread.filter((size) => size === 2).length,
      brokenUrlsInMore: spread.filter((size) => size > 2).length,
    },
  };
}

function capitalized(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
