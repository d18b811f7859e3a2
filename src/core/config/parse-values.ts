import picomatch from 'picomatch';
import { LinkvetError } from '../errors.js';
import type { StatusRange } from './options.js';

/** Where a value came from, so an error can name the file (or flag) and the key. */
export interface ValueContext {
  readonly source: string;
  readonly key: string;
}

export type ValueParser<T> = (value: unknown, context: ValueContext) => T;

/** Throws a config error naming the source and key. */
export function invalid(context: ValueContext, expected: string, value: unknown): never {
  throw new LinkvetError(
    'config',
    `${context.source}: \`${context.key}\` must be ${expected}, got ${describe(value)}`,
    {
      file: context.source,
      key: context.key,
    },
  );
}

function describe(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

export const parseBoolean: ValueParser<boolean> = (value, context) =>
  typeof value === 'boolean' ? value : invalid(context, '`true` or `false`', value);

export const parseString: ValueParser<string> = (value, context) =>
  typeof value === 'string' && value !== '' ? value : invalid(context, 'a non-empty string', value);

/** An integer at least `min`. */
export function integerAtLeast(min: number): ValueParser<number> {
  return (value, context) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min
      ? value
      : invalid(context, `a whole number of at least ${min}`, value);
}

/** A fraction in (0, 1]. */
export const parseShare: ValueParser<number> = (value, context) =>
  typeof value === 'number' && value > 0 && value <= 1
    ? value
    : invalid(context, 'a number above 0 and at most 1', value);

/** One of a fixed set of words. */
export function oneOf<T extends string>(words: readonly T[]): ValueParser<T> {
  return (value, context) =>
    typeof value === 'string' && (words as readonly string[]).includes(value)
      ? (value as T)
      : invalid(context, `one of ${words.map((word) => `\`${word}\``).join(', ')}`, value);
}

/** A list whose items each go through `item`; a single value counts as a list of one. */
export function listOf<T>(item: ValueParser<T>): ValueParser<T[]> {
  return (value, context) => {
    const values = Array.isArray(value) ? value : [value];
    return values.map((entry, index) => item(entry, { ...context, key: `${context.key}[${index}]` }));
  };
}

const durationUnits: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const sizeUnits: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function withUnit(units: Readonly<Record<string, number>>, expected: string): ValueParser<number> {
  return (value, context) => {
    if (typeof value === 'number' && value >= 0) return value;
    const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)?\s*$/i.exec(value) : null;
    const factor = match ? units[(match[2] ?? Object.keys(units)[0] ?? '').toLowerCase()] : undefined;
    if (!match || factor === undefined) return invalid(context, expected, value);
    return Math.round(Number(match[1]) * factor);
  };
}

/** `10s`, `500ms`, `1d`, or a number of milliseconds. */
export const parseDuration = withUnit(
  durationUnits,
  'a duration such as `10s`, `500ms`, `1d` or a number of milliseconds',
);

/** `5MB`, `512KB`, or a number of bytes. */
export const parseSize = withUnit(sizeUnits, 'a size such as `5MB`, `512KB` or a number of bytes');

/** A JavaScript regular expression source. */
export const parseRegex: ValueParser<RegExp> = (value, context) => {
  const source = parseString(value, context);
  try {
    return new RegExp(source);
  } catch (error) {
    return invalid(context, `a valid regular expression (${(error as Error).message})`, value);
  }
};

/** A glob relative to the root, checked for unbalanced brackets and escapes from the root. */
export const parseGlob: ValueParser<string> = (value, context) => {
  const glob = parseString(value, context);
  if (glob.startsWith('/') || glob.split('/').includes('..')) {
    return invalid(context, 'a glob relative to the root, without a leading `/` or `..`', value);
  }
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
  } catch (error) {
    return invalid(context, `a valid glob (${(error as Error).message})`, value);
  }
  return glob;
};

/** `200`, `"200-299"`, or `{ from, to }`. */
export const parseStatusRange: ValueParser<StatusRange> = (value, context) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599)
    return { from: value, to: value };
  const match = typeof value === 'string' ? /^\s*(\d{3})\s*(?:-\s*(\d{3}))?\s*$/.exec(value) : null;
  if (match) {
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (from >= 100 && to <= 599 && from <= to) return { from, to };
  }
  return invalid(context, 'an HTTP status or a range such as `200-299`', value);
};

/** An absolute http(s) URL. */
export const parseHttpUrl: ValueParser<string> = (value, context) => {
  const text = parseString(value, context);
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // Reported below, with the key.
  }
  return invalid(context, 'an absolute http or https URL', value);
};
