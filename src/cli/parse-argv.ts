import { parseArgs } from 'node:util';
import { LinkvetError, type Config, type FailOn, type Options, type Shard } from '../core/index.js';

export type Format = 'text' | 'json' | 'sarif' | 'markdown';

/** What the command line asked for. */
export interface Invocation {
  readonly command: 'check' | 'help' | 'version';
  readonly paths: readonly string[];
  readonly root?: string;
  readonly configFile?: string;
  readonly format: Format;
  readonly output?: string;
  readonly includeLinks: boolean;
  readonly flags: Options;
}

const formats: readonly Format[] = ['text', 'json', 'sarif', 'markdown'];
const failOns: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];

const optionSpec = {
  config: { type: 'string' },
  root: { type: 'string' },
  offline: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  shard: { type: 'string' },
  'include-links': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * Parses argv (without `node` and the script) into an invocation.
 * @throws LinkvetError naming the bad flag or value
 */
export function parseArgv(argv: readonly string[]): Invocation {
  const { values, positionals } = parseOrExplain(argv);
  const [first, ...rest] = positionals;
  const paths = first === 'check' ? rest : positionals;
  if (first === 'merge')
    throw new LinkvetError('usage', '`linkvet merge` is not available in this version yet', { key: 'merge' });
  const flags: Options = {
    ...(values.offline ? { offline: true } : {}),
    ...(values['fail-on'] !== undefined ? { failOn: pick(failOns, values['fail-on'], '--fail-on') } : {}),
    ...excludeFlags(values.exclude ?? []),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
  };
  return {
    command: values.help ? 'help' : values.version ? 'version' : 'check',
    paths,
    ...(values.root !== undefined ? { root: values.root } : {}),
    ...(values.config !== undefined ? { configFile: values.config } : {}),
    format: values.format === undefined ? 'text' : pick(formats, values.format, '--format'),
    ...(values.output !== undefined ? { output: values.output } : {}),
    includeLinks: values['include-links'] === true,
    flags,
  };
}

function parseOrExplain(
  argv: readonly string[],
): ReturnType<typeof parseArgs<{ options: typeof optionSpec; allowPositionals: true }>> {
  try {
    return parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new LinkvetError('usage', (error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
}

/** `--shard 2/3`: the second of three slices, 1-based. */
function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match && count >= 1 && index >= 1 && index <= count) return { index, count };
  throw new LinkvetError('usage', `--shard must be i/n with 1 ≤ i ≤ n, such as \`2/3\`, got \`${value}\``, {
    key: '--shard',
  });
}

function pick<T extends string>(allowed: readonly T[], value: string, flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new LinkvetError('usage', `${flag} must be one of ${allowed.join(', ')}, got \`${value}\``, { key: flag });
}

/** `--exclude` takes globs (files) and regexes (files and URLs): `^…`, `/…/`, or anything with a backslash. */
function excludeFlags(values: readonly string[]): Pick<Config, 'exclude' | 'excludePatterns'> | Record<string, never> {
  if (values.length === 0) return {};
  const isRegex = (value: string): boolean => value.startsWith('^') || value.includes('\\') || /^\/.+\/$/.test(value);
  return {
    exclude: values.filter((value) => !isRegex(value)),
    excludePatterns: values.filter(isRegex).map((value) => toRegex(value.replace(/^\/(.+)\/$/, '$1'))),
  };
}

function toRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new LinkvetError(
      'usage',
      `--exclude \`${source}\` is not a valid regular expression (${(error as Error).message})`,
      {
        key: '--exclude',
      },
    );
  }
}
