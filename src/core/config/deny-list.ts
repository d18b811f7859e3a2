import { LinkvetError } from '../errors.js';

/** Domains (each covering its subdomains) and exact URLs that no link may point to. */
export interface DenyList {
  readonly domains: readonly string[];
  readonly urls: readonly string[];
}

/** A lower-case ASCII host name: labels of letters, digits, `-` or `_`, joined by single dots. */
const hostPattern = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;

/** Parses a Google disavow-file style list: `domain:example.com` lines deny a domain, full http(s) URL lines deny that exact URL (fragment ignored), `#` starts a comment, blank lines skipped. Throws LinkvetError('config', …, { file: source, line }) naming file and line for a malformed line. */
export function parseDenyFile(text: string, source: string): DenyList {
  const domains = new Set<string>();
  const urls = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = stripComment(raw);
    if (line === '') continue;
    const entry = parseLine(line);
    if (entry === undefined) throw malformed(line, source, index + 1);
    (entry.kind === 'domain' ? domains : urls).add(entry.value);
  }
  return { domains: [...domains], urls: [...urls] };
}

/** Merges config `denyDomains` (plain domains) with a parsed file. */
export function denyList(domains: readonly string[], file?: DenyList): DenyList {
  const normalized = domains.map((domain) => {
    const host = normalizeDomain(domain);
    if (host === undefined) {
      throw new LinkvetError(
        'config',
        `\`denyDomains\` entry \`${domain}\` is not a domain name, like \`example.com\``,
        {
          key: 'denyDomains',
        },
      );
    }
    return host;
  });
  return { domains: [...new Set([...normalized, ...(file?.domains ?? [])])], urls: [...new Set(file?.urls ?? [])] };
}

/** The deny entry a URL falls under (its host is the domain or a subdomain of it, case-insensitive, ignoring a trailing dot and `www.` only by the subdomain rule; or the URL equals a denied URL), else undefined. */
export function deniedBy(url: string, list: DenyList): string | undefined {
  const parsed = parseHttpUrl(url);
  if (parsed === undefined) return undefined;
  const { domains, urls } = lookup(list);
  const labels = parsed.hostname.split('.');
  for (let start = 0; start < labels.length; start += 1) {
    const candidate = labels.slice(start).join('.');
    if (domains.has(candidate)) return candidate;
  }
  return urls.has(parsed.href) ? parsed.href : undefined;
}

type Entry = { readonly kind: 'domain' | 'url'; readonly value: string };

function stripComment(line: string): string {
  const trimmed = line.trim();
  // A URL cannot hold whitespace, so `#` after whitespace starts a comment while `page#part` stays a fragment.
  return trimmed.startsWith('#') ? '' : trimmed.replace(/\s+#.*$/, '');
}

function parseLine(line: string): Entry | undefined {
  const domain = /^domain:\s*(.*)$/i.exec(line);
  if (domain) {
    const value = normalizeDomain(domain[1] ?? '');
    return value === undefined ? undefined : { kind: 'domain', value };
  }
  const url = /^https?:\/\//i.test(line) ? parseHttpUrl(line) : undefined;
  return url === undefined ? undefined : { kind: 'url', value: url.href };
}

function malformed(line: string, source: string, lineNumber: number): LinkvetError {
  const hint = normalizeDomain(line) === undefined ? '' : `; did you mean \`domain:${line}\`?`;
  const message = `\`${source}\` line ${lineNumber}: \`${line}\` is neither \`domain:<name>\` nor an http(s) URL${hint}`;
  return new LinkvetError('config', message, { file: source, line: lineNumber });
}

/** A domain as URL hosts spell it: lower case, punycode, no trailing dot; undefined when it is not a bare host name. */
function normalizeDomain(raw: string): string | undefined {
  if (raw === '' || /[\s/:?#@\\%[\]]/.test(raw)) return undefined;
  try {
    const host = withoutTrailingDot(new URL(`http://${raw}/`).hostname);
    return hostPattern.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** An http(s) URL without its fragment and without a trailing dot on its host, so equal URLs compare equal. */
function parseHttpUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.hostname = withoutTrailingDot(url.hostname);
  return url;
}

function withoutTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

interface Lookup {
  readonly domains: ReadonlySet<string>;
  readonly urls: ReadonlySet<string>;
}

/** Sets built once per list, so checking many URLs against a long disavow file stays cheap. */
const lookups = new WeakMap<DenyList, Lookup>();

/** The list as normalized sets; entries are normalized again in case the list was built by hand. */
function lookup(list: DenyList): Lookup {
  let sets = lookups.get(list);
  if (sets === undefined) {
    const domains = list.domains.map((domain) => normalizeDomain(domain) ?? domain);
    const urls = list.urls.map((url) => parseHttpUrl(url)?.href ?? url);
    sets = { domains: new Set(domains), urls: new Set(urls) };
    lookups.set(list, sets);
  }
  return sets;
}
