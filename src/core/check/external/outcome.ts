/** One hop of a redirect chain: the URL asked for and the status it answered. */
export interface Hop {
  readonly url: string;
  readonly status: number;
}

/**
 * The answers a page gave for the fragments asked of it, and only those: a page's other ids are
 * never kept, so an id-dense page costs no more memory (or cache) than the fragments linked to it.
 */
export interface FragmentAnswers {
  /** Asked-for fragments the page has an `id` or `<a name>` for. */
  readonly found: readonly string[];
  /** Asked-for fragments the page (up to the page byte cap) has no `id` or `<a name>` for. */
  readonly missing: readonly string[];
  /**
   * Set when reading stopped at the cap on ids per page: the asked-for fragments in neither list
   * are unknown, and are reported as not checked rather than guessed missing.
   */
  readonly stoppedAt?: 'id-limit';
}

/** A repository GitHub has archived (read-only), and since when if GitHub says. */
export interface Archived {
  /** ISO 8601 time, e.g. `2023-05-01T12:00:00Z`. */
  readonly at?: string;
}

/** Why a request got no usable HTTP answer. */
export type NetworkError =
  | 'timeout'
  | 'connect-timeout'
  | 'refused'
  | 'reset'
  | 'dns-not-found'
  | 'dns-failure'
  | 'tls'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'unsafe-redirect'
  | 'bad-response'
  | 'oversized-headers'
  | 'blocked-address'
  | 'other';

/** What is known about a URL after every attempt: the basis of its verdict. */
export type Outcome =
  | {
      readonly type: 'alive';
      readonly status: number;
      readonly finalUrl: string;
      readonly chain: readonly Hop[];
      readonly attempts: number;
      /** What the final page said about the fragments asked of it, when there were some and it was HTML. */
      readonly fragments?: FragmentAnswers;
      /** Set when GitHub's API says the linked repository is archived. */
      readonly archived?: Archived;
    }
  | {
      readonly type: 'dead';
      readonly status?: number;
      readonly error?: NetworkError;
      readonly chain: readonly Hop[];
      readonly attempts: number;
    }
  | {
      readonly type: 'unreachable';
      readonly status?: number;
      readonly error?: NetworkError;
      readonly chain: readonly Hop[];
      readonly attempts: number;
      /** Why retrying stopped early, e.g. a `Retry-After` over the cap. */
      readonly note?: string;
    }
  | { readonly type: 'denied'; readonly status: number; readonly chain: readonly Hop[]; readonly attempts: number }
  | {
      /** Not checked: `blockPrivate` refused to connect to `url`, a hop of the chain. */
      readonly type: 'blocked';
      readonly url: string;
      /** Which address and why, e.g. `127.0.0.1 is a loopback address`. */
      readonly why: string;
      readonly chain: readonly Hop[];
      readonly attempts: number;
    };

/**
 * Outcomes that stay true for a while; `unreachable` may be transient and `blocked` depends on
 * the run's `blockPrivate`, so neither is cached.
 */
export type CacheableOutcome = Exclude<Outcome, { type: 'unreachable' | 'blocked' }>;
