import { LinkvetError } from '../errors.js';
import type { Config, Shard } from './options.js';

/**
 * `2/3`: the second of three slices, 1-based, as `--shard` and the action's `shard` input take it.
 * @param name the flag or input, named in the error
 */
export function parseShard(value: string, name: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match && count >= 1 && index >= 1 && index <= count) return { index, count };
  throw new LinkvetError('usage', `${name} must be i/n with 1 ≤ i ≤ n, such as \`2/3\`, got \`${value}\``, {
    key: name,
  });
}

/**
 * Exclusions as `--exclude` and the action's `exclude` input take them: globs (files) and regexes
 * (files and URLs), a regex being `^…`, `/…/`, or anything with a backslash.
 * @param name the flag or input, named in the error
 */
export function parseExcludes(
  values: readonly string[],
  name: string,
): Pick<Config, 'exclude' | 'excludePatterns'> | Record<string, never> {
  if (values.length === 0) return {};
  const isRegex = (value: string): boolean => value.startsWith('^') || value.includes('\\') || /^\/.+\/$/.test(value);
  return {
    exclude: values.filter((value) => !isRegex(value)),
    excludePatterns: values.filter(isRegex).map((value) => toRegex(value.replace(/^\/(.+)\/$/, '$1'), name)),
  };
}

function toRegex(source: string, name: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new LinkvetError(
      'usage',
      `${name} \`${source}\` is not a valid regular expression (${(error as Error).message})`,
      { key: name },
    );
  }
}
