import type { RuleId, Severity, SeverityOrOff } from '../types.js';

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
  readonly genericPhrases: readonly string[];
  readonly brandTerms: readonly string[];
}

export interface CacheOptions {
  readonly path: string;
  readonly maxAgeMs: number;
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
  readonly perHostConcurrency: number;
  readonly accept: readonly StatusRange[];
  readonly externalFragments: boolean;
  readonly cache: CacheOptions;
  readonly denyDomains: readonly string[];
  readonly denyFile?: string;
  readonly anchors: AnchorOptions;
  readonly references: { readonly shortcut: boolean };
  readonly rules: Readonly<Partial<Record<RuleId, SeverityOrOff>>>;
  readonly failOn: FailOn;
  /** `--shard i/n`: check only the i-th of n slices of the file list (1-based), for CI matrix jobs. */
  readonly shard?: Shard;
}

/** One slice of the sorted file list: slice `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What a config file or the command line may set: any subset of `Config`'s user-facing keys. */
export type Options = {
  -readonly [
    K in Exclude<keyof Config, 'root' | 'configFile' | 'paths' | 'anchors' | 'cache' | 'references'>
  ]?: Config[K];
} & {
  anchors?: Partial<AnchorOptions>;
  cache?: Partial<CacheOptions>;
  references?: Partial<Config['references']>;
};
