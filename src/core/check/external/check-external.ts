import type { Dispatcher } from 'undici';
import type { Config } from '../../config/options.js';
import type { ClassifiedLink, Link, Violation } from '../../types.js';
import { findArchivedCopy } from './archive.js';
import type { LinkCache } from './cache-file.js';
import { deniedBy, type DenyList } from '../../config/deny-list.js';
import { HopAnswers } from './hop-answers.js';
import { HostPool, type Sleep } from './host-pool.js';
import { fragmentOf, withoutFragment } from './normalize-url.js';
import type { FragmentAnswers, Outcome } from './outcome.js';
import { maxIdsPerPage } from './page-ids.js';
import { probeUrl, type ProbeOptions } from './probe-url.js';
import { defaultTimeoutRetries } from './retry-policy.js';
import { archivedVerdict, verdictOf } from './verdicts.js';
import type { GithubBatch } from './github-batch.js';
import { mayCarryToken } from './token-guard.js';
import { violationAt } from '../../rules/violation.js';

/** Everything the external check needs; side effects (network, clock, sleep, randomness) come in here. */
/** The config keys the external check reads as they are. */
type NetworkSettings = Pick<
  Config,
  | 'timeoutMs'
  | 'retries'
  | 'concurrency'
  | 'perHostConcurrency'
  | 'maxPerHostConcurrency'
  | 'urlBudgetMs'
  | 'maxRedirects'
  | 'accept'
  | 'userAgent'
  | 'headers'
  | 'externalFragments'
>;

export interface ExternalCheckOptions extends NetworkSettings {
  readonly dispatcher: Dispatcher;
  readonly cache: LinkCache;
  /** Denied URLs are never requested; anchor analysis reports them. */
  readonly deny: DenyList;
  /**
   * A token and the only hosts it may be sent to, matched on `URL.host` (a non-default port must be listed):
   * every hop of a redirect is judged on its own host.
   */
  readonly token?: { readonly value: string; readonly hosts: ReadonlySet<string> };
  /** github.com links answered through GitHub's GraphQL API in batches, when a token allows it. */
  readonly github?: GithubBatch;
  /** Wayback availability endpoint, when archive suggestions are on. */
  readonly archiveEndpoint?: string;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
}

/** All links to one URL (fragments aside), checked with one probe. */
interface UrlGroup {
  readonly url: string;
  readonly links: Link[];
  /** Links whose URL a `remap` rule rewrote: a suggestion in the rewritten form would mislead. */
  readonly remapped: Set<Link>;
  /** Each link's own fragment, percent-decoded. */
  readonly fragmentOf: Map<Link, string>;
  readonly fragments: Set<string>;
}

/** What the external check found: the findings for every link, and the URLs an interruption left without an outcome. */
export interface ExternalResult {
  readonly violations: readonly Violation[];
  readonly unchecked: ReadonlySet<string>;
}

/**
 * Checks external links with one request chain per unique URL, however many files link to it:
 * denied domains first, then the cache, then the network through a per-host pool. Links can be
 * added file by file, so requests start while later files are still being parsed.
 */
export class ExternalChecker {
  readonly #options: ExternalCheckOptions;
  readonly #probe: ProbeOptions;
  readonly #groups = new Map<string, UrlGroup>();
  readonly #outcomes = new Map<string, Promise<Outcome>>();
  readonly #arrived = new Map<string, Outcome>();
  readonly #onProgress: ((done: number, total: number) => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #firstPass = new FirstPass();
  #settled = 0;

  /**
   * @param onProgress told how many of the URLs started so far have an outcome
   * @param signal once aborted, no new URL is probed and `finish` stops waiting for those under way
   */
  constructor(options: ExternalCheckOptions, onProgress?: (done: number, total: number) => void, signal?: AbortSignal) {
    this.#options = options;
    this.#probe = probeOptions(options, this.#firstPass.over);
    this.#onProgress = onProgress;
    this.#signal = signal;
  }

  /** Groups the external links by URL and starts probing new URLs at once (unless fragments must all be known first). */
  add(links: readonly ClassifiedLink[]): void {
    for (const group of addToGroups(this.#groups, links)) {
      if (!this.#options.externalFragments) this.#start(group);
    }
  }

  /** Waits for every probe and turns outcomes into findings. */
  async finish(): Promise<ExternalResult> {
    for (const group of this.#groups.values()) this.#start(group);
    this.#firstPass.close();
    this.#options.github?.flush();
    const groups = [...this.#groups.values()];
    await untilAborted(Promise.all(this.#outcomes.values()), this.#signal);
    // Every outcome that arrived counts, also those of URLs after one still pending when the run was interrupted.
    const outcomes = new Map(this.#arrived);
    const options = this.#options;
    const suggestions =
      options.archiveEndpoint === undefined || this.#signal?.aborted === true
        ? new Map<string, string>()
        : await archivedCopies(outcomes, options);
    const violations = groups.flatMap((group) => [
      ...groupViolations(group, outcomes.get(group.url), suggestions.get(group.url)),
      ...archivedNotices(group, outcomes.get(group.url)),
    ]);
    const unchecked = groups.filter((group) => !outcomes.has(group.url) && !this.#isDenied(group));
    return { violations, unchecked: new Set(unchecked.map((group) => group.url)) };
  }

  #isDenied(group: UrlGroup): boolean {
    return deniedBy(group.url, this.#options.deny) !== undefined;
  }

  #start(group: UrlGroup): void {
    if (this.#signal?.aborted === true || this.#outcomes.has(group.url) || this.#isDenied(group)) return;
    const tried = this.#firstPass.begin();
    const outcome = outcomeOf(group, this.#options, { ...this.#probe, onFirstTry: tried });
    this.#outcomes.set(group.url, outcome);
    void outcome.then((arrived) => {
      tried();
      this.#arrived.set(group.url, arrived);
      this.#onProgress?.(++this.#settled, this.#outcomes.size);
    });
  }
}

/**
 * The first pass: every URL's first try. Retries of timeouts and resets wait until it is over, so
 * hanging servers hold no slot while other URLs are still waiting for their first answer.
 */
class FirstPass {
  #pending = 0;
  #closed = false;
  #open: () => void = () => undefined;
  readonly #over = new Promise<void>((resolve) => (this.#open = resolve));

  /** Counts a URL in; the function returned counts it out (once, however often it is called). */
  begin(): () => void {
    this.#pending++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#pending--;
      this.#check();
    };
  }

  /** No URL is added after this: the pass is over once those counted in are out. */
  close(): void {
    this.#closed = true;
    this.#check();
  }

  readonly over = (): Promise<void> => this.#over;

  #check(): void {
    if (this.#closed && this.#pending === 0) this.#open();
  }
}

/** The promise's value, or `undefined` as soon as the signal aborts (the work behind it is abandoned, not awaited). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const stop = (): void => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Checks a set of external links in one go. */
export async function checkExternal(
  links: readonly ClassifiedLink[],
  options: ExternalCheckOptions,
): Promise<ExternalResult> {
  const checker = new ExternalChecker(options);
  checker.add(links);
  return checker.finish();
}

/** Adds links to their URL's group; returns the groups this call created. */
function addToGroups(groups: Map<string, UrlGroup>, links: readonly ClassifiedLink[]): UrlGroup[] {
  const created: UrlGroup[] = [];
  for (const { link, target } of links) {
    if (target.type !== 'external') continue;
    const url = withoutFragment(target.url);
    let group = groups.get(url);
    if (!group) {
      group = { url, links: [], remapped: new Set(), fragmentOf: new Map(), fragments: new Set() };
      groups.set(url, group);
      created.push(group);
    }
    group.links.push(link);
    if (target.remapped) group.remapped.add(link);
    const fragment = fragmentOf(target.url);
    if (fragment === undefined) continue;
    group.fragments.add(fragment);
    group.fragmentOf.set(link, fragment);
  }
  return created;
}

/**
 * The cached outcome when it answers everything asked, else a fresh probe (whose outcome is cached).
 * A refetch asks again for the fragments the entry knew as well as the new ones, so the new entry
 * holds every answer, each as fresh as its `checkedAt`.
 */
async function outcomeOf(group: UrlGroup, options: ExternalCheckOptions, probe: ProbeOptions): Promise<Outcome> {
  const wanted = options.externalFragments ? [...group.fragments] : [];
  const cached = options.cache.get(group.url, options.now());
  if (cached && answersAll(cached, wanted)) return cached;
  // --- GitHub links through the API (github-batch.ts); `undefined` leaves the URL to the page request below. ---
  const fromApi = wanted.length === 0 ? await options.github?.lookup(group.url) : undefined;
  if (fromApi !== undefined) {
    options.cache.set(group.url, fromApi, options.now());
    return fromApi;
  }
  // --- end of the GitHub API block ---
  const known = cached?.type === 'alive' && cached.fragments ? answered(cached.fragments) : [];
  const outcome = await probeUrl(group.url, [...new Set([...wanted, ...known])], probe);
  options.cache.set(group.url, outcome, options.now());
  return outcome;
}

/** Whether an outcome settles every wanted fragment; only a page that was read can, and a dead one needs none. */
function answersAll(outcome: Outcome, wanted: readonly string[]): boolean {
  if (wanted.length === 0 || outcome.type !== 'alive') return true;
  if (outcome.fragments === undefined) return false;
  const known = new Set(answered(outcome.fragments));
  return wanted.every((fragment) => known.has(fragment));
}

/** The fragments an answer settles; those left unknown by the id cap are not among them. */
function answered(answers: FragmentAnswers): string[] {
  return [...answers.found, ...answers.missing];
}

/** The default `urlBudget`: three timeouts, enough for a timeout, its retry and a few slow hops. */
function defaultUrlBudget(timeoutMs: number): number {
  return 3 * timeoutMs;
}

function probeOptions(options: ExternalCheckOptions, firstPassOver: () => Promise<void>): ProbeOptions {
  return {
    dispatcher: options.dispatcher,
    pool: new HostPool({
      ...options,
      concurrency: options.concurrency,
      perHostConcurrency: options.perHostConcurrency,
      maxPerHostConcurrency: options.maxPerHostConcurrency,
    }),
    policy: {
      retries: options.retries,
      timeoutRetries: Math.min(options.retries, defaultTimeoutRetries),
      baseDelayMs: 500,
      retryAfterCapMs: 60_000,
      random: options.random,
      now: options.now,
    },
    sleep: options.sleep,
    timeoutMs: options.timeoutMs,
    urlBudgetMs: options.urlBudgetMs ?? defaultUrlBudget(options.timeoutMs),
    elapsed: () => performance.now(),
    firstPassOver,
    maxRedirects: options.maxRedirects,
    headersFor: (url) => headersFor(url, options),
    isAccepted: (status) => options.accept.some((range) => status >= range.from && status <= range.to),
    hops: new HopAnswers(),
  };
}

/**
 * The request headers for one hop, judged afresh on every hop: the token only ever goes to its
 * own hosts, over HTTPS or loopback, and a `headers` rule (an Authorization of the user's own
 * included) only to URLs its pattern matches.
 */
function headersFor(url: URL, options: ExternalCheckOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
  };
  for (const rule of options.headers) if (rule.urls.test(url.href)) Object.assign(headers, lowerCaseKeys(rule.headers));
  if (options.token && mayCarryToken(url, options.token.hosts)) {
    headers['authorization'] = `Bearer ${options.token.value}`;
  }
  return headers;
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

async function archivedCopies(
  outcomes: ReadonlyMap<string, Outcome>,
  options: ExternalCheckOptions,
): Promise<Map<string, string>> {
  const dead = [...outcomes].filter(([, outcome]) => outcome.type === 'dead').map(([url]) => url);
  const archive = {
    endpoint: options.archiveEndpoint ?? '',
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
  };
  const found = await Promise.all(dead.map(async (url) => [url, await findArchivedCopy(url, archive)] as const));
  return new Map(found.flatMap(([url, copy]) => (copy === undefined ? [] : [[url, copy] as const])));
}

function groupViolations(group: UrlGroup, outcome: Outcome | undefined, archived: string | undefined): Violation[] {
  if (outcome === undefined) return [];
  const verdict = verdictOf(group.url, outcome);
  const fragments = fragmentVerdicts(group, outcome);
  return group.links.flatMap((link): Violation[] => {
    const fragment = fragments(link);
    if (verdict === undefined) return fragment;
    const suggestion = verdict.suggestion === undefined ? archived : keepFragment(verdict.suggestion, link.url);
    const fix = group.remapped.has(link) ? undefined : suggestion;
    return [violationAt(link, verdict.rule, verdict.message, fix), ...fragment];
  });
}

/** The `archived-repository` notice for every link to a repository the GitHub API called archived. */
function archivedNotices(group: UrlGroup, outcome: Outcome | undefined): Violation[] {
  const notice = outcome && archivedVerdict(outcome);
  return notice === undefined ? [] : group.links.map((link) => violationAt(link, notice.rule, notice.message));
}

/**
 * The finding for each link's fragment: none when the page has it or was not read as HTML,
 * `missing-fragment` when it has not, and "not checked" when the id cap stopped the reading first.
 */
function fragmentVerdicts(group: UrlGroup, outcome: Outcome): (link: Link) => Violation[] {
  if (outcome.type !== 'alive' || outcome.fragments === undefined) return () => [];
  const { fragments, finalUrl } = outcome;
  const found = new Set(fragments.found);
  const missing = new Set(fragments.missing);
  const page = finalUrl === group.url ? `\`${group.url}\`` : `\`${finalUrl}\` (via \`${group.url}\`)`;
  return (link) => {
    const fragment = group.fragmentOf.get(link);
    if (fragment === undefined || found.has(fragment)) return [];
    if (missing.has(fragment)) return [violationAt(link, 'missing-fragment', noSuchId(fragment, page))];
    return [violationAt(link, 'unreachable', tooIdDense(fragment, page))];
  };
}

function noSuchId(fragment: string, page: string): string {
  return `No id or name \`#${fragment}\` on ${page}`;
}

/** An unknown answer: only the id cap leaves one (every other read answers each fragment asked). */
function tooIdDense(fragment: string, page: string): string {
  const cap = maxIdsPerPage.toLocaleString('en-US');
  return `Could not check \`#${fragment}\` on ${page}: the page is too id-dense to check (not among its first ${cap} ids and names)`;
}

/** A redirect's final URL with the link's own fragment kept, so the fix points at the same place. */
function keepFragment(finalUrl: string, written: string): string {
  const hash = written.indexOf('#');
  return hash === -1 || finalUrl.includes('#') ? finalUrl : `${finalUrl}${written.slice(hash)}`;
}
