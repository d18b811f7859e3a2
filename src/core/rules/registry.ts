import type { RuleId, Severity } from '../types.js';

/** What every rule is, for reporters, SARIF and the README. */
export interface RuleMeta {
  readonly id: RuleId;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** One sentence: when the rule fires. */
  readonly description: string;
}

const table: Readonly<Record<RuleId, Omit<RuleMeta, 'id'>>> = {
  'missing-file': {
    title: 'Missing file',
    defaultSeverity: 'error',
    description: 'A relative or root-relative link names a path that does not exist, byte for byte (case counts).',
  },
  'missing-fragment': {
    title: 'Missing fragment',
    defaultSeverity: 'error',
    description:
      'A `#fragment` matches no heading slug or HTML id/name in the target file, or a `#L` line anchor is past its end.',
  },
  'outside-root': {
    title: 'Link outside the root',
    defaultSeverity: 'error',
    description: 'A relative link climbs out of the repository root.',
  },
  'undefined-reference': {
    title: 'Undefined reference',
    defaultSeverity: 'warning',
    description: 'A reference link uses a label that no definition in its file defines.',
  },
  'unused-definition': {
    title: 'Unused definition',
    defaultSeverity: 'notice',
    description: 'A definition that no reference in its file uses.',
  },
  'invalid-url': {
    title: 'Invalid URL',
    defaultSeverity: 'error',
    description: 'A URL that cannot be parsed, or a malformed `mailto:` or `tel:`.',
  },
  'dead-link': {
    title: 'Dead link',
    defaultSeverity: 'error',
    description: 'The server answered 404, 410 or another definitive 4xx, or the host name does not exist.',
  },
  unreachable: {
    title: 'Unreachable',
    defaultSeverity: 'warning',
    description: 'The URL could not be verified after retries: 5xx, timeout, reset, refused or TLS failure.',
  },
  // A warning, not an error: the link may be fine, it was just not checked; not a notice, because
  // a public document linking to an internal address usually deserves a look.
  'blocked-address': {
    title: 'Blocked address',
    defaultSeverity: 'warning',
    description:
      'With `blockPrivate` on, the URL (or a redirect hop) leads to a loopback, private, link-local or cloud-metadata address, so it was not checked.',
  },
  'access-denied': {
    title: 'Access denied',
    defaultSeverity: 'warning',
    description: 'The server answered 401 or 403, which is often bot protection rather than breakage.',
  },
  'permanent-redirect': {
    title: 'Permanent redirect',
    defaultSeverity: 'warning',
    description: 'The URL permanently redirects (301/308); the suggestion is the final URL.',
  },
  'archived-repository': {
    title: 'Archived repository',
    defaultSeverity: 'notice',
    description:
      'A link to a github.com repository that its owner archived (read-only), with the date; checked through the GitHub API when a token is given.',
  },
  'denied-domain': {
    title: 'Denied domain',
    defaultSeverity: 'error',
    description: 'A link to a domain on the deny list.',
  },
  'generic-anchor-text': {
    title: 'Generic anchor text',
    defaultSeverity: 'warning',
    description: 'The anchor text says nothing about the target ("click here", "read more", …).',
  },
  'empty-anchor-text': {
    title: 'Empty anchor text',
    defaultSeverity: 'warning',
    description: 'A link with no text and no image alt text.',
  },
  'missing-alt-text': {
    title: 'Missing alt text',
    defaultSeverity: 'warning',
    description: 'An image with empty alt text.',
  },
  'naked-url': {
    title: 'Naked URL',
    defaultSeverity: 'notice',
    description: 'The anchor text is the URL itself.',
  },
  'ambiguous-anchor-text': {
    title: 'Ambiguous anchor text',
    defaultSeverity: 'warning',
    description: 'The same text leads to different destinations in one file.',
  },
  'over-optimized-anchor': {
    title: 'Over-optimized anchor text',
    defaultSeverity: 'warning',
    description: 'Too large a share of the links to one destination use one exact text.',
  },
  'low-anchor-diversity': {
    title: 'Low anchor diversity',
    defaultSeverity: 'notice',
    description: "One external domain's links use too few distinct texts.",
  },
  // An error, not a warning: a skipped file's links went unchecked, and a hostile pull request can make any file
  // too big or too slow to parse; a run that passes must have read everything it was asked to check.
  'unreadable-file': {
    title: 'Unreadable file',
    defaultSeverity: 'error',
    description:
      'A file or directory could not be read (binary content, permissions, symlink loop, over the size limit) and was skipped.',
  },
  'invalid-encoding': {
    title: 'Invalid encoding',
    defaultSeverity: 'warning',
    description: 'A file is not valid UTF-8; it was checked with the bad bytes replaced.',
  },
};

/** Every rule id, in the order of the README's rules table. */
export const ruleIds: readonly RuleId[] = Object.keys(table) as RuleId[];

/** The metadata of one rule. */
export function ruleMeta(id: RuleId): RuleMeta {
  return { id, ...table[id] };
}

/** Whether a string names a rule, for config validation. */
export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(table, value);
}
