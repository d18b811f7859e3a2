import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest } from '../../util/closest.js';
import { isInside } from '../../util/contained-path.js';

/** What a path is on disk, compared byte for byte as GitHub does. */
export type PathLookup =
  | { readonly kind: 'file' }
  | { readonly kind: 'directory'; readonly entries: readonly string[] }
  | { readonly kind: 'missing'; readonly suggestion?: string }
  /** `link` (the path or one of its directories) is a symlink whose hops, `link` first, come back to one of them. */
  | { readonly kind: 'loop'; readonly link: string; readonly chain: readonly string[] };

/** What one directory holds: names mapped to whether each is a directory, and the symlinks that loop. */
interface Listing {
  readonly entries: ReadonlyMap<string, boolean>;
  readonly loops: ReadonlySet<string>;
}

/** The kernel gives up after 40 symlinks (Linux's MAXSYMLINKS); a chain this long without a repeat is not shown. */
const maxHops = 40;

/** Answers "does this path exist, exactly?" with one `readdir` per directory for the whole run. */
export class FileIndex {
  readonly #root: string;
  /** The root with symlinks resolved, for judging where a symlink really points. */
  readonly #realRoot: string;
  readonly #directories = new Map<string, Listing | undefined>();

  constructor(root: string) {
    this.#root = root;
    this.#realRoot = realOrSelf(root);
  }

  /** Looks up a POSIX path relative to the root (`''` is the root itself). */
  lookup(file: string): PathLookup {
    const segments = file === '' ? [] : file.split('/');
    let current = '';
    let corrected: string[] | undefined;
    for (const [index, segment] of segments.entries()) {
      const listing = this.#listing(current);
      const entries = listing?.entries;
      const isLast = index === segments.length - 1;
      if (corrected === undefined && listing?.loops.has(segment)) return this.#loop(join(current, segment));
      const name = entries?.has(segment) ? segment : this.#nearest(entries, segment);
      if (name === undefined) return { kind: 'missing' };
      if (name !== segment) corrected ??= segments.slice(0, index);
      corrected?.push(name);
      const isDirectory = entries?.get(name) === true;
      if (!isLast && !isDirectory) return { kind: 'missing' };
      current = join(current, name);
    }
    if (corrected) return { kind: 'missing', suggestion: corrected.join('/') };
    return this.#describe(current);
  }

  #describe(file: string): PathLookup {
    const entries = this.#listing(file)?.entries;
    return entries ? { kind: 'directory', entries: [...entries.keys()] } : { kind: 'file' };
  }

  /** A looping symlink, shown hop by hop when every hop stays inside the repository; else just missing. */
  #loop(link: string): PathLookup {
    const chain = loopChain(this.#realRoot, path.join(this.#root, link));
    return chain === undefined ? { kind: 'missing' } : { kind: 'loop', link, chain: [link, ...chain.slice(1)] };
  }

  #nearest(entries: ReadonlyMap<string, boolean> | undefined, segment: string): string | undefined {
    return entries ? closest(segment, entries.keys()) : undefined;
  }

  /** The real target of a symlink when it exists inside the repository and outside `.git`, or that it loops. */
  #containedTarget(link: string): { readonly real: string } | 'loop' | undefined {
    let real: string;
    try {
      real = realpathSync(link);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : undefined;
    }
    return isContained(this.#realRoot, real) ? { real } : undefined;
  }

  /** What a directory holds; `undefined` when it is not a readable directory. */
  #listing(dir: string): Listing | undefined {
    if (this.#directories.has(dir)) return this.#directories.get(dir);
    let listing: Listing | undefined;
    try {
      listing = this.#read(path.join(this.#root, dir));
    } catch {
      listing = undefined;
    }
    this.#directories.set(dir, listing);
    return listing;
  }

  #read(absolute: string): Listing {
    const entries = new Map<string, boolean>();
    const loops = new Set<string>();
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (!entry.isSymbolicLink()) {
        entries.set(entry.name, entry.isDirectory());
        continue;
      }
      // A symlink counts only when it resolves inside the repository and outside `.git`; one that dangles or
      // leaves is absent, so neither lookups nor "did you mean" reveal what lies beyond it. One that loops is
      // absent too, but remembered, so a link to it can say why.
      const target = this.#containedTarget(path.join(absolute, entry.name));
      if (target === 'loop') loops.add(entry.name);
      else if (target !== undefined) entries.set(entry.name, isDirectory(target.real));
    }
    return { entries, loops };
  }
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Whether a real path is inside the (real) root and outside its `.git`. */
function isContained(realRoot: string, real: string): boolean {
  return isInside(realRoot, real) && !isInside(path.join(realRoot, '.git'), real);
}

/**
 * The hops of a looping symlink as POSIX paths relative to the root, the first hop first and the hop it comes back
 * to last; `undefined` when any hop lies outside the repository or in `.git` (what is there stays unsaid), or when
 * the chain cannot be followed.
 */
function loopChain(realRoot: string, link: string): string[] | undefined {
  const seen = new Set<string>();
  const shown: string[] = [];
  let hop: string | undefined = realParentOf(link);
  for (let count = 0; hop !== undefined && count <= maxHops; count++) {
    if (!isContained(realRoot, hop)) return undefined;
    shown.push(path.relative(realRoot, hop).split(path.sep).join('/'));
    if (seen.has(hop)) return shown;
    seen.add(hop);
    hop = nextHop(hop);
  }
  return undefined;
}

/** Where a symlink points, with its directory's symlinks resolved; `undefined` when it is not a symlink. */
function nextHop(link: string): string | undefined {
  try {
    return realParentOf(path.resolve(path.dirname(link), readlinkSync(link)));
  } catch {
    return undefined;
  }
}

/** `file` with its directory's symlinks resolved but not its own last component, which may be the looping link. */
function realParentOf(file: string): string | undefined {
  try {
    return path.join(realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return undefined;
  }
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
