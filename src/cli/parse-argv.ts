import { parseArgs } from 'node:util';
import { LinkvetError, parseExcludes, parseShard, type FailOn, type Options } from '../core/index.js';

export type Format = 'text' | 'json' | 'sarif' | 'markdown';

/** What the command line asked for. */
export interface Invocation {
  /** `merge` takes its `paths` as the shard reports to merge. */
  readonly command: 'check' | 'merge' | 'help' | 'version';
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
  'block-private': { type: 'boolean' },
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
  const merging = first === 'merge';
  const paths = first === 'check' || merging ? rest : positionals;
  if (merging && paths.length === 0 && !values.help) {
    throw new LinkvetError('usage', '`linkvet merge` needs the shard reports to merge: linkvet merge a.json b.json …', {
      key: 'merge',
    });
  }
  const flags: Options = {
    ...(values.offline ? { offline: true } : {}),
    ...(values['block-private'] ? { blockPrivate: true } : {}),
    ...(values['fail-on'] !== undefined ? { failOn: pick(failOns, values['fail-on'], '--fail-on') } : {}),
    ...parseExcludes(values.exclude ?? [], '--exclude'),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard, '--shard') } : {}),
  };
  return {
    command: values.help ? 'help' : values.version ? 'version' : merging ? 'merge' : 'check',
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

function pick<T extends string>(allowed: readonly T[], value: string, flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new LinkvetError('usage', `${flag} must be one of ${allowed.join(', ')}, got \`${value}\``, { key: flag });
}
