import path from 'node:path';
import { withFileLock, type LockOptions } from '../../util/file-lock.js';
import { readPlainFile, whyUnreadable } from '../../util/read-regular-file.js';
import { writeFileAtomic, WriteFileError } from '../../util/write-file-atomic.js';
import type { Archived, CacheableOutcome, FragmentAnswers, Hop, NetworkError, Outcome } from './outcome.js';

/** About a million URLs' verdicts: far beyond any documentation site. */
const maxCacheFileBytes = 256 * 1024 * 1024;

/** One remembered outcome and when it was found. */
export interface CacheEntry {
  readonly outcome: CacheableOutcome;
  /** Milliseconds since the epoch. */
  readonly checkedAt: number;
}

/** Outcomes of earlier runs, keyed by URL. */
export interface LinkCache {
  /** The cached outcome when younger than maxAge at `now`. */
  get(url: string, now: number): CacheableOutcome | undefined;
  /** Records an outcome; `unreachable` outcomes are never stored (transient). */
  set(url: string, outcome: Outcome, now: number): void;
  /** Writes the file atomically (temp file in the same directory + rename); returns a warning string instead of throwing when it cannot. */
  save(): string | undefined;
}

/** A cache ready to use, and why the file behind it was ignored, if it was. */
export interface OpenedCache {
  readonly cache: LinkCache;
  readonly warning?: string;
}

const tool = 'linkvet';
const formatVersion = 1;

/** What the file on disk held: the entries worth keeping, and why `save` must leave the file alone, if it must. */
interface Loaded {
  readonly entries: Map<string, CacheEntry>;
  readonly dropped: number;
  readonly warning?: string;
  readonly keepReason?: string;
}

/**
 * Reads the cache file; a missing file is an empty cache; a corrupt, foreign (not ours / wrong version) or
 * unreadable file is ignored with a warning naming the file, never a throw. Saving merges with what another run
 * saved meanwhile (see `mergeAndWrite`).
 * @param shownAs how warnings name the file, e.g. its path relative to the root
 * @param lock how long `save` waits for another run's save to finish
 */
export function openCache(file: string, maxAgeMs: number, shownAs: string = file, lock: LockOptions = {}): OpenedCache {
  const shown = (message: string | undefined): string | undefined =>
    message?.replaceAll(`\`${file}\``, `\`${shownAs}\``);
  const loaded = loadFile(file);
  const { keepReason } = loaded;
  const persist: Persist =
    keepReason === undefined
      ? (entries, isKept) => shown(mergeAndWrite({ file, entries, isKept, lock }))
      : () => shown(notWriting(file, keepReason));
  const cache = createCache({ entries: loaded.entries, maxAgeMs, persist, changed: loaded.dropped > 0 });
  const warning = shown(loaded.warning);
  return warning === undefined ? { cache } : { cache, warning };
}

/** An in-memory cache that never reads or writes (for --no-cache / tests). */
export function memoryCache(): LinkCache {
  return createCache({
    entries: new Map(),
    maxAgeMs: Number.POSITIVE_INFINITY,
    persist: () => undefined,
    changed: false,
  });
}

/** Writes the entries, keeping only those `isKept` accepts; a warning instead of a throw. */
type Persist = (entries: ReadonlyMap<string, CacheEntry>, isKept: (entry: CacheEntry) => boolean) => string | undefined;

interface CacheState {
  readonly entries: Map<string, CacheEntry>;
  readonly maxAgeMs: number;
  readonly persist: Persist;
  changed: boolean;
}

/** The cache behind both kinds; `save` prunes what has expired by the latest `now` it was given. */
function createCache(state: CacheState): LinkCache {
  const { entries, maxAgeMs } = state;
  let latest: number | undefined;
  const isFresh = (entry: CacheEntry, now: number): boolean => {
    const age = now - entry.checkedAt;
    return age >= 0 && age < maxAgeMs;
  };
  const see = (now: number): void => {
    latest = Math.max(latest ?? now, now);
  };
  return {
    get: (url, now) => {
      see(now);
      const entry = entries.get(url);
      return entry !== undefined && isFresh(entry, now) ? entry.outcome : undefined;
    },
    set: (url, outcome, now) => {
      see(now);
      if (outcome.type === 'unreachable' || outcome.type === 'blocked') return;
      entries.set(url, { outcome, checkedAt: now });
      state.changed = true;
    },
    save: () => {
      if (!state.changed) return undefined;
      const now = latest;
      // Unlike `get`, saving keeps an entry dated after our last check: another run sharing the file checked it
      // later (or its clock runs ahead). Up to `maxAge` ahead only, so a far-future date cannot pin an entry forever.
      const isKept = (entry: CacheEntry): boolean => now === undefined || Math.abs(now - entry.checkedAt) < maxAgeMs;
      for (const [url, entry] of entries) if (!isKept(entry)) entries.delete(url);
      const warning = state.persist(entries, isKept);
      if (warning === undefined) state.changed = false;
      return warning;
    },
  };
}

function loadFile(file: string): Loaded {
  let text: string;
  try {
    text = readPlainFile(file, maxCacheFileBytes).toString('utf8');
  } catch (error) {
    if (isMissing(error)) return { entries: new Map(), dropped: 0 };
    return ignored(file, `it cannot be read (${whyUnreadable(error)})`, 'it cannot be read');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's message quotes the text, and the path may name any file: say only what is wrong.
    if (isTornCache(text)) return ignored(file, 'it is not valid JSON (a write cut short); it will be rewritten');
    const keepReason = text.trim() === '' ? undefined : 'it holds something other than a linkvet cache';
    return ignored(file, 'it is not valid JSON', keepReason);
  }
  return fromJson(file, data);
}

/** A cache linkvet began to write and something cut short: ours to rewrite, unlike a file that is not ours. */
function isTornCache(text: string): boolean {
  return /^\{\s*"tool"\s*:\s*"linkvet"\s*,/.test(text);
}

function fromJson(file: string, data: unknown): Loaded {
  if (!isRecord(data) || data.tool !== tool) {
    return ignored(file, 'it was not written by linkvet', 'it holds something other than a linkvet cache');
  }
  if (data.version !== formatVersion) return otherVersion(file, data.version);
  if (!isRecord(data.entries)) return ignored(file, 'it has no `entries` object');
  const entries = new Map<string, CacheEntry>();
  for (const [url, raw] of Object.entries(data.entries)) {
    const entry = toEntry(raw);
    if (entry !== undefined) entries.set(url, entry);
  }
  const dropped = Object.keys(data.entries).length - entries.size;
  if (dropped === 0) return { entries, dropped };
  const warning = `Dropped ${dropped} malformed ${dropped === 1 ? 'entry' : 'entries'} from the cache file \`${file}\`.`;
  return { entries, dropped, warning };
}

/**
 * A cache of another format version: an older one is replaced on save; a newer linkvet's is kept
 * for it, so running an older version in between loses nothing.
 */
function otherVersion(file: string, version: unknown): Loaded {
  if (!Number.isSafeInteger(version)) return ignored(file, 'its `version` is not a whole number');
  const shown = `it has version \`${String(version)}\`, expected \`${formatVersion}\``;
  if ((version as number) < formatVersion) return ignored(file, shown);
  return ignored(file, `${shown} (a newer linkvet wrote it)`, 'a newer linkvet wrote it');
}

/** An empty cache over an unusable file; with a `keepReason`, `save` will not replace the file. */
function ignored(file: string, reason: string, keepReason?: string): Loaded {
  const kept = keepReason === undefined ? '' : '; it will be left as it is';
  const warning = `Ignoring the cache file \`${file}\`: ${reason}${kept}.`;
  return keepReason === undefined
    ? { entries: new Map(), dropped: 0, warning }
    : { entries: new Map(), dropped: 0, warning, keepReason };
}

function notWriting(file: string, reason: string): string {
  return `Not writing the cache file \`${file}\`: ${reason}.`;
}

interface MergeWrite {
  readonly file: string;
  readonly entries: ReadonlyMap<string, CacheEntry>;
  readonly isKept: (entry: CacheEntry) => boolean;
  readonly lock: LockOptions;
}

/**
 * Two runs sharing one cache file (parallel jobs, a re-run overlapping the first) each loaded it before the other
 * saved: writing only our entries would drop the other run's results. So the file is read again just before the
 * write, and each URL keeps its most recent verdict (`checkedAt`) of the two. A lock file beside the cache makes the
 * read and the write one step. When the lock cannot be had within about half a second (another run still saving, or
 * a directory where no lock can be created), the write goes ahead with the merge still applied, so the last writer
 * wins only over a save that overlapped its own. If another run replaced the file meanwhile with one that must be
 * kept (a newer linkvet's), it is kept.
 */
function mergeAndWrite({ file, entries, isKept, lock }: MergeWrite): string | undefined {
  return withFileLock(
    lockPathOf(file),
    () => {
      const onDisk = loadFile(file);
      if (onDisk.keepReason !== undefined) return notWriting(file, onDisk.keepReason);
      return writeFile(
        file,
        [...newestOf(onDisk.entries, entries)].filter(([, entry]) => isKept(entry)),
      );
    },
    lock,
  );
}

/** `.<name>.linkvet-lock` beside the cache: hidden, like the temp files of the atomic write. */
function lockPathOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.linkvet-lock`);
}

/** Every URL of both, with the entry checked last; ours on a tie. */
function newestOf(
  theirs: ReadonlyMap<string, CacheEntry>,
  ours: ReadonlyMap<string, CacheEntry>,
): Map<string, CacheEntry> {
  const merged = new Map(ours);
  for (const [url, entry] of theirs) {
    const mine = merged.get(url);
    if (mine === undefined || entry.checkedAt > mine.checkedAt) merged.set(url, entry);
  }
  return merged;
}

function writeFile(file: string, entries: Iterable<readonly [string, CacheEntry]>): string | undefined {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const json = JSON.stringify({ tool, version: formatVersion, entries: Object.fromEntries(sorted) });
  try {
    writeFileAtomic(file, `${json}\n`);
    return undefined;
  } catch (error) {
    const reason = error instanceof WriteFileError ? error.reason : (error as Error).message;
    return `Could not write the cache file \`${file}\`: ${reason}`;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toEntry(raw: unknown): CacheEntry | undefined {
  if (!isRecord(raw) || !isCount(raw.checkedAt)) return undefined;
  const outcome = toOutcome(raw.outcome);
  return outcome === undefined ? undefined : { outcome, checkedAt: raw.checkedAt };
}

/** Rebuilds a stored outcome field by field, so nothing unchecked or unknown gets through. */
function toOutcome(raw: unknown): CacheableOutcome | undefined {
  if (!isRecord(raw) || !isCount(raw.attempts)) return undefined;
  const chain = toChain(raw.chain);
  if (chain === undefined) return undefined;
  const { attempts, status } = raw;
  switch (raw.type) {
    case 'alive':
      return toAlive(raw, chain, attempts);
    case 'dead':
      return toDead(raw, chain, attempts);
    case 'denied':
      return isStatus(status) ? { type: 'denied', status, chain, attempts } : undefined;
    default:
      return undefined;
  }
}

/**
 * An alive outcome and its fragment answers. An entry of an older linkvet lists every id of the page
 * (`ids`) instead: that list is not read (it is what made id-dense pages exhaust the heap), so the
 * entry still answers for the URL's status, and a fragment check of it fetches the page again and
 * replaces the entry on save. No version bump is needed either way: an older linkvet reading
 * `fragments` ignores it the same way and refetches for fragments.
 */
function toAlive(
  raw: Readonly<Record<string, unknown>>,
  chain: readonly Hop[],
  attempts: number,
): CacheableOutcome | undefined {
  const { status, finalUrl } = raw;
  if (!isStatus(status) || typeof finalUrl !== 'string') return undefined;
  const alive = { type: 'alive', status, finalUrl, chain, attempts, ...toArchived(raw.archived) } as const;
  if (raw.fragments === undefined) return alive;
  const fragments = toFragmentAnswers(raw.fragments);
  return fragments === undefined ? undefined : { ...alive, fragments };
}

/** The `archived` field the GitHub API check stores (with its date when it is a string), or nothing. */
function toArchived(raw: unknown): { archived?: Archived } {
  if (!isRecord(raw)) return {};
  return { archived: typeof raw.at === 'string' ? { at: raw.at } : {} };
}

function toFragmentAnswers(raw: unknown): FragmentAnswers | undefined {
  if (!isRecord(raw) || !isStrings(raw.found) || !isStrings(raw.missing)) return undefined;
  const { found, missing, stoppedAt } = raw;
  if (stoppedAt === undefined) return { found, missing };
  return stoppedAt === 'id-limit' ? { found, missing, stoppedAt } : undefined;
}

function toDead(
  raw: Readonly<Record<string, unknown>>,
  chain: readonly Hop[],
  attempts: number,
): CacheableOutcome | undefined {
  const { status, error } = raw;
  if (status !== undefined && !isStatus(status)) return undefined;
  if (error !== undefined && !isNetworkError(error)) return undefined;
  return {
    type: 'dead',
    chain,
    attempts,
    ...(status === undefined ? {} : { status }),
    ...(error === undefined ? {} : { error }),
  };
}

function toChain(raw: unknown): readonly Hop[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const hops: Hop[] = [];
  for (const hop of raw as readonly unknown[]) {
    if (!isRecord(hop) || typeof hop.url !== 'string' || !isStatus(hop.status)) return undefined;
    hops.push({ url: hop.url, status: hop.status });
  }
  return hops;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 999;
}

function isStrings(value: unknown): value is readonly string[] {
  return Array.isArray(value) && (value as readonly unknown[]).every((item) => typeof item === 'string');
}

/** Every `NetworkError`; the `Record` type makes the compiler insist on the whole list. */
const networkErrors: Readonly<Record<NetworkError, true>> = {
  timeout: true,
  'connect-timeout': true,
  refused: true,
  reset: true,
  'dns-not-found': true,
  'dns-failure': true,
  tls: true,
  'redirect-loop': true,
  'too-many-redirects': true,
  'bad-redirect': true,
  'unsafe-redirect': true,
  'bad-response': true,
  'oversized-headers': true,
  'blocked-address': true,
  other: true,
};

function isNetworkError(value: unknown): value is NetworkError {
  return typeof value === 'string' && Object.hasOwn(networkErrors, value);
}
