import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the checkout says about itself, read from `.git` without running git. */
export interface GitFacts {
  /** `owner/name` of the `origin` remote when it is on github.com. */
  readonly repository?: string;
  /** The branch checked out, if any. */
  readonly branches: readonly string[];
}

/** Reads the `origin` remote and the current branch of the repository at `root`; missing pieces are left out. */
export function readGitFacts(root: string): GitFacts {
  const repository = githubRepository(readGit(root, 'config') ?? '');
  const branch = /^ref: refs\/heads\/(.+)$/m.exec(readGit(root, 'HEAD') ?? '')?.[1]?.trim();
  return { ...(repository === undefined ? {} : { repository }), branches: branch === undefined ? [] : [branch] };
}

function readGit(root: string, file: string): string | undefined {
  try {
    return readFileSync(path.join(root, '.git', file), 'utf8');
  } catch {
    return undefined;
  }
}

/** `owner/name` from the `url` of `[remote "origin"]`, for https, ssh and scp-style github.com URLs. */
export function githubRepository(gitConfig: string): string | undefined {
  const section = /\[remote "origin"\]([^[]*)/.exec(gitConfig)?.[1] ?? '';
  const url = /^\s*url\s*=\s*(.+)$/m.exec(section)?.[1]?.trim() ?? '';
  return /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(url)?.[1];
}
