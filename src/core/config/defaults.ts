import { version } from '../version.js';
import type { Config } from './options.js';

/** Extensions GitHub renders as Markdown; these files are checked and their headings indexed. */
export const markdownExtensions: readonly string[] = [
  '.md',
  '.markdown',
  '.mdown',
  '.mkdn',
  '.mkd',
  '.mdwn',
  '.mdtxt',
  '.mdtext',
];

/** Whether GitHub renders a file as Markdown, so its headings can be fragment targets. */
export function isMarkdown(file: string): boolean {
  const lower = file.toLowerCase();
  return markdownExtensions.some((extension) => lower.endsWith(extension));
}

/** Every default in one place; config files and flags override these. */
export const defaults: Omit<Config, 'root' | 'paths' | 'localRefs' | 'deny'> = {
  include: ['**/*.md', '**/*.markdown'],
  exclude: ['**/node_modules/**'],
  excludePatterns: [],
  gitignore: true,
  maxFileSize: 32 * 1024 * 1024,
  ignoreUrls: [],
  remap: [],
  offline: false,
  timeoutMs: 10_000,
  retries: 2,
  concurrency: 32,
  perHostConcurrency: 8,
  maxPerHostConcurrency: 32,
  accept: [{ from: 200, to: 299 }],
  externalFragments: false,
  blockPrivate: false,
  maxRedirects: 10,
  userAgent: `linkvet/${version} (link checker; +https://www.npmjs.com/package/linkvet)`,
  headers: [],
  archive: { enabled: false, endpoint: 'https://archive.org/wayback/available' },
  githubApi: true,
  cache: { enabled: false, path: '.linkvet-cache.json', maxAgeMs: 24 * 60 * 60 * 1000 },
  denyDomains: [],
  anchors: {
    minLinks: 5,
    maxShare: 0.6,
    minFiles: 3,
    minDomainLinks: 10,
    minDiversity: 0.3,
    internal: false,
    genericPhrases: [],
    builtinPhrases: true,
    brandTerms: [],
  },
  references: { shortcut: false },
  rules: {},
  overrides: [],
  failOn: 'error',
};

/** Names of the config files looked for in the root, in order. */
export const configFileNames: readonly string[] = ['.linkvet.yml', '.linkvet.yaml', '.linkvet.json'];
