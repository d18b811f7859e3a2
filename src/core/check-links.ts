import { checkExternal } from './check/external/check-external.js';
import { prepareExternal, type ExternalHooks } from './check/external/prepare-external.js';
import { checkInternal } from './check/internal/check-internal.js';
import { classifyLink } from './classify/classify-link.js';
import { collectFiles } from './collect/collect-files.js';
import { readSource } from './collect/read-source.js';
import { shardCollection } from './collect/shard.js';
import { isMarkdown } from './config/defaults.js';
import type { Config } from './config/options.js';
import { extractFile } from './extract/extract-file.js';
import { parseMarkdown } from './parse/parse-markdown.js';
import { buildReport } from './report/build-report.js';
import type { ClassifiedLink, ExtractedFile, Report, Violation } from './types.js';

/** Progress of a run, for shells that show it. */
export interface Progress {
  readonly phase: 'parse';
  readonly done: number;
  readonly total: number;
}

/** Side effects the core does not own, passed in so tests can replace them. */
export interface RunHooks extends ExternalHooks {
  readonly now?: () => number;
  readonly onProgress?: (progress: Progress) => void;
}

/** One file read, parsed and extracted; `undefined` extraction when it could not be read. */
interface Analysis {
  readonly extracted: ExtractedFile | undefined;
  readonly problems: readonly Violation[];
}

/**
 * Runs the pipeline: collect → read/parse/extract → classify → check → report.
 * @param config the frozen settings from `loadConfig`
 */
export async function checkLinks(config: Config, hooks: RunHooks = {}): Promise<Report> {
  const now = hooks.now ?? Date.now;
  const started = now();
  const collection = shardCollection(collectFiles(config), config.shard);
  const analyses = new Map<string, Analysis>();
  const analyze = (file: string): Analysis => memoize(analyses, file, () => analyzeFile(config, file));
  const extracted = collection.files.flatMap((file, index) => {
    hooks.onProgress?.({ phase: 'parse', done: index + 1, total: collection.files.length });
    return analyze(file).extracted ?? [];
  });
  const classified = classifyAll(config, extracted);
  const violations = checkInternal(classified, extracted, {
    root: config.root,
    isMarkdown,
    landmarksOf: (file) => analyze(file).extracted?.landmarks,
  });
  const external = config.offline
    ? { violations: [], warnings: [] }
    : await checkExternalLinks(config, classified, hooks);
  const problems = collection.files.flatMap((file) => analyses.get(file)?.problems ?? []);
  return buildReport({
    config,
    files: collection.files.length,
    classified,
    violations: [...collection.problems, ...problems, ...violations, ...external.violations],
    warnings: external.warnings,
    durationMs: Math.round(now() - started),
  });
}

async function checkExternalLinks(
  config: Config,
  classified: readonly ClassifiedLink[],
  hooks: RunHooks,
): Promise<{ violations: readonly Violation[]; warnings: readonly string[] }> {
  const session = prepareExternal(config, hooks);
  try {
    const { violations } = await checkExternal(classified, session.options);
    return { violations, warnings: [...session.warnings, ...(await session.finish())] };
  } catch (error) {
    await session.finish();
    throw error;
  }
}

function analyzeFile(config: Config, file: string): Analysis {
  const source = readSource(config.root, file, config.maxFileSize);
  if (!source.ok) return { extracted: undefined, problems: source.problems };
  const tree = parseMarkdown(source.text);
  return { extracted: extractFile(file, tree, source.text, config.references), problems: source.problems };
}

function classifyAll(config: Config, extracted: readonly ExtractedFile[]): ClassifiedLink[] {
  const options = {
    ignoreUrls: [...config.ignoreUrls, ...config.excludePatterns],
    remap: config.remap,
    localRefs: config.localRefs,
    ...(config.repository === undefined ? {} : { repository: config.repository }),
  };
  return extracted.flatMap((file) =>
    file.links.map((link) => ({ link, target: classifyLink(link.file, link.url, options) })),
  );
}

function memoize<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  cache.set(key, value);
  return value;
}
