import path from 'node:path';
import type { Config } from '../config/options.js';
import type { Target } from '../types.js';

/** What classification needs to know about the run. */
export interface ClassifyOptions {
  readonly ignoreUrls: readonly RegExp[];
  readonly remap: readonly { readonly from: RegExp; readonly to: string }[];
  /** `owner/name`: github.com links into this repository are checked against the checkout. */
  readonly repository?: string;
  /** Refs whose github.com links the checkout stands for (its branch, `main`, `master`). */
  readonly localRefs?: readonly string[];
}

/** The classification settings of a run's config: `--exclude` regexes skip URLs as `ignoreUrls` do. */
export function classifyOptions(config: Config): ClassifyOptions {
  return {
    ignoreUrls: [...config.ignoreUrls, ...config.excludePatterns],
    remap: config.remap,
    localRefs: config.localRefs,
    ...(config.repository === undefined ? {} : { repository: config.repository }),
  };
}

const schemePattern = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Decides where a URL written in `file` leads, without touching the disk or network.
 * @param file the linking file, POSIX and relative to the root
 * @param url the URL as written (definitions already resolved)
 */
export function classifyLink(file: string, url: string, options: ClassifyOptions): Target {
  const trimmed = url.trim();
  if (options.ignoreUrls.some((pattern) => pattern.test(trimmed))) return { type: 'ignored', reason: 'ignoreUrls' };
  const written = applyRemap(trimmed, options.remap);
  const target = classifyWritten(file, written, options);
  return written !== trimmed && target.type === 'external' ? { ...target, remapped: true } : target;
}

function classifyWritten(file: string, written: string, options: ClassifyOptions): Target {
  if (written === '') return { type: 'ignored', reason: 'empty URL' };
  if (written.startsWith('#')) return classifyFragment(written.slice(1));
  if (written.startsWith('//')) return classifyExternal(`https:${written}`, options);
  const scheme = schemePattern.exec(written)?.[1]?.toLowerCase();
  if (scheme === undefined) return classifyPath(file, written);
  switch (scheme) {
    case 'http':
    case 'https':
      return classifyExternal(written, options);
    case 'mailto':
      return classifyEmail(written.slice('mailto:'.length));
    case 'tel':
      return classifyPhone(written.slice('tel:'.length));
    default:
      return { type: 'ignored', reason: `${scheme}: scheme` };
  }
}

function applyRemap(url: string, remap: ClassifyOptions['remap']): string {
  const rule = remap.find((entry) => entry.from.test(url));
  return rule ? url.replace(rule.from, rule.to) : url;
}

function classifyFragment(raw: string): Target {
  if (raw === '') return { type: 'ignored', reason: 'empty fragment' };
  const fragment = decode(raw);
  return fragment === undefined ? invalidEncoding(raw) : { type: 'fragment', fragment };
}

function classifyExternal(url: string, options: ClassifyOptions): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { type: 'invalid', reason: 'the URL cannot be parsed' };
  }
  if (parsed.hostname === '') return { type: 'invalid', reason: 'the URL has no host' };
  return ownRepositoryFile(parsed, options) ?? { type: 'external', url: parsed.href };
}

/**
 * `https://github.com/<this repo>/blob|tree|raw/<ref>/<path>` (or raw.githubusercontent.com) as a
 * file of the checkout, when `<ref>` is one the checkout stands for; other refs stay external.
 */
function ownRepositoryFile(url: URL, options: ClassifyOptions): Target | undefined {
  if (options.repository === undefined) return undefined;
  const onGithub = url.hostname === 'github.com' || url.hostname === 'raw.githubusercontent.com';
  const prefix = `/${options.repository}/`;
  if (!onGithub || !url.pathname.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  let rest = url.pathname.slice(prefix.length);
  if (url.hostname === 'github.com') {
    const view = /^(blob|tree|raw)\//.exec(rest)?.[1];
    if (view === undefined) return undefined;
    rest = rest.slice(view.length + 1);
  }
  const ref = (options.localRefs ?? []).find((name) => rest === name || rest.startsWith(`${name}/`));
  if (ref === undefined) return undefined;
  const filePath = decodePath(rest.slice(ref.length + 1));
  if (filePath === undefined) return invalidEncoding(rest);
  if (filePath.includes('\0')) return nulInPath;
  // `%2e%2e/` survives URL parsing and decodes to `../`, so the path is resolved like any other.
  const resolved = normalizeInRoot('', filePath.replace(/^\/+/, '') || '.');
  if (isOutsideRoot(resolved)) return { type: 'outside-root', path: resolved };
  const target = resolved === '.' ? '' : resolved;
  const fragment = url.hash === '' ? undefined : decode(url.hash.slice(1));
  return fragment === undefined ? { type: 'file', path: target } : { type: 'file', path: target, fragment };
}

const emailPattern = /^[^\s@,;]+@[^\s@,;.]+(\.[^\s@,;.]+)*$/;

function classifyEmail(rest: string): Target {
  const addresses = (decode(rest.split('?')[0] ?? '') ?? '').split(',').map((address) => address.trim());
  const bad = addresses.find((address) => address !== '' && !emailPattern.test(address));
  if (bad !== undefined) return { type: 'invalid', reason: `\`${bad}\` is not an email address` };
  if (addresses.every((address) => address === '') && !rest.includes('?')) {
    return { type: 'invalid', reason: 'the mailto: link names no address' };
  }
  return { type: 'email', address: addresses.join(',') };
}

function classifyPhone(rest: string): Target {
  const number = decode(rest) ?? rest;
  const digits = number.replace(/[\s().-]/g, '');
  if (!/^\+?\d{2,}(;[\w=-]+)*$/.test(digits)) return { type: 'invalid', reason: `\`${number}\` is not a phone number` };
  return { type: 'phone', number };
}

/**
 * On github.com a file is shown at `/owner/repo/blob/<branch>/<path>`, so climbing two levels
 * above the root reaches the repository's own pages: `../../issues/new` from the README works.
 */
const repositoryPage =
  /^\.\.\/\.\.\/(issues|pulls|pull|wiki|releases|actions|discussions|security|projects|tags|branches|compare|commits|commit|graphs|network|labels|milestones|blob|tree|raw|blame|stargazers|watchers|forks|contributors|pulse)(\/|$)/;

/** A relative (`./a.md`, `a.md`) or root-relative (`/docs/a.md`) path, with optional `?query` and `#fragment`. */
function classifyPath(file: string, url: string): Target {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const rawFragment = hashAt === -1 ? undefined : url.slice(hashAt + 1);
  const rawPath = beforeHash.split('?')[0] ?? '';
  const decodedPath = decodePath(rawPath);
  if (decodedPath === undefined) return invalidEncoding(rawPath);
  if (decodedPath.includes('\0')) return nulInPath;
  const fragment = rawFragment === undefined || rawFragment === '' ? undefined : decode(rawFragment);
  if (rawFragment && fragment === undefined) return invalidEncoding(rawFragment);
  // A root-relative path resolves from the root like a relative one, so `/../x.md` climbs out too.
  const rootRelative = decodedPath.startsWith('/');
  const base = rootRelative ? '' : path.posix.dirname(file);
  const relative = rootRelative ? decodedPath.replace(/^\/+/, '') || '.' : decodedPath || path.posix.basename(file);
  const resolved = normalizeInRoot(base === '.' ? '' : base, relative);
  if (repositoryPage.test(resolved)) return { type: 'ignored', reason: 'a github.com repository page' };
  if (isOutsideRoot(resolved)) return { type: 'outside-root', path: resolved };
  const target = rawPath === '' ? file : resolved === '.' ? '' : resolved.replace(/^\//, '');
  return fragment === undefined ? { type: 'file', path: target } : { type: 'file', path: target, fragment };
}

/** `relative` joined to `base`, normalised, without a trailing slash; `.` for the root itself. */
function normalizeInRoot(base: string, relative: string): string {
  return path.posix.normalize(path.posix.join(base, relative)).replace(/\/+$/, '') || '.';
}

function isOutsideRoot(resolved: string): boolean {
  return resolved === '..' || resolved.startsWith('../');
}

/**
 * A decoded path with backslashes read as slashes, as browsers read them in web URLs: `..\\` is
 * a traversal on GitHub and on a Windows runner, not part of a file name.
 */
function decodePath(raw: string): string | undefined {
  return decode(raw)?.replaceAll('\\', '/');
}

const nulInPath: Target = { type: 'invalid', reason: 'the path holds a NUL character, which no file name can' };

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function invalidEncoding(raw: string): Target {
  return { type: 'invalid', reason: `\`${raw}\` has malformed percent-encoding` };
}
