import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularFile } from '../util/read-regular-file.js';

/** Far more rules than any real `.gitignore` holds. */
const maxIgnoreFileBytes = 4 * 1024 * 1024;

/** The `.gitignore` rules in force in one directory, each layer relative to its own directory. */
export interface IgnoreLayer {
  /** POSIX path of the directory holding the `.gitignore`, relative to the root ('' for the root). */
  readonly base: string;
  readonly rules: Ignore;
}

/**
 * Reads `dir/.gitignore` if there is one: a regular file inside the repository, as git itself
 * would not follow a symlinked one out of it.
 */
export function readIgnoreLayer(root: string, base: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = readRegularFile(root, path.posix.join(base, '.gitignore'), maxIgnoreFileBytes).toString('utf8');
  } catch {
    return undefined;
  }
  return { base, rules: ignore().add(text) };
}

/**
 * Whether `file` (POSIX, relative to the root; directories end in `/`) is ignored. As in git,
 * the deepest layer with a rule for the file decides, so `docs/.gitignore` can re-include
 * (`!keep.md`) what the root one ignores. `layers` run from the root down.
 */
export function isIgnored(layers: readonly IgnoreLayer[], file: string): boolean {
  for (const layer of [...layers].reverse()) {
    const relative = layer.base === '' ? file : file.slice(layer.base.length + 1);
    if (relative === '') continue;
    const { ignored, unignored } = layer.rules.test(relative);
    if (ignored || unignored) return ignored;
  }
  return false;
}
