import { LinkvetError } from '../errors.js';
import { isRuleId, ruleIds } from '../rules/registry.js';
import type { RuleId, SeverityOrOff } from '../types.js';
import { closest } from '../util/closest.js';
import type { HeaderRule, Options, Remap, RuleOverride } from './options.js';
import {
  integerAtLeast,
  invalid,
  listOf,
  oneOf,
  parseBoolean,
  parseDuration,
  parseGlob,
  parseHttpUrl,
  parseRegex,
  parseShare,
  parseSize,
  parseStatusRange,
  parseString,
  type ValueContext,
  type ValueParser,
} from './parse-values.js';

type Schema = Readonly<Record<string, (options: Options, value: unknown, context: ValueContext) => void>>;

const severities = ['error', 'warning', 'notice', 'off'] as const;

const parseRemap: ValueParser<Remap> = (value, context) => {
  const entry = asObject(value, context);
  const nested = nestedContext(context);
  rejectUnknownKeys(entry, ['from', 'to'], context);
  return { from: parseRegex(entry['from'], nested('from')), to: parseString(entry['to'], nested('to')) };
};

const parseHeaderRule: ValueParser<HeaderRule> = (value, context) => {
  const entry = asObject(value, context);
  const nested = nestedContext(context);
  rejectUnknownKeys(entry, ['urls', 'headers'], context);
  const headers = asObject(entry['headers'], nested('headers'));
  const nestedHeaders = nestedContext(nested('headers'));
  return {
    urls: parseRegex(entry['urls'], nested('urls')),
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, header]) => [name, parseString(header, nestedHeaders(name))]),
    ),
  };
};

/** A duration above zero: a budget of nothing would check nothing. */
const positiveDuration: ValueParser<number> = (value, context) => {
  const duration = parseDuration(value, context);
  return duration > 0 ? duration : invalid(context, 'a duration above zero such as `30s` or `10m`', value);
};

/** `{ files: [globs], rules: { rule-id: severity } }`; both keys are required, with at least one glob. */
const parseOverride: ValueParser<RuleOverride> = (value, context) => {
  const entry = asObject(value, context);
  const nested = nestedContext(context);
  rejectUnknownKeys(entry, ['files', 'rules'], context);
  const files = entry['files'] === undefined ? [] : listOf(parseGlob)(entry['files'], nested('files'));
  if (files.length === 0) invalid(nested('files'), 'a list of at least one glob', entry['files']);
  return { files, rules: parseRules(entry['rules'], nested('rules')) };
};

const parseRepository: ValueParser<string> = (value, context) => {
  const repository = parseString(value, context);
  return /^[\w.-]+\/[\w.-]+$/.test(repository) ? repository : invalid(context, 'an `owner/name` repository', value);
};

const archiveSchema: Schema = {
  enabled: (o, v, c) => (o.archive = { ...o.archive, enabled: parseBoolean(v, c) }),
  endpoint: (o, v, c) => (o.archive = { ...o.archive, endpoint: parseHttpUrl(v, c) }),
};

const anchorSchema: Schema = {
  minLinks: (o, v, c) => (o.anchors = { ...o.anchors, minLinks: integerAtLeast(1)(v, c) }),
  maxShare: (o, v, c) => (o.anchors = { ...o.anchors, maxShare: parseShare(v, c) }),
  minFiles: (o, v, c) => (o.anchors = { ...o.anchors, minFiles: integerAtLeast(1)(v, c) }),
  minDomainLinks: (o, v, c) => (o.anchors = { ...o.anchors, minDomainLinks: integerAtLeast(2)(v, c) }),
  minDiversity: (o, v, c) => (o.anchors = { ...o.anchors, minDiversity: parseShare(v, c) }),
  internal: (o, v, c) => (o.anchors = { ...o.anchors, internal: parseBoolean(v, c) }),
  builtinPhrases: (o, v, c) => (o.anchors = { ...o.anchors, builtinPhrases: parseBoolean(v, c) }),
  genericPhrases: (o, v, c) => (o.anchors = { ...o.anchors, genericPhrases: listOf(parseString)(v, c) }),
  brandTerms: (o, v, c) => (o.anchors = { ...o.anchors, brandTerms: listOf(parseString)(v, c) }),
};

const cacheSchema: Schema = {
  enabled: (o, v, c) => (o.cache = { ...o.cache, enabled: parseBoolean(v, c) }),
  path: (o, v, c) => (o.cache = { ...o.cache, path: parseString(v, c) }),
  maxAge: (o, v, c) => (o.cache = { ...o.cache, maxAgeMs: parseDuration(v, c) }),
};

const referencesSchema: Schema = {
  shortcut: (o, v, c) => (o.references = { ...o.references, shortcut: parseBoolean(v, c) }),
};

/** The config file's keys (DESIGN.md), each writing its validated value into `Options`. */
const schema: Schema = {
  include: (o, v, c) => (o.include = listOf(parseGlob)(v, c)),
  exclude: (o, v, c) => (o.exclude = listOf(parseGlob)(v, c)),
  gitignore: (o, v, c) => (o.gitignore = parseBoolean(v, c)),
  maxFileSize: (o, v, c) => (o.maxFileSize = parseSize(v, c)),
  ignoreUrls: (o, v, c) => (o.ignoreUrls = listOf(parseRegex)(v, c)),
  remap: (o, v, c) => (o.remap = listOf(parseRemap)(v, c)),
  offline: (o, v, c) => (o.offline = parseBoolean(v, c)),
  timeout: (o, v, c) => (o.timeoutMs = parseDuration(v, c)),
  retries: (o, v, c) => (o.retries = integerAtLeast(0)(v, c)),
  concurrency: (o, v, c) => (o.concurrency = integerAtLeast(1)(v, c)),
  perHostConcurrency: (o, v, c) => (o.perHostConcurrency = integerAtLeast(1)(v, c)),
  maxPerHostConcurrency: (o, v, c) => (o.maxPerHostConcurrency = integerAtLeast(1)(v, c)),
  urlBudget: (o, v, c) => (o.urlBudgetMs = positiveDuration(v, c)),
  maxRunTime: (o, v, c) => (o.maxRunTimeMs = positiveDuration(v, c)),
  accept: (o, v, c) => (o.accept = listOf(parseStatusRange)(v, c)),
  externalFragments: (o, v, c) => (o.externalFragments = parseBoolean(v, c)),
  blockPrivate: (o, v, c) => (o.blockPrivate = parseBoolean(v, c)),
  maxRedirects: (o, v, c) => (o.maxRedirects = integerAtLeast(0)(v, c)),
  userAgent: (o, v, c) => (o.userAgent = parseString(v, c)),
  headers: (o, v, c) => (o.headers = listOf(parseHeaderRule)(v, c)),
  archive: (o, v, c) => applySchema(archiveSchema, o, v, c),
  repository: (o, v, c) => (o.repository = parseRepository(v, c)),
  githubToken: (o, v, c) => (o.githubToken = parseString(v, c)),
  githubApi: (o, v, c) => (o.githubApi = parseBoolean(v, c)),
  // Writing `cache:` at all turns the cache on, unless it says `enabled: false`.
  cache: (o, v, c) => applySchema(cacheSchema, Object.assign(o, { cache: { enabled: true, ...o.cache } }), v, c),
  denyDomains: (o, v, c) => (o.denyDomains = listOf(parseString)(v, c)),
  denyFile: (o, v, c) => (o.denyFile = parseString(v, c)),
  anchors: (o, v, c) => applySchema(anchorSchema, o, v, c),
  references: (o, v, c) => applySchema(referencesSchema, o, v, c),
  rules: (o, v, c) => (o.rules = parseRules(v, c)),
  overrides: (o, v, c) => (o.overrides = listOf(parseOverride)(v, c)),
  failOn: (o, v, c) => (o.failOn = oneOf(['error', 'warning', 'notice', 'never'] as const)(v, c)),
};

/** The keys a config file may hold at its top level. */
export const configKeys: readonly string[] = Object.keys(schema);

/**
 * Validates the parsed contents of a config file into `Options`.
 * @param raw what YAML or JSON parsing produced
 * @param source the file's name, used in every error message
 */
export function validateOptions(raw: unknown, source: string): Options {
  const options: Options = {};
  if (raw === null || raw === undefined) return options;
  applySchema(schema, options, raw, { source, key: '' });
  return options;
}

function applySchema(keys: Schema, options: Options, value: unknown, context: ValueContext): void {
  const object = asObject(value, context);
  rejectUnknownKeys(object, Object.keys(keys), context);
  const nested = nestedContext(context);
  for (const [key, entry] of Object.entries(object)) keys[key]?.(options, entry, nested(key));
}

function parseRules(value: unknown, context: ValueContext): Partial<Record<RuleId, SeverityOrOff>> {
  const object = asObject(value, context);
  rejectUnknownKeys(object, ruleIds, context);
  const nested = nestedContext(context);
  const rules: Partial<Record<RuleId, SeverityOrOff>> = {};
  for (const [id, severity] of Object.entries(object)) {
    if (isRuleId(id)) rules[id] = oneOf(severities)(severity, nested(id));
  }
  return rules;
}

function asObject(value: unknown, context: ValueContext): Readonly<Record<string, unknown>> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return invalid({ ...context, key: context.key || '(top level)' }, 'a mapping of keys to values', value);
}

function nestedContext(context: ValueContext): (key: string) => ValueContext {
  return (key) => ({ source: context.source, key: context.key ? `${context.key}.${key}` : key });
}

function rejectUnknownKeys(
  object: Readonly<Record<string, unknown>>,
  known: readonly string[],
  context: ValueContext,
): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const path = context.key ? `${context.key}.${key}` : key;
    const suggestion = closest(key, known);
    const hint = suggestion ? `; did you mean \`${suggestion}\`?` : `; known keys: ${known.join(', ')}`;
    throw new LinkvetError('config', `${context.source}: unknown key \`${path}\`${hint}`, {
      file: context.source,
      key: path,
    });
  }
}
