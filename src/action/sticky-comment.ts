import { isStickyComment } from '../core/index.js';
import type { Comment, GitHubApi } from './github-api.js';

/** What became of the sticky comment. */
export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'not-needed';

/**
 * Keeps exactly one linkvet comment on the pull request: the one carrying the marker is edited in
 * place; a new one is made only when there is something to say (`hasFindings`), so a clean pull
 * request stays quiet, while a comment that once listed findings turns into the all-clear.
 */
export async function upsertStickyComment(
  api: GitHubApi,
  pull: number,
  body: string,
  hasFindings: boolean,
): Promise<CommentOutcome> {
  const existing = (await api.listComments(pull)).find(
    (comment) => isStickyComment(comment.body) && isTrusted(comment),
  );
  if (existing) {
    if (existing.body === body) return 'unchanged';
    await api.updateComment(existing.id, body);
    return 'updated';
  }
  if (!hasFindings) return 'not-needed';
  await api.createComment(pull, body);
  return 'created';
}

const maintainers = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Anyone can paste the marker into a comment; only a bot's (the Actions token's) or a
 * maintainer's (a personal token's) counts, so a stranger's comment is never edited or taken over.
 */
function isTrusted(comment: Comment): boolean {
  return comment.authorType === 'Bot' || maintainers.has(comment.association);
}
