import type { RuleId, Severity, SeverityOrOff } from '../types.js';
import type { DenyList } from './deny-list.js';

/** Where the exit code's threshold sits; `never` always exits 0 on findings. */
export type FailOn = Severity | 'never';

/** An inclusive range of HTTP statuses, from `accept: [200-299, 403]`. */
export interface StatusRange {
  readonly from: number;
  readonly to: number;
}

export interface Remap {
  readonly from: RegExp;
  readonly to: string;
}

export interface AnchorOptions {
  readonly minLinks: number;
  readonly maxShare: number;
  /** Distinct files the links to one page must come from before `over-optimized-anchor` judges them. */
  readonly minFiles: number;
  readonly minDomainLinks: number;
  readonly minDiversity: number;
  /** Whether `over-optimized-anchor` also judges links to pages of this repository. */
  readonly internal: boolean;
  readonly genericPhrases: readonly string[];
  /** `false` makes `genericPhrases` replace the built-in lists instead of extending them. */
  readonly builtinPhrases: boolean;
  readonly brandTerms: readonly string[];
}

/** Extra request headers for URLs matching a pattern, e.g. a cookie for private docs. */
export interface HeaderRule {
  readonly urls: RegExp;
  readonly headers: Readonly<Record<string, string>>;
}

/** Opt-in suggestions of archived copies for dead links. */
export interface ArchiveOptions {
  readonly enabled: boolean;
  readonly endpoint: string;
}

export interface CacheOptions {
  /** On when the config file mentions `cache`; results then persist between runs. */
  readonly enabled: boolean;
  readonly path: string;
  readonly maxAgeMs: number;
}

/** Rule severities for the files some globs match: `overrides: [{ files: [docs/legacy/**], rules: { … } }]`. */
export interface RuleOverride {
  /** Globs relative to the root, matched like `include`. */
  readonly files: readonly string[];
  readonly rules: Readonly<Partial<Record<RuleId, SeverityOrOff>>>;
}

/** The complete, validated settings of one run; frozen after load. */
export interface Config {
  /** Absolute path of the repository root; "/" links resolve here. */
  readonly root: string;
  /** The config file that was read, relative to the root, if any. */
  readonly configFile?: string;
  /** Paths named on the command line, relative to the root (POSIX); empty means the whole root. */
  readonly paths: readonly string[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** `--exclude` values given as regexes: matched against file paths and URLs. */
  readonly excludePatterns: readonly RegExp[];
  readonly gitignore: boolean;
  readonly maxFileSize: number;
  readonly ignoreUrls: readonly RegExp[];
  readonly remap: readonly Remap[];
  readonly offline: boolean;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly concurrency: number;
  /** Requests in flight per host at the start; the host's limit adapts between 1 and `maxPerHostConcurrency`. */
  readonly perHostConcurrency: number;
  /** The most requests in flight per host, however quickly it answers. */
  readonly maxPerHostConcurrency: number;
  /** Time one URL may spend in requests and retry waits, all hops and attempts; absent: three times `timeoutMs`. */
  readonly urlBudgetMs?: number;
  /** Wall time after which the run stops and reports what is left as `unchecked`; absent: no limit. */
  readonly maxRunTimeMs?: number;
  readonly accept: readonly StatusRange[];
  readonly externalFragments: boolean;
  /** Refuse to connect to loopback, private, link-local and cloud-metadata addresses (SSRF guard). */
  readonly blockPrivate: boolean;
  readonly maxRedirects: number;
  readonly userAgent: string;
  readonly headers: readonly HeaderRule[];
  readonly archive: ArchiveOptions;
  /** `owner/name` on github.com: links into it are checked against the local checkout. */
  readonly repository?: string;
  /** Branch names whose github.com links are checked locally (the checkout's branch, main, master). */
  readonly localRefs: readonly string[];
  /** Sent only to GitHub's API and raw hosts, to lift their rate limits. */
  readonly githubToken?: string;
  /** With a token, check github.com repository, file, issue and release links through GitHub's GraphQL API in batches. */
  readonly githubApi: boolean;
  /** GraphQL endpoint, from `GITHUB_GRAPHQL_URL`/`GITHUB_API_URL` only (never a config file: the token goes there). */
  readonly githubGraphqlUrl?: string;
  readonly cache: CacheOptions;
  readonly denyDomains: readonly string[];
  readonly denyFile?: string;
  /** `denyDomains` and the parsed `denyFile`, read once at load. */
  readonly deny: DenyList;
  readonly anchors: AnchorOptions;
  readonly references: { readonly shortcut: boolean };
  readonly rules: Readonly<Partial<Record<RuleId, SeverityOrOff>>>;
  /** Per-file severities; for a file several match, the last one naming a rule wins over `rules`. */
  readonly overrides: readonly RuleOverride[];
  readonly failOn: FailOn;
  /** `--shard i/n`: check only the i-th of n slices of the file list (1-based), for CI matrix jobs. */
  readonly shard?: Shard;
  /**
   * Changed-files mode (the action's `only-changed`): only these files, relative to the root, are
   * checked, and only if the collection would hold them anyway; links into other files still resolve.
   */
  readonly changedFiles?: readonly string[];
}

/** One slice of the sorted file list: slice `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What a config file or the command line may set: any subset of `Config`'s user-facing keys. */
export type Options = {
  -readonly [K in Exclude<keyof Config, 'root' | 'configFile' | 'paths' | 'localRefs' | NestedKeys>]?: Config[K];
} & {
  -readonly [K in NestedKeys]?: Partial<Config[K]>;
};

/** Keys whose objects merge key by key, so a config file may set just one of their fields. */
type NestedKeys = 'anchors' | 'cache' | 'references' | 'archive';
