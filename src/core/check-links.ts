import { analyzeAnchors } from './analyze/analyze-anchors.js';
import { ExternalChecker } from './check/external/check-external.js';
import { prepareExternal, type ExternalHooks, type ExternalSession } from './check/external/prepare-external.js';
import { checkInternal } from './check/internal/check-internal.js';
import { classifyLink, classifyOptions } from './classify/classify-link.js';
import { keepChanged } from './collect/changed-files.js';
import { collectFiles } from './collect/collect-files.js';
import { shardCollection } from './collect/shard.js';
import { isMarkdown } from './config/defaults.js';
import type { Config } from './config/options.js';
import { analyzeInOrder } from './parse/analyze-in-order.js';
import { analyzeSource, type AnalyzeSettings } from './parse/analyze-source.js';
import { buildReport, type ReportInput } from './report/build-report.js';
import { suppress } from './rules/suppress.js';
import type { ClassifiedLink, ExtractedFile, Landmarks, Report, Violation } from './types.js';

/** Progress of a run, for shells that show it. */
export interface Progress {
  /** `parse` counts files, `check` counts unique web URLs. */
  readonly phase: 'parse' | 'check';
  readonly done: number;
  readonly total: number;
}

/** Side effects the core does not own, passed in so tests can replace them. */
export interface RunHooks extends ExternalHooks {
  readonly onProgress?: (progress: Progress) => void;
  /**
   * Aborting it stops the run early: no further file is read, no new request is made, requests under way are
   * abandoned, and the report covers what finished, marked `incomplete` with the signal's reason (a string such as
   * `SIGINT`) when it has one.
   */
  readonly signal?: AbortSignal;
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
export async function checkLinks(config: Config, given: RunHooks = {}): Promise<Report> {
  const hooks = withRunTimeLimit(given, config.maxRunTimeMs);
  const now = hooks.now ?? Date.now;
  const started = now();
  const collection = shardCollection(keepChanged(collectFiles(config), config.changedFiles), config.shard);
  const analyses = new Map<string, Analysis>();
  const analyze = (file: string, known?: Analysis): Analysis =>
    memoize(analyses, file, () => known ?? analyzeFile(config, file));
  const session = config.offline ? undefined : prepareExternal(config, hooks);
  try {
    const onChecked = (done: number, total: number): void => hooks.onProgress?.({ phase: 'check', done, total });
    const checker = session && new ExternalChecker(session.options, onChecked, hooks.signal);
    const run: ParseRun = { analyze, isAnalyzed: (file) => analyses.has(file), hooks, checker };
    const parsed = await parseAndClassify(config, collection.files, run);
    const internal = await checkInternalLinks(config, parsed, run);
    const anchors = analyzeAnchors(parsed.classified, { ...config.anchors, deny: config.deny });
    const external = checker ? await checker.finish() : { violations: [], unchecked: new Set<string>() };
    const warnings = session ? [...session.warnings, ...(await finishSession(session, hooks.signal))] : [];
    const problems = collection.files.flatMap((file) => analyses.get(file)?.problems ?? []);
    return reportOf(config, parsed, {
      files: collection.files.length,
      violations: [...collection.problems, ...problems, ...internal, ...anchors.violations, ...external.violations],
      anchors: anchors.profile,
      warnings,
      durationMs: Math.round(now() - started),
      unchecked: external.unchecked,
      ...interruption(hooks.signal, parsed.filesChecked, collection.files.length),
    });
  } catch (error) {
    await session?.finish();
    throw error;
  }
}

/**
 * Saves the cache and closes the connections; once aborted, the cache is saved (synchronously, first) but the
 * connections are not waited for, since closing waits for the requests under way, which may never end.
 */
async function finishSession(session: ExternalSession, signal: AbortSignal | undefined): Promise<readonly string[]> {
  const finishing = session.finish();
  if (signal?.aborted !== true) return finishing;
  finishing.catch(() => undefined);
  return [];
}

/**
 * The hooks with a signal that also aborts, with the reason `maxRunTime`, once the run has taken
 * `maxRunTimeMs`: what is left is then reported `unchecked`, as after an interrupt.
 */
function withRunTimeLimit(hooks: RunHooks, maxRunTimeMs: number | undefined): RunHooks {
  if (maxRunTimeMs === undefined) return hooks;
  const limit = new AbortController();
  setTimeout(() => limit.abort('maxRunTime'), maxRunTimeMs).unref();
  const signal = hooks.signal === undefined ? limit.signal : AbortSignal.any([hooks.signal, limit.signal]);
  return { ...hooks, signal };
}

/** The `interrupted` part of the report input when the signal aborted the run. */
function interruption(
  signal: AbortSignal | undefined,
  filesChecked: number,
  filesTotal: number,
): Pick<ReportInput, 'interrupted'> {
  if (signal?.aborted !== true) return {};
  const reason: unknown = signal.reason;
  return { interrupted: { reason: typeof reason === 'string' ? reason : 'aborted', filesChecked, filesTotal } };
}

/** Applies the suppression comments of every file, then builds the one report all reporters read. */
function reportOf(config: Config, parsed: Parsed, results: Omit<ReportInput, 'config' | 'classified'>): Report {
  const directives = new Map(parsed.extracted.map((file) => [file.file, file.directives] as const));
  const suppressed = suppress(results.violations, directives);
  const report = buildReport({
    ...results,
    config,
    classified: parsed.classified,
    violations: suppressed.kept,
    warnings: [...results.warnings, ...suppressed.warnings],
  });
  return { ...report, directives: new Map([...directives].filter(([, list]) => list.length > 0)) };
}

/**
 * Checks the internal links. Fragments into Markdown files that were not checked themselves
 * (outside `paths`, or left out by `onlyChanged` or a shard) need those files parsed too: a
 * first pass finds which, they are parsed the budgeted way every checked file is, and the
 * second pass has them all.
 */
async function checkInternalLinks(config: Config, parsed: Parsed, run: ParseRun): Promise<Violation[]> {
  const context = { root: config.root, maxFileSize: config.maxFileSize, isMarkdown };
  const wanted = new Set<string>();
  const landmarksOf = (file: string): Landmarks | undefined =>
    run.isAnalyzed(file) ? run.analyze(file).extracted?.landmarks : undefined;
  const firstPass = checkInternal(parsed.classified, parsed.extracted, {
    ...context,
    landmarksOf: (file) => {
      if (!run.isAnalyzed(file)) wanted.add(file);
      return landmarksOf(file);
    },
  });
  if (wanted.size === 0) return firstPass;
  const targets = [...wanted].sort();
  const analyses = analyzeInOrder(targets, analyzeSettings(config), (file) => run.analyze(file), run.hooks.signal);
  for (const file of targets) {
    const next = await analyses.next();
    if (next.done === true) break;
    run.analyze(file, next.value);
  }
  await analyses.return();
  // After an interruption, the targets not parsed yet stay unknown rather than parsed here.
  return checkInternal(parsed.classified, parsed.extracted, { ...context, landmarksOf });
}

/** What parsing hands on: every file's extraction and every link with its target. */
interface Parsed {
  readonly extracted: ExtractedFile[];
  readonly classified: ClassifiedLink[];
  /** How many files were read before an interruption, or all of them. */
  filesChecked: number;
}

/** What the parse loop works with. */
interface ParseRun {
  /** A file's analysis, memoized; `known` is one made elsewhere (on a worker thread) to keep. */
  readonly analyze: (file: string, known?: Analysis) => Analysis;
  /** Whether `analyze` has the file's analysis already. */
  readonly isAnalyzed: (file: string) => boolean;
  readonly hooks: RunHooks;
  readonly checker: ExternalChecker | undefined;
}

/**
 * Reads, parses, extracts and classifies file after file, handing each file's external links
 * to the checker at once and yielding between files, so requests go out while parsing goes on.
 */
async function parseAndClassify(config: Config, files: readonly string[], run: ParseRun): Promise<Parsed> {
  const parsed: Parsed = { extracted: [], classified: [], filesChecked: 0 };
  const options = classifyOptions(config);
  // In file order whether parsed here or on worker threads, so reports do not depend on which.
  const analyses = analyzeInOrder(files, analyzeSettings(config), (file) => run.analyze(file), run.hooks.signal);
  try {
    for (const [index, file] of files.entries()) {
      // Leaving the loop returns the generator below, which shuts the worker threads down.
      if (run.hooks.signal?.aborted === true) break;
      run.hooks.onProgress?.({ phase: 'parse', done: index + 1, total: files.length });
      const next = await analyses.next();
      // The parse ends early only when aborted; then no file is parsed here instead.
      if (next.done === true) break;
      parsed.filesChecked = index + 1;
      const extracted = run.analyze(file, next.value).extracted;
      if (extracted === undefined) continue;
      const links = extracted.links.map((link) => ({ link, target: classifyLink(link.file, link.url, options) }));
      parsed.extracted.push(extracted);
      for (const link of links) parsed.classified.push(link);
      if (run.checker === undefined) continue;
      run.checker.add(links);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await analyses.return();
  }
  return parsed;
}

function analyzeFile(config: Config, file: string): Analysis {
  return analyzeSource(analyzeSettings(config), file);
}

function analyzeSettings(config: Config): AnalyzeSettings {
  return { root: config.root, maxFileSize: config.maxFileSize, references: config.references };
}

function memoize<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  cache.set(key, value);
  return value;
}
