import { diffLines, type DiffLines } from '../core/index.js';
import type { GitHubApi } from './github-api.js';

/** What a pull request changed: its files (renamed ones under their new name) and their diff lines. */
export interface PullChanges {
  readonly files: readonly string[];
  readonly lines: ReadonlyMap<string, DiffLines>;
}

const gone = new Set(['removed', 'unchanged']);

/** Reads every page of the pull request's files. */
export async function readPullChanges(api: GitHubApi, pull: number): Promise<PullChanges> {
  const files = (await api.listPullFiles(pull)).filter((file) => !gone.has(file.status));
  return {
    files: files.map((file) => file.filename),
    lines: new Map(files.map((file) => [file.filename, diffLines(file.patch)])),
  };
}

/** Whether a line is one the pull request added or changed. */
export function touchesLine(changes: PullChanges, file: string, line: number): boolean {
  return changes.lines.get(file)?.changed.has(line) === true;
}

/** Whether a review comment may sit on a line: any line of the diff's hunks. */
export function inDiff(changes: PullChanges, file: string, line: number): boolean {
  return changes.lines.get(file)?.commentable.has(line) === true;
}
