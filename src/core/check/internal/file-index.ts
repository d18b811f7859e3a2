import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest } from '../../util/closest.js';
import { isInside } from '../../util/contained-path.js';

/** What a path is on disk, compared byte for byte as GitHub does. */
export type PathLookup =
  | { readonly kind: 'file' }
  | { readonly kind: 'directory'; readonly entries: readonly string[] }
  | { readonly kind: 'missing'; readonly suggestion?: string };

/** Answers "does this path exist, exactly?" with one `readdir` per directory for the whole run. */
export class FileIndex {
  readonly #root: string;
  /** The root with symlinks resolved, for judging where a symlink really points. */
  readonly #realRoot: string;
  readonly #directories = new Map<string, ReadonlyMap<string, boolean> | undefined>();

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
      const entries = this.#entries(current);
      const isLast = index === segments.length - 1;
      const name = entries?.has(segment) ? segment : this.#nearest(entries, segment);
      if (name === undefined) return { kind: 'missing' };
      if (name !== segment) corrected ??= segments.slice(0, index);
      corrected?.push(name);
      const isDirectory = entries?.get(name) === true;
      if (!isLast && !isDirectory) return { kind: 'missing' };
      current = current === '' ? name : `${current}/${name}`;
    }
    if (corrected) return { kind: 'missing', suggestion: corrected.join('/') };
    return this.#describe(current);
  }

  #describe(file: string): PathLookup {
    const entries = this.#entries(file);
    return entries ? { kind: 'directory', entries: [...entries.keys()] } : { kind: 'file' };
  }

  #nearest(entries: ReadonlyMap<string, boolean> | undefined, segment: string): string | undefined {
    return entries ? closest(segment, entries.keys()) : undefined;
  }

  /** The real target of a symlink when it exists inside the repository and outside `.git`. */
  #containedTarget(link: string): string | undefined {
    let target: string;
    try {
      target = realpathSync(link);
    } catch {
      return undefined;
    }
    const inside = isInside(this.#realRoot, target) && !isInside(path.join(this.#realRoot, '.git'), target);
    return inside ? target : undefined;
  }

  /** Names in a directory mapped to whether each is a directory; `undefined` when not a readable directory. */
  #entries(dir: string): ReadonlyMap<string, boolean> | undefined {
    if (this.#directories.has(dir)) return this.#directories.get(dir);
    let entries: Map<string, boolean> | undefined;
    try {
      const absolute = path.join(this.#root, dir);
      entries = new Map();
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        if (!entry.isSymbolicLink()) {
          entries.set(entry.name, entry.isDirectory());
          continue;
        }
        // A symlink counts only when it resolves inside the repository and outside `.git`; one that loops,
        // dangles or leaves is absent, so neither lookups nor "did you mean" reveal what lies beyond it.
        const target = this.#containedTarget(path.join(absolute, entry.name));
        if (target !== undefined) entries.set(entry.name, isDirectory(target));
      }
    } catch {
      entries = undefined;
    }
    this.#directories.set(dir, entries);
    return entries;
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
