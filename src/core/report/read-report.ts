import { LinkvetError } from '../errors.js';
import { isRuleId } from '../rules/registry.js';
import type {
  AnchorCategory,
  Directive,
  DirectiveKind,
  DomainProfile,
  Finding,
  Incomplete,
  Link,
  LinkKind,
  LinkStatus,
  Report,
  Severity,
  Span,
  Stats,
} from '../types.js';

/** A link as a report lists it: the link and its status; where it leads is decided again on merge. */
export interface LinkRecord {
  readonly link: Link;
  readonly status: LinkStatus;
}

/** A report read back with its links (those written with `--include-links`), as `merge` needs. */
export interface ReportFile {
  /** The report; its `links` stay empty, since a target cannot be rebuilt without the config. */
  readonly report: Report;
  readonly links: readonly LinkRecord[];
}

/**
 * The largest report file read. A report with every link takes about 500 bytes a link, so this
 * is some 500,000 links; an untrusted artifact cannot make a job parse gigabytes of JSON.
 */
export const maxReportBytes = 256 * 1024 * 1024;

/**
 * Reads a JSON report that another job wrote, for posting or rendering it elsewhere. The file is
 * untrusted (a fork's workflow may have produced it), so every field is checked and anything
 * unexpected is refused with the key that was wrong; text fields are escaped later by the reporters.
 * @param source the file's name, used in every error message
 */
export function readReport(text: string, source: string): Report {
  return readReportFile(text, source).report;
}

/** Reads a JSON report with its links and suppression comments, checked like `readReport`. */
export function readReportFile(text: string, source: string): ReportFile {
  const at = new Reader(source);
  const json = at.parse(text);
  const root = at.object(json, '');
  if (root['schemaVersion'] !== 1) at.fail('schemaVersion', 'schema version 1', root['schemaVersion']);
  const tool = at.object(root['tool'], 'tool');
  if (tool['name'] !== 'linkvet') at.fail('tool.name', '`linkvet`', tool['name']);
  const report: Report = {
    tool: { name: 'linkvet', version: at.version(tool['version'], 'tool.version') },
    stats: readStats(at, root['stats']),
    findings: at
      .array(root['findings'], 'findings')
      .map((entry, index) => readFinding(at, entry, `findings[${index}]`)),
    links: [],
    warnings: at
      .array(root['warnings'] ?? [], 'warnings')
      .map((entry, index) => at.string(entry, `warnings[${index}]`)),
    anchors: Object.entries(at.object(root['anchors'] ?? {}, 'anchors')).map(([domain, entry]) =>
      readProfile(at, domain, entry, `anchors.${domain}`),
    ),
    directives: readDirectives(at, root['directives'] ?? {}),
    ...(root['incomplete'] === undefined ? {} : { incomplete: readIncomplete(at, root['incomplete']) }),
  };
  const links = at.array(root['links'] ?? [], 'links').map((entry, index) => readLink(at, entry, `links[${index}]`));
  return { report, links };
}

const linkKinds: readonly LinkKind[] = [
  'inline',
  'reference',
  'autolink',
  'literal',
  'image',
  'image-reference',
  'definition',
  'html-anchor',
  'html-image',
];
const statuses: readonly LinkStatus[] = ['ok', 'broken', 'skipped', 'unchecked'];
const directiveKinds: readonly (DirectiveKind | 'unknown')[] = [
  'disable-next-line',
  'disable-line',
  'disable',
  'enable',
  'unknown',
];

function readSpan(at: Reader, entry: Readonly<Record<string, unknown>>, key: string): Span {
  return {
    start: { line: at.position(entry['line'], `${key}.line`), column: at.position(entry['column'], `${key}.column`) },
    end: {
      line: at.position(entry['endLine'], `${key}.endLine`),
      column: at.position(entry['endColumn'], `${key}.endColumn`),
    },
  };
}

function readLink(at: Reader, value: unknown, key: string): LinkRecord {
  const entry = at.object(value, key);
  const link: Link = {
    file: at.relativePath(entry['file'], `${key}.file`),
    kind: at.oneOf(linkKinds, entry['kind'], `${key}.kind`),
    url: at.string(entry['url'], `${key}.url`),
    text: at.string(entry['text'], `${key}.text`),
    span: readSpan(at, entry, key),
    ...(entry['imageOnly'] === true ? { imageOnly: true } : {}),
  };
  return { link, status: at.oneOf(statuses, entry['status'], `${key}.status`) };
}

function readDirectives(at: Reader, value: unknown): Map<string, readonly Directive[]> {
  const byFile = at.object(value, 'directives');
  return new Map(
    Object.entries(byFile).map(([file, list]) => {
      const key = `directives.${file}`;
      at.relativePath(file, key);
      return [file, at.array(list, key).map((entry, index) => readDirective(at, entry, `${key}[${index}]`))];
    }),
  );
}

function readDirective(at: Reader, value: unknown, key: string): Directive {
  const entry = at.object(value, key);
  return {
    kind: at.oneOf(directiveKinds, entry['kind'], `${key}.kind`),
    rules: at.array(entry['rules'], `${key}.rules`).map((rule, index) => at.string(rule, `${key}.rules[${index}]`)),
    line: at.position(entry['line'], `${key}.line`),
    column: at.position(entry['column'], `${key}.column`),
    startLine: at.position(entry['startLine'], `${key}.startLine`),
    nextLine: at.position(entry['nextLine'], `${key}.nextLine`),
    name: at.string(entry['name'], `${key}.name`),
  };
}

const severities: readonly Severity[] = ['error', 'warning', 'notice'];

function readIncomplete(at: Reader, value: unknown): Incomplete {
  const entry = at.object(value, 'incomplete');
  const count = (key: Exclude<keyof Incomplete, 'reason'>): number => at.count(entry[key], `incomplete.${key}`);
  return {
    reason: at.string(entry['reason'], 'incomplete.reason'),
    filesChecked: count('filesChecked'),
    filesTotal: count('filesTotal'),
    linksUnchecked: count('linksUnchecked'),
  };
}

function readStats(at: Reader, value: unknown): Stats {
  const stats = at.object(value, 'stats');
  const count = (key: keyof Stats): number => at.count(stats[key], `stats.${key}`);
  return {
    files: count('files'),
    links: count('links'),
    uniqueUrls: count('uniqueUrls'),
    errors: count('errors'),
    warnings: count('warnings'),
    notices: count('notices'),
    durationMs: count('durationMs'),
  };
}

function readFinding(at: Reader, value: unknown, key: string): Finding {
  const entry = at.object(value, key);
  const rule = at.string(entry['rule'], `${key}.rule`);
  if (!isRuleId(rule)) at.fail(`${key}.rule`, 'a linkvet rule id', rule);
  const severity = at.string(entry['severity'], `${key}.severity`);
  if (!(severities as readonly string[]).includes(severity))
    at.fail(`${key}.severity`, 'error, warning or notice', severity);
  const suggestion = entry['suggestion'];
  return {
    file: at.relativePath(entry['file'], `${key}.file`),
    span: {
      start: { line: at.position(entry['line'], `${key}.line`), column: at.position(entry['column'], `${key}.column`) },
      end: {
        line: at.position(entry['endLine'], `${key}.endLine`),
        column: at.position(entry['endColumn'], `${key}.endColumn`),
      },
    },
    url: at.string(entry['url'], `${key}.url`),
    text: at.string(entry['text'], `${key}.text`),
    rule,
    severity: severity as Severity,
    message: at.string(entry['message'], `${key}.message`),
    ...(suggestion === undefined ? {} : { suggestion: at.string(suggestion, `${key}.suggestion`) }),
  };
}

const categoryKeys: Readonly<Record<AnchorCategory, string>> = {
  empty: 'empty',
  image: 'image',
  'naked-url': 'nakedUrl',
  generic: 'generic',
  branded: 'branded',
  'exact-match': 'exactMatch',
  'partial-match': 'partialMatch',
  descriptive: 'descriptive',
};

function readProfile(at: Reader, domain: string, value: unknown, key: string): DomainProfile {
  const entry = at.object(value, key);
  const categories = at.object(entry['categories'], `${key}.categories`);
  const byCategory = Object.fromEntries(
    Object.entries(categoryKeys).map(([category, name]) => [
      category,
      at.count(categories[name] ?? 0, `${key}.categories.${name}`),
    ]),
  ) as Record<AnchorCategory, number>;
  return {
    domain,
    links: at.count(entry['links'], `${key}.links`),
    distinctTexts: at.count(entry['distinctTexts'], `${key}.distinctTexts`),
    topText: at.string(entry['topText'], `${key}.topText`),
    topShare: at.share(entry['topShare'], `${key}.topShare`),
    entropy: at.share(entry['entropy'], `${key}.entropy`),
    categories: byCategory,
  };
}

/** Typed reads of untrusted JSON that fail with the file and key. */
class Reader {
  constructor(private readonly source: string) {}

  parse(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new LinkvetError('usage', `${this.source}: not a JSON report (${(error as Error).message})`, {
        file: this.source,
      });
    }
  }

  object(value: unknown, key: string): Readonly<Record<string, unknown>> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return this.fail(key, 'an object', value);
  }

  array(value: unknown, key: string): readonly unknown[] {
    return Array.isArray(value) ? value : this.fail(key, 'a list', value);
  }

  string(value: unknown, key: string): string {
    return typeof value === 'string' ? value : this.fail(key, 'a string', value);
  }

  count(value: unknown, key: string): number {
    return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : this.fail(key, 'a count', value);
  }

  position(value: unknown, key: string): number {
    return Number.isSafeInteger(value) && (value as number) >= 1
      ? (value as number)
      : this.fail(key, 'a 1-based position', value);
  }

  share(value: unknown, key: string): number {
    return typeof value === 'number' && value >= 0 && value <= 1
      ? value
      : this.fail(key, 'a number from 0 to 1', value);
  }

  /**
   * A POSIX path inside the repository, as every report writes them. Links to the file's lines are
   * built from it, so `..`, absolute paths and backslashes could aim them at another repository.
   */
  relativePath(value: unknown, key: string): string {
    const text = this.string(value, key);
    const segments = text.split('/');
    const inside =
      !text.includes('\\') && segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
    return inside ? text : this.fail(key, 'a relative path inside the repository', value);
  }

  oneOf<T extends string>(allowed: readonly T[], value: unknown, key: string): T {
    return (allowed as readonly unknown[]).includes(value) ? (value as T) : this.fail(key, allowed.join(', '), value);
  }

  /** Versions are printed into comments, so only version-like text is accepted. */
  version(value: unknown, key: string): string {
    const text = this.string(value, key);
    return /^[\w.+-]{1,64}$/.test(text) ? text : this.fail(key, 'a version such as 1.2.3', value);
  }

  fail(key: string, expected: string, value: unknown): never {
    const shown = value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 60);
    throw new LinkvetError('usage', `${this.source}: \`${key || '(top level)'}\` must be ${expected}, got ${shown}`, {
      file: this.source,
      key: key || '(top level)',
    });
  }
}
