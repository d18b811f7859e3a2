import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { LinkvetError } from '../errors.js';
import { toPosix } from '../util/paths.js';
import { readPlainFile, whyUnreadable } from '../util/read-regular-file.js';
import { containedPath } from '../util/contained-path.js';
import { configFileNames, defaults } from './defaults.js';
import { readGitFacts } from './read-git-facts.js';
import { denyList, parseDenyFile, type DenyList } from './deny-list.js';
import type { Config, Options } from './options.js';
import { validateOptions } from './validate-options.js';

/** Config files are a few KB; a bigger one is a mistake or an attack. */
const maxConfigFileBytes = 1024 * 1024;
/** Disavow files of large sites run to a few MB. */
const maxDenyFileBytes = 64 * 1024 * 1024;

/** What a shell knows before the config is loaded. */
export interface ConfigRequest {
  /** The directory relative paths on the command line are resolved from. */
  readonly cwd: string;
  /** `--root`; default: the nearest directory holding `.git`, else `cwd`. */
  readonly root?: string;
  /** `--config`; default: the first of `.linkvet.yml`, `.linkvet.yaml`, `.linkvet.json` in the root. */
  readonly configFile?: string;
  /** How the shell names `configFile` in messages: `--config` (the default), or the action's `input 'config'`. */
  readonly configFileName?: string;
  /** Files or directories to check, relative to `cwd`. */
  readonly paths?: readonly string[];
  /** Flags and action inputs; they win over the config file. */
  readonly flags?: Options;
}

/**
 * Builds the run's frozen `Config`: defaults, then the config file, then flags.
 * @throws LinkvetError naming the flag, file or key when anything is unusable
 */
export function loadConfig(request: ConfigRequest): Config {
  const root = resolveRoot(request);
  const configPath = findConfigFile(request, root);
  const fromFile = configPath ? readConfigFile(configPath, root) : {};
  const merged = applyFlags(mergeOptions(defaults, fromFile), request.flags ?? {});
  checkCachePath(root, merged.cache, request.flags?.cache?.path === undefined);
  const git = readGitFacts(root);
  const config: Config = {
    ...merged,
    ...(merged.repository === undefined && git.repository !== undefined ? { repository: git.repository } : {}),
    localRefs: [...new Set(['HEAD', 'main', 'master', ...git.branches])],
    deny: readDenyList(root, merged.denyDomains, merged.denyFile, request.flags?.denyFile === undefined),
    root,
    paths: resolvePaths(request, root),
    ...(configPath ? { configFile: toPosix(path.relative(root, configPath)) } : {}),
  };
  return deepFreeze(config);
}

/** `denyDomains` plus the disavow-style `denyFile`, which must exist and parse. */
function readDenyList(
  root: string,
  domains: readonly string[],
  denyFile: string | undefined,
  fromConfigFile: boolean,
): DenyList {
  if (denyFile === undefined) return denyList(domains);
  const file = fromConfigFile ? containedPath(root, denyFile, [root]) : path.resolve(root, denyFile);
  if (file === undefined) throw outsideRepository('denyFile', denyFile);
  let text: string;
  try {
    text = readPlainFile(file, maxDenyFileBytes).toString('utf8');
  } catch (error) {
    throw new LinkvetError('config', `\`denyFile\` \`${denyFile}\` cannot be read: ${whyUnreadable(error)}`, {
      file: denyFile,
      key: 'denyFile',
    });
  }
  return denyList(domains, parseDenyFile(text, denyFile));
}

/** A path from the config file that lands outside the repository; the message names only the key and the path. */
function outsideRepository(key: string, value: string): LinkvetError {
  return new LinkvetError(
    'config',
    `\`${key}\` \`${value}\` is outside the repository; config paths must stay inside it`,
    {
      key,
    },
  );
}

/** `cache.path` from the config file must stay inside the repository: the run creates and rewrites that file. */
function checkCachePath(root: string, cache: Config['cache'], fromConfigFile: boolean): void {
  if (!fromConfigFile || !cache.enabled) return;
  if (containedPath(root, cache.path, [root]) === undefined) throw outsideRepository('cache.path', cache.path);
}

function resolveRoot(request: ConfigRequest): string {
  if (request.root === undefined) return findGitTop(request.cwd) ?? path.resolve(request.cwd);
  const root = path.resolve(request.cwd, request.root);
  if (!isDirectory(root))
    throw new LinkvetError('usage', `--root \`${request.root}\` is not a directory`, { key: '--root' });
  return root;
}

/** The nearest ancestor holding `.git` (a directory, or a file in worktrees and submodules). */
function findGitTop(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function findConfigFile(request: ConfigRequest, root: string): string | undefined {
  if (request.configFile !== undefined) {
    const file = path.resolve(request.cwd, request.configFile);
    if (!existsSync(file)) {
      const name = request.configFileName ?? '--config';
      throw new LinkvetError('usage', `${name} \`${request.configFile}\` does not exist`, { key: name });
    }
    return file;
  }
  return configFileNames.map((name) => path.join(root, name)).find((file) => existsSync(file));
}

function readConfigFile(file: string, root: string): Options {
  const source = toPosix(path.relative(root, file)) || file;
  let text: string;
  try {
    text = readPlainFile(file, maxConfigFileBytes)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } catch (error) {
    throw new LinkvetError('config', `${source}: cannot read the config file (${whyUnreadable(error)})`, {
      file: source,
    });
  }
  return validateOptions(file.endsWith('.json') ? parseJson(text, source) : parseYaml(text, source), source);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LinkvetError('config', `${source}: invalid JSON (${(error as Error).message})`, { file: source });
  }
}

/**
 * Aliases may repeat a node this many times in all: an alias bomb ("billion laughs") expands
 * exponentially, and the yaml library refuses it past this count with a plain `ReferenceError`.
 */
const maxAliasCount = 100;

function parseYaml(text: string, source: string): unknown {
  try {
    return parseYamlDocument(text, source);
  } catch (error) {
    if (error instanceof LinkvetError) throw error;
    // Alias bombs and nesting deep enough to overflow the stack: refused, never a crash.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new LinkvetError('config', `${source}: unusable YAML (${reason})`, { file: source });
  }
}

function parseYamlDocument(text: string, source: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = document.errors;
  if (first) {
    const place = first.linePos?.[0];
    const where = place ? `:${place.line}:${place.col}` : '';
    throw new LinkvetError('config', `${source}${where}: invalid YAML (${yamlReason(first.message)})`, {
      file: source,
      ...(place ? { line: place.line, column: place.col } : {}),
    });
  }
  return document.toJS({ maxAliasCount }) as unknown;
}

/** The first line of a YAML error, without the position the file:line:col prefix already gives. */
function yamlReason(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/** Later wins; the nested `anchors`, `cache` and `references` objects merge key by key. */
function mergeOptions<T extends Options>(base: T, override: Options): T {
  return {
    ...base,
    ...override,
    anchors: { ...base.anchors, ...override.anchors },
    cache: { ...base.cache, ...override.cache },
    references: { ...base.references, ...override.references },
    archive: { ...base.archive, ...override.archive },
    rules: { ...base.rules, ...override.rules },
  };
}

/** Flags win over the file, except that `--exclude` adds to the file's (or the default) excludes. */
function applyFlags(base: typeof defaults, flags: Options): typeof defaults {
  return {
    ...mergeOptions(base, flags),
    exclude: [...new Set([...base.exclude, ...(flags.exclude ?? [])])],
    excludePatterns: [...base.excludePatterns, ...(flags.excludePatterns ?? [])],
  };
}

function resolvePaths(request: ConfigRequest, root: string): string[] {
  return (request.paths ?? []).map((given) => {
    const absolute = path.resolve(request.cwd, given);
    const relative = path.relative(root, absolute);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      throw new LinkvetError('usage', `path \`${given}\` is outside the root \`${root}\``, { file: given });
    }
    if (!existsSync(absolute)) throw new LinkvetError('usage', `path \`${given}\` does not exist`, { file: given });
    return toPosix(relative);
  });
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof RegExp) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
