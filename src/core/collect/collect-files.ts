import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Config } from '../config/options.js';
import type { Violation } from '../types.js';
import { isIgnored, readIgnoreLayer, type IgnoreLayer } from './gitignore.js';
import { fileProblem } from './problems.js';

/** The files to check, sorted, and the entries that could not be walked. */
export interface Collection {
  readonly files: readonly string[];
  readonly problems: readonly Violation[];
}

interface Walk {
  readonly config: Config;
  /** The root with symlinks resolved: walks never leave it. */
  readonly realRoot: string;
  readonly included: (file: string) => boolean;
  readonly excluded: (file: string) => boolean;
  readonly files: Set<string>;
  readonly problems: Violation[];
}

/**
 * Finds the Markdown files to check: the command-line paths (or the whole root),
 * filtered by `include`, `exclude` and `.gitignore`, in code-point order.
 */
export function collectFiles(config: Config): Collection {
  const walk: Walk = {
    config,
    realRoot: realpathSync.native(config.root),
    included: picomatch([...config.include], { dot: true }),
    excluded: excluder(config),
    files: new Set(),
    problems: [],
  };
  const starts = config.paths.length === 0 ? [''] : config.paths;
  for (const start of starts) collectPath(walk, start);
  return { files: [...walk.files].sort(byCodeUnit), problems: walk.problems };
}

function excluder(config: Config): (file: string) => boolean {
  const globs = picomatch([...config.exclude], { dot: true });
  return (file) => (config.exclude.length > 0 && globs(file)) || config.excludePatterns.some((re) => re.test(file));
}

/** A path named on the command line: a file is taken as given, a directory is walked. */
function collectPath(walk: Walk, start: string): void {
  const stats = statOrProblem(walk, start);
  if (!stats) return;
  if (stats.isFile()) {
    if (!walk.excluded(start)) walk.files.add(start);
    return;
  }
  walkDirectory(walk, start, layersFor(walk.config.root, start, walk.config.gitignore), new Set());
}

/** The `.gitignore` layers of the root and every directory above `start`. */
function layersFor(root: string, start: string, enabled: boolean): IgnoreLayer[] {
  if (!enabled) return [];
  const parts = start === '' ? [] : start.split('/').slice(0, -1);
  const bases = ['', ...parts.map((_, index) => parts.slice(0, index + 1).join('/'))];
  return bases.flatMap((base) => readIgnoreLayer(root, base) ?? []);
}

function walkDirectory(walk: Walk, dir: string, layers: readonly IgnoreLayer[], ancestors: ReadonlySet<string>): void {
  const real = realPath(walk, dir);
  if (real === undefined) return;
  // A symlink to a directory outside the repository is not part of it (GitHub does not follow
  // one), and following it could walk the whole machine.
  if (real !== walk.realRoot && !real.startsWith(walk.realRoot + path.sep)) return;
  if (ancestors.has(real)) {
    walk.problems.push(fileProblem(dir, `\`${dir}\` is a symlink loop (it leads back to \`${real}\`); skipped`));
    return;
  }
  const entries = readDirectory(walk, dir);
  const own = dir === '' ? undefined : walk.config.gitignore ? readIgnoreLayer(walk.config.root, dir) : undefined;
  const active = own ? [...layers, own] : layers;
  const inside = new Set(ancestors).add(real);
  for (const entry of entries) visitEntry(walk, entry, dir, active, inside);
}

function visitEntry(
  walk: Walk,
  entry: Dirent,
  dir: string,
  layers: readonly IgnoreLayer[],
  ancestors: ReadonlySet<string>,
): void {
  if (entry.name === '.git') return;
  const file = dir === '' ? entry.name : `${dir}/${entry.name}`;
  const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && statOrProblem(walk, file, true)?.isDirectory());
  if (isDirectory) {
    if (!isIgnored(layers, `${file}/`) && !walk.excluded(`${file}/`)) walkDirectory(walk, file, layers, ancestors);
    return;
  }
  if (!walk.included(file) || walk.excluded(file) || isIgnored(layers, file)) return;
  if (entry.isSymbolicLink() && !statOrProblem(walk, file)) return;
  walk.files.add(file);
}

function realPath(walk: Walk, dir: string): string | undefined {
  try {
    return realpathSync.native(path.join(walk.config.root, dir));
  } catch (error) {
    walk.problems.push(fileProblem(dir, `cannot read directory \`${dir}\` (${errorCode(error)}); skipped`));
    return undefined;
  }
}

function readDirectory(walk: Walk, dir: string): Dirent[] {
  try {
    return readdirSync(path.join(walk.config.root, dir), { withFileTypes: true }).sort((a, b) =>
      byCodeUnit(a.name, b.name),
    );
  } catch (error) {
    walk.problems.push(
      fileProblem(dir || '.', `cannot read directory \`${dir || '.'}\` (${errorCode(error)}); skipped`),
    );
    return [];
  }
}

function statOrProblem(walk: Walk, file: string, quiet = false): Stats | undefined {
  try {
    return statSync(path.join(walk.config.root, file));
  } catch (error) {
    if (!quiet) walk.problems.push(fileProblem(file, `cannot read \`${file}\` (${errorCode(error)}); skipped`));
    return undefined;
  }
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'ENOENT') return 'broken symlink';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error as Error).message;
}

/** Sorts by UTF-16 code units, so the order does not depend on the locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
