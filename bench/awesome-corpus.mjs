// The corpus of `npm run bench -- --awesome`: three README files shaped like awesome lists
// (sections of `- [name](url) - description.` items), about 1,800 unique URLs of which 90% are
// on one dominant host, with the faults of awesome-servers.mjs mixed in: 404s, URL-level 429s,
// a dozen never-answering URLs, and 301/302 redirects into URLs the lists also link directly.
// About one link in ten repeats a URL another list links too. Seeded: every run writes the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { random } from './corpus.mjs';

/** How many unique URLs of each kind; `ok` fills the rest. The trios are `/ok/r<n>` with `/moved/r<n>` and `/found/r<n>`. */
export const awesomeShape = {
  uniqueUrls: 1800,
  dominantShare: 0.9,
  redirectTrios: 40,
  goneDominant: 30,
  goneMinor: 10,
  limited: 36,
  hang: 12,
  lists: 3,
  itemsPerSection: 25,
  repeatShare: 0.1,
};

/** Every unique URL with its kind; minor hosts get only `ok` and `gone`, as the faults live on the big host. */
function uniqueUrls(origins) {
  const [dominant, ...minor] = origins;
  const shape = awesomeShape;
  const urls = [];
  const add = (origin, kind, id) => urls.push({ url: `${origin}/${kind}/${id}`, kind });
  for (let n = 0; n < shape.redirectTrios; n++)
    for (const kind of ['ok', 'moved', 'found']) add(dominant, kind, `r${n}`);
  for (let n = 0; n < shape.goneDominant; n++) add(dominant, 'gone', `d${n}`);
  for (let n = 0; n < shape.limited; n++) add(dominant, 'limited', `l${n}`);
  for (let n = 0; n < shape.hang; n++) add(dominant, 'hang', `h${n}`);
  const minorCount = Math.round(shape.uniqueUrls * (1 - shape.dominantShare));
  for (let n = 0; n < shape.goneMinor; n++) add(minor[n % minor.length], 'gone', `m${n}`);
  for (let n = 0; n < minorCount - shape.goneMinor; n++) add(minor[n % minor.length], 'ok', `m${n}`);
  for (let n = 0; urls.length < shape.uniqueUrls; n++) add(dominant, 'ok', `p${n}`);
  return urls;
}

function shuffle(list, next) {
  for (let index = list.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [list[index], list[other]] = [list[other], list[index]];
  }
  return list;
}

/** `awesome-<n>/README.md` */
export function listFile(index) {
  return `awesome-${index}/README.md`;
}

/**
 * Writes the lists under `dir`.
 * @returns the ground truth (`file URL` of every link that must be reported: `gone` dead, `hang`
 *   unreachable), the `moved` links (permanent redirects) and the counts
 */
export function writeAwesomeCorpus(dir, { origins, seed }) {
  const next = random(seed);
  const urls = uniqueUrls(origins);
  const repeats = Array.from({ length: Math.round(urls.length * awesomeShape.repeatShare) }, () => ({
    ...urls[Math.floor(next() * urls.length)],
    repeat: true,
  }));
  const items = shuffle([...urls, ...repeats], next);
  const perList = Math.ceil(items.length / awesomeShape.lists);
  const truth = new Set();
  const moved = new Set();
  let links = 0;
  for (let list = 0; list < awesomeShape.lists; list++) {
    const file = listFile(list);
    const mine = dedupe(items.slice(list * perList, (list + 1) * perList));
    const lines = [`# Awesome things, part ${list + 1}`, '', 'A curated list.', ''];
    links += mine.length;
    mine.forEach(({ url, kind }, index) => {
      if (index % awesomeShape.itemsPerSection === 0)
        lines.push('', `## Category ${index / awesomeShape.itemsPerSection + 1}`, '');
      lines.push(`- [Project ${list}-${index}](${url}) - A project of kind ${kind}, item ${index}.`);
      if (kind === 'gone' || kind === 'hang') truth.add(`${file} ${url}`);
      if (kind === 'moved') moved.add(`${file} ${url}`);
    });
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
  }
  return { truth, moved, counts: { links, uniqueUrls: urls.length, byKind: countKinds(urls) } };
}

/** A list names a URL once: a repeat that landed in the same list as its original is dropped. */
function dedupe(items) {
  const seen = new Set();
  return items.filter(({ url }) => !seen.has(url) && seen.add(url));
}

function countKinds(urls) {
  const counts = {};
  for (const { kind } of urls) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
