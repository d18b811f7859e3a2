import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * The real path of `file` with symlinks resolved through its deepest existing ancestor, so a path that does not
 * exist yet (a cache file to create) is judged by where it would really land.
 */
export function realPathOfDeepestAncestor(file: string): string {
  const absolute = path.resolve(file);
  let existing = absolute;
  const missing: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(existing), missing.reverse().join(path.sep));
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

/** Whether `file` (already real) is `dir` (already real) or inside it. */
export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const kernelFileSystems = ['/proc', '/sys', '/dev'];

/**
 * Resolves `file` against `root` and returns it when, symlinks resolved, it lands inside one of `allowed`
 * (real directories) and outside `/proc`, `/sys` and `/dev`; `undefined` otherwise. A repository's config file
 * must not make the run read or write the runner's files.
 */
export function containedPath(root: string, file: string, allowed: readonly string[]): string | undefined {
  const real = realPathOfDeepestAncestor(path.resolve(root, file));
  if (kernelFileSystems.some((dir) => isInside(dir, real))) return undefined;
  const dirs = allowed.map((dir) => realPathOfDeepestAncestor(dir));
  return dirs.some((dir) => isInside(dir, real)) ? real : undefined;
}
