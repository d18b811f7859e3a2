import type { ClassifiedLink, ExtractedFile, Landmarks, Link, Target, Violation } from '../../types.js';
import { violationAt } from '../../rules/violation.js';
import { checkFragment, checkLineFragment, type FragmentVerdict } from './fragments.js';
import { FileIndex, type PathLookup } from './file-index.js';
import { countTextLines } from './text-lines.js';

/** What internal checking needs from the rest of the run. */
export interface InternalCheckOptions {
  readonly root: string;
  /** Files bigger than this are not read for line anchors. */
  readonly maxFileSize: number;
  /** Heading slugs and ids of a Markdown file, parsed once; `undefined` when it cannot be read. */
  readonly landmarksOf: (file: string) => Landmarks | undefined;
  readonly isMarkdown: (file: string) => boolean;
}

type FileTarget = Extract<Target, { type: 'file' }>;

/**
 * Checks every link that stays inside the repository: files, directories, fragments
 * and line anchors, plus each file's undefined references and unused definitions.
 */
export function checkInternal(
  links: readonly ClassifiedLink[],
  extracted: readonly ExtractedFile[],
  options: InternalCheckOptions,
): Violation[] {
  const files = new FileIndex(options.root);
  const lineCounts = new Map<string, number | undefined>();
  const context = {
    ...options,
    files,
    lineCountOf: (file: string) =>
      memo(lineCounts, file, () => countTextLines(options.root, file, options.maxFileSize)),
  };
  return [
    ...links.flatMap(({ link, target }) => checkTarget(link, target, context)),
    ...extracted.flatMap(checkReferences),
  ];
}

interface Context extends InternalCheckOptions {
  readonly files: FileIndex;
  readonly lineCountOf: (file: string) => number | undefined;
}

function checkTarget(link: Link, target: Target, context: Context): Violation[] {
  switch (target.type) {
    case 'file':
      return checkFile(link, target, context);
    case 'fragment':
      return checkOwnFragment(link, target.fragment, context);
    case 'outside-root':
      return [violationAt(link, 'outside-root', `\`${link.url}\` climbs out of the root`)];
    case 'invalid':
      return [violationAt(link, 'invalid-url', `Invalid URL \`${link.url}\`: ${target.reason}`)];
    case 'external':
    case 'email':
    case 'phone':
    case 'ignored':
      return [];
  }
}

function checkFile(link: Link, target: FileTarget, context: Context): Violation[] {
  const found = context.files.lookup(target.path);
  if (found.kind === 'missing') return [missingFile(link, target.path, found.suggestion)];
  if (found.kind === 'loop') return [loopingFile(link, target.path, found)];
  if (target.fragment === undefined) return [];
  const page = found.kind === 'directory' ? readmeOf(target.path, found.entries) : target.path;
  if (page === undefined) {
    return [
      violationAt(
        link,
        'missing-fragment',
        `\`${target.path || '.'}\` is a directory without a README to hold \`#${target.fragment}\``,
      ),
    ];
  }
  const verdict = fragmentVerdict(page, target.fragment, context);
  return verdict && !verdict.found ? [missingFragment(link, page, target.fragment, verdict)] : [];
}

function checkOwnFragment(link: Link, fragment: string, context: Context): Violation[] {
  const verdict = fragmentVerdict(link.file, fragment, context);
  return verdict && !verdict.found ? [missingFragment(link, link.file, fragment, verdict)] : [];
}

/** `undefined` when the target's fragments cannot be known (an image, source code, HTML). */
function fragmentVerdict(file: string, fragment: string, context: Context): FragmentVerdict | undefined {
  if (context.isMarkdown(file)) {
    const landmarks = context.landmarksOf(file);
    return landmarks ? checkFragment(landmarks, fragment) : undefined;
  }
  const lineCount = context.lineCountOf(file);
  return lineCount === undefined ? undefined : checkLineFragment(lineCount, fragment);
}

function readmeOf(dir: string, entries: readonly string[]): string | undefined {
  const readme = entries.filter((name) => /^readme(\.(md|markdown|mdown|mkdn|mkd|mdwn))?$/i.test(name)).sort()[0];
  return readme === undefined ? undefined : dir === '' ? readme : `${dir}/${readme}`;
}

function missingFile(link: Link, path: string, suggestion: string | undefined): Violation {
  const caseOnly = suggestion !== undefined && suggestion.toLowerCase() === path.toLowerCase();
  const note = caseOnly ? ' (names are case-sensitive on GitHub)' : '';
  const hint = suggestion === undefined ? '' : `; did you mean \`${suggestion}\`?`;
  const fixed = suggestion === undefined ? undefined : rewritePath(link.url, path, suggestion);
  return violationAt(link, 'missing-file', `\`${path}\` does not exist${note}${hint}`, fixed);
}

/** Still `missing-file`: the link leads nowhere; the message says why, naming only paths inside the repository. */
function loopingFile(link: Link, path: string, loop: Extract<PathLookup, { kind: 'loop' }>): Violation {
  const chain = loop.chain.map((hop) => `\`${hop}\``).join(' → ');
  const what = `is a symbolic link that loops (${chain})`;
  const message = loop.link === path ? `\`${path}\` ${what}` : `\`${path}\` does not exist: \`${loop.link}\` ${what}`;
  return violationAt(link, 'missing-file', message);
}

function missingFragment(
  link: Link,
  page: string,
  fragment: string,
  verdict: Exclude<FragmentVerdict, { found: true }>,
): Violation {
  const where = page === link.file ? 'this file' : `\`${page}\``;
  if (verdict.reason === 'past-end') {
    return violationAt(
      link,
      'missing-fragment',
      `\`#${fragment}\` is past the end of ${where}, which has ${verdict.lineCount} lines`,
    );
  }
  const hint = verdict.suggestion === undefined ? '' : `; did you mean \`#${verdict.suggestion}\`?`;
  const fixed =
    verdict.suggestion === undefined
      ? undefined
      : `${link.url.slice(0, link.url.indexOf('#') + 1)}${verdict.suggestion}`;
  return violationAt(link, 'missing-fragment', `No heading or id \`#${fragment}\` in ${where}${hint}`, fixed);
}

/**
 * The link's URL with the wrong trailing part of its path swapped for the suggestion, keeping
 * `./`, query and fragment, and the URL's percent-encoding when it used one.
 */
function rewritePath(url: string, wrong: string, right: string): string {
  const wrongParts = wrong.split('/');
  const rightParts = right.split('/');
  const firstDifference = wrongParts.findIndex((part, index) => part !== rightParts[index]);
  if (firstDifference === -1) return `/${encodePath(right)}`;
  for (const spell of [(text: string) => text, encodePath]) {
    const wrongTail = spell(wrongParts.slice(firstDifference).join('/'));
    const at = url.lastIndexOf(wrongTail);
    if (at === -1) continue;
    const rightTail = spell(rightParts.slice(firstDifference).join('/'));
    return `${url.slice(0, at)}${rightTail}${url.slice(at + wrongTail.length)}`;
  }
  return `/${encodePath(right)}`;
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function checkReferences(file: ExtractedFile): Violation[] {
  const undefinedReferences = file.danglingReferences.map((reference) => ({
    rule: 'undefined-reference' as const,
    file: file.file,
    span: reference.span,
    url: '',
    text: reference.text,
    message: `No definition for the reference \`[${reference.label}]\``,
  }));
  const unused = file.unusedDefinitions.map((definition) => ({
    rule: 'unused-definition' as const,
    file: file.file,
    span: definition.span,
    url: definition.url,
    text: '',
    message: `The definition \`[${definition.label}]\` is never used`,
  }));
  return [...undefinedReferences, ...unused];
}

function memo<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as V;
}
