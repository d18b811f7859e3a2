/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbours as one
 * edit (optimal string alignment), because typos swap letters: `form` is one edit from `from`.
 */
export function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Characters compared so far (cells of distance tables, steps of merges): the unit suggestions are bounded by. */
export interface ComparisonWork {
  steps: number;
}

/**
 * Bounds on suggesting, so that a file of thousands of headings and thousands of missing fragments
 * costs a bounded amount instead of headings × fragments full distance tables. A suggestion is a
 * courtesy: past a bound there is none, never a worse one.
 */
export const suggestionLimits = {
  /** Longer names get only case-only suggestions: a typo in 300 characters is not what happened. */
  comparedLength: 256,
  /** Candidates beyond the first this many (in the order given) are never suggested. */
  candidates: 10_000,
  /** Work for one name (a few milliseconds); when it runs out, that name gets no suggestion. */
  stepsPerName: 1_000_000,
  /** Work shared by every name asked of one `nearestAmong` list (well under a second); then no more suggestions. */
  stepsPerList: 100_000_000,
} as const;

/** Options for tests and callers that measure the work done. */
export interface ClosestOptions {
  readonly work?: ComparisonWork;
}

/** Answers "which candidate is `wanted` a typo of?" for one list of candidates, asked many times. */
export type Nearest = (wanted: string) => string | undefined;

/**
 * The candidate nearest to `wanted`, if it is near enough to be a plausible typo:
 * a case-only difference always qualifies, otherwise at most a third of the length.
 * Ties go to the first in code-unit order, so suggestions are deterministic.
 */
export function closest(
  wanted: string,
  candidates: Iterable<string>,
  options: ClosestOptions = {},
): string | undefined {
  const work = options.work ?? { steps: 0 };
  // Asked once, the list is not worth sorting for a head start.
  return nearestIn(prepare(candidates, false), wanted, work, work.steps + suggestionLimits.stepsPerName);
}

/**
 * `closest` for a list asked about many names (every missing fragment of a file): the candidates
 * are prepared once, and all the names share one budget of work, so the total stays bounded.
 */
export function nearestAmong(candidates: Iterable<string>, options: ClosestOptions = {}): Nearest {
  const prepared = prepare(candidates, true);
  const work = options.work ?? { steps: 0 };
  const listEnd = work.steps + suggestionLimits.stepsPerList;
  return (wanted) => {
    if (work.steps >= listEnd) return undefined;
    return nearestIn(prepared, wanted, work, Math.min(listEnd, work.steps + suggestionLimits.stepsPerName));
  };
}

/**
 * Candidates lower-cased once and grouped by length, so a name meets only those within its length
 * limit; also sorted by prefix and by suffix, to find a close one first and so a tight bound early.
 */
interface Prepared {
  readonly byLength: ReadonlyMap<number, readonly Candidate[]>;
  readonly byPrefix: readonly Candidate[];
  readonly bySuffix: readonly Candidate[];
}

interface Candidate {
  readonly original: string;
  readonly lower: string;
  readonly reversed: string;
}

function prepare(candidates: Iterable<string>, sorted: boolean): Prepared {
  const byLength = new Map<number, Candidate[]>();
  const all: Candidate[] = [];
  for (const original of candidates) {
    if (all.length >= suggestionLimits.candidates) break;
    const lower = original.toLowerCase();
    const candidate = { original, lower, reversed: sorted ? reverse(lower) : '' };
    all.push(candidate);
    let group = byLength.get(lower.length);
    if (!group) byLength.set(lower.length, (group = []));
    group.push(candidate);
  }
  if (!sorted) return { byLength, byPrefix: [], bySuffix: [] };
  const byPrefix = [...all].sort((a, b) => compareUnits(a.lower, b.lower));
  const bySuffix = [...all].sort((a, b) => compareUnits(a.reversed, b.reversed));
  return { byLength, byPrefix, bySuffix };
}

function reverse(text: string): string {
  let reversed = '';
  for (let index = text.length - 1; index >= 0; index--) reversed += text.charAt(index);
  return reversed;
}

function compareUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many neighbours in prefix and in suffix order are compared first, on each side. */
const seedNeighbours = 4;

/**
 * Compares first the candidates that sort next to `wanted` by prefix and by suffix (a typo leaves
 * one end intact), then every candidate by growing length difference, since the distance is at
 * least that difference: once it passes the limit, or the best distance found, no further group
 * can win. `undefined` when nothing is near enough, or when `workEnd` is reached before the
 * answer is sure. The answer does not depend on the order: ties go to code-unit order.
 */
function nearestIn(prepared: Prepared, wanted: string, work: ComparisonWork, workEnd: number): string | undefined {
  const lower = wanted.toLowerCase();
  const limit = lower.length > suggestionLimits.comparedLength ? 0 : Math.max(1, Math.floor(wanted.length / 3));
  let best: Candidate | undefined;
  let bestDistance = limit + 1;
  const consider = (candidate: Candidate): void => {
    const bound = Math.min(limit, bestDistance);
    if (Math.abs(candidate.lower.length - lower.length) > bound) return;
    const distance =
      candidate.lower === lower
        ? 0
        : bound === 0 || bagDistance(lower.length, candidate.lower, bound, work) > bound
          ? bound + 1
          : boundedDistance(lower, candidate.lower, bound, work);
    if (distance < bestDistance || (distance === bestDistance && best && candidate.original < best.original)) {
      best = candidate;
      bestDistance = distance;
    }
  };
  countUnits(lower, 1);
  try {
    for (const neighbour of neighbours(prepared.byPrefix, (candidate) => candidate.lower, lower)) consider(neighbour);
    for (const neighbour of neighbours(prepared.bySuffix, (candidate) => candidate.reversed, reverse(lower))) {
      consider(neighbour);
    }
    for (let difference = 0; difference <= Math.min(limit, bestDistance); difference++) {
      for (const length of difference === 0 ? [lower.length] : [lower.length - difference, lower.length + difference]) {
        for (const candidate of prepared.byLength.get(length) ?? []) {
          if (work.steps >= workEnd) return undefined;
          consider(candidate);
        }
      }
    }
  } finally {
    countUnits(lower, -1);
  }
  return bestDistance <= limit ? best?.original : undefined;
}

/** How many of each code unit the name being looked up holds; all zero between lookups. */
const unitCounts = new Int32Array(0x10000);
/** The units `bagDistance` took from `unitCounts`, to put back. */
let taken = new Uint16Array(1024);

function countUnits(text: string, step: 1 | -1): void {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    unitCounts[unit] = (unitCounts[unit] ?? 0) + step;
  }
}

/** The candidates on either side of where `key` would sit in `sorted`, found by binary search. */
function neighbours(sorted: readonly Candidate[], keyOf: (candidate: Candidate) => string, key: string): Candidate[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const candidate = sorted[middle];
    if (candidate && keyOf(candidate) < key) low = middle + 1;
    else high = middle;
  }
  return sorted.slice(Math.max(0, low - seedNeighbours), low + seedNeighbours);
}

/**
 * How many characters of one string have no partner in the other, the larger side: a lower bound
 * on the distance (each edit pairs off at most one more; a swap changes none), found in one pass
 * over the candidate against the counts of the name's code units, so most candidates are ruled out
 * before any table is filled. Past `bound` it stops early and returns some number over `bound`.
 */
function bagDistance(wantedLength: number, candidate: string, bound: number, work: ComparisonWork): number {
  if (taken.length < candidate.length) taken = new Uint16Array(2 * candidate.length);
  let common = 0;
  let seen = 0;
  // Characters without a partner only add up, so the count stops once the candidate's pass the bound.
  while (seen < candidate.length && seen - common <= bound) {
    const unit = candidate.charCodeAt(seen++);
    if ((unitCounts[unit] ?? 0) > 0) {
      unitCounts[unit] = (unitCounts[unit] ?? 0) - 1;
      taken[common++] = unit;
    }
  }
  for (let index = 0; index < common; index++) {
    const unit = taken[index] ?? 0;
    unitCounts[unit] = (unitCounts[unit] ?? 0) + 1;
  }
  work.steps += seen + common;
  return Math.max(wantedLength - common, seen - common, candidate.length - common);
}

/** Rows of the distance table, reused from one comparison to the next. */
let rows: readonly [Int32Array, Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0), new Int32Array(0)];

function rowsFor(length: number): readonly [Int32Array, Int32Array, Int32Array] {
  if (rows[0].length <= length) {
    const size = Math.max(length + 1, 2 * rows[0].length);
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  return rows;
}

/**
 * `editDistance(a, b)` when it is at most `bound`, else `bound + 1`, filling only the band of
 * cells within `bound` of the diagonal (Ukkonen) and stopping at the first row whose every cell
 * is past the bound: O(length × bound) at worst instead of O(length²). Assumes the lengths
 * differ by at most `bound`.
 */
function boundedDistance(a: string, b: string, bound: number, work: ComparisonWork): number {
  if (a === b) return 0;
  const over = bound + 1;
  if (bound === 0) return over;
  let [beforePrevious, previous, current] = rowsFor(b.length);
  for (let j = 0; j <= b.length; j++) previous[j] = Math.min(j, over);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    // The cells just left and right of the band lie beyond the bound (or are the first column).
    current[from - 1] = from === 1 ? Math.min(i, over) : over;
    if (to < b.length) current[to + 1] = over;
    let rowBest = current[from - 1] ?? over;
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? over) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? over) + 1);
      }
      current[j] = Math.min(best, over);
      rowBest = Math.min(rowBest, best);
    }
    work.steps += to - from + 1;
    // No cell of a later row is smaller than the smallest of this one.
    if (rowBest > bound) return over;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length] ?? over, over);
}
