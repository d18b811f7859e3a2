import { LinkvetError, parseExcludes, parseShard, type FailOn, type Options } from '../core/index.js';

/** `only-changed`: everything, the files a pull request changed, or only the lines it changed. */
export type ChangedScope = 'all' | 'files' | 'lines';

/** The action's inputs, validated; names and defaults are those of action.yml. */
export interface ActionInputs {
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly flags: Options;
  readonly onlyChanged: ChangedScope;
  readonly comment: boolean;
  readonly annotations: boolean;
  readonly summary: boolean;
  readonly suggestions: boolean;
  readonly cache: boolean;
  /** Where the JSON report goes; default in the runner's temporary directory. */
  readonly reportPath?: string;
  readonly sarifPath?: string;
  /**
   * JSON reports (files, or directories holding them) from earlier jobs to post instead of
   * checking: one for the fork pull request pattern, several shards to merge.
   */
  readonly fromReport?: readonly string[];
  readonly token: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const failOns: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];

/**
 * Reads the `INPUT_*` variables the runner sets from action.yml's inputs.
 * @throws LinkvetError naming the input when a value is unusable
 */
export function readInputs(env: Env): ActionInputs {
  const input = (name: string): string => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const optional = (name: string): string | undefined => input(name) || undefined;
  const flag = (name: string, fallback: boolean): boolean => parseBoolean(input(name), name, fallback);
  const failOn = optional('fail-on');
  const shard = optional('shard');
  const configFile = optional('config');
  const reportPath = optional('report');
  const sarifPath = optional('sarif');
  const fromReport = list(input('from-report'));
  return {
    paths: list(input('paths')),
    ...(configFile === undefined ? {} : { configFile }),
    flags: {
      ...(flag('offline', false) ? { offline: true } : {}),
      ...(flag('block-private', false) ? { blockPrivate: true } : {}),
      ...(failOn === undefined ? {} : { failOn: oneOf(failOns, failOn, 'fail-on') }),
      ...parseExcludes(list(input('exclude')), "input 'exclude'"),
      ...(shard === undefined ? {} : { shard: parseShard(shard, "input 'shard'") }),
    },
    onlyChanged: parseScope(input('only-changed')),
    comment: flag('comment', true),
    annotations: flag('annotations', true),
    summary: flag('summary', true),
    suggestions: flag('suggestions', false),
    cache: flag('cache', false),
    ...(reportPath === undefined ? {} : { reportPath }),
    ...(sarifPath === undefined ? {} : { sarifPath }),
    ...(fromReport.length === 0 ? {} : { fromReport }),
    token: input('github-token'),
  };
}

/** One value per line; a single line may also separate values with spaces. */
function list(value: string): string[] {
  return value
    .split(/\r?\n/)
    .flatMap((line) => (value.includes('\n') ? [line] : line.split(/\s+/)))
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'));
}

function parseBoolean(value: string, name: string, fallback: boolean, expected = 'true or false'): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  throw new LinkvetError('usage', `input '${name}' must be ${expected}, got \`${value}\``, { key: name });
}

function parseScope(value: string): ChangedScope {
  if (value.toLowerCase() === 'lines') return 'lines';
  return parseBoolean(value, 'only-changed', false, 'true, false or lines') ? 'files' : 'all';
}

function oneOf<T extends string>(allowed: readonly T[], value: string, name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new LinkvetError('usage', `input '${name}' must be one of ${allowed.join(', ')}, got \`${value}\``, {
    key: name,
  });
}
