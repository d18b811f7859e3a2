import { STATUS_CODES } from 'node:http';
import type { RuleId } from '../../types.js';
import { networkErrorText } from './network-error.js';
import type { Hop, Outcome } from './outcome.js';

/** A rule broken by a URL's outcome, in words. */
export interface Verdict {
  readonly rule: RuleId;
  readonly message: string;
  readonly suggestion?: string;
}

/** Turns an outcome into the finding it deserves, if any; wording says whether breakage is definitive. */
export function verdictOf(url: string, outcome: Outcome): Verdict | undefined {
  switch (outcome.type) {
    case 'alive':
      return permanentRedirect(url, outcome.chain, outcome.finalUrl);
    case 'dead':
      return {
        rule: 'dead-link',
        message: `\`${url}\` ${what(outcome)}${redirected(outcome.chain)} (${tries(outcome.attempts)})`,
      };
    case 'denied':
      return {
        rule: 'access-denied',
        message: `\`${url}\` answered ${statusText(outcome.status)}${redirected(outcome.chain)}: often bot protection, so it may work in a browser (${tries(outcome.attempts)})`,
      };
    case 'blocked': {
      const where = outcome.url === withoutFragment(url) ? '' : ` at \`${outcome.url}\``;
      return {
        rule: 'blocked-address',
        message: `Not checked: \`${url}\`${redirected(outcome.chain)}${where} leads to ${outcome.why}, and \`blockPrivate\` is on`,
      };
    }
    case 'unreachable': {
      const note = outcome.note === undefined ? '' : `; ${outcome.note}`;
      return {
        rule: 'unreachable',
        message: `Could not verify \`${url}\` now: it ${what(outcome)}${redirected(outcome.chain)} (${tries(outcome.attempts)}${note})`,
      };
    }
  }
}

/**
 * The notice for a link to a repository GitHub's API says is archived: it still works, but is
 * read-only, which is what a curated list wants to hear about.
 */
export function archivedVerdict(outcome: Outcome): Verdict | undefined {
  if (outcome.type !== 'alive' || outcome.archived === undefined) return undefined;
  const at = outcome.archived.at;
  const since = at === undefined ? '' : ` on ${at.slice(0, 10)}`;
  return {
    rule: 'archived-repository',
    message: `The repository at \`${outcome.finalUrl}\` was archived${since}: it is read-only and may no longer be maintained`,
  };
}

/** 301 and 308 anywhere in the chain are permanent: the link should point at the final URL. */
function permanentRedirect(url: string, chain: readonly Hop[], finalUrl: string): Verdict | undefined {
  const permanent = chain.find((hop) => hop.status === 301 || hop.status === 308);
  if (permanent === undefined) return undefined;
  return {
    rule: 'permanent-redirect',
    message: `\`${url}\` moved permanently (${permanent.status}) to \`${finalUrl}\``,
    suggestion: finalUrl,
  };
}

function what(outcome: Extract<Outcome, { type: 'dead' | 'unreachable' }>): string {
  if (outcome.status !== undefined) return `answered ${statusText(outcome.status)}`;
  return networkErrorText[outcome.error ?? 'other'];
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function redirected(chain: readonly Hop[]): string {
  return chain.length === 0 ? '' : ` after ${chain.length} ${chain.length === 1 ? 'redirect' : 'redirects'}`;
}

function statusText(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `${status}` : `${status} ${text}`;
}

function tries(attempts: number): string {
  return `${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`;
}
